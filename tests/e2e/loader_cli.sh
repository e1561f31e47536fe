# ring3-load's command line: options, exit statuses like a shell's, and
# --trace / --dry-run output that tells the truth (checked against the
# process's own /proc/self/maps).
source "$(dirname "$0")/../lib.sh"

LOAD=$BIN/ring3-load

# --help and --version: stdout, status 0.
out=$("$LOAD" --help 2>"$TMP/err")
expect_eq "--help status" 0 $?
expect_contains "--help usage line" "Usage: ring3-load [OPTION]... PROGRAM [ARG]..." "$out"
expect_contains "--help lists --trace" "--trace" "$out"
expect_contains "--help lists --argv0" "--argv0 NAME" "$out"
expect_eq "--help stderr" "" "$(cat "$TMP/err")"
expect_eq "--version" "ring3-load 0.1.0" "$("$LOAD" --version)"

# Usage errors: 125, like env(1), so they cannot be mistaken for the
# program's 126 and 127.
"$LOAD" 2>"$TMP/err"
expect_eq "no PROGRAM: status" 125 $?
expect_eq "no PROGRAM: message" "ring3-load: no PROGRAM given
Try 'ring3-load --help' for more information." "$(cat "$TMP/err")"
"$LOAD" --bogus "$BIN/hello" 2>"$TMP/err"
expect_eq "unknown option: status" 125 $?
expect_contains "unknown option: message" "ring3-load: unknown option --bogus" "$(cat "$TMP/err")"
"$LOAD" --argv0 2>"$TMP/err"
expect_eq "--argv0 without NAME" 125 $?
# Options stop at PROGRAM, and at --: the rest belongs to the program.
expect_eq "options after PROGRAM are the program's" "Hello from ring3: zero libc, one write." \
  "$("$LOAD" "$BIN/hello" --trace 2>&1)"
expect_eq "-- ends the options" "Hello from ring3: zero libc, one write." "$("$LOAD" -- "$BIN/hello")"

# Not found: 127; found but not runnable: 126; as a shell says.
shell_status() { bash -c "\"\$@\"" sh "$@" >/dev/null 2>&1; echo $?; }
mkdir "$TMP/dir"
printf 'not executable\n' >"$TMP/plain"
printf '\x7fELF' >"$TMP/noexec-elf"
chmod 644 "$TMP/noexec-elf"
mkfifo "$TMP/fifo" && chmod +x "$TMP/fifo"
check_refusal() { # WHAT STATUS MESSAGE PROGRAM
  "$LOAD" "$4" >"$TMP/out" 2>"$TMP/err"
  expect_eq "$1: status" "$2" $?
  expect_eq "$1: message" "ring3-load: $4: $3" "$(cat "$TMP/err")"
  expect_eq "$1: same status as a shell" "$(shell_status "$4")" "$2"
}
check_refusal "missing file" 127 "No such file or directory" "$TMP/nope"
check_refusal "a file as a directory" 126 "Not a directory" "$TMP/plain/x"
check_refusal "a directory" 126 "Is a directory" "$TMP/dir"
check_refusal "no execute permission" 126 "Permission denied" "$TMP/noexec-elf"
chmod +x "$TMP/plain"
"$LOAD" "$TMP/plain" 2>"$TMP/err"
expect_eq "a text file: status" 126 $?
expect_eq "a text file: message" "ring3-load: $TMP/plain: not an ELF file" "$(cat "$TMP/err")"
timeout 5 "$LOAD" "$TMP/fifo" 2>"$TMP/err"
expect_eq "a FIFO is refused, without waiting for a writer" 126 $?
# PATH: searched for a name without a slash; not found is 127.
PATH="$TMP/dir:$BIN" "$LOAD" hello >"$TMP/out"
expect_eq "found in PATH" "Hello from ring3: zero libc, one write." "$(cat "$TMP/out")"
PATH="$TMP/dir" "$LOAD" hello 2>"$TMP/err"
expect_eq "not in PATH: status" 127 $?
expect_eq "not in PATH: message" "ring3-load: hello: No such file or directory" "$(cat "$TMP/err")"
cp "$BIN/hello" "$TMP/dir/hello-noexec" && chmod 644 "$TMP/dir/hello-noexec"
PATH="$TMP/dir" "$LOAD" hello-noexec 2>"$TMP/err"
expect_eq "in PATH but not executable" 126 $?

# The program's own status, whatever it is (126 and 127 included).
"$LOAD" "$BIN/readfile" /nonexistent 2>/dev/null
expect_eq "the program's status" 1 $?
"$LOAD" /bin/busybox sh -c 'exit 126'
expect_eq "a program exiting 126" 126 $?
"$LOAD" /bin/busybox sh -c 'kill -TERM $$'
expect_eq "a program killed by a signal" 143 $?

