#!/usr/bin/env bash
# bench/streams.sh BUILD_DIR: ring3's streams against their peers, side by
# side in one run (sources in bench/format/):
#
#   write   10 million integers (mixed magnitudes and signs, the same
#           sequence in every program), one per line, to /dev/null, to a
#           pipe (hyperfine --output=pipe: hyperfine reads and discards)
#           and to a file in /tmp:
#           ring3 io::out << v << '\n'  vs  glibc printf("%lld\n"),
#           std::cout << v << '\n' (sync_with_stdio(false)), {fmt}'s
#           fmt::output_file (64 KiB buffer, as ring3), and {fmt} with a
#           compiled format string into a memory_buffer (FMT_COMPILE).
#   floats  2 million doubles (magnitudes 1e-4 to 1e8), one per line, to
#           /dev/null: with 3 decimals (ring3 fixed(v, 3), printf "%.3f",
#           std::fixed, {fmt} "{:.3f}"), and in the shortest form that reads
#           back (ring3 and {fmt} "{}"; printf and iostream have no such form
#           and print 17 significant digits instead).
#   lines   a 1 GiB text file (lines of 0-120 bytes, generated in /tmp and
#           deleted afterwards) read line by line, counting lines and bytes:
#           ring3 InStream::read_line  vs  glibc getline(3), std::getline.
#   size    the stripped size of a program that prints one integer.
#
# Times are medians of all runs (ROUNDS rounds of RUNS runs each, the
# programs in a new random order every round, so that load elsewhere on
# this shared machine lands on all alike); ratios are peer / ring3.
#
#   make bench        (or: bash bench/streams.sh build)
#   ROUNDS=3 RUNS=3 COUNT=1000000 MIB=256 bash bench/streams.sh build
#
# BASELINE=DIR, another ring3 source tree (say `git worktree add DIR
# COMMIT`) with its libring3.a built in DIR/build/lib, adds
# `ring3-baseline`, the same writer built by that tree, to the write
# table: a change to the streams measured against what it replaces, in
# one run.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")/format" && pwd)
root=$(cd "$src/../.." && pwd)
rounds=${ROUNDS:-5}
runs=${RUNS:-3}
count=${COUNT:-10000000}
mib=${MIB:-1024}
work=$(mktemp -d)
text=$(mktemp /tmp/ring3-bench-lines.XXXXXX)
trap 'rm -rf "$work" "$text"' EXIT
. "$root/bench/lib.sh"
needs hyperfine clang++ cmake python3 strip
[ -f /usr/include/fmt/os.h ] || { echo "bench needs libfmt-dev" >&2; exit 1; }
[ -f "$build/lib/libring3.a" ] || { echo "no $build/lib/libring3.a: run make build first" >&2; exit 1; }

# ring3 through toolchain.cmake, the peers with the same compiler at -O2.
cmake -S "$src" -B "$work/ring3-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/toolchain.cmake" -DRING3_LIB_DIR="$build/lib" >"$work/log" 2>&1 &&
  cmake --build "$work/ring3-build" >>"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
cp "$work/ring3-build/write_ring3" "$work/ring3-build/lines_ring3" "$work/ring3-build/one_int_ring3" \
  "$work/ring3-build/floats_ring3" "$work/"
writers=(ring3 printf iostream fmt fmt-compiled)
if [ -n "${BASELINE:-}" ]; then
  cmake -S "$src" -B "$work/baseline-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$BASELINE/toolchain.cmake" -DRING3_LIB_DIR="$BASELINE/build/lib" >"$work/log" 2>&1 &&
    cmake --build "$work/baseline-build" --target write_ring3 >>"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  cp "$work/baseline-build/write_ring3" "$work/write_ring3-baseline"
  writers+=(ring3-baseline)
fi
cxx() { clang++ -std=c++20 -O2 "$@"; }
cxx -o "$work/write_printf" "$src/write_printf.cpp"
cxx -o "$work/write_iostream" "$src/write_iostream.cpp"
cxx -o "$work/write_fmt" "$src/write_fmt.cpp" -lfmt
cxx -DFMT_COMPILED -o "$work/write_fmt-compiled" "$src/write_fmt.cpp" -lfmt
cxx -o "$work/floats_printf" "$src/floats_printf.cpp"
cxx -o "$work/floats_iostream" "$src/floats_iostream.cpp"
cxx -o "$work/floats_fmt" "$src/floats_fmt.cpp" -lfmt
cxx -o "$work/lines_getline" "$src/lines_getline.cpp"
cxx -o "$work/lines_stdgetline" "$src/lines_stdgetline.cpp"
cxx -o "$work/gen_text" "$src/gen_text.cpp"
cxx -DRING3_BENCH_LIBC -o "$work/one_int_glibc-dynamic" "$src/one_int.cpp"
cxx -DRING3_BENCH_LIBC -static -o "$work/one_int_glibc-static" "$src/one_int.cpp"
if command -v musl-gcc >/dev/null; then
  musl-gcc -O2 -static -x c -DRING3_BENCH_LIBC -o "$work/one_int_musl-static" - <<'EOF'
#include <stdio.h>
int main(int argc, char** argv) { (void)argv; printf("%d\n", argc * 42); return 0; }
EOF
fi

