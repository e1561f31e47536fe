# cat when things go wrong, against GNU cat: files that cannot be read,
# a file that is also the output, output that cannot be written, a reader
# that goes away. Same stderr, same status, same bytes written.
source "$(dirname "$0")/../lib.sh"

R="$BIN/cat"
use_gnu_cat
export LC_ALL=C

cd "$TMP" || exit 1
printf 'first\n' >a
printf 'second\n' >b
mkdir dir
head -c 3000000 /dev/urandom >big

# both WHAT SETUP COMMAND: runs COMMAND (a shell snippet, $CAT standing for
# the cat under test) once with each cat, each after SETUP, and compares
# stderr, exit status and the file `out` the snippet may leave.
both() {
  local what=$1 setup=$2 cmd=$3 who
  for who in r g; do
    (eval "$setup")
    if [ $who = r ]; then CAT=$R; else CAT=$gnu; fi
    (eval "$cmd") 2>"$TMP/$who.err"
    echo $? >"$TMP/$who.status"
    if [ -e out ]; then mv out "$TMP/$who.out"; else : >"$TMP/$who.out"; fi
  done
  local f bad=
  for f in err status out; do cmp -s "$TMP/g.$f" "$TMP/r.$f" || bad="$bad $f"; done
  if [ -z "$bad" ]; then pass; else
    fail "$what:$bad differ: GNU [$(cat g.err) status $(cat g.status)], ring3 [$(cat r.err) status $(cat r.status)]"
  fi
}

# Files that cannot be read: the message, the other files still copied.
both "missing file" "" '$CAT a /nope b >out'
expect_eq "missing file message" "cat: /nope: No such file or directory" "$(cat r.err)"
expect_eq "missing file status" 1 "$(cat r.status)"
expect_eq "missing file: the others copied" "$(printf 'first\nsecond')" "$(cat r.out)"
both "directory" "" '$CAT a dir b >out'
expect_eq "directory message" "cat: dir: Is a directory" "$(cat r.err)"
both "directory, -n" "" '$CAT -n a dir b >out'
both "directory into a pipe" "" '$CAT a dir b | cat >out'
both "directory on standard input" "" '$CAT - <dir >out'
# Names too long to open are printed whole, as GNU prints them: longer
# than PATH_MAX, and one whose quoted form (\001 as four bytes) is longer
# than the 8 KiB io::err gathers a message in.
long=$(printf "d/%.0s" $(seq 3000))x
both "a 6 KiB name" "" '$CAT a "$long" b >out'
expect_eq "a 6 KiB name: message" "cat: $long: File name too long" "$(cat r.err)"
control=$(printf '\001%.0s' $(seq 2100))
both "a name quoted into 8 KiB" "" '$CAT a "$control" b >out'
expect_eq "a name quoted into 8 KiB: size" 8431 "$(wc -c <r.err)"

# Permission denied: root reads everything, so run both as nobody.
if [ "$(id -u)" -ne 0 ]; then
  asuser() { "$@"; }
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  asuser() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
if declare -F asuser >/dev/null && [ -x "$R" ]; then
  chmod 755 "$TMP"
  printf 'secret\n' >secret
  chmod 000 secret
  asuser "$R" a secret b >r.out 2>r.err
  expect_eq "unreadable status" 1 $?
  expect_eq "unreadable message" "cat: secret: Permission denied" "$(cat r.err)"
  expect_eq "unreadable: the others copied" "$(printf 'first\nsecond')" "$(cat r.out)"
  asuser "$gnu" a secret b 2>g.err >/dev/null
  expect_eq "unreadable: GNU says the same" "$(cat g.err)" "$(cat r.err)"
fi

# The output is one of the inputs: refused (no endless loop), the other
# files still copied. The same with -n and from standard input.
both "cat f >> f" "printf 'x\n' >f" 'timeout 10 $CAT a f b >>f; s=$?; mv f out; exit $s'
expect_eq "input is output message" "cat: f: input file is output file" "$(cat r.err)"
expect_eq "input is output status" 1 "$(cat r.status)"
expect_eq "input is output: f" "$(printf 'x\nfirst\nsecond')" "$(cat r.out)"
both "cat -n f >> f" "printf 'x\n' >f" 'timeout 10 $CAT -n f b >>f; s=$?; mv f out; exit $s'
both "cat - <f >>f" "printf 'x\n' >f" 'timeout 10 $CAT - <f >>f; s=$?; mv f out; exit $s'
both "cat f 1<>f" "printf 'x\n' >f" 'timeout 10 $CAT f 1<>f; s=$?; mv f out; exit $s'
# ... but an empty file, or one truncated by the shell first, is fine.
both "cat e >> e (empty)" ": >e" 'timeout 10 $CAT e >>e; s=$?; mv e out; exit $s'
expect_eq "empty input is output status" 0 "$(cat r.status)"
both "cat f > f" "printf 'x\n' >f" 'timeout 10 $CAT f >f; s=$?; mv f out; exit $s'

# Output that cannot be written: "write error", status 1, at once.
for opts in "" -n; do
  both "cat $opts >/dev/full" "" "\$CAT $opts a big >/dev/full"
  expect_eq "cat $opts >/dev/full message" "cat: write error: No space left on device" "$(cat r.err)"
  expect_eq "cat $opts >/dev/full status" 1 "$(cat r.status)"
  both "cat $opts >&-" "" "\$CAT $opts a >&-"
  expect_eq "cat $opts >&- message" "cat: standard output: Bad file descriptor" "$(cat r.err)"
  both "cat $opts --help >/dev/full" "" "\$CAT $opts --help >/dev/full"
done
both "cat - <&-" "" '$CAT a - b <&- >out'
expect_eq "closed stdin message" \
  "$(printf 'cat: -: Bad file descriptor\ncat: closing standard input: Bad file descriptor')" "$(cat r.err)"

# A reader that goes away: killed by SIGPIPE, quietly (status 141); with
# SIGPIPE ignored, EPIPE: "write error: Broken pipe", status 1, as GNU.
for opts in "" -n -v; do
  both "cat $opts | head -c1" "" "\$CAT $opts big big | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}"
  expect_eq "cat $opts | head: stderr" "" "$(cat r.err)"
  expect_eq "cat $opts | head: status" 141 "$(cat r.status)"
  both "cat $opts | head -c1, SIGPIPE ignored" "" \
    "trap '' PIPE; \$CAT $opts big big | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}"
  expect_eq "cat $opts EPIPE message" "cat: write error: Broken pipe" "$(cat r.err)"
  expect_eq "cat $opts EPIPE status" 1 "$(cat r.status)"
done

finish
