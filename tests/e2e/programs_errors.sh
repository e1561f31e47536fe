# Bad input: a clear message, the other files still copied, the right status.
source "$(dirname "$0")/../lib.sh"

printf 'first\n' >"$TMP/a"
printf 'second\n' >"$TMP/b"
mkdir "$TMP/dir"
head -c 3000000 /dev/urandom >"$TMP/big"

for prog in readfile mmapfile; do
  "$BIN/$prog" "$TMP/a" /nope "$TMP/b" >"$TMP/out" 2>"$TMP/err"
  expect_eq "$prog missing file status" 1 $?
  expect_eq "$prog missing file message" "$prog: /nope: No such file or directory" "$(cat "$TMP/err")"
  expect_eq "$prog other files copied" "$(printf 'first\nsecond')" "$(cat "$TMP/out")"

  "$BIN/$prog" "$TMP/dir" "$TMP/b" >"$TMP/out" 2>"$TMP/err"
  expect_eq "$prog directory status" 1 $?
  expect_eq "$prog directory message" "$prog: $TMP/dir: Is a directory" "$(cat "$TMP/err")"
  expect_eq "$prog after directory" "second" "$(cat "$TMP/out")"

  "$BIN/$prog" /etc/hosts >/dev/full 2>"$TMP/err"
  expect_eq "$prog /dev/full status" 1 $?
  expect_eq "$prog /dev/full message" "$prog: write error: No space left on device" "$(cat "$TMP/err")"

  "$BIN/$prog" /etc/hosts >&- 2>"$TMP/err"
  expect_eq "$prog closed stdout status" 1 $?
  expect_eq "$prog closed stdout message" "$prog: write error: Bad file descriptor" "$(cat "$TMP/err")"

  # A reader that goes away: the writer ends quietly (killed by SIGPIPE,
  # as GNU cat is), with nothing on stderr.
  "$BIN/$prog" "$TMP/big" 2>"$TMP/err" | head -c 1 >/dev/null
  expect_eq "$prog closed pipe stderr" "" "$(cat "$TMP/err")"
  # The same with SIGPIPE ignored: EPIPE, still quiet, status 1.
  (trap '' PIPE; "$BIN/$prog" "$TMP/big" 2>"$TMP/err" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}")
  expect_eq "$prog EPIPE status" 1 $?
  expect_eq "$prog EPIPE stderr" "" "$(cat "$TMP/err")"

  # Unreadable file (as non-root only; root reads everything).
  if [ "$(id -u)" -ne 0 ]; then
    printf 'x' >"$TMP/secret"; chmod 000 "$TMP/secret"
    "$BIN/$prog" "$TMP/secret" 2>"$TMP/err" >/dev/null
    expect_eq "$prog permission message" "$prog: $TMP/secret: Permission denied" "$(cat "$TMP/err")"
  fi
done

"$BIN/hello" >/dev/full
expect_eq "hello /dev/full status" 1 $?

finish
