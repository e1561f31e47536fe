# Every global operator new and delete form in a real ring3 program
# (tests/programs/alloc_operators.cpp), static and static-PIE: the blocks,
# the out-of-memory report, nothrow under an address-space limit, and no
# system call at all from the allocator in a program that does not allocate.
source "$(dirname "$0")/../lib.sh"

# What glibc's libstdc++ prints for an uncaught std::bad_alloc.
bad_alloc_report="terminate called after throwing an instance of 'std::bad_alloc'
  what():  std::bad_alloc"

for v in alloc_operators alloc_operators-pie; do
  exe=$TEST_BIN/$v
  [ -x "$exe" ] || { fail "$exe not built"; continue; }
  expect_eq "$v undefined symbols" "" "$(nm -u "$exe" | grep -v ' w ')"

  "$exe" >"$TMP/out" 2>"$TMP/err"
  expect_eq "$v: status" 0 $?
  expect_eq "$v: every form" "22 checks passed" "$(cat "$TMP/out")"
  expect_eq "$v: stderr" "" "$(cat "$TMP/err")"

  # A throwing new that cannot be satisfied: glibc's report of an
  # uncaught std::bad_alloc, then SIGABRT (128 + 6 in the shell).
  "$exe" oom >"$TMP/out" 2>"$TMP/err"
  expect_eq "$v oom: status" 134 $?
  expect_eq "$v oom: message" "$bad_alloc_report" "$(cat "$TMP/err")"

  # new T[n] whose size overflows reaches operator new[] as SIZE_MAX.
  "$exe" overflow >"$TMP/out" 2>"$TMP/err"
  expect_eq "$v overflow: status" 134 $?
  expect_eq "$v overflow: message" "$bad_alloc_report" "$(cat "$TMP/err")"

  # Under a 64 MiB address-space limit: nothrow forms return nullptr, a
  # throwing form reports bad_alloc and aborts.
  (ulimit -v 65536; exec "$exe" limit) >"$TMP/out" 2>"$TMP/err"
  expect_eq "$v limit: status" 134 $?
  expect_eq "$v limit: nothrow" "nothrow forms returned nullptr" "$(cat "$TMP/out")"
  expect_eq "$v limit: message" "$bad_alloc_report" "$(cat "$TMP/err")"
done

# Lazy initialisation: linking the allocator costs a program that never
# allocates no system call; the first allocation maps memory.
if command -v strace >/dev/null; then
  strace -f -o "$TMP/trace" "$TEST_BIN/alloc_operators" none
  expect_eq "no allocation, no memory system call" "" \
    "$(grep -E '^[0-9]+ +(mmap|munmap|mremap|madvise|brk)\(' "$TMP/trace")"
  strace -f -o "$TMP/trace" "$TEST_BIN/alloc_operators" >/dev/null
  expect_contains "allocating maps memory" "mmap(" "$(cat "$TMP/trace")"
fi

finish
