# io::warn() and io::err write what io::out holds first: with stdout and
# stderr on one file or one pipe, the bytes are in the order the program
# printed them, as GNU tools' are (tests/programs/output_order.cpp, built
# with ring3, static and static-PIE, and with glibc, whose error(3)
# flushes stdout). Also ring3's cat and readfile against GNU cat with a
# missing file between two good ones.
source "$(dirname "$0")/../lib.sh"
mkdir -p "$TMP/glibc" "$TMP/ring3" "$TMP/ring3-pie"
g++ -O2 -o "$TMP/glibc/output_order" "$SRC/tests/programs/output_order.cpp" || fail "g++ build"
cp "$TEST_BIN/output_order" "$TMP/ring3/output_order"
cp "$TEST_BIN/output_order-pie" "$TMP/ring3-pie/output_order"

for lines in 2 20000; do   # 20000 lines: more than io::out's 64 KiB buffer
  PATH=$TMP/glibc:$PATH output_order $lines >"$TMP/expected" 2>&1
  PATH=$TMP/glibc:$PATH output_order $lines 2>&1 | cat >"$TMP/expected-pipe"
  expect_same_file "glibc: file and pipe alike ($lines lines)" "$TMP/expected" "$TMP/expected-pipe"
  for v in ring3 ring3-pie; do
    PATH=$TMP/$v:$PATH output_order $lines >"$TMP/out" 2>&1
    expect_eq "$v, $lines lines, one file: status" 0 $?
    expect_same_file "$v, $lines lines, one file" "$TMP/expected" "$TMP/out"
    PATH=$TMP/$v:$PATH output_order $lines 2>&1 | cat >"$TMP/out"
    expect_same_file "$v, $lines lines, one pipe" "$TMP/expected" "$TMP/out"
  done
done

use_gnu_cat
printf 'first\n' >"$TMP/a"
printf 'second\n' >"$TMP/b"
(cd "$TMP" && "$gnu" a missing b >"$TMP/expected" 2>&1)
for p in cat readfile; do
  (cd "$TMP" && "$BIN/$p" a missing b >"$TMP/out" 2>&1)
  expect_eq "$p a missing b: status" 1 $?
  sed "s/^cat:/$p:/" "$TMP/expected" >"$TMP/expected-$p"
  expect_same_file "$p a missing b >log 2>&1" "$TMP/expected-$p" "$TMP/out"
done
finish
