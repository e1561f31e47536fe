# panic and RING3_CHECK: one line on stderr naming the program, the source
# position and the message, then SIGABRT (status 134).
source "$(dirname "$0")/../lib.sh"

"$TEST_BIN/panic_check" 2>"$TMP/err"
expect_eq "failed check status" 134 $?
line=$(grep -n 'RING3_CHECK(argc > 5)' "$SRC/tests/programs/panic_check.cpp" | cut -d: -f1)
expect_eq "failed check message" \
  "panic_check: $SRC/tests/programs/panic_check.cpp:$line: check failed: argc > 5" "$(cat "$TMP/err")"

"$TEST_BIN/panic_check" p 2>"$TMP/err"
expect_eq "panic status" 134 $?
line=$(grep -n 'ring3::panic(' "$SRC/tests/programs/panic_check.cpp" | cut -d: -f1)
expect_eq "panic message" \
  "panic_check: $SRC/tests/programs/panic_check.cpp:$line: the impossible happened" "$(cat "$TMP/err")"

"$TEST_BIN/panic_check" 1 2 3 4 5
expect_eq "passing check" 0 $?
finish
