# docs/tour.md cannot rot: every command of its ```sh blocks runs here, in
# order, in one shell (so `export TOUR=...` carries over), from a copy of
# the source tree's layout whose build/ is this build directory. Each
# command must exit 0; each block's output (stdout and stderr together)
# must satisfy the comments that follow the block:
#   <!-- expect: TEXT -->      TEXT appears in it
#   <!-- expect-not: TEXT -->  TEXT does not
#   <!-- expect-re: REGEX -->  some line matches the extended regex
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
show() { [ -n "${TOUR_SHOW:-}" ] && [ "$block" -gt 0 ] && { echo "----- block $block"; cat "$out"; }; }
while IFS= read -r entry; do
  kind=${entry%% *}
  rest=${entry#* }
  case $kind in
  B)
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
show
expectations=$(grep -c '^E ' "$TMP/script")
[ "$expectations" -ge "$blocks" ] || fail "docs/tour.md: $expectations expectations for $blocks blocks"
cd /
finish
