# docs/tour.md cannot rot: every command of its ```sh blocks runs here, in
# order, in one shell (so `export TOUR=...` carries over), from a copy of
# the source tree's layout whose build/ is this build directory. Each
# command must exit 0; each block's output (stdout and stderr together)
# must satisfy the comments that follow the block:
#   <!-- expect: TEXT -->      TEXT appears in it
#   <!-- expect-not: TEXT -->  TEXT does not
#   <!-- expect-re: REGEX -->  some line matches the extended regex
# and each ```text block (an example of output) must match the output of
# the ```sh block before it: every line of the example, masked, is a line
# of the output, masked, in the same order. A line "..." (or starting with
# "...") stands for lines left out. The mask (mask() below) hides what
# changes from run to run and machine to machine: hex numbers (0x...) and
# bare hex of 8 digits or more (addresses), the tour's temporary directory
# and the checkout's place (.../build/bin/), strace's cut strings ("..."...),
# the environment's size in strace's execve line, device and inode numbers,
# strace -c's timings, then every decimal number (sizes change with the
# code; the expect lines above pin the numbers that teach something), and
# runs of spaces (column widths follow numbers).
# TOUR_SHOW=1 prints each block's output (to refresh the tour's examples).
source "$(dirname "$0")/../lib.sh"

TOUR_MD=$SRC/docs/tour.md
build=${RING3_BUILD:?run through ctest}

# The reader's checkout: the sources, and build/ holding what `make` built.
tree=$TMP/tree
mkdir -p "$tree"
for entry in "$SRC"/* "$SRC"/.clang-format; do
  name=$(basename "$entry")
  case $name in build | build-*) continue ;; esac
  [ -e "$entry" ] && ln -s "$entry" "$tree/$name"
done
ln -s "$build" "$tree/build"

# The blocks: "B <n>" starts block n, "C <command>" is a command (with its
# continuation lines joined), "E <kind> <text>" an expectation of the last
# block.
awk '
  /^```sh *$/ { inblock = 1; n++; print "B " n; next }
  /^```text *$/ { intext = 1; print "X"; next }
  intext && /^```/ { intext = 0; next }
  intext { print "T " $0; next }
  inblock && /^```/ { inblock = 0; next }
  inblock {
    line = $0
    if (cont != "") { line = cont " " line; cont = "" }
    if (line ~ /\\$/) { sub(/\\$/, "", line); cont = line; next }
    if (line ~ /^[ \t]*(#|$)/) next
    print "C " line
    next
  }
  match($0, /^<!-- (expect|expect-not|expect-re): .* -->$/) {
    s = $0
    sub(/^<!-- /, "", s); sub(/ -->$/, "", s)
    kind = s; sub(/:.*/, "", kind)
    text = s; sub(/^[a-z-]*: /, "", text)
    print "E " kind " " text
  }' "$TOUR_MD" >"$TMP/script"
blocks=$(grep -c '^B ' "$TMP/script")
commands=$(grep -c '^C ' "$TMP/script")
[ "$blocks" -ge 10 ] && [ "$commands" -ge 20 ] || fail "docs/tour.md: only $blocks blocks, $commands commands found"

cd "$tree" || exit 1
# The reader's shell has nothing open beyond 0, 1 and 2 (the test's runner
# may leave more), so that the tour's file descriptors are theirs: 3.
for fd in /proc/self/fd/*; do
  fd=${fd##*/}
  [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
done
export TMPDIR=$TMP # mktemp in the tour makes its files under the test's $TMP
block=0
out=$TMP/block.out
mask() {
  sed -E -e 's/[0-9a-f]{2}:[0-9a-f]{2} [0-9]+/DEV INODE/' -e 's/"[^"]*"\.\.\./"..."/g' \
    -e 's|/[^ "(]*/build/bin/|.../build/bin/|g' -e 's|[^ "(]*/tmp\.[A-Za-z0-9]{10}|TMPDIR|g' \
    -e 's/0x[0-9a-f]+/0x_/g' -e 's/\b[0-9a-f]{8,16}\b/_/g' -e 's|/\* [0-9]+ vars \*/|/* N vars */|' \
    -e 's/^ *[0-9]+\.[0-9]+ +[0-9]+\.[0-9]+ +[0-9]+ +/TIME /' \
    -e 's/[0-9]+/N/g' -e 's/ +/ /g' -e 's/ $//'
}
# check_text: the example in $TMP/text against the block's output.
check_text() {
  [ -s "$TMP/text" ] || return 0
  mask <"$out" >"$TMP/out.masked"
  mask <"$TMP/text" | grep -v '^ *\.\.\.' >"$TMP/text.masked"
  # In order: each example line found after the previous one.
  if awk 'NR == FNR { want[++n] = $0; next }
          i < n && $0 == want[i + 1] { i++ }
          END { if (i < n) { print "not found (masked): " want[i + 1]; exit 1 } }' \
    "$TMP/text.masked" "$TMP/out.masked" >"$TMP/text.why"; then
    pass
  else
    fail "block $block: its \`\`\`text example does not match what it printed: $(cat "$TMP/text.why")"
  fi
  : >"$TMP/text"
}
: >"$TMP/text"
show() { [ -n "${TOUR_SHOW:-}" ] && [ "$block" -gt 0 ] && { echo "----- block $block"; cat "$out"; }; }
while IFS= read -r entry; do
  kind=${entry%% *}
  rest=${entry#* }
  case $kind in
  X) : >"$TMP/text" ;;
  T) printf '%s\n' "$rest" >>"$TMP/text" ;;
  B)
    check_text
    show
    block=$rest
    : >"$out"
    ;;
  C)
    eval "$rest" >>"$out" 2>&1 </dev/null
    status=$?
    expect_eq "block $block: \`$rest\`: status" 0 $status
    ;;
  E)
    how=${rest%% *}
    text=${rest#* }
    case $how in
    expect) expect_contains "block $block: expected output" "$text" "$(cat "$out")" ;;
    expect-not)
      if grep -qF -- "$text" "$out"; then fail "block $block: [$text] should not appear"; else pass; fi ;;
    expect-re)
      if grep -qE -- "$text" "$out"; then pass; else fail "block $block: no line matches /$text/: $(head -c 2000 "$out")"; fi ;;
    esac
    ;;
  esac
done <"$TMP/script"
check_text
show
expectations=$(grep -c '^E ' "$TMP/script")
[ "$expectations" -ge "$blocks" ] || fail "docs/tour.md: $expectations expectations for $blocks blocks"
cd /
finish
