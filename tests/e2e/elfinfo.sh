# elfinfo agrees with `readelf -hlW`, field by field, on a corpus: ring3's
# programs (static and static-PIE, the NASM one, ring3-load itself), glibc
# programs (static, static-PIE, dynamic), a Go program and busybox. Its
# mappings are the PT_LOAD segments page-rounded, its plan is the one
# `ring3-load --dry-run` prints, and what it cannot read it says.
source "$(dirname "$0")/../lib.sh"

ELFINFO=$BIN/elfinfo
BUILD_DIR=${RING3_BUILD:-$TMP}

# The corpus.
corpus=("$BIN/hello" "$BIN/readfile" "$BIN/readfile-asm" "$BIN/elfinfo" "$BIN/ring3-load")
[ -n "$TEST_BIN" ] && [ -x "$TEST_BIN/startup_conformance-pie" ] && corpus+=("$TEST_BIN/startup_conformance-pie")
printf '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' >"$TMP/hi.c"
for v in static static-pie dynamic; do
  flag=-$v
  [ $v = dynamic ] && flag=
  if gcc -O2 $flag -o "$TMP/glibc-$v" "$TMP/hi.c"; then corpus+=("$TMP/glibc-$v"); else fail "gcc $flag"; fi
done
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n' >"$TMP/hi.go"
if (cd "$TMP" && GOCACHE="$BUILD_DIR/go-cache" GOPATH="$TMP/gopath" GOFLAGS=-mod=mod CGO_ENABLED=0 \
      go build -o "$TMP/go-static" hi.go) 2>"$TMP/go.log"; then
  corpus+=("$TMP/go-static")
else
  cat "$TMP/go.log"
  fail "go build"
fi
[ -x /bin/busybox ] && corpus+=(/bin/busybox)

hexnum() { printf '%d' "$1"; }

