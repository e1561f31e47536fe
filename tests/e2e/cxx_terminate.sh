# Where the C++ library would throw, a ring3 program (built without
# exceptions) ends exactly as the same source built by g++ against glibc
# (with exceptions) ends when the exception is not caught: the same bytes
# on stderr ("terminate called after throwing an instance of ...", the
# exception's what()), the same signal (SIGABRT, status 134). And the
# library's assertion mode and C's assert() report file, line, function
# and condition as glibc's do (the reference built by clang++, which
# spells function names the same way).
source "$(dirname "$0")/../lib.sh"
# compare_ending WHAT RING3_PROGRAM GLIBC_PROGRAM ARGS...: both copied
# under one name (messages may start with the program's name).
compare_ending() {
  local what=$1 mine=$2 ref=$3
  shift 3
  [ -x "$mine" ] || { fail "$what: $mine not built"; return; }
  [ -x "$ref" ] || { fail "$what: $ref not built"; return; }
  mkdir -p "$TMP/mine" "$TMP/ref"
  cp "$mine" "$TMP/mine/prog"
  cp "$ref" "$TMP/ref/prog"
  (cd "$TMP/mine" && exec timeout 20 ./prog "$@") >"$TMP/mine.out" 2>"$TMP/mine.err" </dev/null
  local mine_status=$?
  (cd "$TMP/ref" && exec timeout 20 ./prog "$@") >"$TMP/ref.out" 2>"$TMP/ref.err" </dev/null
  local ref_status=$?
  expect_eq "$what: status" "$ref_status" "$mine_status"
  expect_eq "$what: glibc's status" 134 "$ref_status"
  if cmp -s "$TMP/ref.err" "$TMP/mine.err"; then
    pass
  else
    fail "$what: stderr [$(cat "$TMP/mine.err")], glibc's [$(cat "$TMP/ref.err")]"
  fi
  expect_eq "$what: stdout" "" "$(cat "$TMP/mine.out")"
}

for case in vector_at string_at substr string_insert stoi_invalid stoi_range stod_invalid map_at \
            variant optional weak_ptr function length_error bad_alloc bitset random_device terminate; do
  for v in "" -pie; do
    compare_ending "terminate_paths$v $case" "$TEST_BIN/cxx_terminate_paths$v" \
      "$TEST_BIN/cxx_terminate_paths-glibc" "$case"
  done
done

for case in vector_index string_index front_of_empty span_index c_assert; do
  for v in "" -pie; do
    compare_ending "assertions$v $case" "$TEST_BIN/cxx_assertions$v" "$TEST_BIN/cxx_assertions-glibc" "$case"
  done
done
# Not a word on stderr when nothing fails.
"$TEST_BIN/cxx_assertions" >"$TMP/out" 2>"$TMP/err"
expect_eq "assertions without a failure: status" 0 $?
expect_eq "assertions without a failure: stderr" "" "$(cat "$TMP/err")"
finish
