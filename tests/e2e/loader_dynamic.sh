# ring3-load with dynamically linked programs, #! scripts and itself, each
# checked against what execve does with the same file: ld.so run as the
# program, scripts with and without an interpreter argument and in chains
# (five deep, then ELOOP), ring3-load run by ring3-load, interpreters that
# are missing, the process name, --trace showing the interpreter's
# mappings, and the process identity without the capability PR_SET_MM_MAP
# needs for /proc/self/exe.
source "$(dirname "$0")/../lib.sh"
LOAD=$BIN/ring3-load
cd "$TMP" || exit 1
LDSO=/lib64/ld-linux-x86-64.so.2

# both NAME COMMAND...: COMMAND run directly and through ring3-load: the
# same stdout, stderr and exit status.
both() {
  local name=$1
  shift
  run_both_ways "$@"
  expect_eq "$name: status" "$direct_status" "$via_status"
  expect_same_file "$name: stdout" "$TMP/direct.out" "$TMP/via.out"
  expect_same_file "$name: stderr" "$TMP/direct.err" "$TMP/via.err"
}

# ld.so run as the program, as `ld.so PROGRAM` runs it.
expect_eq "ld.so as the program" "hi there" "$("$LOAD" $LDSO /bin/echo hi there)"
expect_contains "ld.so --list" "libc.so.6 => " "$("$LOAD" $LDSO --list /bin/true)"

# Scripts. The interpreter's argument is one argument, inner spaces kept;
# the script's path and the arguments follow (fs/binfmt_script.c).
printf '#!/bin/sh\necho "$0|$1|$2"; cat /proc/$$/comm; readlink /proc/$$/exe\n' >plain
printf '#!/bin/echo   one  argument  \n' >witharg
printf '#!/usr/bin/awk -f\nBEGIN { print "awk:", ARGV[1], ARGV[2] }\n' >awk.script
printf '#!./plain\n' >chained
printf '#!/bin/sh\nexit 7\n' >status
chmod +x plain witharg awk.script chained status
both "script without argument" ./plain a 'b c'
both "script with an argument, spaces kept" ./witharg x y
both "awk -f script" ./awk.script p q
both "script whose interpreter is a script" ./chained z
both "a script's exit status" ./status
expect_eq "script: argv, name and exe" "./plain|a|b c
plain
$(readlink -f /bin/sh)" "$("$LOAD" ./plain a 'b c')"
# A PROGRAM without a slash is searched in PATH, scripts too.
mkdir bin && cp plain bin/inpath
expect_eq "script found in PATH" "$TMP/bin/inpath|1|" "$(PATH=$TMP/bin:$PATH "$LOAD" inpath 1 | head -1)"
# Chains: five scripts run, the sixth is ELOOP, as with execve.
printf '#!/bin/sh\necho "end $#"\n' >c0
for i in 1 2 3 4 5; do printf '#!%s/c%d\n' "$TMP" $((i - 1)) >c$i; done
chmod +x c0 c1 c2 c3 c4 c5
both "five scripts deep" ./c4 x
"$LOAD" ./c5 x >out 2>err
expect_eq "six scripts deep: status" 126 $?
expect_eq "six scripts deep: message" "ring3-load: ./c5: Too many levels of symbolic links" "$(cat err)"
./c5 x >/dev/null 2>&1 && fail "the kernel ran six scripts deep" || pass
# A #! line the kernel would not run.
printf '#!   \n' >noint && chmod +x noint
"$LOAD" ./noint >out 2>err
expect_eq "#! without interpreter: status" 126 $?
expect_contains "#! without interpreter: message" "a #! script without an interpreter" "$(cat err)"

# Missing interpreters: 127, like a missing program.
printf '#!/nonexistent/sh -e\n' >lost && chmod +x lost
"$LOAD" ./lost >out 2>err
expect_eq "script, missing interpreter: status" 127 $?
expect_eq "script, missing interpreter: message" "ring3-load: ./lost: interpreter /nonexistent/sh not found" "$(cat err)"
cp /bin/true notrue
python3 - notrue <<'PY'
import sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
old = b"/lib64/ld-linux-x86-64.so.2\0"
i = d.index(old)
new = b"/nonexistent/" + b"x" * (len(old) - 14) + b"\0"
d[i:i + len(old)] = new
open(p, "wb").write(d)
PY
"$LOAD" ./notrue >out 2>err
expect_eq "PT_INTERP missing: status" 127 $?
expect_eq "PT_INTERP missing: message" "ring3-load: ./notrue: interpreter /nonexistent/xxxxxxxxxxxxxx not found" "$(cat err)"

