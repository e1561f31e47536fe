# pagefaults, the tour's page counter: nothing is mapped by mmap alone;
# each first touch faults pages in (file pages with their cached
# neighbours, anonymous pages one by one), and the counts say so.
source "$(dirname "$0")/../lib.sh"

PF=$BIN/pagefaults
head -c $((64 * 4096)) /dev/zero | tr '\0' x >"$TMP/file"
cat "$TMP/file" >/dev/null # in the page cache
"$PF" "$TMP/file" >"$TMP/out" 2>"$TMP/err"
expect_eq "status" 0 $?
expect_eq "stderr" "" "$(cat "$TMP/err")"
out=$(cat "$TMP/out")
expect_contains "the file" "$TMP/file: 262144 bytes, 64 pages, mapped read-only (MAP_PRIVATE) at 0x" "$out"
expect_contains "anonymous memory" "anonymous memory: 64 pages, mapped read-write (MAP_PRIVATE | MAP_ANONYMOUS) at 0x" "$out"

# The kernel's own account of the file mapping: read-only, private, at
# offset 0, named by the file's path; the anonymous one has no name.
base=$(sed -n 's/.*mapped read-only (MAP_PRIVATE) at 0x\([0-9a-f]*\)$/\1/p' "$TMP/out")
expect_eq "file mapping in /proc/self/maps" 1 \
  "$(grep -cE "^  in /proc/self/maps: 0*$base-[0-9a-f]+ r--p 00000000 .* $TMP/file\$" "$TMP/out")"
expect_eq "anonymous mapping in /proc/self/maps" 1 \
  "$(grep -cE '^  in /proc/self/maps: [0-9a-f]+-[0-9a-f]+ rw-p 00000000 00:00 0 *$' "$TMP/out")"

# field LINE NAME: the number after "NAME: " on the k-th line of a section.
row() { grep -F "  $2" "$TMP/out" | sed -n "${1}p"; }
num() { sed -n "s/.*$1: \([0-9]*\)[/ ].*/\1/p; s/.*$1: \([0-9]*\)\$/\1/p" <<<"$2" | head -1; }

# The file: 64 pages in the page cache throughout, none mapped by mmap.
r=$(row 1 "just mapped")
expect_eq "file, just mapped: mapped here" 0 "$(num 'mapped here' "$r")"
expect_eq "file, just mapped: in the page cache" 64 "$(num 'in the page cache' "$r")"
expect_eq "file, just mapped: faults" 0 "$(num 'page faults' "$r")"
r=$(row 1 "after reading page 0")
m=$(num 'mapped here' "$r")
[ "${m:-0}" -ge 1 ] && [ "$m" -le 16 ] && pass || fail "file, one page read: 1 to 16 pages mapped (fault-around), got [$m]"
expect_eq "file, one page read: one fault" 1 "$(num 'page faults' "$r")"
r=$(row 1 "after reading every page")
expect_eq "file, all read: all mapped" 64 "$(num 'mapped here' "$r")"
f=$(num 'page faults' "$r")
[ "${f:-0}" -ge 1 ] && [ "$f" -le 64 ] && pass || fail "file, all read: 1 to 64 faults, got [$f]"

# Anonymous memory: nothing until written, then one fault per page.
r=$(row 2 "just mapped")
expect_eq "anon, just mapped: mapped here" 0 "$(num 'mapped here' "$r")"
expect_eq "anon, just mapped: in memory" 0 "$(num 'in memory' "$r")"
r=$(row 1 "after writing page 0")
expect_eq "anon, one page written: mapped" 1 "$(num 'mapped here' "$r")"
expect_eq "anon, one page written: faults" 1 "$(num 'page faults' "$r")"
r=$(row 1 "after writing every page")
expect_eq "anon, all written: mapped" 64 "$(num 'mapped here' "$r")"
expect_eq "anon, all written: in memory" 64 "$(num 'in memory' "$r")"
expect_eq "anon, all written: a fault per page" 64 "$(num 'page faults' "$r")"

# A file of one byte: one page.
printf x >"$TMP/one"
expect_contains "one byte, one page" "1 bytes, 1 page," "$("$PF" "$TMP/one")"

# Errors.
: >"$TMP/empty"
for c in "$TMP/nope:No such file or directory" "$TMP:Is a directory" \
         "$TMP/empty:not a regular file with contents: nothing to map"; do
  "$PF" "${c%%:*}" >/dev/null 2>"$TMP/err"
  expect_eq "${c%%:*}: status" 1 $?
  expect_eq "${c%%:*}: message" "pagefaults: ${c%%:*}: ${c#*:}" "$(cat "$TMP/err")"
done
"$PF" >/dev/null 2>"$TMP/err"
expect_eq "usage: status" 2 $?
expect_eq "usage: message" "pagefaults: usage: pagefaults [--cold] [--picture[=unicode|ascii|svg]] FILE" "$(cat "$TMP/err")"
# --cold: the file leaves the page cache first; the first touch is a
# major fault, after which readahead has brought pages back.
head -c $((64 * 4096)) /dev/urandom >"$TMP/cold"
out=$("$BIN/pagefaults" --cold "$TMP/cold")
expect_contains "cold: nothing cached" "just mapped                mapped here: 0/64       in the page cache: 0/64 " "$out"
if grep -qE "after reading page 0 .*in the page cache: ([2-9]|[1-9][0-9])/64 +page faults: 1 \(1 major" <<<"$out"; then pass; else fail "cold: no major fault with readahead: $out"; fi
warm=$("$BIN/pagefaults" "$TMP/cold")
if grep -q "major" <<<"$warm"; then fail "warm: a major fault: $warm"; else pass; fi
"$PF" -x /etc/hosts >/dev/null 2>"$TMP/err"
expect_eq "bad option: status" 2 $?
expect_eq "bad option: message" "pagefaults: invalid option -- 'x'
Try 'pagefaults --help' for more information." "$(cat "$TMP/err")"
finish
