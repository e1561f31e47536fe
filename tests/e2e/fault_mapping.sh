# Files that shrink under a program's own reads of their mapping: SIGBUS,
# unless the program guards the mapping (ring3/mapping_guard.hpp), in
# which case the lost pages read as zeros and the program reports that the
# file changed. test-bin/mapping_guard checks the guard itself (static and
# static-PIE); then pagefaults, which reads every page of the file it
# maps, and elfinfo, which reads the headers of the files it maps, have
# their file truncated by gdb right after the mmap.
source "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
head -c 20000 /dev/urandom >file

for prog in mapping_guard mapping_guard-pie; do
  p=$TEST_BIN/$prog
  cp file f && "$p" guarded f >out 2>err
  expect_eq "$prog guarded: status" 0 $?
  expect_eq "$prog guarded: the file's bytes before the cut, zeros after, the loss noted" \
    "guarded true lost true file bytes 5000 zero bytes 11808 wrong bytes 0" "$(tr '\n' ' ' <out | sed 's/ $//')"
  cp file f && "$p" intact f >out 2>err
  expect_eq "$prog intact: status" 0 $?
  expect_eq "$prog intact: every byte, nothing lost" \
    "guarded true lost false file bytes 20000 zero bytes 0 wrong bytes 0" "$(tr '\n' ' ' <out | sed 's/ $//')"
  # The fault is real: unguarded, or guarded elsewhere, it ends the program.
  cp file f && "$p" none f >out 2>err
  expect_eq "$prog without a guard: SIGBUS" 135 $?
  cp file f && "$p" outside f >out 2>err
  expect_eq "$prog guarding another range: SIGBUS" 135 $?
done

if command -v gdb >/dev/null; then
  # shrink_after_mmap FILE SIZE COMMAND...: stopped when the mmap of FILE
  # returns, the file is cut to SIZE bytes, then the program goes on
  # (SIGBUS passed to it, as without gdb). Prints how it ended: its exit
  # code or the signal; gdb's output stays in gdb.out.
  shrink_after_mmap() {
    local file=$1 size=$2
    shift 2
    gdb -batch -nx -ex 'set pagination off' -ex 'handle SIGBUS nostop noprint pass' \
      -ex 'catch syscall mmap' -ex run -ex continue -ex "shell truncate -s $size $file" \
      -ex delete -ex continue --args "$@" >gdb.out 2>err
    sed -n 's/.*exited with code \([0-9]*\).*/\1/p; s/.*exited normally.*/0/p; s/.*terminated with signal \(SIG[A-Z]*\).*/\1/p' gdb.out
  }
  cp file f
  status=$(shrink_after_mmap f 100 "$BIN/pagefaults" f)
  expect_eq "pagefaults, file cut after mmap: status" 01 "$status"
  expect_eq "pagefaults, file cut after mmap: message" "pagefaults: f: file changed while it was being read" "$(cat err)"
  cp file f
  "$BIN/pagefaults" f >out 2>err
  expect_eq "pagefaults, file intact: status" 0 $?
  # elfinfo reads the headers of the file it maps: cut to nothing, its
  # first page is gone (SIGBUS, guarded); cut inside the first page, what
  # it reads is zeros with no fault (the size tells). Either way a message,
  # status 1, and the next file is still shown.
  for cut in 0 100; do
    cp "$BIN/cat" e
    status=$(shrink_after_mmap e $cut "$BIN/elfinfo" e "$BIN/hello")
    expect_eq "elfinfo, file cut to $cut after mmap: status" 01 "$status"
    expect_eq "elfinfo, file cut to $cut after mmap: message" "elfinfo: e: file changed while it was being read" "$(cat err)"
    expect_contains "elfinfo, file cut to $cut after mmap: the next file" "File: $BIN/hello" "$(cat gdb.out)"
  done
else
  echo "gdb missing: the pagefaults case is skipped"
fi

finish
