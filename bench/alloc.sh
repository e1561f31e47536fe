#!/usr/bin/env bash
# bench/alloc.sh BUILD_DIR: ring3's allocator against glibc malloc, side by
# side in one run. One workload source (bench/alloc/workload.cpp: plain new
# and delete) built three ways:
#   ring3        through toolchain.cmake, against BUILD_DIR/lib/libring3.a
#   g++/glibc    g++ -O2 against glibc: the reference of the targets
#   clang/glibc  clang++ -O2 against glibc: the same compiler as ring3, so
#                that the difference is the allocator
# Reports whole-process time (hyperfine, median of ROUNDS x RUNS runs in a
# new random order each round, so load elsewhere on this shared machine
# lands on all alike), peak RSS (/usr/bin/time -v, median of RSS_RUNS runs),
# the ratios to g++/glibc, each phase's in-process time, and the allocation
# fast path in ns per new and per delete.
#
#   make bench        (or: bash bench/alloc.sh build)
#   ROUNDS=5 RUNS=5 RSS_RUNS=5 bash bench/alloc.sh build
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/.." && pwd)
rounds=${ROUNDS:-5}
runs=${RUNS:-5}
rss_runs=${RSS_RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in hyperfine g++ clang++ cmake /usr/bin/time; do
  command -v $tool >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
[ -f "$build/lib/libring3.a" ] || { echo "no $build/lib/libring3.a: run make build first" >&2; exit 1; }

# The three builds.
cmake -S "$src/alloc" -B "$work/ring3-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/toolchain.cmake" -DRING3_LIB_DIR="$build/lib" >"$work/log" 2>&1 &&
  cmake --build "$work/ring3-build" >>"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
cp "$work/ring3-build/workload" "$work/ring3"
g++ -std=c++20 -O2 -o "$work/gxx-glibc" "$src/alloc/workload.cpp"
clang++ -std=c++20 -O2 -o "$work/clang-glibc" "$src/alloc/workload.cpp"
builds=(ring3 gxx-glibc clang-glibc)

# The same work: the checksums agree.
for b in "${builds[@]}"; do
  "$work/$b" | sed 's/ [0-9]* ms / /' >"$work/$b.sums"
done
for b in "${builds[@]}"; do
  cmp -s "$work/ring3.sums" "$work/$b.sums" || { echo "checksums differ: ring3 vs $b" >&2; exit 1; }
done

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

# Whole-process times: hyperfine exports every run's time.
: >"$work/times"
for r in $(seq "$rounds"); do
  mapfile -t order < <(printf '%s\n' "${builds[@]}" | shuf)
  cmds=()
  for b in "${order[@]}"; do cmds+=("$work/$b"); done
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$work/round.json" "${cmds[@]}" >/dev/null 2>&1
  python3 - "$work/round.json" >>"$work/times" <<'EOF'
import json, os, sys
for r in json.load(open(sys.argv[1]))["results"]:
    for t in r["times"]:
        print(os.path.basename(r["command"]), t)
EOF
done

# Peak RSS, and each phase's time as the workload measures it.
: >"$work/rss"
: >"$work/phases"
for r in $(seq "$rss_runs"); do
  for b in $(printf '%s\n' "${builds[@]}" | shuf); do
    /usr/bin/time -v "$work/$b" 2>"$work/tv" >"$work/out"
    echo "$b $(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/tv")" >>"$work/rss"
    awk -v b="$b" '{print b, $1, $2}' "$work/out" >>"$work/phases"
  done
done

time_of() { awk -v b="$1" '$1==b {print $2}' "$work/times" | median; }
rss_of() { awk -v b="$1" '$1==b {print $2}' "$work/rss" | median; }
phase_of() { awk -v b="$1" -v p="$2" '$1==b && $2==p {print $3}' "$work/phases" | median; }

echo "workload: list, arrays, aligned, large (bench/alloc/workload.cpp); $((rounds * runs)) timed runs and $rss_runs RSS runs per build"
base_t=$(time_of gxx-glibc)
base_m=$(rss_of gxx-glibc)
printf '%-12s %9s %10s %11s %9s   %s\n' build "median s" "speedup" "peak RSS MB" "RSS ratio" "phases (ms): list arrays aligned large"
for b in "${builds[@]}"; do
  t=$(time_of "$b")
  m=$(rss_of "$b")
  phases=""
  for p in list arrays aligned large; do phases="$phases $(phase_of "$b" "$p")"; done
  awk -v b="$b" -v t="$t" -v m="$m" -v bt="$base_t" -v bm="$base_m" -v ph="$phases" \
    'BEGIN {printf "%-12s %9.3f %9.2fx %11.1f %9.2f  %s\n", b, t, bt / t, m / 1024, m / bm, ph}'
done

# The fast path, cache-resident (median of five runs, each a median).
echo
echo "allocation fast path (16-byte objects, memory mapped and cached), ns per operation:"
for b in "${builds[@]}"; do
  for r in 1 2 3 4 5; do "$work/$b" fastpath; done >"$work/fp"
  n=$(awk '{print $3}' "$work/fp" | median)
  d=$(awk '{print $6}' "$work/fp" | median)
  printf '%-12s new %5.2f ns   delete %5.2f ns\n' "$b" "$n" "$d"
done

# The patterns the main workload does not use: a list freed oldest first
# (no LIFO rollback), and arrays past ring3's 512 KiB large-block threshold.
echo
echo "other patterns, whole process (hyperfine median of $((rounds * runs)) runs) and peak RSS:"
for phase in list-fifo arrays-big; do
  hyperfine -N --style none --warmup 1 --runs $((rounds * runs)) --export-json "$work/x.json" \
    "$work/ring3 $phase" "$work/gxx-glibc $phase" >/dev/null 2>&1
  read -r rt gt < <(python3 - "$work/x.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["median"], r[1]["median"])
EOF
)
  rm=$(for i in 1 2 3; do /usr/bin/time -f %M "$work/ring3" "$phase" 2>&1 >/dev/null; done | median)
  gm=$(for i in 1 2 3; do /usr/bin/time -f %M "$work/gxx-glibc" "$phase" 2>&1 >/dev/null; done | median)
  awk -v p="$phase" -v rt="$rt" -v gt="$gt" -v rm="$rm" -v gm="$gm" \
    'BEGIN {printf "%-11s ring3 %.3f s, g++/glibc %.3f s: %.2fx; peak RSS %.1f vs %.1f MB (%.2f)\n", p, rt, gt, gt / rt, rm / 1024, gm / 1024, rm / gm}'
done
