# The syscall layer in a ring3 program: clock_gettime and vgetrandom go
# through the vDSO (no system call) unless RING3_NO_VDSO=1; DirReader lists
# what ls lists; spawn runs a program with its stdout redirected.
source "$(dirname "$0")/../lib.sh"
command -v strace >/dev/null || { echo "strace missing"; exit 77; }
probe=$TEST_BIN/sys_probe

count() { strace -f -e trace="$1" -o "$TMP/trace" "${@:2}" >"$TMP/out" 2>&1; grep -c "^[0-9 ]*$1(" "$TMP/trace"; }
expect_eq "clock_gettime system calls through the vDSO" 0 "$(count clock_gettime "$probe" clock 5)"
expect_eq "clock output" "clock ok" "$(cat "$TMP/out")"
expect_eq "clock_gettime system calls with RING3_NO_VDSO=1" 5 \
  "$(RING3_NO_VDSO=1 count clock_gettime "$probe" clock 5)"
expect_eq "getrandom system calls with RING3_NO_VDSO=1" 4 \
  "$(RING3_NO_VDSO=1 count getrandom "$probe" random 4)"
expect_eq "random output" "random ok" "$(cat "$TMP/out")"
# __vdso_getrandom exists on x86_64 since Linux 6.11.
major=$(uname -r | cut -d. -f1); minor=$(uname -r | cut -d. -f2)
if [ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -ge 11 ]; }; then
  # The vDSO seeds its state with one system call, then makes none.
  expect_eq "getrandom system calls through the vDSO" 1 "$(count getrandom "$probe" random 8)"
fi

mkdir "$TMP/d" && touch "$TMP/d/one" "$TMP/d/two words" && mkdir "$TMP/d/sub"
"$probe" ls "$TMP/d" | sort >"$TMP/got"
expect_eq "DirReader status" 0 "${PIPESTATUS[0]}"
ls -a "$TMP/d" | sort >"$TMP/want"
expect_same_file "DirReader against ls -a" "$TMP/want" "$TMP/got"
"$probe" ls "$TMP/missing" 2>"$TMP/err"
expect_eq "missing directory status" 1 $?
expect_eq "missing directory message" "sys_probe: $TMP/missing: No such file or directory" "$(cat "$TMP/err")"

expect_eq "spawn" "$(printf 'a b\nstatus 3')" "$("$probe" spawn /bin/sh -c 'echo a b; exit 3')"
"$probe" spawn /nonexistent/prog 2>"$TMP/err"
expect_eq "spawn of a missing program: status" 127 $?
expect_eq "spawn of a missing program: message" "sys_probe: /nonexistent/prog: No such file or directory" "$(cat "$TMP/err")"
finish