# The process name and /proc/self/exe are the program's.
expect_eq "comm of a dynamic program" "cat" "$("$LOAD" /bin/cat /proc/self/comm)"
expect_eq "comm, cut at 15 bytes" "a-long-program-" "$(cp /bin/cat a-long-program-name && "$LOAD" ./a-long-program-name /proc/self/comm)"
expect_eq "exe of a dynamic program" "$(readlink -f /bin/readlink)" "$("$LOAD" /bin/readlink /proc/self/exe)"
"$LOAD" "$BIN/readfile" /proc/self/exe | cmp -s - "$BIN/readfile"
expect_eq "exe of a static program: readfile reads itself as /proc/self/exe" 0 $?
expect_eq "cmdline" "$(printf '/bin/cat\0/proc/self/cmdline\0x y\0' | od -c)" \
  "$("$LOAD" /bin/cat /proc/self/cmdline 'x y' | od -c)"
expect_eq "ring3-load is gone from the maps" "" "$("$LOAD" /bin/cat /proc/self/maps | grep ring3-load)"

# Nested: ring3-load loads ring3-load, which loads the program.
gcc -O -o auxv-glibc "$SRC/tests/loader/auxv_check.c" 2>/dev/null || fail "gcc auxv_check.c"
"$TMP/auxv-glibc" one >auxv.direct
for what in "$BIN/hello" "$TEST_BIN/startup_conformance-pie" /bin/echo ./plain "$TMP/auxv-glibc"; do
  "$what" one >d.out 2>/dev/null
  d=$?
  "$LOAD" "$LOAD" "$what" one >v.out 2>/dev/null
  v=$?
  expect_eq "nested $what: status" $d $v
  [ "$what" = "$TEST_BIN/startup_conformance-pie" ] || expect_same_file "nested $what: stdout" d.out v.out
done
"$LOAD" "$LOAD" "$LOAD" "$TMP/auxv-glibc" one >auxv.nested
expect_same_file "three deep: auxv and identity" auxv.direct auxv.nested

# --trace: the interpreter's mappings after the program's.
"$LOAD" --trace /bin/true 2>trace
expect_contains "--trace: the program" "ET_DYN with PT_INTERP: a dynamically linked PIE program" "$(cat trace)"
expect_contains "--trace: the interpreter" "the interpreter, where mmap put it (AT_BASE 0x" "$(cat trace)"
[ "$(grep -c ' r-x   file @' trace)" -ge 2 ] && pass || fail "--trace: code of the program and of the interpreter"
expect_contains "--trace: identity" "/proc/self/exe     the program (exe_fd)" "$(cat trace)"
expect_eq "--trace: nothing refused with the capability" "" "$(grep 'still names\|failed' trace)"

# Without CAP_SYS_ADMIN and CAP_CHECKPOINT_RESTORE: the program runs, all
# but /proc/self/exe is set, and --trace says so.
if command -v setpriv >/dev/null && setpriv --bounding-set -all --inh-caps -all true 2>/dev/null; then
  nocap() { setpriv --bounding-set -all --inh-caps -all "$@"; }
  nocap "$LOAD" "$TMP/auxv-glibc" one >out 2>err
  expect_eq "no capability: status" 3 $?
  expect_eq "no capability: silent without --trace" "" "$(cat err)"
  expect_eq "no capability: exe stays ring3-load" "/proc/self/exe: $LOAD" "$(grep '^/proc/self/exe' out)"
  expect_eq "no capability: the rest is set" "$(grep -v '^/proc/self/exe' auxv.direct)" "$(grep -v '^/proc/self/exe' out)"
  nocap "$LOAD" --trace /bin/true 2>err
  expect_eq "no capability: --trace: status" 0 $?
  expect_contains "no capability: --trace says what was not set" \
    "ring3-load: /bin/true: /proc/self/exe still names ring3-load: PR_SET_MM_MAP with the program's exe_fd was refused" "$(cat err)"
else
  echo "note: setpriv cannot drop capabilities here: the no-capability path is not checked"
fi
finish
