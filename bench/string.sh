#!/usr/bin/env bash
# bench/string.sh [BUILD_DIR]: ring3's memcpy, memmove, memset, memcmp,
# memchr and strlen against glibc's, at 8 B, 32 B, 128 B, 1 KiB, 64 KiB and
# 1 MiB, in one process (bench/string/compare.cpp): medians of ROUNDS
# interleaved batches, ratios glibc / ring3 (above 1: ring3 is faster).
# ring3's functions are compiled as in a ring3 program (-O3, -fno-builtin,
# the freestanding build's flags for runtime/src/libc/string/), under their
# hosted names; glibc is linked statically, its ifuncs picking the variant
# for this processor (AVX2 here) as they do in any glibc program.
#
#   make bench        (or: bash bench/string.sh build)
#   ROUNDS=61 bash bench/string.sh
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/.." && pwd)
rounds=${ROUNDS:-31}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
needs clang++

libc="$root/runtime/src/libc"
flags=(-std=c++20 -O3 -I "$root/runtime/include" -I "$root/runtime/src")
for f in "$libc"/string/*.cpp; do
  clang++ "${flags[@]}" -fno-builtin -c "$f" -o "$work/$(basename "$f" .cpp).o"
done
[ -f "$build/libring3_hosted.a" ] || { echo "no $build/libring3_hosted.a: run make build first" >&2; exit 1; }
clang++ "${flags[@]}" -c "$src/string/compare.cpp" -o "$work/compare.o"
# The rest of the runtime (the allocator behind strdup, the errno table
# behind strerror) from the hosted build; the functions measured are the
# objects above.
clang++ -static -o "$work/compare" "$work"/*.o "$build/libring3_hosted.a"
"$work/compare" "$rounds"
