# The debugger story: with tools/gdb/ring3.py, gdb debugs a program that
# ring3-load runs with the program's own symbols. A ring3 program built
# with debug information through toolchain.cmake (tests/gdb), static and
# static-PIE, is run under `gdb --args ring3-load PROGRAM`: breakpoints on
# its functions are hit, `break main` stops in its main (not ring3-load's),
# and backtraces show its source files and lines. ring3's own Release
# programs (no debug information) still break in their main by symbol. A
# dynamically linked glibc program stops in libc's puts. And gdb leaves
# the program's memory alone: no breakpoint stays in ring3-load's image
# once it is unmapped (fresh pages mapped there stay zero, the code reads
# as in a run without gdb), and nothing is single-stepped at the hand-over.
source "$(dirname "$0")/../lib.sh"

command -v gdb >/dev/null || { echo "gdb is not installed (scripts/setup.sh installs it)"; exit 77; }
if ! timeout 60 gdb -batch -nx -ex run --args /bin/true >"$TMP/probe" 2>&1 \
  || ! grep -q "exited normally" "$TMP/probe"; then
  cat "$TMP/probe"
  echo "gdb cannot run a program here (ptrace not permitted?)"
  exit 77
fi

LOAD=$BIN/ring3-load
SCRIPT=$SRC/tools/gdb/ring3.py
SOURCE=$SRC/tests/gdb/debuggee.cpp
line_of() { grep -n "// gdb: $1\$" "$SOURCE" | cut -d: -f1; }
call_line=$(line_of "the call")
main_line=$(line_of "main starts")
leaf_line=$(line_of "count_letters starts")
[ -n "$call_line" ] && [ -n "$main_line" ] && [ -n "$leaf_line" ] || fail "markers missing in $SOURCE"

# gdb in batch mode over ring3-load and PROGRAM: ring3_gdb OUT PROGRAM ARGS -- COMMANDS...
ring3_gdb() {
  local out=$1 program=$2; shift 2
  local args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  local ex=()
  for c in "$@"; do ex+=(-ex "$c"); done
  timeout 120 gdb -batch -nx -x "$SCRIPT" "${ex[@]}" --args "$LOAD" "$program" "${args[@]}" >"$out" 2>&1
}

# Every gdb output: no breakpoint left where ring3-load was.
expect_no_stale_breakpoints() {
  expect_eq "$1: no breakpoint left in ring3-load's unmapped image" "" \
    "$(grep -E "Cannot (remove|insert) breakpoint|Cannot access memory" "$TMP/out")"
}

for kind in static static-pie; do
  pie=OFF
  [ $kind = static-pie ] && pie=ON
  cmake -S "$SRC/tests/gdb" -B "$TMP/$kind" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" -DRING3_LIB_DIR="$RING3_LIB" \
    -DRING3_STATIC_PIE=$pie >"$TMP/log" 2>&1 && cmake --build "$TMP/$kind" >>"$TMP/log" 2>&1
  expect_eq "$kind: the debuggee builds" 0 $?
  prog=$TMP/$kind/debuggee
  [ -x "$prog" ] || { cat "$TMP/log"; continue; }
  expect_contains "$kind: built with debug information" "with debug_info" "$(file "$prog")"

  # A breakpoint on a function of the program, set before it is mapped.
  ring3_gdb "$TMP/out" "$prog" ab cde -- "break debuggee.cpp:count_letters" run bt continue continue
  out=$(cat "$TMP/out")
  expect_contains "$kind: symbols loaded at the hand-over" "symbols loaded: add-symbol-file $prog -o 0x" "$out"
  expect_contains "$kind: breakpoint hit" "Breakpoint 1, (anonymous namespace)::count_letters (word=" "$out"
  expect_contains "$kind: the argument" '"ab") at '"$SOURCE:$leaf_line" "$out"
  expect_contains "$kind: backtrace frame #0, source line" "#0  (anonymous namespace)::count_letters(char const*) (word=" "$out"
  expect_eq "$kind: backtrace frame #1 is main at the call" 1 \
    "$(grep -c "^#1  0x[0-9a-f]* in main(int, char\*\*) (argc=3, argv=0x[0-9a-f]*) at $SOURCE:$call_line\$" "$TMP/out")"
  expect_eq "$kind: the backtrace ends at main" "" "$(grep '^#2 ' "$TMP/out")"
  expect_contains "$kind: the second call hit too" '"cde") at '"$SOURCE:$leaf_line" "$out"
  expect_contains "$kind: the program's output" "5 letters" "$out"
  expect_contains "$kind: the program's exit status" "exited with code 03]" "$out"
  expect_no_stale_breakpoints "$kind: break count_letters"

  # Its memory, as without gdb: fresh pages where ring3-load was, its code.
  "$prog" --memory >"$TMP/direct"
  expect_eq "$kind: --memory without gdb" 0 $?
  ring3_gdb "$TMP/out" "$prog" --memory -- "break debuggee.cpp:count_letters" run continue continue
  expect_contains "$kind: memory unchanged under gdb" "$(cat "$TMP/direct")" "$(cat "$TMP/out")"
  expect_contains "$kind: --memory: exits 0 under gdb" "exited normally" "$(cat "$TMP/out")"
  expect_no_stale_breakpoints "$kind"

  # `break main`: the program's main, not ring3-load's.
  ring3_gdb "$TMP/out" "$prog" x -- "break main" run bt "info symbol \$pc" continue
  out=$(cat "$TMP/out")
  expect_contains "$kind: break main: the program's main" "main (argc=2, argv=" "$out"
  expect_contains "$kind: break main: at its first line" "at $SOURCE:$main_line" "$out"
  expect_contains "$kind: break main: bt" "#0  main(int, char**) (argc=2, argv=" "$out"
  expect_eq "$kind: break main: stopped once" 1 "$(grep -c '^Breakpoint 1[.0-9]*, ' "$TMP/out")"
  expect_contains "$kind: break main: then runs to the end" "exited with code 02]" "$out"