readers=(ring3 getline stdgetline)

# The same work: every writer prints the same bytes, every reader counts
# the same lines.
for w in "${writers[@]}"; do "$work/write_$w" 1000000 | md5sum >"$work/$w.sum"; done
for w in "${writers[@]}"; do
  cmp -s "$work/ring3.sum" "$work/$w.sum" || { echo "output differs: ring3 vs $w" >&2; exit 1; }
done
floaters=(ring3 printf iostream fmt)
for f in "${floaters[@]}"; do "$work/floats_$f" 200000 fixed | md5sum >"$work/$f.fsum"; done
for f in "${floaters[@]}"; do
  cmp -s "$work/ring3.fsum" "$work/$f.fsum" || { echo "fixed output differs: ring3 vs $f" >&2; exit 1; }
done
"$work/floats_ring3" 200000 shortest | md5sum >"$work/ring3.ssum"
"$work/floats_fmt" 200000 shortest | md5sum >"$work/fmt.ssum"
cmp -s "$work/ring3.ssum" "$work/fmt.ssum" || { echo "shortest output differs: ring3 vs fmt" >&2; exit 1; }

# measure NAME-PREFIX OUTPUT ARG PROGRAMS...: every run's time, into
# $work/times as "program seconds" lines.
measure() {
  local prefix=$1 output=$2 arg=$3
  shift 3
  : >"$work/times"
  for r in $(seq "$rounds"); do
    mapfile -t order < <(printf '%s\n' "$@" | shuf)
    cmds=()
    for p in "${order[@]}"; do cmds+=("$work/${prefix}_$p $arg"); done
    hyperfine -N --style none --warmup 1 --runs "$runs" --output="$output" \
      --export-json "$work/round.json" "${cmds[@]}" >/dev/null 2>&1
    python3 - "$work/round.json" "$work/${prefix}_" >>"$work/times" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"].split()[0][len(sys.argv[2]):]
    for t in r["times"]:
        print(name, t)
EOF
  done
}

# table TITLE PROGRAMS...: medians and ratios from $work/times.
table() {
  local title=$1
  shift
  printf '%-14s %10s %12s\n' "$title" "median s" "vs ring3"
  local base
  base=$(awk '$1=="ring3" {print $2}' "$work/times" | median)
  for p in "$@"; do
    local m
    m=$(awk -v p="$p" '$1==p {print $2}' "$work/times" | median)
    printf '%-14s %10.3f %11.2fx\n' "$p" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN {print a / b}')"
    echo "$p $m" >>"$work/medians"
  done
}

# fastest_ratio PROGRAMS...: the smallest peer median over ring3's.
fastest_ratio() {
  python3 - "$work/medians" "$@" <<'EOF'
import sys
med = dict(l.split() for l in open(sys.argv[1]))
print("%.2f" % (min(float(med[p]) for p in sys.argv[2:]) / float(med["ring3"])))
EOF
}

echo "== write $count integers, one per line ($rounds rounds x $runs runs, medians)"
for output in null pipe file; do
  : >"$work/medians"
  where=$output
  [ "$output" = file ] && where=$work/out.txt  # hyperfine truncates it every run
  measure write "$where" "$count" "${writers[@]}"
  table "to $output" "${writers[@]}"
  echo "ring3 vs the fastest of printf, iostream, fmt::output_file: $(fastest_ratio printf iostream fmt)x (target >= 1.5x)"
  echo "ring3 vs fmt-compiled (FMT_COMPILE into memory, no stream): $(fastest_ratio fmt-compiled)x"
  echo
done

fcount=$((count / 5))
echo "== write $fcount doubles, one per line, to /dev/null ($rounds rounds x $runs runs, medians)"
for mode in fixed shortest; do
  : >"$work/medians"
  measure floats null "$fcount $mode" "${floaters[@]}"
  table "$mode" "${floaters[@]}"
  echo
done

echo "== read a ${mib} MiB text file line by line ($rounds rounds x $runs runs, medians)"
"$work/gen_text" $((mib * 1024 * 1024)) >"$text"
cat "$text" >/dev/null  # into the page cache before any reader runs
for r in "${readers[@]}"; do "$work/lines_$r" "$text" >"$work/$r.count"; done
for r in "${readers[@]}"; do
  cmp -s "$work/ring3.count" "$work/$r.count" || { echo "counts differ: ring3 vs $r" >&2; exit 1; }
done
echo "$(cat "$work/ring3.count") (lines, bytes without newlines), $(stat -c %s "$text") bytes"
: >"$work/medians"
measure lines null "$text" "${readers[@]}"
table "lines" "${readers[@]}"
echo "ring3 vs glibc getline: $(fastest_ratio getline)x (target >= 2x)"
rm -f "$text"
echo

echo "== size of a program that prints one integer (strip -s; size / ring3's)"
strip -s -o "$work/stripped" "$work/one_int_ring3"
base=$(stat -c %s "$work/stripped")
for f in "$work"/one_int_*; do
  strip -s -o "$work/stripped" "$f"
  size=$(stat -c %s "$work/stripped")
  printf '%-26s %8d B %8.2fx\n' "$(basename "$f")" "$size" "$(awk -v a="$size" -v b="$base" 'BEGIN { print a / b }')"
done
