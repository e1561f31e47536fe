#!/usr/bin/env bash
# bench/loader_dynamic.sh BUILD_DIR: what ring3-load costs for dynamically
# linked programs. Start-to-exit time (hyperfine -N medians), side by side
# in one run: each program directly, through ring3-load, and through
# glibc's ld.so run as a command (`ld.so PROGRAM`: the other way to start a
# program without execve of the program itself); ratios to the direct run.
# Also the system calls and minor page faults of each way.
#
#   bash bench/loader_dynamic.sh build
set -euo pipefail
build=${1:-build}
bin=$(cd "$build/bin" && pwd)
runs=${RUNS:-100}
rounds=${ROUNDS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"
needs hyperfine strace /usr/bin/time
load="$work/ring3-load"
strip -s -o "$load" "$bin/ring3-load"
ldso=/lib64/ld-linux-x86-64.so.2

# NAME|COMMAND: dynamically linked programs of this machine.
programs=("true|/bin/true" "echo|/bin/echo hi" "dash|/bin/dash -c :")
[ -x /usr/bin/python3 ] && programs+=("python3|/usr/bin/python3 -S -c pass")
cmds=()
for p in "${programs[@]}"; do
  c=${p#*|}
  cmds+=("$c" "$load $c" "$ldso $c")
done

# All commands in one hyperfine invocation per round, shuffled each round;
# each time is the median of the per-round medians.
hyperfine_rounds --warmup 10 -- "${cmds[@]}"

printf '%-9s %10s %11s %7s %11s %7s   %s\n' program "direct µs" "ring3-load" ratio "ld.so PROG" ratio "syscalls / faults: direct, ring3-load, ld.so"
for p in "${programs[@]}"; do
  n=${p%%|*} c=${p#*|}
  d=$(median_of "$c") v=$(median_of "$load $c") l=$(median_of "$ldso $c")
  # shellcheck disable=SC2086
  s="$(syscalls $c) $(syscalls $load $c) $(syscalls $ldso $c)"
  # shellcheck disable=SC2086
  f="$(faults $c) $(faults $load $c) $(faults $ldso $c)"
  awk -v n="$n" -v d="$d" -v v="$v" -v l="$l" -v s="$s" -v f="$f" \
    'BEGIN { printf "%-9s %10.1f %11.1f %6.3fx %11.1f %6.3fx   %s / %s\n", n, d * 1e6, v * 1e6, v / d, l * 1e6, l / d, s, f }'
done
echo "(hyperfine -N: median of $rounds rounds x $runs runs, shuffled each round; load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
echo "ring3-load stripped: $(stat -c %s "$load") bytes"