done

# The static-PIE debuggee's load bias is random: a second run in the same
# session maps it elsewhere and the symbols follow. gdb turns address
# randomisation off by default (personality ADDR_NO_RANDOMIZE), which
# ring3-load honours as execve does: turned back on here.
prog=$TMP/static-pie/debuggee
if [ -x "$prog" ]; then
  ring3_gdb "$TMP/out" "$prog" ab -- "set disable-randomization off" "break debuggee.cpp:count_letters" run kill run bt
  biases=$(sed -n 's/.*load bias \(0x[0-9a-f]*\)).*/\1/p' "$TMP/out" | sort -u | wc -l)
  expect_eq "rerun: two different load biases" 2 "$biases"
  expect_eq "rerun: the breakpoint hit twice" 2 "$(grep -c '^Breakpoint 1, ' "$TMP/out")"
  expect_contains "rerun: backtrace with source" "at $SOURCE:$call_line" "$(cat "$TMP/out")"
  expect_no_stale_breakpoints rerun
fi

# No single step at the hand-over: with no breakpoint of the user's, gdb
# resumes ring3-load and the program without stepping any instruction.
prog=$TMP/static/debuggee
if [ -x "$prog" ]; then
  ring3_gdb "$TMP/out" "$prog" ab -- "set debug infrun 1" run
  expect_contains "hand-over: the program ran" "exited with code 02]" "$(cat "$TMP/out")"
  expect_eq "hand-over: no single step" 0 "$(grep -c 'resume_1: step=1' "$TMP/out")"
  expect_no_stale_breakpoints "hand-over"
fi

# A dynamically linked glibc program (tests/gdb/dynamic.c): `break puts`
# resolves in libc once its interpreter has mapped it (`sharedlibrary` at
# the program's entry point), and its memory is as without gdb.
if gcc -g -O1 -o "$TMP/dynamic" "$SRC/tests/gdb/dynamic.c" 2>"$TMP/log"; then
  "$TMP/dynamic" x >"$TMP/direct"
  expect_eq "dynamic: runs without gdb" 0 $?
  ring3_gdb "$TMP/out" "$TMP/dynamic" x -- "break puts" run bt continue
  out=$(cat "$TMP/out")
  expect_contains "dynamic: the hand-over" "(dynamically linked, load bias 0x" "$out"
  expect_contains "dynamic: libraries loaded" "ring3: shared libraries loaded" "$out"
  expect_eq "dynamic: stopped in libc's puts, not its PLT entry" 1 \
    "$(grep -cE '^Breakpoint 1, [^ ]*puts \(' "$TMP/out")"
  expect_eq "dynamic: called from main" 1 \
    "$(grep -c "^#1  0x[0-9a-f]* in main (.*) at $SRC/tests/gdb/dynamic.c:$(grep -n '// gdb: the call to puts' "$SRC/tests/gdb/dynamic.c" | cut -d: -f1)\$" "$TMP/out")"
  expect_contains "dynamic: memory unchanged under gdb" "$(tail -1 "$TMP/direct")" "$out"
  expect_contains "dynamic: exits 0" "exited normally" "$out"
  expect_no_stale_breakpoints dynamic
else
  fail "gcc dynamic.c: $(cat "$TMP/log")"
fi

# ring3's own readfile, built without debug information: gdb still stops
# in its main, found by the symbol table.
printf 'hello\n' >"$TMP/file"
ring3_gdb "$TMP/out" "$BIN/readfile" "$TMP/file" -- "break main" run "info symbol \$pc" bt continue
out=$(cat "$TMP/out")
expect_contains "readfile: symbols loaded" "symbols loaded: add-symbol-file $BIN/readfile -o 0x0" "$out"
expect_contains "readfile: stopped in its main" "main in section .text" "$out"
expect_contains "readfile: backtrace" "#0  0x" "$out"
expect_eq "readfile: the backtrace ends at main" "" "$(grep '^#1 ' "$TMP/out")"
expect_contains "readfile: then copies the file" "hello" "$out"
expect_contains "readfile: and exits 0" "exited normally" "$out"
expect_no_stale_breakpoints readfile
finish
