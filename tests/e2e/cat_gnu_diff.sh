# ring3 cat against GNU cat: over a matrix of options and inputs, the same
# stdout, the same stderr and the same exit status, byte for byte.
#
# GNU cat runs as `cat` found through PATH, so that both print "cat: ..."
# (GNU names itself after argv[0]). LC_ALL=C: ring3 has no locale, and
# GNU's messages and quoting are then the untranslated ones.
source "$(dirname "$0")/../lib.sh"

R="$BIN/cat"
use_gnu_cat
export LC_ALL=C
unset POSIXLY_CORRECT

in="$TMP/in"
mkdir "$in"
cd "$in" || exit 1

# The inputs.
: >empty
printf 'no trailing newline' >no_nl
printf '\n\n\nruns of\n\n\n\nblank lines\n\n\n' >blanks
printf '\ttabs\t\there\n \t \n\t' >tabs
printf '%b' "$(for i in $(seq 0 255); do printf '\\%03o' "$i"; done)" >all_bytes
for i in $(seq 0 255); do printf '%b\n' "\\$(printf %03o "$i")"; done >byte_lines
printf 'dos\r\nlines\r\n\r\n\r\r\n\rmid\r\n\r' >crlf
printf 'ends with cr\r' >cr_end
printf '\nstarts with a newline\n' >nl_start
{ head -c 300000 /dev/zero | tr '\0' 'x'; printf '\r\n'; head -c 200000 /dev/zero | tr '\0' '\t'; printf '\n\n\n'; } >long_lines
head -c 1000000 /dev/urandom >binary
seq 1 1000050 | sed 's/^\(.*7\)$/\n\1\t/' >many_lines
mkdir a_dir
small="empty no_nl blanks tabs all_bytes byte_lines crlf cr_end nl_start"
large="long_lines binary many_lines"

# run_both STDIN ARGS...: both cats, stdout to a regular file.
run_both() {
  local stdin=$1
  shift
  "$R" "$@" <"$stdin" >"$TMP/r.out" 2>"$TMP/r.err"
  echo $? >"$TMP/r.status"
  "$gnu" "$@" <"$stdin" >"$TMP/g.out" 2>"$TMP/g.err"
  echo $? >"$TMP/g.status"
}
# same WHAT: compares what run_both (or a variant) left.
same() {
  local what=$1 f
  for f in out err status; do
    if ! cmp -s "$TMP/g.$f" "$TMP/r.$f"; then
      fail "$what: $f differs ($(cmp "$TMP/g.$f" "$TMP/r.$f" 2>&1 | head -1))"
      [ "$f" = out ] || diff "$TMP/g.$f" "$TMP/r.$f" | head -5 >&2
      return
    fi
  done
  pass
}

option_sets=("" -n -b -s -E -T -v -A -e -t -u -ns -bs -bn -nb -sE -vT -nA -bA -sA -nbsETv -nET
  -b\ -n -s\ -s --number --number-nonblank --squeeze-blank --show-ends --show-tabs
  --show-nonprinting --show-all --show-a --numb\ -s -u\ -v)

for opts in "${option_sets[@]}"; do
  # shellcheck disable=SC2086
  set -- $opts
  for f in $small; do
    run_both /dev/null "$@" "$f"
    same "cat $opts $f"
  done
  # Several files at once, standard input in the middle, a '\r' at the
  # end of one file meeting the '\n' that starts the next.
  run_both crlf "$@" $small - cr_end nl_start no_nl blanks cr_end
  same "cat $opts (all small, - in the middle)"
  run_both blanks "$@" - - tabs -
  same "cat $opts - - tabs -"
  # Standard input from a pipe rather than a file.
  "$R" "$@" - crlf <<<"$(cat blanks tabs)" >"$TMP/r.out" 2>"$TMP/r.err"
  echo $? >"$TMP/r.status"
  "$gnu" "$@" - crlf <<<"$(cat blanks tabs)" >"$TMP/g.out" 2>"$TMP/g.err"
  echo $? >"$TMP/g.status"
  same "cat $opts - crlf (here-string)"
done

for opts in "" -n -b -s -v -A -sn -bET; do
  # shellcheck disable=SC2086
  set -- $opts
  for f in $large; do
    run_both /dev/null "$@" "$f"
    same "cat $opts $f"
  done
  run_both many_lines "$@" binary - long_lines
  same "cat $opts binary - long_lines"
done

# Output into a pipe (ring3 cat splices there) and from a pipe.
for f in $small $large; do
  "$R" "$f" - <binary 2>"$TMP/r.err" | cat >"$TMP/r.out"
  echo "${PIPESTATUS[0]}" >"$TMP/r.status"
  "$gnu" "$f" - <binary 2>"$TMP/g.err" | cat >"$TMP/g.out"
  echo "${PIPESTATUS[0]}" >"$TMP/g.status"
  same "cat $f - | (a pipe)"
  cat "$f" | "$R" >"$TMP/r.out" 2>"$TMP/r.err"
  echo $? >"$TMP/r.status"
  cat "$f" | "$gnu" >"$TMP/g.out" 2>"$TMP/g.err"
  echo $? >"$TMP/g.status"
  same "(a pipe) | cat <$f"
done

# Errors among good files: a missing file, a directory, names that need
# quoting in the message; the other files still copied, status 1.
weird=("a b" "it's" "it's \$5" $'tab\t' "x:y" "#hash" "" $'nl\nend' $'q\'s\x01' $'\xc3\xa9')
for opts in "" -n; do
  # shellcheck disable=SC2086
  run_both /dev/null $opts no_nl missing blanks a_dir tabs "${weird[@]}" - no_nl
  same "cat $opts with missing files and a directory"
done
run_both a_dir -
same "cat - <directory"

# Command lines: bad options, "--", "-", POSIXLY_CORRECT.
for args in -z -nz --foo --foo=1 --s --show --nu --nu=3 --number=1 --number-n=2 --=x --- \
  "-- -n" "-n -- -" "- -- -" "no_nl -n" "no_nl --show-ends"; do
  # shellcheck disable=SC2086
  run_both crlf $args
  same "cat $args"
done
export POSIXLY_CORRECT=1
run_both crlf no_nl -n tabs
same "POSIXLY_CORRECT cat no_nl -n tabs"
run_both crlf -n no_nl -E tabs
same "POSIXLY_CORRECT cat -n no_nl -E tabs"
unset POSIXLY_CORRECT

# --help and --version are ring3's own words; only their status and
# where they go are GNU's.
for args in --help --he --version --vers "-n --help -z"; do
  # shellcheck disable=SC2086
  out=$("$R" $args 2>"$TMP/r.err")
  expect_eq "cat $args status" 0 $?
  expect_eq "cat $args stderr" "" "$(cat "$TMP/r.err")"
  case $args in
  *-h*) expect_contains "cat $args" "Usage: cat [OPTION]... [FILE]..." "$out" ;;
  *) expect_contains "cat $args" "cat (ring3)" "$out" ;;
  esac
done

finish
