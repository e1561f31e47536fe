# Differential fuzzing, bounded (issue 20, point 3): damaged headers and
# program headers of a glibc static program, a glibc static-PIE one, a
# dynamic one (tests/loader/peer.c: it prints what it sees of its start)
# and ring3's hello, and #! scripts with a damaged first line, each run
# through execve and through ring3-load. tests/loader/differential.py
# judges: the same stdout and status where execve runs it, a refusal (126,
# one line) where execve refuses it, never ring3-load dying before its
# jump. Mismatches already reported are counted by class (KNOWN there);
# any other fails, with the seed and mutant number to make it again:
#   python3 tests/loader/differential.py one SEED N COUNT DIR FILES...
# The long campaign: `make fuzz-differential`.
source "$(dirname "$0")/../lib.sh"

LOAD=$BIN/ring3-load
DIFF=$SRC/tests/loader/differential.py
command -v python3 >/dev/null || { fail "python3 is needed"; finish; }
command -v gcc >/dev/null || { echo "gcc is needed to build the glibc programs"; exit 77; }
cd "$TMP" || exit 1
gcc -O2 -static -o peer-static "$SRC/tests/loader/peer.c" \
  && gcc -O2 -static-pie -o peer-static-pie "$SRC/tests/loader/peer.c" \
  && gcc -O2 -o peer-dynamic "$SRC/tests/loader/peer.c" || { fail "gcc peer.c"; finish; }
cp "$BIN/hello" hello
bases=(peer-static peer-static-pie peer-dynamic hello)

# The campaign: a fixed seed, 400 mutants of each program, 1000 scripts.
SEED=${RING3_DIFF_SEED:-20261208}
python3 "$DIFF" campaign "$LOAD" "$SEED" 400 mut "${bases[@]}" --scripts 1000 \
  --keep "$RING3_BUILD/differential-findings" >report 2>&1
status=$?
cat report
expect_eq "campaign (seed $SEED): no unreported mismatch" 0 $status
total=$(sed -n 's/^\([0-9]*\) mutants:.*/\1/p' report)
expect_eq "campaign: every mutant judged" 2600 "$total"
for verdict in same-run same-refused refused-crash; do
  n=$(grep -o "$verdict [0-9]*" report | cut -d' ' -f2)
  [ "${n:-0}" -gt 20 ] && pass || fail "campaign: only ${n:-0} mutants judged $verdict"
done

# The judge can fail: a "loader" that dies by a signal, one that runs the
# program but changes its output, and one that refuses what execve runs.
mkdir fake
cp peer-static fake/ok
printf 'ok\tpeer-static\n' >list
printf '#!/bin/sh\nkill -SEGV $$\n' >fake-crash
printf '#!/bin/sh\nexec "$@" | tr a b\n' >fake-output
printf '#!/bin/sh\necho "ring3-load: $1: no"; exit 126\n' >fake-refuse
printf '#!/bin/sh\necho "ring3-load: $1: no" >&2; exit 126\n' >fake-refuse-clean
chmod +x fake-*
for fake in crash output refuse refuse-clean; do
  python3 "$DIFF" judge "$TMP/fake-$fake" fake list >out 2>&1
  expect_eq "the judge finds fake-$fake" 1 $?
done
expect_contains "a death before the jump" "before its jump" "$(python3 "$DIFF" judge "$TMP/fake-crash" fake list)"
expect_contains "a refusal of what execve runs" "refuses it (ring3-load: ./ok: no) where execve runs it" \
  "$(python3 "$DIFF" judge "$TMP/fake-refuse-clean" fake list)"
# And the real one agrees with execve on the intact program.
python3 "$DIFF" judge "$LOAD" fake list >out
expect_eq "the intact program: same" "1 mutants: same-run 1" "$(head -1 out)"
finish
