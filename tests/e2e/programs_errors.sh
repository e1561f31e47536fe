# Bad input: a clear message, the other files still copied, the right status.
# (Every other fault, for every program, is in the fault matrix:
# fault_output.sh, fault_input.sh, fault_eintr.sh.)
source "$(dirname "$0")/../lib.sh"

printf 'first\n' >"$TMP/a"
printf 'second\n' >"$TMP/b"

for prog in readfile mmapfile; do
  "$BIN/$prog" "$TMP/a" /nope "$TMP/b" >"$TMP/out" 2>"$TMP/err"
  expect_eq "$prog missing file status" 1 $?
  expect_eq "$prog missing file message" "$prog: /nope: No such file or directory" "$(cat "$TMP/err")"
  expect_eq "$prog other files copied" "$(printf 'first\nsecond')" "$(cat "$TMP/out")"
done

finish
