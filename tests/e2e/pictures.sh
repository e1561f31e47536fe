# The pictures (elfinfo --picture, maps --picture and --stack-picture,
# pagefaults --picture), as the tour shows them:
#   - each SVG is made again from this build and compared with the copy
#     embedded in docs/tour/ after masking what changes from run to run
#     (addresses, 0x... and 12-digit ranges, and the sizes of squashed
#     gaps: tests/e2e/pictures.py mask). A difference fails: the tour's
#     pictures cannot go stale. RING3_UPDATE_PICTURES=1 rewrites them.
#   - each SVG is rendered by a real renderer (rsvg-convert) and pixels of
#     the PNG are checked: the colour at the arrow of a known segment, at
#     a known box, at a known page.
#   - the text forms: ASCII when stdout is not a terminal, Unicode asked.
source "$(dirname "$0")/../lib.sh"

command -v rsvg-convert >/dev/null || { echo "SKIP: rsvg-convert (librsvg2-bin) is missing"; exit 77; }
build=${RING3_BUILD:?run through ctest}
check=$SRC/tests/e2e/pictures.py
docs=$SRC/docs/tour

# Run as the tour does: from a checkout whose build/ is this build, with a
# small fixed environment (the stack picture shows how many variables).
mkdir -p "$TMP/tree" && ln -s "$build" "$TMP/tree/build"
cd "$TMP/tree" || exit 1
head -c $((40 * 4096)) /dev/zero >"$TMP/tree/pages40"
run() { env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }

run build/bin/elfinfo --svg build/bin/readfile-asm >elf.svg
run build/bin/maps --svg >maps.svg
run build/bin/ring3-load build/bin/maps --stack-picture=svg >stack.svg
run build/bin/pagefaults --svg pages40 >pagefaults.svg

for name in elf maps stack pagefaults; do
  if [ -n "${RING3_UPDATE_PICTURES:-}" ]; then cp "$name.svg" "$docs/$name.svg"; fi
  if diff <(python3 "$check" mask "$docs/$name.svg") <(python3 "$check" mask "$name.svg") >"$name.diff"; then
    pass
  else
    fail "docs/tour/$name.svg is stale (RING3_UPDATE_PICTURES=1 rewrites it): $(head -c 1500 "$name.diff")"
  fi
  if rsvg-convert "$name.svg" -o "$name.png" 2>"$name.err"; then pass; else fail "rsvg-convert $name.svg: $(cat "$name.err")"; fi
done

pixel() { # SVG ID COLOUR WHAT
  if out=$(python3 "$check" pixel "$1.svg" "$1.png" "$2" "$3"); then pass; else fail "$4: $out"; fi
}
# readfile-asm: rows 0-2 are PT_LOAD 1 (r--, blue), 2 (r-x, red), 3 (bss only, violet).
pixel elf arrow-0 "#2f62c8" "PT_LOAD 1's arrow is the read-only colour"
pixel elf arrow-1 "#d9482b" "PT_LOAD 2's arrow is the code colour"
pixel elf arrow-2 "#8a55b5" "PT_LOAD 3's arrow (bss) is the zero-page colour"
pixel elf right-1 "#fbe0da" "PT_LOAD 2's memory box is filled with the code colour"
# The stack (as ring3-load built it for maps): the last row is argc, at rsp.
rows=$(grep -c '<rect id="box-' stack.svg)
last=$(grep -o '<rect id="box-[0-9]*"' stack.svg | tail -1 | grep -o '[0-9]*')
pixel stack "box-$last" "#e6ebf0" "argc's box"
[ "$rows" -ge 6 ] && pass || fail "the stack picture has $rows boxes"
grep -q 'rsp -&gt; 0x7ff' stack.svg && pass || fail "no rsp -> marker in the stack picture"
# maps: the stack's row is filled with the stack's colour.
stack_row=$(grep -o '<rect id="box-[0-9]*" [^>]*fill="#fbf0d2"' maps.svg | head -1 | grep -o 'box-[0-9]*')
[ -n "$stack_row" ] && pixel maps "$stack_row" "#fbf0d2" "the stack's box in maps" || fail "no stack row in maps.svg"
grep -q "the kernel&apos;s half\|the kernel's half" maps.svg && pass || fail "maps.svg: no kernel half"
# pagefaults: after reading page 0 (bar 1), page 0 was touched, pages 1-15
# came with it (fault-around), page 16 is only in the page cache.
pixel pagefaults page-1-0 "#d9482b" "the touched page"
pixel pagefaults page-1-15 "#2f62c8" "a page fault-around mapped"
pixel pagefaults page-1-16 "#2a9440" "a page only in the page cache"
pixel pagefaults page-3-1 "#a0a0a0" "anonymous memory not yet written"

# Text: ASCII into a pipe, Unicode when asked; the same rows.
ascii=$(build/bin/elfinfo --picture build/bin/readfile-asm)
expect_contains "ASCII picture" "| - PT_LOAD 2 r-x > |" "$ascii"
if printf '%s' "$ascii" | LC_ALL=C grep -q '[^ -~]'; then fail "--picture into a pipe is not plain ASCII"; else pass; fi
unicode=$(build/bin/elfinfo --picture=unicode build/bin/readfile-asm)
expect_contains "Unicode picture" "│ ─ PT_LOAD 2 r-x ▶ │" "$unicode"
build/bin/elfinfo --picture=png build/bin/readfile-asm >/dev/null 2>"$TMP/err"
expect_eq "elfinfo --picture=png: a usage error" 2 $?
expect_contains "elfinfo --picture=png: says why" "elfinfo: unknown picture form 'png'" "$(cat "$TMP/err")"
cd /
finish
