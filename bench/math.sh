#!/usr/bin/env bash
# bench/math.sh: ring3's math functions against glibc's libm, in one
# process on the same inputs (bench/math/throughput.cpp): ns per call,
# medians over ROUNDS rounds, and the ratio ring3 / glibc. ring3's
# sources (runtime/src/libc/math/) are compiled here with clang++ -O2,
# the flags libring3.a uses; glibc's libm is the system's.
#
#   bash bench/math.sh             ROUNDS=41 bash bench/math.sh
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
needs clang++
clang++ -std=c++20 -O2 -I"$root/runtime/include" -o "$work/throughput" \
  "$src/math/throughput.cpp" "$root"/runtime/src/libc/math/*.cpp
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
"$work/throughput"
