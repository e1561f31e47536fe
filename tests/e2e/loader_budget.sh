# What ring3-load costs on top of the program it runs: system calls and
# size. On the machines measured a system call costs 0.3-6 us and a page
# fault ~3 us, against ~120 us for a whole small program: every one counts
# (docs/loader.md, "Why it is fast").
source "$(dirname "$0")/../lib.sh"
command -v strace >/dev/null || { echo "strace missing"; exit 77; }

LOAD=$BIN/ring3-load
calls() { strace -f -o "$TMP/trace" "$@" >/dev/null 2>&1; grep -vE '^[0-9]+ +(\+\+\+|---)' "$TMP/trace"; }

# hello alone: execve, write, exit_group. Through ring3-load: openat, fstat,
# (faccessat when the mode bits and IDs cannot decide), pread, one mmap to
# reserve the span and one per segment, close.
direct=$(calls "$BIN/hello" | wc -l)
loaded=$(calls "$LOAD" "$BIN/hello")
echo "hello: $direct system calls directly, $(echo "$loaded" | wc -l) through ring3-load:"
echo "$loaded" | sed 's/^[0-9]* */  /'
n=$(echo "$loaded" | wc -l)
if [ "$n" -le $((direct + 8)) ]; then pass; else fail "ring3-load made $((n - direct)) system calls of its own (at most 8)"; fi
# A static program needs neither randomness nor an FS base nor RELRO from
# the loader: none of these system calls may appear.
expect_eq "no getrandom, arch_prctl, mprotect or brk for a static program" "" \
  "$(echo "$loaded" | grep -E '(getrandom|arch_prctl|mprotect|brk)\(')"
# A static-PIE program: one getrandom(2) for its base.
expect_eq "one getrandom for a static-PIE base" 1 \
  "$(calls "$LOAD" "$TEST_BIN/startup_conformance-pie" | grep -c '^[0-9]* *getrandom(')"

# Built as intended: static-PIE, no stack protector linked in (its FS setup
# would cost two system calls and consume AT_RANDOM), nothing to relocate
# into read-only memory.
expect_eq "ring3-load is static-PIE" DYN "$(readelf -hW "$LOAD" | awk '/Type:/ {print $2}')"
expect_eq "ring3-load has no interpreter" "" "$(readelf -lW "$LOAD" | grep INTERP)"
expect_eq "no stack protector in ring3-load" "" "$(nm "$LOAD" | grep -E ' [TtWw] __stack_chk_fail$' | grep -v ' w ')"
expect_eq "no RELRO segment" "" "$(readelf -lW "$LOAD" | grep GNU_RELRO)"
expect_eq "two PT_LOAD segments" 2 "$(readelf -lW "$LOAD" | grep -c ' LOAD ')"
expect_eq "nothing to relocate" "There are no relocations in this file." "$(readelf -rW "$LOAD" | grep -v '^$')"
# What the loader writes (its State) and what the runtime's startup
# writes (process_info) share one page: one page fault.
page_of() { nm "$LOAD" | awk -v s="$1" '$3 == s { print substr($1, 1, length($1) - 3) }'; }
state=$(page_of _ZN12_GLOBAL__N_12stE)
info=$(page_of _ZN5ring312process_infoE)
[ -n "$state" ] && [ "$state" = "$info" ] && pass || fail "State (page $state) and process_info (page $info) on different pages"

# Size, stripped: a regression guard (the goal is 16 KiB; see
# docs/BENCHMARKS.md for where the bytes go).
strip -s -o "$TMP/stripped" "$LOAD"
size=$(stat -c %s "$TMP/stripped")
echo "ring3-load: $size bytes stripped"
if [ "$size" -le 24576 ]; then pass; else fail "ring3-load is $size bytes stripped, more than 24 KiB"; fi
finish
