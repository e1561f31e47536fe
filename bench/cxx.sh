#!/usr/bin/env bash
# bench/cxx.sh BUILD_DIR: ordinary C++ (the toolchain's libstdc++) in a
# ring3 program against the same source built the usual ways, in one run.
# One container-heavy workload (bench/cxx/workload.cpp: strings, map,
# unordered_map, sorting a vector<string>, shared_ptr, function,
# priority_queue), built five ways:
#   ring3        through toolchain.cmake (libstdc++.a, ring3's allocator and C functions)
#   gxx-glibc    g++ -O2 against glibc (dynamic): the usual build
#   clang-glibc  clang++ -O2 against glibc: ring3's compiler
#   gxx-static   g++ -O2 -static against glibc: the size reference
#   musl         g++ -O2, linked statically against musl's libc with the
#                same libstdc++.a (musl-gcc has no C++; bench/cxx/musl_glibc_abi.c
#                supplies the three glibc-only names libstdc++.a asks for)
# Each round runs every build once, in a new random order; medians over
# ROUNDS rounds of the whole process's CPU time (user + system, from
# wait4) and of each phase's (the workload reads CLOCK_PROCESS_CPUTIME_ID):
# on this shared 2-core machine wall time mostly measures the other
# processes. The checksums must agree. Then stripped sizes, and shortest double-to-text
# (bench/cxx/shortest_double.cpp): std::to_chars, ring3's streams, {fmt}.
#
#   bash bench/cxx.sh build          ROUNDS=21 bash bench/cxx.sh build
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/.." && pwd)
rounds=${ROUNDS:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
needs g++ clang++ cmake python3 musl-gcc strip
[ -f "$build/lib/libring3.a" ] || { echo "no $build/lib/libring3.a: run make build first" >&2; exit 1; }

cmake -S "$src/cxx" -B "$work/ring3-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/toolchain.cmake" -DRING3_LIB_DIR="$build/lib" >"$work/log" 2>&1 &&
  cmake --build "$work/ring3-build" >>"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
cp "$work/ring3-build/workload" "$work/ring3"
w=$src/cxx/workload.cpp
g++ -std=c++20 -O2 -o "$work/gxx-glibc" "$w"
clang++ -std=c++20 -O2 -o "$work/clang-glibc" "$w"
g++ -std=c++20 -O2 -static -o "$work/gxx-static" "$w"
musl=/usr/lib/x86_64-linux-musl
g++ -std=c++20 -O2 -c -o "$work/workload-musl.o" "$w"
musl-gcc -O2 -c -o "$work/musl_glibc_abi.o" "$src/cxx/musl_glibc_abi.c"
g++ -static -nostdlib -o "$work/musl" "$musl/crt1.o" "$musl/crti.o" "$work/workload-musl.o" \
  "$work/musl_glibc_abi.o" "$(g++ -print-file-name=libstdc++.a)" "$(g++ -print-file-name=libgcc_eh.a)" \
  "$(g++ -print-file-name=libgcc.a)" "$musl/libc.a" "$musl/crtn.o"

python3 - "$work" "$rounds" <<'PY'
import os, random, re, statistics, subprocess, sys, time

work, rounds = sys.argv[1], int(sys.argv[2])
builds = ["ring3", "gxx-glibc", "clang-glibc", "gxx-static", "musl"]

def run(build):
    out = open(f"{work}/out", "w+")
    proc = subprocess.Popen([f"{work}/{build}"], stdout=out)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{build} failed ({status})")
    out.seek(0)
    text = out.read()
    cpu = usage.ru_utime + usage.ru_stime
    phases = {m.group(1): (int(m.group(2)), m.group(3))
              for m in re.finditer(r"^(\S+) (\d+) us  checksum (\d+)$", text, re.M)}
    return cpu, phases

first = {b: run(b)[1] for b in builds}
names = list(first["ring3"])
for b in builds:
    if {k: v[1] for k, v in first[b].items()} != {k: v[1] for k, v in first["ring3"].items()}:
        sys.exit(f"checksums differ: ring3 {first['ring3']} vs {b} {first[b]}")

res = {b: [] for b in builds}
for _ in range(rounds):
    for b in random.sample(builds, len(builds)):
        res[b].append(run(b))
med = statistics.median
print(f"workload: bench/cxx/workload.cpp; {rounds} rounds, each build once per round in random order; medians")
print(f"{'build':<12} {'CPU ms':>8} {'ring3 is':>9}  " + " ".join(f"{n:>14}" for n in names) + "   (phase CPU ms)")
cpu = {b: med(r[0] for r in res[b]) for b in builds}
for b in builds:
    ph = " ".join(f"{med(r[1][n][0] for r in res[b]) / 1000:14.1f}" for n in names)
    print(f"{b:<12} {cpu[b] * 1000:8.1f} {cpu[b] / cpu['ring3']:8.2f}x  {ph}")
print("(ring3 is N x: the peer's CPU time over ring3's; above 1, ring3 is faster)")
print("\nper phase, ring3's speedup (peer CPU time / ring3 CPU time):")
for b in builds[1:]:
    print(f"  vs {b:<12} " + " ".join(
        f"{n} {med(r[1][n][0] for r in res[b]) / med(r[1][n][0] for r in res['ring3']):.2f}x" for n in names))

print("\nstripped size (strip --strip-all):")
sizes = {}
for b in builds:
    subprocess.run(["strip", "-o", f"{work}/{b}.stripped", f"{work}/{b}"], check=True)
    sizes[b] = os.path.getsize(f"{work}/{b}.stripped")
for b in builds:
    print(f"  {b:<12} {sizes[b]:8d} B   ring3 is {sizes['ring3'] / sizes[b]:.3f} of it")
PY

# Shortest double to text.
g++ -std=c++20 -O2 -o "$work/shortest-glibc" "$src/cxx/shortest_double.cpp" -lfmt
echo
echo "shortest double to text, ns per number (median of 5 runs of 1e6 doubles):"
for prog in "$work/ring3-build/shortest_double" "$work/shortest-glibc"; do
  for _ in 1 2 3 4 5; do "$prog" 1000000; done | awk '{ v[$1] = v[$1] " " $2 } END { for (k in v) print k, v[k] }' |
    while read -r name values; do
      printf '  %-9s %6s ns   (%s)\n' "$name" "$(printf '%s\n' $values | median)" \
        "$( [ "$prog" = "$work/shortest-glibc" ] && echo "g++ -O2, glibc" || echo "ring3 program")"
    done
done
