#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz/ (built into BUILD/fuzz/ by
# tests/fuzz/fuzz.cmake).
#
#   run.sh smoke TARGET        a bounded session (ctest's fuzz.TARGET):
#                              fresh seeds, the regression inputs, a fixed
#                              seed, at most SMOKE_SECONDS / SMOKE_RUNS;
#                              fails on any finding
#   run.sh campaign [SECONDS] [TARGET...]
#                              a long campaign (make fuzz): each target in
#                              fork mode on JOBS processes for SECONDS
#                              (default 3600), its corpus kept in
#                              BUILD/fuzz-corpus/TARGET between campaigns,
#                              logs in BUILD/fuzz-logs/; prints the
#                              executions and findings of each target
#
# Environment: RING3_BUILD (the build directory; ctest sets it),
# RING3_SRC, RING3_BIN, RING3_TEST_BIN (default: from RING3_BUILD),
# JOBS (default: nproc), RING3_FUZZ_SEED (default 1, smoke only).
# A finding is written to BUILD/fuzz-findings/; reproduce it with
# BUILD/fuzz/fuzz_TARGET FILE, and once fixed, add FILE to
# tests/fuzz/regressions/TARGET/ so that every smoke run replays it.
set -uo pipefail

SRC=${RING3_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${RING3_BUILD:?set RING3_BUILD to the build directory}
BUILD=$(cd "$BUILD" && pwd)
BIN=${RING3_BIN:-$BUILD/bin}
TEST_BIN=${RING3_TEST_BIN:-$BUILD/test-bin}
JOBS=${JOBS:-$(nproc)}
FINDINGS=$BUILD/fuzz-findings
mkdir -p "$FINDINGS"

die() { echo "run.sh: $*" >&2; exit 1; }

# seeds TARGET DIR: the seed corpus, made afresh from what is on this
# machine: ring3's programs and test programs, system programs (dynamic,
# static, the dynamic loader, which ring3-load takes for a static-PIE
# program), and the malformed files of the loader's tests.
seeds() {
  local target=$1 dir=$2
  mkdir -p "$dir"
  local files=("$BIN"/* "$TEST_BIN"/* /bin/ls /bin/busybox /lib64/ld-linux-x86-64.so.2)
  case $target in
  elf)
    mkdir -p "$dir.malformed"
    python3 "$SRC/tests/loader/malformed.py" "$dir.malformed" >/dev/null || die "malformed.py failed"
    python3 "$SRC/tests/fuzz/seeds.py" elf "$dir" "${files[@]}" "$dir.malformed"/* >/dev/null ;;
  stack)
    python3 "$SRC/tests/fuzz/seeds.py" stack "$dir" "${files[@]}" >/dev/null ;;
  *) die "unknown target $target" ;;
  esac || die "seeds.py $target failed"
  rm -rf "$dir.malformed"
}

fuzzer() {
  local f=$BUILD/fuzz/fuzz_$1
  [ -x "$f" ] || die "$f is not built (clang and libclang-rt-14-dev; see tests/fuzz/fuzz.cmake)"
  echo "$f"
}

# Options every session shares: a hang of 10 s is a finding, as is an
# input that makes a target use 2 GiB.
COMMON=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

smoke() {
  local target=$1 f
  f=$(fuzzer "$target") || exit 1
  local seconds=${SMOKE_SECONDS:-30} runs=${SMOKE_RUNS:-3000000}
  [ "$target" = stack ] && seconds=${SMOKE_SECONDS:-20}
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  seeds "$target" "$tmp/seeds"
  mkdir -p "$tmp/new"
  local dirs=("$tmp/new" "$tmp/seeds")
  [ -d "$SRC/tests/fuzz/regressions/$target" ] && dirs+=("$SRC/tests/fuzz/regressions/$target")
  echo "fuzz_$target: $(ls "$tmp/seeds" | wc -l) seeds, seed ${RING3_FUZZ_SEED:-1}, at most ${seconds}s or $runs runs"
  "$f" "${COMMON[@]}" -seed="${RING3_FUZZ_SEED:-1}" -max_total_time="$seconds" -runs="$runs" \
    -artifact_prefix="$FINDINGS/$target-" "${dirs[@]}" >"$tmp/log" 2>&1
  local status=$?
  if [ $status -ne 0 ]; then
    tail -40 "$tmp/log"
    echo "FAIL: fuzz_$target found a problem (status $status); the input is in $FINDINGS/"
    exit 1
  fi
  grep -E "^(#[0-9]+.*DONE|Done [0-9]+ runs|stat::number_of_executed_units)" "$tmp/log"
  echo "fuzz_$target: no finding"
}

campaign() {
  local seconds=${1:-3600}
  shift
  local targets=("$@")
  [ ${#targets[@]} -eq 0 ] && targets=(elf stack)
  local stamp
  stamp=$(date +%Y%m%d-%H%M%S)
  local total_failed=0
  for target in "${targets[@]}"; do
    local f corpus logs
    f=$(fuzzer "$target") || exit 1
    corpus=$BUILD/fuzz-corpus/$target
    logs=$BUILD/fuzz-logs/$target-$stamp
    mkdir -p "$corpus" "$logs"
    # A copy of the target: fork mode starts it afresh for every job, and
    # a rebuild during the campaign must not change what is fuzzed.
    cp "$f" "$logs/" && f=$logs/$(basename "$f")
    seeds "$target" "$logs/seeds"
    local dirs=("$corpus" "$logs/seeds")
    [ -d "$SRC/tests/fuzz/regressions/$target" ] && dirs+=("$SRC/tests/fuzz/regressions/$target")
    echo "fuzz_$target: $JOBS processes for ${seconds}s; corpus $corpus; log $logs/fuzz.log"
    local start=$SECONDS
    # Fork mode: JOBS child processes in turn, their new inputs merged into
    # the corpus; the parent's status lines count every execution.
    (cd "$logs" && "$f" "${COMMON[@]}" -fork="$JOBS" -max_total_time="$seconds" \
      -artifact_prefix="$FINDINGS/$target-" "${dirs[@]}" >fuzz.log 2>&1)
    local status=$? elapsed=$((SECONDS - start))
    # "#N: cov: C ft: F corp: K exec/s E oom/timeout/crash: O/T/X time: Ss ..."
    local last
    last=$(grep -E '^#[0-9]+: cov:' "$logs/fuzz.log" | tail -1)
    local execs=${last%%:*}
    execs=${execs#\#}
    local otc
    otc=$(sed -E 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/' <<<"$last")
    local found
    found=$(find "$FINDINGS" -name "$target-*" -newer "$logs/seeds" | wc -l)
    echo "fuzz_$target: ${execs:-0} executions in ${elapsed}s on $JOBS processes," \
      "oom/timeout/crash ${otc:-?}, $found new findings, status $status" | tee "$logs/summary"
    grep -E '^#[0-9]+: cov:' "$logs/fuzz.log" | tail -1 >>"$logs/summary"
    if [ $status -ne 0 ] || [ "$found" -ne 0 ]; then
      total_failed=1
      tail -30 "$logs/fuzz.log"
    fi
  done
  return $total_failed
}

case ${1:-} in
smoke) [ $# -eq 2 ] || die "usage: run.sh smoke TARGET"; smoke "$2" ;;
campaign) shift; campaign "$@" ;;
*) die "usage: run.sh smoke TARGET | campaign [SECONDS] [TARGET...]" ;;
esac
