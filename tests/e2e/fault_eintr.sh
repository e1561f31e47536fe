# Signals during reads and writes: test-bin/NAME-eintr is program NAME
# with tests/fault/eintr_shim.cpp, which interrupts it with SIGALRM every
# 100 us through a handler installed without SA_RESTART, so blocked reads
# and writes really fail with EINTR or return short. Each program reads a
# pipe fed in bursts and writes a one-page pipe drained slowly: its output
# must be whole. One run of each under strace shows that the
# interruptions happened (rt_sigreturn returning EINTR to the program).
source "$(dirname "$0")/../lib.sh"
PUMP=("${RING3_BUILD:?}/test-tools/pump")
cd "$TMP" || exit 1
head -c 3000000 /dev/urandom >big
head -c 400000 /dev/urandom >small
# Bursts in, a slow one-page pipe out.
SLOW=(--in-chunk 50000 --in-delay-us 2000 --pipe-size 4096 --out-chunk 7000 --out-delay-us 200)

# LABEL|PROGRAM|ARGS TO READ STDIN|ARGS TO READ A FILE (none: no such
# case)|REFERENCE COMMAND (what the output must be)
rows=(
  "readfile|readfile|/dev/stdin|FILE|cat"
  "mmapfile|mmapfile|/dev/stdin|FILE|cat"
  "cat|cat|-|FILE|cat"
  "cat -n|cat|-n -|-n FILE|cat -n"
  "cat -A|cat|-A -|-A FILE|cat -A"
  "streams: stream_tool cat-n|stream_tool|cat-n||cat -n"
)
for row in "${rows[@]}"; do
  IFS='|' read -r label prog args file_args ref <<<"$row"
  read -ra args <<<"$args"
  read -ra file_args <<<"${file_args//FILE/big}"
  read -ra ref <<<"$ref"
  p=$TEST_BIN/$prog-eintr
  [ -x "$p" ] || { fail "$p is not built"; continue; }
  # GNU cat is the reference: the programs must copy or number like it.
  "${ref[@]}" <big >expected

  # From a pipe fed in bursts.
  "${PUMP[@]}" --in big --out got "${SLOW[@]}" -- "$p" "${args[@]}" 2>err
  expect_eq "$label, pipe to pipe: status" 0 $?
  expect_eq "$label, pipe to pipe: stderr" "" "$(cat err)"
  expect_same_file "$label, pipe to pipe: output" expected got

  # From a file, into the slow pipe.
  if [ ${#file_args[@]} -gt 0 ]; then
    "${PUMP[@]}" --out got "${SLOW[@]}" -- "$p" "${file_args[@]}" 2>err
    expect_eq "$label, file to pipe: status" 0 $?
    expect_eq "$label, file to pipe: stderr" "" "$(cat err)"
    expect_same_file "$label, file to pipe: output" expected got
  fi

  # The same under strace, with less data: interrupted calls and short
  # transfers did happen, and the output is still whole.
  if command -v strace >/dev/null; then
    "${ref[@]}" <small >expected-small
    "${PUMP[@]}" --in small --out got "${SLOW[@]}" -- \
      strace -o trace -e trace=read,write,splice,sendfile,copy_file_range,rt_sigreturn \
      "$p" "${args[@]}" 2>err
    expect_eq "$label, under strace: status" 0 $?
    expect_same_file "$label, under strace: output" expected-small got
    eintr=$(grep -c 'rt_sigreturn(.*= -1 EINTR' trace)
    [ "$eintr" -gt 0 ] && pass || fail "$label: no system call was interrupted (EINTR) under strace"
    # Writes to stdout cut short by a signal: "write(1, ..., N) = M", M < N.
    short=$(grep -E '^write\(1, ' trace | sed -E 's/.*, ([0-9]+)\) += ([0-9]+)$/\1 \2/' |
      awk '$2 < $1 { n++ } END { print n + 0 }')
    echo "$label: under strace, $eintr system calls failed with EINTR, $short writes were cut short"
    # (cat with nothing to transform moves the bytes with splice(2).)
    if [ "$label" != cat ]; then
      [ "$short" -gt 0 ] && pass || fail "$label: no write was cut short under strace"
    fi
  fi
done

# The runtime's output stream, formatting numbers into a slow pipe: every
# line arrives.
numbers_reference 200000 >expected
"${PUMP[@]}" --out got "${SLOW[@]}" -- "$TEST_BIN/stream_tool-eintr" numbers 200000 2>err
expect_eq "streams: numbers: status" 0 $?
expect_eq "streams: numbers: stderr" "" "$(cat err)"
expect_same_file "streams: numbers: output" expected got

# maps writes what it read of /proc (which signals do not interrupt) in
# one go: its output, to a slow pipe, is whole too.
m=$TEST_BIN/maps-eintr
"${PUMP[@]}" --out expected -- setarch x86_64 -R "$m" 2>err
expect_eq "maps: status" 0 $?
[ -s expected ] && pass || fail "maps printed nothing"
"${PUMP[@]}" --out got "${SLOW[@]}" -- setarch x86_64 -R "$m" 2>err
expect_eq "maps, slow pipe: status" 0 $?
expect_eq "maps, slow pipe: stderr" "" "$(cat err)"
expect_same_file "maps, slow pipe: output" expected got

finish
