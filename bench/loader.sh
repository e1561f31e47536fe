#!/usr/bin/env bash
# bench/loader.sh BUILD_DIR: what ring3-load costs. Each program is run
# directly and through ring3-load, side by side in one run: start-to-exit
# time (hyperfine -N medians), the ratio through ring3-load / directly,
# system calls (strace -f, execve included) and minor page faults
# (/usr/bin/time, the least of 5 runs). Also ring3-load's own size.
#
#   bash bench/loader.sh build
set -euo pipefail
build=${1:-build}
bin=$(cd "$build/bin" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-100}
rounds=${ROUNDS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/lib.sh"
needs hyperfine strace gcc /usr/bin/time

# The programs: ring3's hello (static), the same hello in C with glibc,
# static and static-PIE, busybox-static's true and the system's /bin/true
# (dynamically linked: ld.so and libc.so.6 too).
cp "$bin/hello" "$work/hello-ring3"
gcc -O2 -static -o "$work/hello-glibc-static" "$src/c/hello.c"
gcc -O2 -static-pie -o "$work/hello-glibc-static-pie" "$src/c/hello.c"
cp /bin/busybox "$work/busybox-static"
cp /bin/true "$work/true-dynamic"
for f in "$work"/*; do strip -s "$f"; done
load="$work/ring3-load"
strip -s -o "$load" "$bin/ring3-load"

names=(hello-ring3 hello-glibc-static hello-glibc-static-pie busybox-static true-dynamic)
args() { case $1 in busybox-static) echo true ;; *) echo "" ;; esac; }
cmds=("$load --version")
for n in "${names[@]}"; do
  cmds+=("$work/$n $(args "$n")" "$load $work/$n $(args "$n")")
done

# All commands in one hyperfine invocation per round, shuffled each round;
# each time is the median of the per-round medians.
hyperfine_rounds --warmup 20 -- "${cmds[@]}"

printf '%-24s %10s %10s %8s %9s %7s %7s %7s\n' program "direct µs" "loaded µs" ratio syscalls loaded faults loaded
for n in "${names[@]}"; do
  direct="$work/$n $(args "$n")"
  via="$load $work/$n $(args "$n")"
  d=$(median_of "$direct")
  v=$(median_of "$via")
  # shellcheck disable=SC2086
  cd=$(syscalls $direct)
  # shellcheck disable=SC2086
  cv=$(syscalls $via)
  # shellcheck disable=SC2086
  fd=$(faults $direct)
  # shellcheck disable=SC2086
  fv=$(faults $via)
  awk -v n="$n" -v d="$d" -v v="$v" -v cd="$cd" -v cv="$cv" -v fd="$fd" -v fv="$fv" \
    'BEGIN { printf "%-24s %10.1f %10.1f %7.3fx %9d %7d %7d %7d\n", n, d * 1e6, v * 1e6, v / d, cd, cv, fd, fv }'
done
awk -v v="$(median_of "$load --version")" -v h="$(median_of "$work/hello-ring3 ")" \
  'BEGIN { printf "%-24s %10.1f %10s  (exec, start and exit of ring3-load alone: %.1f us over hello)\n", "ring3-load --version", v * 1e6, "", (v - h) * 1e6 }'
echo "(hyperfine -N: median of $rounds rounds x $runs runs, shuffled each round; load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
echo "ring3-load stripped: $(stat -c %s "$load") bytes"
echo "system calls of ring3-load itself, loading hello-ring3:"
strace -o "$work/trace" "$load" "$work/hello-ring3" >/dev/null
sed -E 's/^/  /' "$work/trace"
