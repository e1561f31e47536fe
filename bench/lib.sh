# shellcheck shell=bash
# What the bench scripts share; sourced, never run (bench/run.sh skips it).
# The functions that keep files use $work, the script's scratch directory;
# hyperfine_rounds uses $rounds and $runs.
# shellcheck disable=SC2154

# needs TOOL...: each tool on PATH, or a message and exit status 1.
needs() {
  local tool
  for tool; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool (make bench installs it)" >&2; exit 1; }
  done
}

# median: the median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# hyperfine_rounds [HYPERFINE_OPTION...] -- COMMAND...: $rounds hyperfine
# -N runs of all the commands ($runs runs each), in a new random order
# every round, so that a burst of load elsewhere on this shared machine
# lands on all of them alike. Each round's results are appended to
# $work/all.csv (hyperfine's CSV, without the header).
hyperfine_rounds() {
  local options=() _
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  : >"$work/all.csv"
  for _ in $(seq "$rounds"); do
    mapfile -t order < <(printf '%s\n' "$@" | shuf)
    hyperfine -N --style none --runs "$runs" "${options[@]}" --export-csv "$work/round.csv" \
      "${order[@]}" >/dev/null 2>&1
    tail -n +2 "$work/round.csv" >>"$work/all.csv"
  done
}

# median_of COMMAND [cpu]: the median over the rounds of COMMAND's median
# time in seconds, or with `cpu` of its mean CPU time (user + system).
median_of() {
  awk -F, -v c="$1" -v k="${2:-median}" \
    '$1 == c || $1 == "\"" c "\"" { print (k == "cpu") ? $5 + $6 : $4 }' "$work/all.csv" | median
}

# syscalls COMMAND...: the system calls of every process, execve included.
syscalls() { strace -f -o "$work/trace" "$@" >/dev/null 2>&1; grep -cvE '^[0-9]+ +(\+\+\+|---)' "$work/trace"; }

# faults COMMAND...: minor page faults, the least of 5 runs.
faults() { for _ in 1 2 3 4 5; do /usr/bin/time -f %R "$@" 2>&1 >/dev/null | tail -1; done | sort -n | head -1; }
