# No W+X, ever: programs running under ring3-load — ring3's own (static
# and static-PIE), glibc static and static-PIE, busybox, and a dynamic
# program, named directly and through ld.so run as a static-PIE program
# — have no mapping both writable and executable. Each reads its stdin, so
# it waits, loaded and running, while its /proc/PID/maps is read from
# outside. ring3-load itself is gone by then (its trampoline unmaps it).
source "$(dirname "$0")/../lib.sh"
LOAD=$BIN/ring3-load
cd "$TMP" || exit 1

# The lines of a maps file that are writable and executable.
wx_lines() { awk '$2 ~ /w/ && $2 ~ /x/' "$1"; }

# The checker itself: a process with a writable and executable mapping
# (python's mmap) is caught.
if command -v python3 >/dev/null; then
  python3 -c '
import mmap, sys
m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
sys.stdout.write(open("/proc/self/maps").read())' >python.maps
  [ -n "$(wx_lines python.maps)" ] && pass || fail "the checker misses a W+X mapping"
fi

# Static glibc programs that copy stdin to stdout.
cat >copy.c <<'EOF'
#include <unistd.h>
int main(void) {
    char buf[4096];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        if (write(1, buf, (size_t)n) != n) return 1;
    return n < 0;
}
EOF
have_static=no
if cc -static -O2 -o copy-static copy.c 2>/dev/null && cc -static-pie -fPIE -O2 -o copy-static-pie copy.c 2>/dev/null; then
  have_static=yes
else
  echo "no static glibc (libc6-dev): its programs are skipped"
fi

# inspect LABEL EXPECTED-PATH COMMAND...: starts COMMAND with its stdin on
# a pipe, waits until it blocks reading it, reads its maps, then lets it
# finish; the maps must show EXPECTED-PATH mapped, no ring3-load, no W+X.
inspect() {
  local label=$1 expected=$2
  shift 2
  rm -f in
  mkfifo in
  "$@" <in >out 2>err &
  local pid=$!
  exec 3>in
  local waited=0
  until grep -q pipe "/proc/$pid/wchan" 2>/dev/null || [ $waited -ge 100 ]; do
    sleep 0.05
    waited=$((waited + 1))
  done
  cp "/proc/$pid/maps" maps 2>/dev/null
  printf 'through\n' >&3
  exec 3>&-
  wait $pid
  local status=$?
  expect_eq "$label: status" 0 $status
  expect_contains "$label: output" "through" "$(cat out)"
  expect_contains "$label: the program is mapped" "$expected" "$(cat maps)"
  # The trampoline unmapped ring3-load before the jump (docs/loader.md).
  expect_eq "$label: ring3-load is gone from the process" "" "$(grep -F "$LOAD" maps)"
  expect_eq "$label: mappings both writable and executable" "" "$(wx_lines maps)"
  echo "$label: $(wc -l <maps) mappings, none writable and executable"
}

inspect "ring3 cat" "$BIN/cat" "$LOAD" "$BIN/cat"
inspect "ring3 stream_tool, static-PIE" "$TEST_BIN/stream_tool-pie" "$LOAD" "$TEST_BIN/stream_tool-pie" cat-n
if [ $have_static = yes ]; then
  inspect "glibc static" "$TMP/copy-static" "$LOAD" "$TMP/copy-static"
  inspect "glibc static-PIE" "$TMP/copy-static-pie" "$LOAD" "$TMP/copy-static-pie"
fi
if [ -x /bin/busybox ] && ! readelf -lW /bin/busybox | grep -q INTERP; then
  inspect "busybox (static)" "/bin/busybox" "$LOAD" /bin/busybox cat
fi
ldso=$(readlink -f /lib64/ld-linux-x86-64.so.2)
if [ -x "$ldso" ]; then
  inspect "dynamic: ld.so running cat" "$(readlink -f /bin/cat)" "$LOAD" "$ldso" /bin/cat
  expect_contains "dynamic: libc is mapped" "libc.so" "$(cat maps)"
  # The same program named directly: ring3-load maps its interpreter.
  inspect "dynamic: cat, its interpreter loaded by ring3-load" "$(readlink -f /bin/cat)" "$LOAD" /bin/cat
  expect_contains "dynamic, direct: libc is mapped" "libc.so" "$(cat maps)"
  expect_contains "dynamic, direct: ld.so is mapped" "$ldso" "$(cat maps)"
fi

finish
