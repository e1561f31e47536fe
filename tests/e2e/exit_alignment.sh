# exit() gives everything it calls a 16-byte-aligned stack, however it was
# entered: tests/exit/aligned_exit.cpp (a static destructor, an atexit
# handler and a fini_array entry, each with an aligned vector local),
# built by ring3-c++ at -O0, -O2 and -Os, static and static-PIE, leaving by
# main's return and by exit(3), with stdout to a file, to /dev/full and
# closed. The lines are those of the same program built with g++ and
# glibc.
source "$(dirname "$0")/../lib.sh"
prog=$SRC/tests/exit/aligned_exit.cpp

g++ -O2 -o "$TMP/glibc" "$prog" || fail "g++ build"
"$TMP/glibc" >"$TMP/expected"
expect_eq "glibc: return status" 0 $?
"$TMP/glibc" exit >"$TMP/expected-exit"
expect_eq "glibc: exit status" 3 $?

for opt in -O0 -O2 -Os; do
  for mode in "" -static-pie; do
    what="ring3-c++ $opt${mode:+ $mode}"
    if ! "$BIN/ring3-c++" $opt $mode -o "$TMP/prog" "$prog" 2>"$TMP/build.err"; then
      fail "$what: build failed: $(head -3 "$TMP/build.err")"
      continue
    fi
    for how in return exit; do
      want=0 wantfile=$TMP/expected
      [ $how = exit ] && want=3 wantfile=$TMP/expected-exit
      "$TMP/prog" $how >"$TMP/out" 2>"$TMP/err"
      expect_eq "$what, $how, stdout to a file: status" $want $?
      expect_same_file "$what, $how, stdout to a file" "$wantfile" "$TMP/out"
      expect_eq "$what, $how, stdout to a file: stderr" "" "$(cat "$TMP/err")"
      # A failed stdout turns status 0 into 1; exit(3) keeps its 3.
      full=$want
      [ $how = return ] && full=1
      "$TMP/prog" $how >/dev/full 2>"$TMP/err"
      expect_eq "$what, $how, stdout to /dev/full: status" $full $?
      expect_eq "$what, $how, stdout to /dev/full: stderr" \
        "prog: write error: No space left on device" "$(cat "$TMP/err")"
      "$TMP/prog" $how >&- 2>"$TMP/err"
      expect_eq "$what, $how, stdout closed: status" $full $?
      expect_eq "$what, $how, stdout closed: stderr" \
        "prog: write error: Bad file descriptor" "$(cat "$TMP/err")"
    done
  done
done
finish
