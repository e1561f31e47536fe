#!/usr/bin/env bash
# The long differential campaign (make fuzz-differential): damaged headers
# of a glibc static, static-PIE and dynamic program (tests/loader/peer.c)
# and of ring3's hello, and #! scripts with a damaged first line, run
# through execve and through ring3-load and judged by
# tests/loader/differential.py, in rounds (seed SEED, SEED+1, ...) for
# SECONDS. Prints the verdicts, the known mismatches by class, and every
# other mismatch with its seed and number; those files are kept in
# BUILD/differential-findings/. tests/e2e/loader_differential.sh is the
# bounded run of the same campaign that make test does.
#
#   differential.sh [SEED] [SECONDS]        (RING3_BUILD: the build directory)
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${RING3_BUILD:?set RING3_BUILD to the build directory}" && pwd)
SEED=${1:-1}
SECONDS_WANTED=${2:-600}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
gcc -O2 -static -o peer-static "$SRC/tests/loader/peer.c" \
  && gcc -O2 -static-pie -o peer-static-pie "$SRC/tests/loader/peer.c" \
  && gcc -O2 -o peer-dynamic "$SRC/tests/loader/peer.c" || { echo "differential.sh: gcc failed" >&2; exit 1; }
cp "$BUILD/bin/hello" hello
echo "differential campaign: seed $SEED on, ${SECONDS_WANTED}s, 4400 mutants a round"
python3 "$SRC/tests/loader/differential.py" campaign "$BUILD/bin/ring3-load" "$SEED" 600 mut \
  peer-static peer-static-pie peer-dynamic hello --scripts 2000 --seconds "$SECONDS_WANTED" \
  --keep "$BUILD/differential-findings"
