# ring3-load --trace ends with the count of its own system calls, made by
# the loader itself (loader/syscall_count.cpp). It must be what strace
# sees ring3-load do: every call from its start to the trampoline's close
# of the program's descriptor, the program's first instruction just after
# (the calls made after the trace is written are counted ahead: its
# write, the trampoline's page, and the trampoline's munmap, prctl and
# close; prctl and write once more when exe_fd is refused).
source "$(dirname "$0")/../lib.sh"
command -v strace >/dev/null || { echo "strace missing"; exit 77; }

LOAD=$BIN/ring3-load
# "name count" lines, sorted, from the trace's last line.
printed() { sed -n 's/^ *ring3-load made [0-9]* system calls: //p' "$1" | tr ',' '\n' | sed 's/^ //' | sort; }
# The same from strace's log: ring3-load's execve left out; with $2 =
# upto-close, the calls up to the first close after PR_SET_MM_MAP (the
# hand-over), else all of them.
counted() {
  grep -vE '^[0-9]+ +(\+\+\+|---)' "$1" | sed 's/^[0-9]* *//' | awk -v upto="$2" '
    NR == 1 && /^execve\(/ { next }
    { name = $0; sub(/\(.*/, "", name); n[name]++ }
    /^prctl\(PR_SET_MM, PR_SET_MM_MAP/ { handing = 1 }
    handing && upto == "upto-close" && /^close\(/ { exit }
    END { for (k in n) print k, n[k] }' | sort
}
total() { awk '{ s += $2 } END { print s + 0 }'; }

check() {
  local what=$1 mode=$2
  shift 2
  strace -f -o "$TMP/strace" "$@" >"$TMP/out" 2>"$TMP/err"
  local trace=$TMP/err
  [ "$mode" = all ] && trace=$TMP/out
  local want got
  want=$(counted "$TMP/strace" "$mode")
  got=$(printed "$trace")
  if grep -q 'exe_fd was refused' "$TMP/err"; then
    # Counted ahead as they are not: the second prctl and the message.
    got=$(printf '%s\n' "$got" | awk '$1 == "prctl" || $1 == "write" { $2++ } 1' | sort)
  fi
  expect_eq "$what: the calls ring3-load counts, by name" "$want" "$got"
  expect_contains "$what: the total printed" \
    "ring3-load made $(printf '%s\n' "$want" | total) system calls" "$(grep 'ring3-load made' "$trace")"
}

check "a static program" upto-close "$LOAD" --trace "$BIN/hello"
check "a dynamic program" upto-close "$LOAD" --trace /bin/true
PATH="$BIN:$PATH" check "through PATH" upto-close "$LOAD" --trace cat /dev/null
printf '#!%s\n' "$BIN/cat" >"$TMP/script"
chmod +x "$TMP/script"
check "a #! script" upto-close "$LOAD" --trace "$TMP/script" /dev/null
check "a dry run" all "$LOAD" --dry-run /bin/true
finish
