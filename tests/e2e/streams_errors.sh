# Write errors are never lost: a program whose stdout cannot be written
# exits 1 with GNU's message; a reader that goes away ends it quietly.
source "$(dirname "$0")/../lib.sh"
# The same checks for the static program and its static-PIE twin, whose
# constant-initialised streams hold pointers that startup relocates.
for tool in "$TEST_BIN/stream_tool" "$TEST_BIN/stream_tool-pie"; do
  [ -x "$tool" ] || { fail "no $tool"; continue; }
  name=$(basename "$tool")

  "$tool" numbers 10 >/dev/full 2>"$TMP/err"
  expect_eq "/dev/full status" 1 $?
  expect_eq "/dev/full message" "$name: write error: No space left on device" "$(cat "$TMP/err")"
  # Larger than the buffer: the error comes at a write inside the program.
  "$tool" numbers 100000 >/dev/full 2>"$TMP/err"
  expect_eq "/dev/full status, large" 1 $?
  expect_eq "/dev/full message, large" "$name: write error: No space left on device" "$(cat "$TMP/err")"
  # A failing program keeps its status; the message still comes.
  "$tool" partial-exit 4 >/dev/full 2>"$TMP/err"
  expect_eq "/dev/full keeps status 4" 4 $?
  expect_eq "/dev/full message with status 4" "$name: write error: No space left on device" "$(cat "$TMP/err")"

  "$tool" numbers 10 >&- 2>"$TMP/err"
  expect_eq "closed stdout status" 1 $?
  expect_eq "closed stdout message" "$name: write error: Bad file descriptor" "$(cat "$TMP/err")"

  # Nothing written, nothing to report.
  "$tool" nothing >/dev/full 2>"$TMP/err"
  expect_eq "nothing to /dev/full" "0:" "$?:$(cat "$TMP/err")"

  # A reader that goes away: killed by SIGPIPE, as GNU yes is...
  "$tool" yes 2>"$TMP/err" | head -c 1 >/dev/null
  expect_eq "closed pipe: killed by SIGPIPE" 141 "${PIPESTATUS[0]}"
  expect_eq "closed pipe stderr" "" "$(cat "$TMP/err")"
  # ...and with SIGPIPE ignored, EPIPE ends the endless writer, quietly, 1.
  (trap '' PIPE; timeout 10 "$tool" yes 2>"$TMP/err" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}")
  expect_eq "EPIPE status" 1 $?
  expect_eq "EPIPE stderr" "" "$(cat "$TMP/err")"
done
finish
