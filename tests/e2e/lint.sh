# The code passes its own style and static checks: clang-format
# (.clang-format) on every C++ file, clang-tidy (.clang-tidy) on the
# runtime, the loader and the programs, with the compile commands of the
# build that compiled each file.
source "$(dirname "$0")/../lib.sh"
build=${RING3_BUILD:?}
# scripts/setup.sh installs both: a machine without them fails, rather
# than skipping the checks.
for tool in clang-format clang-tidy; do
  command -v $tool >/dev/null || { fail "$tool missing (make setup installs it)"; finish; }
done

cd "$SRC" || exit 1
mapfile -t cxx < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find runtime loader programs tests bench -name '*.[ch]pp')
bad=$(clang-format --dry-run "${cxx[@]}" 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error)' | cut -d: -f1 | sort -u)
expect_eq "files not formatted as .clang-format says (run clang-format -i)" "" "$bad"

# Every system call goes through the syscall layer: a raw syscallN or a
# `syscall` instruction in C++ is allowed only in the layer itself
# (ring3/arch/x86_64/, ring3/sys/) and in code that runs before relocation
# (self_relocate.cpp, stack_chk.cpp), where a call through the typed layer
# could read an unrelocated address.
raw=$(git grep -nE 'arch::syscall[0-6]|\bsyscall[0-6] *\(|"syscall[^_]' -- '*.cpp' '*.hpp' 2>/dev/null |
  grep -vE '^runtime/include/ring3/(arch/x86_64|sys)/' |
  grep -vE '^runtime/src/freestanding/(self_relocate|stack_chk)\.cpp:' || true)
expect_eq "raw system calls outside the syscall layer (use ring3/syscalls.hpp)" "" "$raw"

# Each source with the compile command its build used: the hosted unit
# test build, or one of the two freestanding halves.
: >"$TMP/units"
for db in "$build/freestanding/compile_commands.json" "$build/freestanding-pie/compile_commands.json" \
          "$build/compile_commands.json"; do
  [ -f "$db" ] || continue
  grep -oE '"file": *"[^"]+\.cpp"' "$db" | sed -E 's/.*"([^"]+)"$/\1/' |
    grep -E "^$SRC/(runtime|loader|programs)/" | sed "s|\$| $(dirname "$db")|" >>"$TMP/units"
done
sort -u -k1,1 "$TMP/units" >"$TMP/units.sorted"
n=$(wc -l <"$TMP/units.sorted")
[ "$n" -ge 20 ] && pass || fail "expected the runtime, loader and programs in the compile databases, found $n files"
# clang-tidy's own errors (a .clang-tidy it cannot parse, a crash, a file
# that does not compile) fail the test too: its status, and stderr beyond
# the "N warnings generated." counts.
xargs -P "$(nproc)" -L1 sh -c 'clang-tidy --quiet -p "$1" "$0"' <"$TMP/units.sorted" >"$TMP/tidy.out" 2>"$TMP/tidy.err"
expect_eq "clang-tidy status" 0 $?
expect_eq "clang-tidy errors" "" "$(grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$TMP/tidy.err")"
findings=$(grep -E ': (warning|error): ' "$TMP/tidy.out" | sort -u)
expect_eq "clang-tidy findings" "" "$findings"
[ -z "$findings" ] || grep -A6 -E ': (warning|error): ' "$TMP/tidy.out" | head -60
finish
