#!/usr/bin/env bash
# bench/startup.sh BUILD_DIR: what a tiny program costs, ring3 against its
# peers, side by side in one run: stripped size, system calls (strace,
# execve included) and start-to-exit time (hyperfine median of many runs),
# times as ratios to the article's NASM readfile.
#
#   make bench-startup        (or: bash bench/startup.sh build)
set -euo pipefail
build=${1:-build}
bin=$(cd "$build/bin" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-100}
rounds=${ROUNDS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/lib.sh"
needs musl-gcc hyperfine strace gcc

# The same C programs, built with musl and glibc (static and dynamic).
for p in hello readfile mmapfile; do
  musl-gcc -O2 -static -o "$work/$p-musl" "$src/c/$p.c"
  gcc -O2 -static -o "$work/$p-glibc-static" "$src/c/$p.c"
  gcc -O2 -o "$work/$p-glibc-dynamic" "$src/c/$p.c"
done
cp "$bin/readfile-asm" "$work/readfile-nasm"
for p in hello readfile mmapfile; do cp "$bin/$p" "$work/$p-ring3"; done
for f in "$work"/*; do strip -s "$f"; done

input=/etc/hosts

# Every binary in one hyperfine invocation per round, in a new random
# order each round, so that a burst of load elsewhere on this shared
# machine lands on all of them alike; each time is the median of the
# per-round medians.
cmds=()
names=()
for v in nasm; do names+=("readfile-$v"); done
for p in hello readfile mmapfile; do
  for v in ring3 musl glibc-static glibc-dynamic; do names+=("$p-$v"); done
done
for n in "${names[@]}"; do
  case $n in hello-*) cmds+=("$work/$n") ;; *) cmds+=("$work/$n $input") ;; esac
done
hyperfine_rounds --warmup 20 -- "${cmds[@]}"
base=$(median_of "$work/readfile-nasm $input")

printf '%-24s %10s %9s %12s %10s\n' program "stripped B" syscalls "median µs" "vs NASM"
for i in "${!names[@]}"; do
  n=${names[$i]}
  c=${cmds[$i]}
  size=$(stat -c %s "$work/$n")
  # shellcheck disable=SC2086
  calls=$(syscalls $c)
  med=$(median_of "$c")
  awk -v n="$n" -v s="$size" -v k="$calls" -v m="$med" -v b="$base" \
    'BEGIN { printf "%-24s %10d %9d %12.1f %9.2fx\n", n, s, k, m * 1e6, m / b }'
done
echo "(hyperfine -N: median of $rounds rounds x $runs runs, shuffled each round; input $input)"
