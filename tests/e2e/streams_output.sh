# The standard streams in a real ring3 program (tests/programs/stream_tool):
# what reaches stdout, when, in how many system calls, and what it costs.
source "$(dirname "$0")/../lib.sh"
# The same checks for the static program and its static-PIE twin, whose
# constant-initialised streams hold pointers that startup relocates.
for tool in "$TEST_BIN/stream_tool" "$TEST_BIN/stream_tool-pie"; do
  [ -x "$tool" ] || { fail "no $tool"; continue; }
  name=$(basename "$tool")

  # Formatting, as the freestanding build compiles it, against printf(1)
  # where printf has the same format.
  "$tool" format >"$TMP/out"
  expect_eq "format status" 0 $?
  {
    echo "int -42 18446744073709551615 -9223372036854775808"
    printf 'hex %x %#X %08x\n' 255 255 48879
    printf 'oct %#o bin 0b1010\n' 8
    printf 'pad [%6d] [%-6d] [%06d] [%4s]\n' 42 42 -42 ab
    printf 'fixed %.2f %.0f %.1f %.1f\n' 3.14159 2.5 -0.0 1e21
    printf 'sci %.3e %.1E\n' 123456 0.000123
    echo "short 0.1 1e+16 2.5 -0.3333333333333333"
    echo "special inf -inf nan"
    echo "misc true c 0x0"
  } >"$TMP/expected"
  expect_same_file "format output" "$TMP/expected" "$TMP/out"

  # Many lines, byte for byte, to a file and through a pipe with a slow reader.
  "$tool" numbers 200000 >"$TMP/out"
  numbers_reference 200000 >"$TMP/expected"
  expect_same_file "numbers to a file" "$TMP/expected" "$TMP/out"
  "$tool" numbers 200000 | (sleep 0.2; cat) >"$TMP/out"
  expect_same_file "numbers through a pipe" "$TMP/expected" "$TMP/out"

  # Output to a pipe or file is written in 64 KiB pieces, not line by line.
  if command -v strace >/dev/null; then
    strace -o "$TMP/trace" -e trace=write,writev,ioctl "$tool" numbers 20000 >/dev/null
    writes=$(grep -c '^write(1' "$TMP/trace")
    bytes=$(stat -c %s "$TMP/expected")
    expect_eq "numbers: writes of 64 KiB" $(( ($(head -20000 "$TMP/expected" | wc -c) + 65535) / 65536 )) "$writes"
    expect_eq "numbers: one TCGETS, at the first write" 1 "$(grep -c 'TCGETS' "$TMP/trace")"
    # A program that prints nothing asks nothing of the terminal.
    strace -o "$TMP/trace" "$tool" nothing >/dev/null
    expect_eq "nothing: no ioctl, no write" "" "$(grep -E '^(ioctl|write)' "$TMP/trace")"
    # A message on stderr is one write.
    strace -o "$TMP/trace" -e trace=write "$tool" warn 2>/dev/null
    expect_eq "warn: one write" 1 "$(grep -c '^write(2' "$TMP/trace")"
  fi
  "$tool" warn 2>"$TMP/err"
  expect_eq "warn message" "$name: something: No such file or directory" "$(cat "$TMP/err")"

  # exit() from anywhere flushes; _exit does not.
  "$tool" partial-exit 3 >"$TMP/out"
  expect_eq "exit status" 3 $?
  expect_eq "exit flushes" "partial" "$(cat "$TMP/out")"
  "$tool" lost >"$TMP/out"
  expect_eq "_exit status" 0 $?
  expect_eq "_exit does not flush" "" "$(cat "$TMP/out")"

  # A prompt shows before the program waits for input (io::in is tied to
  # io::out), with no newline after it.
  echo world | "$tool" prompt >"$TMP/out"
  expect_eq "prompt" "name? hello, world" "$(cat "$TMP/out")"

  # No static constructor: the streams are constant-initialised, so a
  # program using them has no .init_array at all, and no libc symbol.
  expect_eq "no init_array" "" "$(readelf -SW "$tool" | grep -E 'init_array')"
  expect_eq "undefined symbols" "" "$(nm -u "$tool" | grep -v ' w ')"
done

# What the streams cost: a program that prints one integer stays small
# (9.5 KB stripped when this was written, 3.3 KB of it errno messages;
# musl's static printf: 26 KB).
one="$TEST_BIN/stream_one_int"
"$one" >"$TMP/out"
expect_eq "one integer" "42" "$(cat "$TMP/out")"
strip -s -o "$TMP/stripped" "$one"
size=$(stat -c %s "$TMP/stripped")
echo "stream_one_int: $size bytes stripped"
if [ "$size" -le 12288 ]; then pass; else fail "stream_one_int is $size bytes stripped, more than 12288"; fi
finish
