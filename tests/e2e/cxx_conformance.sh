# The C++ standard library in ring3 programs, built twice and compared:
# each conformance program of tests/cxx/ built as a ring3 program (static
# and static-PIE) must print exactly what the same source prints when
# built by g++ -O2 against glibc (cmake/hosted.cmake builds the
# references). Then the randomized container test, on several seeds.
source "$(dirname "$0")/../lib.sh"
# run_and_compare WHAT RING3_PROGRAM GLIBC_PROGRAM [ARGS...]
run_and_compare() {
  local what=$1 mine=$2 ref=$3
  shift 3
  [ -x "$mine" ] || { fail "$mine not built"; return; }
  [ -x "$ref" ] || { fail "$ref not built"; return; }
  timeout 60 "$mine" "$@" >"$TMP/mine.out" 2>"$TMP/mine.err" </dev/null
  local mine_status=$?
  timeout 60 "$ref" "$@" >"$TMP/ref.out" 2>"$TMP/ref.err" </dev/null
  local ref_status=$?
  expect_eq "$what: status" "$ref_status" "$mine_status"
  expect_eq "$what: stderr" "$(cat "$TMP/ref.err")" "$(cat "$TMP/mine.err")"
  [ -s "$TMP/ref.out" ] || fail "$what: the glibc build printed nothing"
  if cmp -s "$TMP/ref.out" "$TMP/mine.out"; then
    pass
  else
    fail "$what: output differs from glibc's:"
    diff "$TMP/ref.out" "$TMP/mine.out" | head -20 >&2
  fi
}

for p in strings_charconv containers utilities algorithms_ranges numbers c_functions; do
  for v in "" -pie; do
    run_and_compare "cxx_$p$v" "$TEST_BIN/cxx_$p$v" "$TEST_BIN/cxx_$p-glibc"
  done
done

# Long random operation sequences on the containers: the same digests.
for seed in 1 2 3 4; do
  run_and_compare "containers_random seed $seed" "$TEST_BIN/cxx_containers_random" \
    "$TEST_BIN/cxx_containers_random-glibc" $seed 30000
done
run_and_compare "containers_random-pie seed 5" "$TEST_BIN/cxx_containers_random-pie" \
  "$TEST_BIN/cxx_containers_random-glibc" 5 30000
finish
