#!/usr/bin/env bash
# bench/alloc.sh BUILD_DIR: ring3's allocator against glibc malloc, side by
# side in one run. One workload source (bench/alloc/workload.cpp: plain new
# and delete) built three ways:
#   ring3        through toolchain.cmake, against BUILD_DIR/lib/libring3.a
#   g++/glibc    g++ -O2 against glibc: the reference of the targets
#   clang/glibc  clang++ -O2 against glibc: ring3's compiler, so that what
#                differs from ring3 is the allocator alone
# Each round runs every build once, in a new random order, under
# /usr/bin/time -v: whole-process wall time, peak RSS ("Maximum resident
# set size") and each phase's time as the workload reports it. Medians over
# ROUNDS rounds, ratios to g++/glibc. Runs are interleaved rather than
# back to back because on this VM memory freed by a process and not reused
# within a few seconds goes back to the host (page reporting), and the next
# process to touch it pays for that: back-to-back runs of one program would
# flatter it with its own still-warm memory.
# Then the allocation fast path in ns per new and per delete, and two
# patterns the main workload does not use.
#
#   make bench        (or: bash bench/alloc.sh build)
#   ROUNDS=21 bash bench/alloc.sh build
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/.." && pwd)
rounds=${ROUNDS:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
needs g++ clang++ cmake python3 /usr/bin/time
[ -f "$build/lib/libring3.a" ] || { echo "no $build/lib/libring3.a: run make build first" >&2; exit 1; }

# The three builds.
cmake -S "$src/alloc" -B "$work/ring3-build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/toolchain.cmake" -DRING3_LIB_DIR="$build/lib" >"$work/log" 2>&1 &&
  cmake --build "$work/ring3-build" >>"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
cp "$work/ring3-build/workload" "$work/ring3"
g++ -std=c++20 -O2 -o "$work/gxx-glibc" "$src/alloc/workload.cpp"
clang++ -std=c++20 -O2 -o "$work/clang-glibc" "$src/alloc/workload.cpp"

python3 - "$work" "$rounds" <<'EOF'
import random, re, statistics, subprocess, sys, time

work, rounds = sys.argv[1], int(sys.argv[2])
builds = ["ring3", "gxx-glibc", "clang-glibc"]
main_phases = ["list", "arrays", "aligned", "large"]

def run(build, args=()):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", f"{work}/{build}", *args],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{build} {' '.join(args)} failed: {p.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    phases = {m.group(1): (int(m.group(2)), m.group(3))
              for m in re.finditer(r"^(\S+) (\d+) ms  checksum (\d+)$", p.stdout, re.M)}
    return wall, rss, phases, p.stdout

# The same work in all three: the checksums agree.
sums = {b: {k: v[1] for k, v in run(b)[2].items()} for b in builds}
for b in builds:
    if sums[b] != sums["ring3"]:
        sys.exit(f"checksums differ: ring3 {sums['ring3']} vs {b} {sums[b]}")

def interleaved(names, args=()):
    res = {b: [] for b in names}
    for _ in range(rounds):
        for b in random.sample(names, len(names)):
            res[b].append(run(b, args))
    return res

med = statistics.median
res = interleaved(builds)
base_t = med(r[0] for r in res["gxx-glibc"])
base_m = med(r[1] for r in res["gxx-glibc"])
print(f"workload: {', '.join(main_phases)} (bench/alloc/workload.cpp); {rounds} rounds, "
      "each build once per round in random order; medians")
print(f"{'build':<12} {'wall s':>7} {'speedup':>8} {'peak RSS MB':>12} {'RSS ratio':>10}   "
      f"phase ms: {' '.join(main_phases)}")
for b in builds:
    t = med(r[0] for r in res[b])
    m = med(r[1] for r in res[b])
    ph = " ".join(f"{med(r[2][p][0] for r in res[b]):g}" for p in main_phases)
    print(f"{b:<12} {t:7.3f} {base_t / t:7.2f}x {m / 1024:12.1f} {m / base_m:10.2f}   {ph}")

print("\nallocation fast path (16-byte objects, memory mapped and cached; median of 5 runs):")
fast = {}
for b in builds:
    news, dels = [], []
    for _ in range(5):
        out = run(b, ["fastpath"])[3]
        m = re.search(r"new ([\d.]+) ns  delete ([\d.]+) ns", out)
        news.append(float(m.group(1)))
        dels.append(float(m.group(2)))
    fast[b] = (med(news), med(dels))
for b in builds:
    n, d = fast[b]
    print(f"{b:<12} new {n:5.2f} ns   delete {d:5.2f} ns   "
          f"(peer/ring3: new {n / fast['ring3'][0]:.2f}x, delete {d / fast['ring3'][1]:.2f}x)")

print(f"\nother patterns (the same protocol, {rounds} rounds):")
for phase in ["list-fifo", "arrays-big"]:
    r = interleaved(["ring3", "gxx-glibc"], [phase])
    rt, gt = med(x[0] for x in r["ring3"]), med(x[0] for x in r["gxx-glibc"])
    rm, gm = med(x[1] for x in r["ring3"]), med(x[1] for x in r["gxx-glibc"])
    print(f"{phase:<11} ring3 {rt:.3f} s, g++/glibc {gt:.3f} s: {gt / rt:.2f}x; "
          f"peak RSS {rm / 1024:.1f} vs {gm / 1024:.1f} MB ({rm / gm:.2f})")
EOF
