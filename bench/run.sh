#!/usr/bin/env bash
# make bench: every benchmark in bench/, one after the other. Each script
# measures ring3 and its peers side by side in one run and prints ratios.
set -uo pipefail
build=${1:-build}
status=0
for script in "$(dirname "$0")"/*.sh; do
  case $(basename "$script") in run.sh | lib.sh) continue ;; esac
  echo "== $(basename "$script" .sh)"
  bash "$script" "$build" || status=1
  echo
done
exit $status