for f in "${corpus[@]}"; do
  name=${f#"$TMP/"}
  name=${name#"$BIN/"}
  name=${name#"$TEST_BIN/"}
  "$ELFINFO" "$f" >"$TMP/info" 2>"$TMP/info.err"
  expect_eq "$name: status" 0 $?
  expect_eq "$name: nothing on stderr" "" "$(cat "$TMP/info.err")"
  readelf -hlW "$f" >"$TMP/readelf"

  # The header.
  re() { awk -F': *' -v k="$1" '$1 ~ "^ *" k "$" {print $2; exit}' "$TMP/readelf"; }
  ei() { awk -v k="$1" 'index($0, "  " k " ") == 1 {sub("^  " k " +", ""); print; exit}' "$TMP/info"; }
  expect_eq "$name: type" "$(re Type | awk '{print $1}')" "$(ei type | cut -d: -f1)"
  expect_eq "$name: entry point (hex, 0x)" "$(re 'Entry point address')" "$(ei 'entry point' | awk '{print $1}')"
  read -r phnum _ _ phoff phent _ <<<"$(ei 'program headers')"
  expect_eq "$name: number of program headers" "$(re 'Number of program headers')" "$phnum"
  expect_eq "$name: program headers offset" "$(re 'Start of program headers' | awk '{print $1}')" "$(hexnum "${phoff%,}")"
  expect_eq "$name: program header size" "$(re 'Size of program headers' | awk '{print $1}')" "$phent"
  read -r shnum _ _ shoff _ _ _ _ _ _ shstrndx <<<"$(ei 'section headers')"
  expect_eq "$name: number of section headers" "$(re 'Number of section headers')" "$shnum"
  expect_eq "$name: section headers offset" "$(re 'Start of section headers' | awk '{print $1}')" "$(hexnum "${shoff%,}")"
  expect_eq "$name: section name table" "$(re 'Section header string table index')" "$shstrndx"
  expect_eq "$name: flags" "$(re Flags)" "$(ei flags)"

  # The program headers: type offset vaddr filesz memsz flags align, in
  # decimal, one line each, from both tools.
  awk '/^Program Headers:/ {on=1; next} on && /^ *Type/ {next}
       on && NF == 0 {exit}
       on && $1 ~ /^[A-Z]/ && $2 ~ /^0x/ {
         f = ""; for (i = 7; i < NF; i++) f = f $i
         print $1, $2, $3, $5, $6, (f == "" ? "-" : f), $NF }' "$TMP/readelf" >"$TMP/re-ph.raw"
  awk '/^Program headers$/ {on=1; next} on && $1 == "#" {next} on && NF == 0 {exit}
       on && $1 ~ /^[0-9]+$/ {
         f = ""; for (i = 7; i < NF; i++) f = f $i
         print $2, $3, $4, $5, $6, (f == "" ? "-" : f), $NF }' "$TMP/info" >"$TMP/ei-ph.raw"
  for side in re ei; do
    while read -r t o v fs ms fl al; do
      echo "$t $(hexnum "$o") $(hexnum "$v") $(hexnum "$fs") $(hexnum "$ms") $fl $(hexnum "$al")"
    done <"$TMP/$side-ph.raw" >"$TMP/$side-ph"
  done
  expect_eq "$name: program headers read" "$(re 'Number of program headers')" "$(wc -l <"$TMP/re-ph")"
  expect_same_file "$name: program headers (type offset vaddr filesz memsz flags align)" "$TMP/re-ph" "$TMP/ei-ph"

  # The interpreter.
  interp=$(sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p' "$TMP/readelf")
  expect_eq "$name: interpreter" "${interp:-none}" "$(ei interpreter)"
  if [ -n "$interp" ]; then
    expect_contains "$name: run with its interpreter" "runs it: dynamically linked" "$(ei verdict)"
  else
    expect_contains "$name: ring3-load runs it" "runs it:" "$(ei verdict)"
  fi

  # The mappings: each PT_LOAD with a p_memsz, page-rounded, with its
  # protections, file bytes, offset and zero-filled bytes.
  awk '$1 == "LOAD" && $6 != 0' "$TMP/re-ph" | while read -r _ o v fs ms fl _; do
    lo=$((v & ~4095)) hi=$(((v + ms + 4095) & ~4095))
    prot=$([[ $fl == *R* ]] && echo r || echo -)$([[ $fl == *W* ]] && echo w || echo -)$([[ $fl == *E* ]] && echo x || echo -)
    printf '0x%012x-0x%012x %s %d 0x%x %d\n' $lo $hi "$prot" "$fs" "$o" $((ms - fs))
  done >"$TMP/re-maps"
  awk '/^  Mappings:/ {on=1; next} on && $1 == "#" {next} on && NF == 0 {exit}
       on && $1 ~ /^[0-9]+$/ {print $2, $5, $6, $7, $8}' "$TMP/info" >"$TMP/ei-maps"
  [ -s "$TMP/re-maps" ] || fail "$name: no PT_LOAD found"
  expect_same_file "$name: mappings (pages, prot, file bytes, offset, zero-filled)" "$TMP/re-maps" "$TMP/ei-maps"
  # Each mapping's size column is its page range.
  awk '/^  Mappings:/ {on=1; next} on && $1 == "#" {next} on && NF == 0 {exit}
       on && $1 ~ /^[0-9]+$/ {print $2, $3, $4}' "$TMP/info" | while read -r range n unit; do
    lo=${range%-*} hi=${range#*-}
    case $unit in B) m=1 ;; KiB) m=1024 ;; MiB) m=1048576 ;; *) m=0 ;; esac
    [ $((n * m)) -eq $((hi - lo)) ] || echo "$range: $n $unit"
  done >"$TMP/bad-sizes"
  expect_eq "$name: mapping sizes" "" "$(cat "$TMP/bad-sizes")"

  # A static program: the plan is the one ring3-load --dry-run prints.
  if [ "$(re Type | awk '{print $1}')" = EXEC ] && [ -z "$interp" ]; then
    "$BIN/ring3-load" --dry-run "$f" 2>&1 | grep -E '^  (reserve|map|zero|read|protect|\(gap\)) ' >"$TMP/dry"
    grep -E '^  (reserve|map|zero|read|protect|\(gap\)) ' "$TMP/info" >"$TMP/plan"
    [ -s "$TMP/dry" ] || fail "$name: ring3-load --dry-run printed no plan"
    expect_same_file "$name: plan as ring3-load --dry-run" "$TMP/dry" "$TMP/plan"
  fi
done
[ ${#corpus[@]} -ge 10 ] || fail "corpus too small: ${#corpus[@]} files"

# A program ring3-load refuses still has its headers shown, with the reason.
cp "$BIN/readfile" "$TMP/wx"
seg=$(readelf -lW "$TMP/wx" | awk '/^  [A-Z]/ && $1 != "Type" {i++} $1 == "LOAD" && $7 == "R" && $8 == "E" {print i - 1; exit}')
printf '\007' | dd of="$TMP/wx" bs=1 seek=$((64 + seg * 56 + 4)) conv=notrunc status=none
"$ELFINFO" "$TMP/wx" >"$TMP/out" 2>&1
expect_eq "W+X segment: status 0 (the file was read)" 0 $?
expect_contains "W+X segment: flags shown" "RWE" "$(cat "$TMP/out")"
expect_contains "W+X segment: the validator's reason" \
  "refuses it: PT_LOAD segment $seg: writable and executable at once" "$(cat "$TMP/out")"

# The malformed files ring3-load refuses (tests/loader/malformed.py): elfinfo
# gives the same reason, as its verdict, or as its error when not even the
# ELF header can be shown. Then random damage to real programs: elfinfo
# never crashes, and runs or refuses exactly what ring3-load --dry-run does.
mkdir "$TMP/bad" "$TMP/mut"
python3 "$SRC/tests/loader/malformed.py" "$TMP/bad" >"$TMP/cases" || fail "malformed.py"
n=0
while IFS=$'\t' read -r name message; do
  [ "$name" = valid ] && continue
  n=$((n + 1))
  (cd "$TMP/bad" && "$ELFINFO" "./$name") >"$TMP/out" 2>"$TMP/err"
  status=$?
  message=${message% ...}
  case "$message" in "a #! script"*) message="a #! script, not an ELF program" ;; esac
  case "$message" in
  "its segments ["* | "interpreter "*) # where ring3-load and its stack are, the interpreter: known only when it runs
    expect_contains "$name: a valid file" "verdict           runs it" "$(cat "$TMP/out")"
    continue ;;
  esac
  if [ $status = 0 ]; then
    expect_contains "$name: the verdict gives ring3-load's reason" "verdict           refuses it: $message" "$(cat "$TMP/out")"
  else
    expect_eq "$name: status" 1 $status
    expect_contains "$name: the error gives ring3-load's reason" "elfinfo: ./$name: $message" "$(cat "$TMP/err")"
  fi
done <"$TMP/cases"
[ "$n" -ge 50 ] && pass || fail "only $n malformed files"
python3 "$SRC/tests/loader/malformed.py" --mutate 8 40 "$TMP/mut" \
  "$BIN/hello" "$TEST_BIN/startup_conformance-pie" "$TMP/glibc-static" "$TMP/go-static" >"$TMP/mutants" \
  || fail "malformed.py --mutate"
agree=0 total=0
while IFS=$'\t' read -r name base; do
  total=$((total + 1))
  timeout 10 "$ELFINFO" "$TMP/mut/$name" >"$TMP/out" 2>&1
  status=$?
  timeout 10 "$BIN/ring3-load" --dry-run "$TMP/mut/$name" >/dev/null 2>&1
  load=$?
  verdict=$(grep -o 'verdict           [a-z]* it' "$TMP/out")
  case "$status/$load/$verdict" in
  0/0/*"runs it" | 0/126/*"refuses it" | 1/126/) agree=$((agree + 1)) ;;
  *) fail "$name (from $base): elfinfo status $status, verdict [$verdict]; ring3-load --dry-run status $load" ;;
  esac
done <"$TMP/mutants"
expect_eq "damaged programs: elfinfo agrees with ring3-load on all" "$total" "$agree"
[ "$total" -ge 100 ] || fail "only $total damaged programs"

# What is not an ELF program: one message each, status 1.
: >"$TMP/empty"
printf '#!/bin/sh\necho hi\n' >"$TMP/script"
gcc -c -o "$TMP/object.o" "$TMP/hi.c"
check_error() {
  local what=$1 expected=$2; shift 2
  "$ELFINFO" "$@" >"$TMP/out" 2>"$TMP/err"
  expect_eq "$what: status" 1 $?
  expect_eq "$what: message" "$expected" "$(cat "$TMP/err")"
}
check_error "missing file" "elfinfo: $TMP/nope: No such file or directory" "$TMP/nope"
check_error "directory" "elfinfo: $TMP: Is a directory" "$TMP"
check_error "empty file" "elfinfo: $TMP/empty: not an ELF file" "$TMP/empty"
check_error "script" "elfinfo: $TMP/script: a #! script, not an ELF program" "$TMP/script"
"$ELFINFO" "$TMP/object.o" >"$TMP/out" 2>&1
expect_contains "object file: refused" "refuses it: not an executable program (e_type 1" "$(cat "$TMP/out")"
expect_contains "object file: no program headers" "Program headers: none" "$(cat "$TMP/out")"
# Several files: each named, one failure makes the status 1.
"$ELFINFO" "$BIN/hello" "$TMP/nope" "$BIN/readfile" >"$TMP/out" 2>"$TMP/err"
expect_eq "several files: status" 1 $?
expect_eq "several files: named" "File: $BIN/hello
File: $BIN/readfile" "$(grep '^File: ' "$TMP/out")"
"$ELFINFO" >/dev/null 2>&1
expect_eq "no FILE: usage status" 2 $?
# Options as GNU getopt_long reads them (ring3/options.hpp).
"$ELFINFO" --bogus "$BIN/hello" >"$TMP/out" 2>"$TMP/err"
expect_eq "bad option: status" 2 $?
expect_eq "bad option: message" "elfinfo: unrecognized option '--bogus'
Try 'elfinfo --help' for more information." "$(cat "$TMP/err")"
expect_eq "bad option: no output" "" "$(cat "$TMP/out")"
"$ELFINFO" --he >"$TMP/out"
expect_eq "--he abbreviates --help: status" 0 $?
expect_contains "--help lists the options" "      --help               print this help" "$(cat "$TMP/out")"
ln -s "$BIN/hello" "$TMP/--help"
"$ELFINFO" -- "$TMP/--help" >"$TMP/out"
expect_eq "-- ends the options: status" 0 $?
expect_contains "-- ends the options" "ELF header" "$(cat "$TMP/out")"
finish
