# The input side of the fault matrix, for every program that reads files:
# input that cannot be read (a directory, /proc/self/mem, a file without
# permission), a file that shrinks while it is being copied (mmapfile:
# "file changed while it was being read", status 1, not SIGBUS), and a
# sparse file larger than 4 GiB (exact byte count). Each program goes on
# with the next file. (cat's own sparse test, cat_sparse.sh, covers cat
# beyond 4 GiB.)
source "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
printf 'the next file\n' >next
mkdir dir

# Unreadable input: GNU cat's message for the same file is the reference
# (the kernel decides: EISDIR, EIO for address 0 of /proc/self/mem, EACCES).
unreadable=(dir /proc/self/mem)
if [ "$(id -u)" -ne 0 ]; then
  printf 'secret' >secret && chmod 000 secret && unreadable+=(secret)
fi
for prog in readfile mmapfile cat; do
  for f in "${unreadable[@]}"; do
    "$BIN/$prog" "$f" next >out 2>err
    expect_eq "$prog $f: status" 1 $?
    ref=$(cat "$f" 2>&1 >/dev/null)
    expect_eq "$prog $f: message" "$prog: ${ref#cat: }" "$(cat err)"
    expect_eq "$prog $f: the next file" "the next file" "$(cat out)"
  done
done
# elfinfo inspects ELF files: a message for what it cannot read, then
# the next file.
"$BIN/elfinfo" dir "$BIN/hello" >out 2>err
expect_eq "elfinfo dir: status" 1 $?
expect_eq "elfinfo dir: message" "elfinfo: dir: Is a directory" "$(cat err)"
expect_contains "elfinfo dir: the next file" "File: $BIN/hello" "$(cat out)"

# A file that shrinks while it is being copied. The reader takes 64 KiB
# (the writer is then blocked on the pipe, in the middle of the file),
# truncates the file to 1000 bytes, and reads the rest. What arrived must
# be the start of the file, then the next file.
head -c 8000000 /dev/urandom >original
for prog in mmapfile readfile cat; do
  cp original shrinking
  "$BIN/$prog" shrinking next 2>err |
    { dd bs=65536 count=1 iflag=fullblock status=none; truncate -s 1000 shrinking; cat; } >out
  status=${PIPESTATUS[0]}
  copied=$(($(stat -c %s out) - $(stat -c %s next)))
  [ "$copied" -ge 65536 ] && [ "$copied" -lt 8000000 ] && pass ||
    fail "$prog shrinking: $copied bytes of the file arrived"
  cmp -s -n "$copied" original out && pass || fail "$prog shrinking: not the start of the file"
  expect_eq "$prog shrinking: then the next file" "the next file" "$(tail -c +$((copied + 1)) out)"
  if [ "$prog" = mmapfile ]; then
    # The mapping lost its file under the write: reported, not a crash.
    expect_eq "$prog shrinking: status" 1 "$status"
    expect_eq "$prog shrinking: message" "mmapfile: shrinking: file changed while it was being read" "$(cat err)"
  else
    # read(2) sees the file end early: what GNU cat does too.
    expect_eq "$prog shrinking: status" 0 "$status"
    expect_eq "$prog shrinking: stderr" "" "$(cat err)"
  fi
done

# Larger than 4 GiB, sparse: data at the start, across the 4 GiB mark
# and at the very end; every byte counted, the marks where they belong.
size=$((4 * 1024 * 1024 * 1024 + 65536 + 77))
if truncate -s $size sparse 2>/dev/null; then
  printf 'the first bytes' | dd of=sparse conv=notrunc status=none
  printf 'across the 4 GiB mark' | dd of=sparse bs=1 seek=$((4 * 1024 * 1024 * 1024 - 10)) conv=notrunc status=none
  printf 'the last bytes' | dd of=sparse bs=1 seek=$((size - 14)) conv=notrunc status=none
  for prog in readfile mmapfile; do
    # Counted by a reader of its own, which also picks out the marks, on
    # a 1 MiB pipe (on a 64 KiB one, readfile's 64 KiB writes ping-pong).
    result=$(timeout 120 "$BIN/$prog" sparse next 2>err | python3 -c '
import fcntl, sys
try:
    fcntl.fcntl(0, 1031, 1 << 20)  # F_SETPIPE_SZ
except OSError:
    pass
f = sys.stdin.buffer.raw
n, buf, first, mark, last = 0, bytearray(1 << 20), b"", b"", b""
view = memoryview(buf)
edge = 4 * 1024 * 1024 * 1024 - 10
while True:
    k = f.readinto(buf)
    if not k:
        break
    if n == 0:
        first = bytes(view[:15])
    lo, hi = max(edge - n, 0), min(k, edge + 21 - n)
    if lo < hi:
        mark += bytes(view[lo:hi])
    n += k
    last = (last + bytes(view[max(0, k - 28):k]))[-28:]
print(n, first.decode(), mark.decode(), repr(last.decode()))
'; echo "status ${PIPESTATUS[0]}")
    expect_eq "$prog sparse > 4 GiB" "$((size + 14)) the first bytes across the 4 GiB mark 'the last bytesthe next file\\n'
status 0" "$result"
    expect_eq "$prog sparse > 4 GiB: stderr" "" "$(cat err)"
  done
else
  echo "no sparse file of $size bytes here: skipped"
fi

finish
