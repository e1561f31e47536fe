# maps, the teaching tool: its auxv agrees with its ELF headers, its memory
# map is annotated, and under ring3-load the loader is gone from it (its
# trampoline unmaps it before the jump).
source "$(dirname "$0")/../lib.sh"

entry=$(readelf -hW "$BIN/maps" | awk '/Entry point/ {print $4}')
phdr=$(readelf -lW "$BIN/maps" | awk '$1=="PHDR" {print $3}')
for how in direct loaded; do
  if [ $how = direct ]; then "$BIN/maps" one two >"$TMP/out"; else "$BIN/ring3-load" "$BIN/maps" one two >"$TMP/out"; fi
  expect_eq "$how: status" 0 $?
  out=$(cat "$TMP/out")
  expect_contains "$how: argv" "  [2] two" "$out"
  expect_eq "$how: AT_ENTRY is the ELF entry point" "$entry" \
    "$(awk '$1=="AT_ENTRY" {print $2}' "$TMP/out")"
  expect_eq "$how: AT_PHDR is where the program headers are" "$(printf '0x%x' $((phdr)))" \
    "$(awk '$1=="AT_PHDR" {print $2}' "$TMP/out")"
  expect_eq "$how: AT_EXECFN" "$BIN/maps" "$(awk '$1=="AT_EXECFN" {print $2}' "$TMP/out")"
  for role in "code (.text)" "data (.data)" "bss (zero-filled" "the stack:" "the vDSO"; do
    expect_contains "$how: a mapping annotated '$role'" "$role" "$out"
  done
  # The code mapping is read+execute and nothing is writable and executable.
  expect_eq "$how: code is r-x" "r-xp" "$(grep 'code (.text)' "$TMP/out" | awk '{print $2}')"
  expect_eq "$how: no W+X mapping" "" "$(awk '$2 ~ /w.x/' "$TMP/out")"
done
expect_eq "direct: no loader in the map" "" "$("$BIN/maps" | grep ring3-load)"
# Under ring3-load, nothing of the loader but its hand-over page, named so.
expect_eq "loaded: no loader in the map" "" "$("$BIN/ring3-load" "$BIN/maps" | grep ring3-load | grep -v "ring3-load's hand-over page")"
expect_eq "loaded: the hand-over page, named" 1 "$("$BIN/ring3-load" "$BIN/maps" | grep -c "r-xp .*ring3-load's hand-over page (its trampoline)")"
expect_eq "direct: no hand-over page" 0 "$("$BIN/maps" | grep -c "hand-over")"
# auxv counts in decimal, as ring3-load --trace prints them.
expect_contains "auxv: AT_PAGESZ in decimal" "AT_PAGESZ            4096 " "$("$BIN/maps")"
# --picture: the same mappings, top to bottom (the stack above the image).
picture=$("$BIN/maps" --picture)
stack_line=$(grep -n '| the stack' <<<"$picture" | head -1 | cut -d: -f1)
code_line=$(grep -n "| this program's code" <<<"$picture" | head -1 | cut -d: -f1)
if [ -n "$stack_line" ] && [ -n "$code_line" ] && [ "$stack_line" -lt "$code_line" ]; then pass; else fail "maps --picture: stack not above code: $picture"; fi
# --stack-picture: the stack at entry, high to low, argc last at rsp; the
# kernel puts the path on top, ring3-load below the strings.
direct=$(env -i A=1 "$BIN/maps" --stack-picture=ascii)
loaded=$(env -i A=1 "$BIN/ring3-load" "$BIN/maps" --stack-picture=ascii)
for how in direct loaded; do
  pic=${!how}
  expect_contains "$how: stack picture: argc at rsp" "| argc = 2 " "$(grep '^rsp -> 0x' <<<"$pic")"
  expect_contains "$how: stack picture: one environment variable" "| envp[0..0] " "$pic"
  expect_contains "$how: stack picture: auxv in decimal" "AT_PAGESZ 4096" "$pic"
done
expect_eq "direct: the kernel's path is above the strings" "AT_EXECFN" "$(grep -m1 -oE 'AT_EXECFN|argv and envp strings' <<<"$direct")"
expect_eq "loaded: ring3-load's path is below them" "argv and envp strings" "$(grep -m1 -oE 'AT_EXECFN|argv and envp strings' <<<"$loaded")"
finish
