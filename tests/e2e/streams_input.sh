# Line input through io::in: compared with GNU cat -n, across long lines,
# CRLF, a last line without newline, pipes and files.
source "$(dirname "$0")/../lib.sh"
# The same checks for the static program and its static-PIE twin, whose
# constant-initialised streams hold pointers that startup relocates.
for tool in "$TEST_BIN/stream_tool" "$TEST_BIN/stream_tool-pie"; do
  [ -x "$tool" ] || { fail "no $tool"; continue; }
  name=$(basename "$tool")

  check_cat_n() { # NAME FILE
    "$tool" cat-n <"$2" >"$TMP/out"
    expect_eq "$1 status" 0 $?
    cat -n "$2" >"$TMP/expected"
    expect_same_file "$1 from a file" "$TMP/expected" "$TMP/out"
    cat "$2" | "$tool" cat-n >"$TMP/out"
    expect_same_file "$1 from a pipe" "$TMP/expected" "$TMP/out"
  }

  printf 'one\ntwo\n\nfour\n' >"$TMP/plain"
  check_cat_n "plain lines" "$TMP/plain"
  printf 'no newline at the end' >"$TMP/nonl"
  check_cat_n "last line without newline" "$TMP/nonl"
  : >"$TMP/empty"
  check_cat_n "empty input" "$TMP/empty"
  printf 'dos\r\nlines\r\n' >"$TMP/crlf"
  check_cat_n "CRLF kept by default" "$TMP/crlf"
  # Lines longer than the 64 KiB buffer, among short ones.
  { echo short; head -c 200000 /dev/zero | tr '\0' x; echo; echo mid; head -c 1000000 /dev/zero | tr '\0' y; echo; echo end; } >"$TMP/long"
  check_cat_n "lines longer than the buffer" "$TMP/long"
  # Random text of many line lengths.
  head -c 3000000 /dev/urandom | base64 -w 0 | fold -w 97 | awk '{ print substr($0, 1, NR % 150) }' >"$TMP/random"
  check_cat_n "random lines" "$TMP/random"

  printf 'a\r\nb\nc\r\n\r\nlast\r' | "$tool" crlf >"$TMP/out"
  printf '[a]\n[b]\n[c]\n[]\n[last]\n' >"$TMP/expected"
  expect_same_file "CRLF stripped on request" "$TMP/expected" "$TMP/out"

  seq -50000 3 50000 | "$tool" sum >"$TMP/out"
  expect_eq "sum of integers" "$(seq -50000 3 50000 | awk '{ s += $1 } END { print s }')" "$(cat "$TMP/out")"
  printf '1\n2\n99999999999999999999\n' | "$tool" sum 2>"$TMP/err"
  expect_eq "overflow status" 1 $?
  expect_eq "overflow message" "$name: line 3: Numerical result out of range" "$(cat "$TMP/err")"
  printf '1\nx\n' | "$tool" sum 2>"$TMP/err"
  expect_eq "not a number" "$name: line 2: Invalid argument" "$(cat "$TMP/err")"

  # A directory on stdin: a read error, reported.
  "$tool" cat-n </ 2>"$TMP/err"
  expect_eq "directory status" 1 $?
  expect_eq "directory message" "$name: -: Is a directory" "$(cat "$TMP/err")"
done
finish