# --dry-run: the plan on stdout, nothing runs.
out=$("$LOAD" --dry-run "$BIN/hello" 2>"$TMP/err")
expect_eq "--dry-run status" 0 $?
expect_eq "--dry-run stderr" "" "$(cat "$TMP/err")"
expect_contains "--dry-run: the plan" "reserve  0x000000400000" "$out"
expect_contains "--dry-run: nothing ran" "dry run: nothing was mapped, nothing runs" "$out"
case "$out" in *"Hello from ring3"*) fail "--dry-run ran the program" ;; *) pass ;; esac
"$LOAD" --dry-run "$TMP/bad" 2>/dev/null
expect_eq "--dry-run still validates" 127 $?

# --trace: the tables on stderr, the program's output alone on stdout.
gcc -O2 -static -o "$TMP/peer" "$SRC/tests/loader/peer.c" || fail "gcc -static"
"$LOAD" --trace "$TMP/peer" one >"$TMP/out" 2>"$TMP/trace"
expect_eq "--trace: the program's status" 12 $?
expect_eq "--trace: stdout is the program's" "$("$TMP/peer" one | sed 's/^argv\[0\].*//')" \
  "$(sed 's/^argv\[0\].*//' "$TMP/out")"
trace=$(cat "$TMP/trace")
for line in "ring3-load: $TMP/peer" "ET_EXEC: a static program" \
  "step     start           end             size      prot  source         why" \
  "reserve  0x000000400000" "the whole image, so nothing else lands in it" \
  "r-x   file @0x1000   PT_LOAD 1: code" "PT_LOAD 3: bss in the last file page" "PT_LOAD 3: bss, zero-filled pages" \
  "initial stack: rsp" "argv[1]" '"one"' "AT_PHDR" "set for the program" "AT_SYSINFO_EHDR" \
  "AT_RANDOM bytes" "AT_EXECFN string" "jump to the entry point" "rdx 0 (no exit hook)"; do
  expect_contains "--trace shows: $line" "$line" "$trace"
done
"$LOAD" --trace "$TEST_BIN/startup_conformance-pie" >/dev/null 2>"$TMP/trace"
expect_contains "--trace, static-PIE" "a static-PIE program, in the mmap area" "$(cat "$TMP/trace")"
expect_contains "--trace, static-PIE bias" "load bias 0x7f" "$(cat "$TMP/trace")"

# What --trace says is mapped is what the process has: readfile prints its
# own /proc/self/maps, and each range the trace mapped (or protected last)
# is there with those permissions. No mapping is writable and executable.
"$LOAD" --trace "$BIN/readfile" /proc/self/maps >"$TMP/maps" 2>"$TMP/trace"
python3 - "$TMP/trace" "$TMP/maps" <<'EOF' >"$TMP/check" 2>&1
import re, sys
final = {}
for line in open(sys.argv[1]):
    m = re.match(r"\s+(map|protect)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+.*?\s([r-][w-][x-])\s", line)
    if m:
        final[(int(m[2], 16), int(m[3], 16))] = m[4]
maps = []
for line in open(sys.argv[2]):
    rng, perms = line.split()[:2]
    lo, hi = (int(x, 16) for x in rng.split("-"))
    maps.append((lo, hi, perms[:3]))
    if "w" in perms and "x" in perms:
        print("writable and executable:", line.strip())
for (lo, hi), prot in final.items():
    if not any(a <= lo and hi <= b and p == prot for a, b, p in maps):
        print(f"traced {lo:#x}-{hi:#x} {prot} not in /proc/self/maps")
print(f"{len(final)} traced ranges checked")
EOF
ranges=$(sed -n 's/^\([0-9]*\) traced ranges checked$/\1/p' "$TMP/check")
[ "${ranges:-0}" -ge 4 ] && pass || fail "trace vs /proc/self/maps: ${ranges:-no} ranges checked, expected at least 4"
expect_eq "trace vs /proc/self/maps: differences" "" "$(grep -v 'traced ranges checked' "$TMP/check")"
expect_contains "the stack is still the kernel's [stack]" "[stack]" "$(cat "$TMP/maps")"

# A fixed-address program that would land on the stack is refused. With
# ASLR off (setarch -R) the stack ends at 0x7ffffffff000.
python3 - "$TMP/on-stack" <<EOF
import os, sys
sys.path.insert(0, "$SRC/tests/loader")
import malformed
e = malformed.Elf()
e.ph[0][3], e.ph[1][3], e.ph[2][3], e.ph[3][3] = 0x7ffffff00040, 0x7ffffff00000, 0x7ffffff01000, 0x7ffffff02000
e.eh["entry"] = 0x7ffffff01000
open(sys.argv[1], "wb").write(e.build())
os.chmod(sys.argv[1], 0o755)
EOF
(ulimit -s 8192 && setarch x86_64 -R "$LOAD" "$TMP/on-stack") 2>"$TMP/err"
expect_eq "over the stack: status" 126 $?
expect_eq "over the stack: message" \
  "ring3-load: $TMP/on-stack: its segments [0x7ffffff00000, 0x7ffffff05000) would overlap the stack [0x7fffff7ff000, 0x7ffffffff000)" \
  "$(cat "$TMP/err")"

finish
