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
expect_eq "loaded: no loader in the map" "" "$("$BIN/ring3-load" "$BIN/maps" | grep ring3-load)"
finish
