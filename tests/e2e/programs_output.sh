# readfile and mmapfile copy files to stdout byte for byte.
source "$(dirname "$0")/../lib.sh"

: >"$TMP/empty"
printf 'x' >"$TMP/one"
printf '0123456789abcdef' >"$TMP/sixteen"
head -c 1048576 /dev/urandom >"$TMP/mib"
head -c 200000 /dev/urandom >"$TMP/binary"
printf 'no newline at end' >"$TMP/nonl"
# Larger than the 64 KiB buffer and not a multiple of it.
head -c 300001 /dev/urandom >"$TMP/odd"

for prog in readfile mmapfile; do
  for f in empty one sixteen mib binary nonl odd; do
    "$BIN/$prog" "$TMP/$f" >"$TMP/out" 2>"$TMP/err"
    expect_eq "$prog $f status" 0 $?
    expect_same_file "$prog $f" "$TMP/$f" "$TMP/out"
    expect_eq "$prog $f stderr" "" "$(cat "$TMP/err")"
  done
  # Several files, concatenated in order.
  "$BIN/$prog" "$TMP/one" "$TMP/empty" "$TMP/sixteen" "$TMP/odd" >"$TMP/out"
  cat "$TMP/one" "$TMP/empty" "$TMP/sixteen" "$TMP/odd" >"$TMP/expected"
  expect_same_file "$prog several files" "$TMP/expected" "$TMP/out"
  # No argument: /etc/hosts, as in the seed article.
  "$BIN/$prog" >"$TMP/out"
  expect_same_file "$prog default /etc/hosts" /etc/hosts "$TMP/out"
  # Into a pipe, through a reader slower than the writer.
  "$BIN/$prog" "$TMP/mib" | (sleep 0.2; cat) >"$TMP/out"
  expect_same_file "$prog into a pipe" "$TMP/mib" "$TMP/out"
  # From files that cannot be mapped: a /proc file (size 0 but contents)
  # and a pipe.
  "$BIN/$prog" /proc/self/status >"$TMP/out"
  expect_contains "$prog /proc file" "Name:" "$(head -1 "$TMP/out")"
  "$BIN/$prog" <(cat "$TMP/odd") >"$TMP/out"
  expect_same_file "$prog from a pipe" "$TMP/odd" "$TMP/out"
done

"$BIN/hello" >"$TMP/out"
expect_eq "hello status" 0 $?
expect_eq "hello output" "Hello from ring3: zero libc, one write." "$(cat "$TMP/out")"

# The NASM baseline does what the article's did.
"$BIN/readfile-asm" "$TMP/odd" >"$TMP/out"
expect_same_file "readfile-asm" "$TMP/odd" "$TMP/out"

finish
