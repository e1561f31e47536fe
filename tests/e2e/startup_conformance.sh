# What a C++ program relies on around main, built three ways: ring3 static,
# ring3 static-PIE, and glibc static from the same source. All three must
# print the same lines and exit with the same status.
source "$(dirname "$0")/../lib.sh"

prog=tests/programs/startup_conformance.cpp
c++ -O2 -static -fstack-protector-strong -o "$TMP/glibc" -x c++ "$SRC/$prog" 2>"$TMP/cc.log" \
  || { cat "$TMP/cc.log"; fail "glibc build of $prog"; finish; }

run() { # run VARIANT ARGS... -> $TMP/VARIANT.out, .err, .status
  local v=$1; shift
  local exe=$TMP/glibc
  [ "$v" = glibc ] || exe=$TEST_BIN/startup_conformance$v
  # Run by full path so that AT_EXECFN and argv[0] agree, as with execve.
  RING3_CONFORMANCE=hello "$exe" "$@" >"$TMP/$v.out" 2>"$TMP/$v.err"
  echo $? >"$TMP/$v.status"
}

for mode in run exit _exit; do
  for v in glibc "" -pie; do run "$v" "$mode" one two; done
  for v in "" -pie; do
    expect_same_file "ring3$v $mode: same lines as glibc" "$TMP/glibc.out" "$TMP/$v.out"
    expect_eq "ring3$v $mode: same status as glibc" "$(cat "$TMP/glibc.status")" "$(cat "$TMP/$v.status")"
  done
done
# The expectations themselves, as glibc shows them.
run glibc run one two
expect_eq "main's return value is the status" 3 "$(cat "$TMP/glibc.status")"
expect_eq "exit order" "main returns 3
atexit handler 2
destroy function-local static
atexit handler 1
atexit handler registered during exit
destroy global second
destroy global first
destructor (no priority)
destructor 102
destructor 101" "$(sed -n '/^main returns/,$p' "$TMP/glibc.out")"
run "" exit
expect_eq "exit(7) from a nested call" 7 "$(cat "$TMP/.status")"
expect_contains "exit(7) runs the handlers" "atexit handler 1" "$(cat "$TMP/.out")"
run "" _exit
expect_eq "_exit(5)" 5 "$(cat "$TMP/.status")"
expect_eq "_exit runs no handler" "" "$(grep -E 'atexit|destroy|destructor' "$TMP/.out")"

# A stack smash dies by SIGABRT (status 134 in a shell), with the message.
for v in "" -pie glibc; do
  run "$v" smash
  expect_eq "smash$v status" 134 "$(cat "$TMP/$v.status")"
  expect_contains "smash$v message" "*** stack smashing detected ***" "$(cat "$TMP/$v.err")"
done
run "" abort
expect_eq "abort() status" 134 "$(cat "$TMP/.status")"

# The canary comes from AT_RANDOM: different on every run, low byte zero.
for v in "" -pie; do
  a=$("$TEST_BIN/startup_conformance$v" canary | grep -E '^[0-9a-f]+$')
  b=$("$TEST_BIN/startup_conformance$v" canary | grep -E '^[0-9a-f]+$')
  [ -n "$a" ] && [ "$a" != "$b" ] && pass || fail "canary$v should differ between runs: $a $b"
  expect_eq "canary$v low byte" 00 "${a: -2}"
done

# Static-PIE: a different address on each run (ASLR), constructors still run.
a=$("$TEST_BIN/startup_conformance-pie" addr | grep -E '^[0-9a-f]+$')
b=$("$TEST_BIN/startup_conformance-pie" addr | grep -E '^[0-9a-f]+$')
[ -n "$a" ] && [ "$a" != "$b" ] && pass || fail "static-PIE should load at different addresses: $a $b"
expect_contains "static-PIE constructors ran" "constructor 101" "$("$TEST_BIN/startup_conformance-pie" addr)"
expect_eq "static-PIE is ET_DYN" "DYN" "$(readelf -hW "$TEST_BIN/startup_conformance-pie" | awk '/Type:/ {print $2}')"
expect_eq "static-PIE has no interpreter" "" "$(readelf -lW "$TEST_BIN/startup_conformance-pie" | grep INTERP)"
# Its RELRO really is read-only once relocated: a write there faults.
run -pie relro
expect_eq "static-PIE relocated pointer" b "$(sed -n 7p "$TMP/-pie.out")"
expect_eq "static-PIE RELRO write faults (SIGSEGV)" 139 "$(cat "$TMP/-pie.status")"
finish
