# Shared helpers for the end-to-end tests (sourced, not run).
# ctest sets RING3_BIN (built programs), RING3_SRC (source tree),
# RING3_BUILD (build directory).
set -uo pipefail

BIN=${RING3_BIN:?run through ctest}
TEST_BIN=${RING3_TEST_BIN:-}
SRC=${RING3_SRC:?run through ctest}
failures=0
checks=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" == "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}
# expect_same_file WHAT EXPECTED_FILE ACTUAL_FILE
expect_same_file() {
  if cmp -s "$2" "$3"; then pass; else fail "$1: $3 differs from $2 ($(cmp "$2" "$3" 2>&1 | head -1))"; fi
}
# expect_contains WHAT NEEDLE HAYSTACK
expect_contains() {
  case "$3" in *"$2"*) pass ;; *) fail "$1: [$3] does not contain [$2]" ;; esac
}

# numbers_reference N: what `stream_tool numbers N` must print (line i:
# i, i squared, -i), made without ring3.
numbers_reference() {
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%d %.0f %d\n", i, i * i, -i }' | sed 's/ -0$/ 0/'
}

# use_gnu_cat: sets $gnu to a wrapper that runs GNU cat as `cat` found in
# /usr/bin:/bin (GNU's messages start with argv[0], so both cats print
# "cat: ..."), a file that timeout and setpriv can run too. Without GNU's
# cat in /usr/bin the test is skipped.
use_gnu_cat() {
  printf '#!/bin/sh\nPATH=/usr/bin:/bin exec cat "$@"\n' >"$TMP/gnu-cat"
  chmod 755 "$TMP/gnu-cat"
  gnu=$TMP/gnu-cat
  "$gnu" --version 2>/dev/null | grep -q 'GNU coreutils' || { echo "no GNU cat in /usr/bin"; exit 77; }
}

# run_both_ways PROGRAM [ARGS...]: PROGRAM run directly, then through
# ring3-load ($LOAD), stdin from /dev/null, each for at most 60 s. Leaves
# $TMP/direct.out, .err and $TMP/via.out, .err, and the statuses in
# $direct_status and $via_status, for the caller to compare.
run_both_ways() {
  timeout 60 "$@" >"$TMP/direct.out" 2>"$TMP/direct.err" </dev/null
  direct_status=$?
  timeout 60 "$LOAD" "$@" >"$TMP/via.out" 2>"$TMP/via.err" </dev/null
  via_status=$?
}

# expect_hello_program WHAT EXE: the consumer projects' program
# (tests/consumer*): `EXE world` prints "hello, world" with status 2 (its
# argc), and it is static, with no undefined symbols.
expect_hello_program() {
  "$2" world >"$TMP/out"
  expect_eq "$1: status (argc)" 2 $?
  expect_eq "$1: output" "hello, world" "$(cat "$TMP/out")"
  expect_eq "$1: no interpreter" "" "$(readelf -lW "$2" | grep INTERP)"
  expect_eq "$1: undefined symbols" "" "$(nm -u "$2" | grep -v ' w ')"
}

# Ends the test: a summary line, and the exit status ctest reads.
finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
  exit $?
}
