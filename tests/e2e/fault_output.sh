# The output side of the fault matrix, for every program in bin/ that
# writes output (and for a program run through ring3-load): stdout
# closed, stdout full, a reader gone before the first write, a reader
# that goes away early (with SIGPIPE as inherited and ignored), a slow
# reader. A program added to bin/ without a row here fails this test.
# (Signals during reads and writes: fault_eintr.sh; the input side:
# fault_input.sh.)
source "$(dirname "$0")/../lib.sh"
PUMP=("${RING3_BUILD:?}/test-tools/pump")
cd "$TMP" || exit 1
head -c 3000000 /dev/urandom >big

# One row per program: LABEL|NAME|STATUS|KIND|COMMAND. NAME starts its
# messages; STATUS is its exit status when its own output fails; KIND says
# how much it writes: "big" (more than a pipe holds), "small", or
# "silent" (hello: its 1 KiB has no room for messages, so it reports a
# failed write by its status alone; docs/reliability.md). COMMAND is
# split on spaces. ring3-load's own output failing is its own failure
# (125, as GNU env); ASLR is off where the output shows addresses.
rows=(
  "readfile|readfile|1|big|$BIN/readfile big"
  "mmapfile|mmapfile|1|big|$BIN/mmapfile big"
  "cat|cat|1|big|$BIN/cat big"
  "cat -n|cat|1|big|$BIN/cat -n big"
  "elfinfo|elfinfo|1|small|$BIN/elfinfo $BIN/cat"
  "maps|maps|1|small|setarch x86_64 -R $BIN/maps"
  "pagefaults|pagefaults|1|small|setarch x86_64 -R $BIN/pagefaults $BIN/cat"
  "hello|hello|1|silent|$BIN/hello"
  "ring3-load --dry-run|ring3-load|125|small|setarch x86_64 -R $BIN/ring3-load --dry-run $BIN/hello"
  "ring3-load --help|ring3-load|125|small|$BIN/ring3-load --help"
  "ring3-load readfile|readfile|1|big|$BIN/ring3-load $BIN/readfile big"
)
# Programs with no row, and why.
# readfile-asm: the seed article's NASM program, kept as it was (a
# baseline), and mmapfile-asm, its mmap sibling for the tour; noexit: the
# tour's _start without exit, which ends in a signal by design; hold: the
# tour's process that waits on its standard input; ring3-c++: the compiler
# driver, a shell script that runs clang++.
not_in_matrix="readfile-asm mmapfile-asm noexit hold ring3-c++"

for f in "$BIN"/*; do
  name=${f##*/}
  case " $not_in_matrix " in *" $name "*) continue ;; esac
  found=no
  for row in "${rows[@]}"; do
    case "${row##*|} " in *"$BIN/$name "*) found=yes ;; esac
  done
  [ $found = yes ] && pass || fail "$name is in bin/ but has no row in the fault matrix (tests/e2e/fault_output.sh)"
done

# check_stderr LABEL WHAT NAME EXPECTED-END KIND: one line "NAME: ...END",
# or nothing for a silent program.
check_stderr() {
  if [ "$5" = silent ]; then
    expect_eq "$1, $2: stderr" "" "$(cat err)"
    return
  fi
  expect_eq "$1, $2: one line on stderr" 1 "$(wc -l <err)"
  case "$(cat err)" in
  "$3: "*"$4") pass ;;
  *) fail "$1, $2: stderr [$(cat err)] is not [$3: ...$4]" ;;
  esac
}
# quiet_or_epipe LABEL WHAT NAME: nothing on stderr, or GNU cat's
# "write error: Broken pipe"; never anything else.
quiet_or_epipe() {
  case "$(cat err)" in
  "" | "$3: write error: Broken pipe") pass ;;
  *) fail "$1, $2: stderr [$(cat err)]" ;;
  esac
}

for row in "${rows[@]}"; do
  IFS='|' read -r label name status kind command <<<"$row"
  read -ra cmd <<<"$command"

  "${cmd[@]}" >&- 2>err
  expect_eq "$label, stdout closed: status" "$status" $?
  check_stderr "$label" "stdout closed" "$name" "Bad file descriptor" "$kind"

  "${cmd[@]}" >/dev/full 2>err
  expect_eq "$label, stdout full: status" "$status" $?
  check_stderr "$label" "stdout full" "$name" "write error: No space left on device" "$kind"

  # A reader gone before the first write: SIGPIPE, as inherited, ends the
  # program quietly; with SIGPIPE ignored, EPIPE does.
  "${PUMP[@]}" --close-after 0 -- "${cmd[@]}" 2>err
  expect_eq "$label, reader gone: status" 141 $?
  expect_eq "$label, reader gone: stderr" "" "$(cat err)"
  "${PUMP[@]}" --close-after 0 --ignore-sigpipe -- "${cmd[@]}" 2>err
  expect_eq "$label, reader gone, SIGPIPE ignored: status" "$status" $?
  quiet_or_epipe "$label" "reader gone, SIGPIPE ignored" "$name"

  # A reader that takes one byte and goes away, while the program is
  # blocked writing the rest.
  if [ "$kind" = big ]; then
    "${PUMP[@]}" --close-after 1 --pipe-size 4096 -- "${cmd[@]}" 2>err
    expect_eq "$label, reader leaves early: status" 141 $?
    expect_eq "$label, reader leaves early: stderr" "" "$(cat err)"
    "${PUMP[@]}" --close-after 1 --pipe-size 4096 --ignore-sigpipe -- "${cmd[@]}" 2>err
    expect_eq "$label, reader leaves early, SIGPIPE ignored: status" "$status" $?
    quiet_or_epipe "$label" "reader leaves early, SIGPIPE ignored" "$name"
  fi

  # A slow reader on a one-page pipe: the output arrives whole, as it
  # does to a fast one. (Some of the dry run's numbers are random: the
  # bytes of AT_RANDOM, the brk base.)
  "${PUMP[@]}" --out expected -- "${cmd[@]}" 2>err
  expect_eq "$label, a fast reader: status" 0 $?
  "${PUMP[@]}" --out got --pipe-size 4096 --out-chunk 3000 --out-delay-us 100 -- "${cmd[@]}" 2>err
  expect_eq "$label, slow reader: status" 0 $?
  expect_eq "$label, slow reader: stderr" "" "$(cat err)"
  if [ "$label" = "ring3-load --dry-run" ]; then
    sed -i -E '/AT_RANDOM bytes/d; s/0x[0-9a-f]+/0x?/g' expected got
  fi
  [ -s expected ] && pass || fail "$label wrote nothing"
  expect_same_file "$label, slow reader: output" expected got
done

finish
