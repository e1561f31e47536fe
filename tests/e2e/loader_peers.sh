# ring3-load runs static and static-PIE programs of every origin exactly as
# running them directly does: same stdout, same exit status. The programs
# print what they can observe of their start (tests/loader/peer.c, peer.go)
# or their CPU state (regs.asm), so "same output" means "same start".
source "$(dirname "$0")/../lib.sh"

LOAD=$BIN/ring3-load
BUILD_DIR=${RING3_BUILD:-$TMP}

# same WHAT PROGRAM [ARGS...]: stdout and status through ring3-load and directly.
same() {
  local what=$1; shift
  run_both_ways "$@"
  expect_eq "$what: status" "$direct_status" "$via_status"
  expect_same_file "$what: stdout" "$TMP/direct.out" "$TMP/via.out"
  expect_eq "$what: nothing from ring3-load on stderr" "" "$(grep '^ring3-load' "$TMP/via.err")"
}

# ring3's own programs: static (ET_EXEC) and static-PIE.
printf 'one\ntwo\n' >"$TMP/file"
same "hello" "$BIN/hello"
same "readfile" "$BIN/readfile" "$TMP/file" /etc/hostname
same "mmapfile" "$BIN/mmapfile" "$TMP/file"
same "readfile-asm (NASM, no runtime)" "$BIN/readfile-asm" "$TMP/file"
[ -x "$BIN/cat" ] && same "cat -n" "$BIN/cat" -n "$TMP/file"
same "startup_conformance" "$TEST_BIN/startup_conformance" run one two
same "startup_conformance-pie (static-PIE)" "$TEST_BIN/startup_conformance-pie" run one two
same "a failing ring3 program" "$BIN/readfile" /nonexistent

# glibc, static and static-PIE, from the same source.
gcc -O2 -static -o "$TMP/peer-static" "$SRC/tests/loader/peer.c" \
  && gcc -O2 -static-pie -o "$TMP/peer-static-pie" "$SRC/tests/loader/peer.c" \
  || fail "gcc could not build the glibc peers"
export RING3_PEER=from-the-environment
for v in static static-pie; do
  same "glibc -$v" "$TMP/peer-$v" alpha "two words" ''
  expect_contains "glibc -$v: auxv facts" "AT_PHDR is this program's headers: yes" "$(cat "$TMP/via.out")"
  expect_contains "glibc -$v: entry" "AT_ENTRY is _start: yes" "$(cat "$TMP/via.out")"
  expect_contains "glibc -$v: bss" "bss zero: yes, data 42, tls 7" "$(cat "$TMP/via.out")"
done
expect_eq "glibc -static-pie is ET_DYN" DYN "$(readelf -hW "$TMP/peer-static-pie" | awk '/Type:/ {print $2}')"

# Debian's busybox-static: glibc static, a shell and 300 applets.
busybox=/bin/busybox
if readelf -lW "$busybox" | grep -q INTERP; then
  fail "$busybox is dynamically linked: install busybox-static (make test's setup does)"
else
  same "busybox echo" "$busybox" echo hello world
  same "busybox sh" "$busybox" sh -c 'x=$((6 * 7)); echo "$x $0 $RING3_PEER"; exit 3'
  same "busybox sha256sum" "$busybox" sha256sum "$TMP/file"
  same "busybox ls" "$busybox" ls -la "$SRC/loader"
fi

# Go, CGO_ENABLED=0: static, its own runtime, threads.
GOCACHE="$BUILD_DIR/go-cache" CGO_ENABLED=0 go build -o "$TMP/peer-go" "$SRC/tests/loader/peer.go" \
  2>"$TMP/go.log" || { cat "$TMP/go.log"; fail "go build"; }
expect_eq "Go peer is static" "" "$(readelf -lW "$TMP/peer-go" | grep INTERP)"
same "Go (static)" "$TMP/peer-go" a b c

# NASM: the CPU state at the first instruction, as the kernel leaves it.
nasm -felf64 -o "$TMP/regs.o" "$SRC/tests/loader/regs.asm" && ld.lld -static -o "$TMP/regs" "$TMP/regs.o" \
  || fail "nasm/ld.lld could not build regs.asm"
same "CPU state at entry (regs.asm)" "$TMP/regs"
expect_eq "registers zero, rsp aligned, FS 0, DF clear, FPU/SSE clean" 00000000 "$(cat "$TMP/via.out")"

# 3000 arguments, and an empty one.
args=()
for i in $(seq 1 3000); do args+=("argument-$i"); done
same "3000 arguments" "$TMP/peer-static" "${args[@]}" ""
expect_eq "3000 arguments: argc" "argc 3002" "$(head -1 "$TMP/via.out")"

# The loader loading itself, found through PATH as a shell would.
PATH="$BIN:$PATH" "$LOAD" ring3-load hello >"$TMP/out"
expect_eq "ring3-load ring3-load hello: status" 0 $?
expect_eq "ring3-load ring3-load hello: output" "$("$BIN/hello")" "$(cat "$TMP/out")"
"$LOAD" "$LOAD" "$LOAD" "$TMP/peer-static-pie" deep >"$TMP/out"
expect_eq "three loaders deep, static-PIE: status" 12 $?
expect_contains "three loaders deep: argv" "argv[1] deep" "$(cat "$TMP/out")"

# argv[0] and AT_EXECFN: PROGRAM as given by default, --argv0 to change argv[0].
(cd "$TMP" && "$LOAD" ./peer-static >"$TMP/out")
expect_contains "relative path: argv[0]" "argv[0] ./peer-static" "$(cat "$TMP/out")"
expect_contains "relative path: AT_EXECFN" "AT_EXECFN ./peer-static" "$(cat "$TMP/out")"
"$LOAD" --argv0 renamed "$TMP/peer-static" x >"$TMP/out"
expect_contains "--argv0: argv[0]" "argv[0] renamed" "$(cat "$TMP/out")"
expect_contains "--argv0: AT_EXECFN stays the path" "AT_EXECFN $TMP/peer-static" "$(cat "$TMP/out")"
expect_contains "--argv0: the other arguments" "argv[1] x" "$(cat "$TMP/out")"
PATH="$TMP:$PATH" "$LOAD" peer-static >"$TMP/out"
expect_contains "found in PATH: argv[0] as given" "argv[0] peer-static" "$(cat "$TMP/out")"
expect_contains "found in PATH: AT_EXECFN is the file" "AT_EXECFN $TMP/peer-static" "$(cat "$TMP/out")"

finish
