#!/usr/bin/env bash
# bench/cat.sh BUILD_DIR: ring3 cat against GNU cat and busybox cat, side
# by side in one run, on a 1 GiB file already in the page cache:
#   pipe      cat big | reader   (bench/cat/reader.c reads 128 KiB at a time)
#   /dev/null cat big >/dev/null
#   file      cat big >new       (a new file on the same file system)
# and, for information, two transforming options on about 64 MiB of text:
#   -n        cat -n text >/dev/null
#   -A        cat -A text >/dev/null
# Times are hyperfine medians (each round runs every cat, in a new random
# order; the table gives the median of the rounds' medians); ratios are
# peer time / ring3 time, so above 1 means ring3 is faster.
#
#   bash bench/cat.sh build      (BENCH_DIR=... to measure elsewhere than $TMPDIR)
#   SCENARIOS="-n -A" LINES=8000000 bash bench/cat.sh build
#                                (only the transforming options, on 8 million lines)
set -euo pipefail
build=${1:-build}
ring3=$(cd "$build/bin" && pwd)/cat
src=$(cd "$(dirname "$0")" && pwd)
rounds=${ROUNDS:-7}
scenarios=${SCENARIOS:-pipe null file -n -A}
lines=${LINES:-3000000}
runs=${RUNS:-5}
work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/ring3-cat-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$src/lib.sh"
needs hyperfine gcc busybox
gnu=/usr/bin/cat
"$gnu" --version | grep -q 'GNU coreutils' || { echo "bench needs GNU cat in /usr/bin" >&2; exit 1; }
gcc -O2 -o "$work/reader" "$src/cat/reader.c"

# 1 GiB of random bytes, and about 64 MiB of text (tabs, a blank line in
# seven), both read once so that they are in the page cache.
case " $scenarios " in
*" pipe "* | *" null "* | *" file "*) head -c 1G /dev/urandom >"$work/big" ;;
*) : >"$work/big" ;;
esac
seq 1 "$lines" | awk '{ print ($1 % 7 == 0) ? "" : "line\t" $1 " of the text" }' >"$work/text"
"$gnu" "$work/big" "$work/text" >/dev/null

# Each cat must produce the right bytes before it is timed.
for c in "$ring3" "$gnu" "busybox cat"; do
  $c "$work/big" | cmp - "$work/big"
  $c "$work/big" >"$work/out" && cmp "$work/out" "$work/big"
  for o in -n -A; do
    "$gnu" $o "$work/text" >"$work/want"
    $c $o "$work/text" | cmp - "$work/want"
  done
done
rm -f "$work/out" "$work/want"

declare -A cmd
cats=(ring3 gnu busybox)
declare -A bin=([ring3]="$ring3" [gnu]="$gnu" [busybox]="busybox cat")
for c in "${cats[@]}"; do
  cmd[pipe,$c]="sh -c '${bin[$c]} $work/big | $work/reader'"
  cmd[null,$c]="${bin[$c]} $work/big"
  cmd[file,$c]="sh -c '${bin[$c]} $work/big >$work/out'"
  cmd[-n,$c]="${bin[$c]} -n $work/text"
  cmd[-A,$c]="${bin[$c]} -A $work/text"
done

# bench SCENARIO [hyperfine options]: every round, the three cats in a new
# order. Prints, for each cat, the median over the rounds of the wall-clock
# median and of the mean CPU time (user + system, every process of the
# command: for the pipe, the reader's too), in seconds.
bench() {
  local scenario=$1 c
  shift
  local list=()
  for c in "${cats[@]}"; do list+=("${cmd[$scenario,$c]}"); done
  hyperfine_rounds --warmup 1 --output=null "$@" -- "${list[@]}"
  for c in "${cats[@]}"; do
    median_of "${cmd[$scenario,$c]}"
    median_of "${cmd[$scenario,$c]}" cpu
  done
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %9s %9s %9s %9s %9s  %s\n' "" "ring3 ms" "GNU ms" "bb ms" "GNU/ring3" "bb/ring3" \
  "CPU ms ring3 / GNU / bb"
for scenario in $scenarios; do
  # Not `< <(bench ...)`: set -e would not see a failed hyperfine there.
  case $scenario in
  file) bench file --prepare "rm -f $work/out" >"$work/times" ;;
  *) bench "$scenario" >"$work/times" ;;
  esac
  mapfile -t t <"$work/times"
  name=$scenario
  [ "$name" = null ] && name=/dev/null
  awk -v n="$name" -v r="${t[0]}" -v g="${t[2]}" -v b="${t[4]}" \
    -v rc="${t[1]}" -v gc="${t[3]}" -v bc="${t[5]}" 'BEGIN {
    printf "%-10s %9.1f %9.1f %9.1f %8.2fx %8.2fx  %.0f / %.0f / %.0f\n",
      n, r * 1e3, g * 1e3, b * 1e3, g / r, b / r, rc * 1e3, gc * 1e3, bc * 1e3 }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(hyperfine -N: median of $rounds rounds x $runs runs, order shuffled each round; $(($(stat -c %s "$work/big") >> 20)) MiB file, $(($(stat -c %s "$work/text") >> 20)) MiB text, in $(df -P "$work" | awk 'NR == 2 { print $1 }') $(findmnt -no FSTYPE -T "$work" 2>/dev/null))"
