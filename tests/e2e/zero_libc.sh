# Every program ring3 builds is static and links no libc: no interpreter,
# no dynamic section, no undefined symbol, no segment writable and executable.
source "$(dirname "$0")/../lib.sh"

n=0
# The programs, and the test programs that link the C++ standard library
# (tests/cxx/; their -glibc references are glibc programs by design).
for f in "$BIN"/* "$TEST_BIN"/cxx_*; do
  case "$f" in *-glibc) continue ;; esac
  [ -f "$f" ] && [ -x "$f" ] || continue
  head -c 4 "$f" | grep -q ELF || continue
  name=$(basename "$f")
  n=$((n + 1))
  phdrs=$(readelf -lW "$f")
  case "$phdrs" in *INTERP*) fail "$name has PT_INTERP" ;; *) pass ;; esac
  # Static-PIE programs (ring3-load, the -pie test programs) have a
  # PT_DYNAMIC for their own relocations, but never a needed library.
  case "$phdrs" in
    *" DYNAMIC "*) case "$name" in ring3-load | *-pie) pass ;; *) fail "$name has PT_DYNAMIC" ;; esac ;;
    *) pass ;;
  esac
  expect_eq "$name needed libraries" "" "$(readelf -dW "$f" | grep NEEDED)"
  expect_eq "$name undefined symbols" "" "$(nm -u "$f" | grep -v ' w ')"
  wx=$(readelf -lW "$f" | awk '$1=="LOAD" { flags=""; for (i=7;i<NF;i++) flags=flags $i; if (flags ~ /W/ && flags ~ /E/) print }')
  expect_eq "$name W+X segments" "" "$wx"
  stack=$(readelf -lW "$f" | awk '$1=="GNU_STACK" { print $7 $8 }')
  case "$stack" in *E*) fail "$name has an executable stack" ;; *) pass ;; esac
  # No libc code linked statically either.
  # (__libc_single_threaded is ring3's own: a variable glibc's headers name.)
  expect_eq "$name libc symbols" "" \
    "$(nm "$f" | grep -E ' (__libc_|_IO_|_dl_|__GI_)' | grep -v ' __libc_single_threaded$' | head -3)"
done
[ "$n" -ge 4 ] || fail "expected at least 4 programs in $BIN, found $n"
finish
