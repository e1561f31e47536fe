# Where ring3-load places and maps a program, compared with execve on the
# same file: the address layout under setarch -R, the brk heap, AT_PHDR,
# the partial page of a read-only segment, and set-user-ID files
# (docs/loader.md, "Where it differs from execve", lists what remains).
source "$(dirname "$0")/../lib.sh"
command -v gcc >/dev/null && command -v setarch >/dev/null || { echo "gcc or setarch missing"; exit 77; }
LOAD=$BIN/ring3-load

# A glibc program that prints what execve decided: AT_SECURE, its user
# ID, and its own mappings and heap from /proc/self/maps.
cat >"$TMP/layout.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
int main(int argc, char **argv) {
    (void)argc;
    volatile char *heap = malloc(100000); /* from brk */
    heap[0] = 1;
    printf("AT_SECURE %lu euid %u\n", getauxval(AT_SECURE), (unsigned)geteuid());
    FILE *f = fopen("/proc/self/maps", "r");
    char line[8192], range[64], perms[8];
    while (f && fgets(line, sizeof line, f))
        if ((strstr(line, argv[0]) || strstr(line, "[heap]")) &&
            sscanf(line, "%63s %7s", range, perms) == 2)
            printf("%s %s %s\n", range, perms, strstr(line, "[heap]") ? "[heap]" : "program");
    return 0;
}
C
gcc -O2 -static -o "$TMP/static" "$TMP/layout.c" &&
  gcc -O2 -static-pie -o "$TMP/static-pie" "$TMP/layout.c" &&
  gcc -O2 -o "$TMP/dynamic" "$TMP/layout.c" || { fail "gcc could not build the layout program"; finish; }

# setarch -R (ADDR_NO_RANDOMIZE, gdb's default): the same addresses for
# the program's segments and its heap (a static-PIE program's image is
# in the mmap area, which ring3-load's own image shares: its heap only).
# both_ways_fixed OUT PROGRAM: PROGRAM under setarch -R directly (OUT.direct)
# and through ring3-load (OUT.via), without a static-PIE image's lines;
# the statuses in OUT.status.
both_ways_fixed() {
  local out=$1 d v
  shift
  setarch -R "$@" >"$out.direct" 2>/dev/null
  d=$?
  setarch -R "$LOAD" "$@" >"$out.via" 2>/dev/null
  v=$?
  echo "$d $v" >"$out.status"
  case "$1" in *static-pie*) sed -i '/ program$/d' "$out.direct" "$out.via" ;; esac
}
for v in static static-pie dynamic; do
  both_ways_fixed "$TMP/$v" "$TMP/$v"
  expect_same_file "setarch -R, $v: segments and heap where execve puts them" "$TMP/$v.direct" "$TMP/$v.via"
done

# Randomised, a static-PIE program's heap starts at ELF_ET_DYN_BASE plus
# up to 1 GiB, as under execve (load_elf_binary moves it out of the mmap
# area).
heap_start() { awk '$3 == "[heap]" { print "0x" substr($1, 1, index($1, "-") - 1) }' "$1"; }
in_brk_range() { (($1 >= 0x555555555000 && $1 < 0x555555555000 + (1 << 30))); }
"$TMP/static-pie" >"$TMP/d"
"$LOAD" "$TMP/static-pie" >"$TMP/v"
in_brk_range "$(heap_start "$TMP/d")" && pass || fail "execve put the static-PIE heap at $(heap_start "$TMP/d")"
in_brk_range "$(heap_start "$TMP/v")" && pass || fail "ring3-load put the static-PIE heap at $(heap_start "$TMP/v")"

# patch FILE OUT HOW: a copy of FILE with one program header changed.
#   phdr-cut  the PT_LOAD holding e_phoff stops 8 bytes into the table:
#             AT_PHDR still points into it (the kernel looks at e_phoff only)
#   rx-short  the executable PT_LOAD one byte short of its file bytes: the
#             kernel maps the file page and leaves the byte there
patch() {
  python3 - "$@" <<'PY'
import struct, sys
src, dst, how = sys.argv[1:4]
b = bytearray(open(src, "rb").read())
phoff, = struct.unpack_from("<Q", b, 32)
phentsize, phnum = struct.unpack_from("<HH", b, 54)
for i in range(phnum):
    o = phoff + i * phentsize
    typ, flags, off, vaddr, paddr, filesz, memsz, align = struct.unpack_from("<IIQQQQQQ", b, o)
    if typ != 1:
        continue
    if how == "phdr-cut" and off <= phoff < off + filesz:
        struct.pack_into("<Q", b, o + 32, phoff - off + 8)
        break
    if how == "rx-short" and flags & 1:
        struct.pack_into("<Q", b, o + 32, filesz - 1)
        break
open(dst, "wb").write(b)
PY
  chmod +x "$2"
}
for v in static static-pie dynamic; do
  for how in phdr-cut rx-short; do
    # A dynamically linked program with PT_PHDR outside the cut segment is
    # refused by the validator (docs/loader.md): not compared here.
    [ "$v/$how" = dynamic/phdr-cut ] && continue
    patch "$TMP/$v" "$TMP/$v.$how" "$how"
    both_ways_fixed "$TMP/out" "$TMP/$v.$how"
    read -r d via <"$TMP/out.status"
    expect_eq "$v, $how: status as under execve" "$d" "$via"
    expect_same_file "$v, $how: output as under execve" "$TMP/out.direct" "$TMP/out.via"
  done
done

# The argument strings end where the environment strings begin, as
# copy_strings leaves them: /proc/PID/cmdline is the same, and a process
# title may grow over the environment (perl's $0: 400 bytes, not cut).
expect_eq "cmdline as under execve" "$(/bin/cat /proc/self/cmdline | od -c)" \
  "$("$LOAD" /bin/cat /proc/self/cmdline | od -c)"
trace=$("$LOAD" --trace /bin/true one two 2>&1)
cmd_end=$(echo "$trace" | awk '$1 == "cmdline" { print $4 }')
env_start=$(echo "$trace" | awk '$1 == "environ" { print $2 }')
expect_eq "the argument strings end where the environment's begin" "$env_start" "$cmd_end"
# 15 arguments of 100,000 bytes (one may not exceed 128 KiB: MAX_ARG_STRLEN).
big=$(head -c 100000 /dev/zero | tr '\0' x)
range=$("$LOAD" --trace /bin/true $(for i in $(seq 15); do echo "$big"; done) 2>&1 |
  awk '$1 == "cmdline" { print $2, $4 } $1 == "environ" { print $2 }' | tr '\n' ' ')
read -r lo hi env <<<"$range"
# "/bin/true" and its NUL, the arguments and their NULs: once, where the
# kernel put them for ring3-load (right below the environment).
expect_eq "1.5 MB of arguments: their range" $((10 + 15 * 100001)) $((hi - lo))
expect_eq "1.5 MB of arguments: stored once, in place" "$env" "$hi"
if command -v perl >/dev/null; then
  title='$0 = "x" x 400; open F, "/proc/$$/cmdline"; local $/; print length(<F>), "\n"'
  expect_eq "perl's \$0 as long as under execve" "$(perl -e "$title" a b)" "$("$LOAD" "$(command -v perl)" -e "$title" a b)"
fi

# Set-user-ID: ring3-load cannot raise privileges; the program runs as it
# would from a nosuid mount (same IDs, AT_SECURE 0), which the kernel
# itself is asked to show when this test may mount one.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  mkdir "$TMP/suid" && cp "$TMP/static" "$TMP/suid/prog" && chown nobody "$TMP/suid/prog" && chmod 4755 "$TMP/suid/prog"
  "$LOAD" "$TMP/suid/prog" | head -1 >"$TMP/via-suid"
  expect_eq "set-user-ID: ring3-load's IDs, AT_SECURE 0" "AT_SECURE 0 euid 0" "$(cat "$TMP/via-suid")"
  expect_eq "set-user-ID under execve: the owner's" "AT_SECURE 1 euid $(id -u nobody)" "$("$TMP/suid/prog" | head -1)"
  expect_contains "--trace says so" "set-user-ID/set-group-ID bits not applied (as on a nosuid mount)" \
    "$("$LOAD" --trace "$TMP/suid/prog" 2>&1 >/dev/null)"
  mkdir "$TMP/nosuid"
  if unshare -m sh -c "mount -t tmpfs -o nosuid tmpfs '$TMP/nosuid' && cp -p '$TMP/suid/prog' '$TMP/nosuid/prog' &&
                       '$TMP/nosuid/prog' | head -1 >'$TMP/direct-nosuid'" 2>/dev/null; then
    expect_same_file "set-user-ID: as execve from a nosuid mount" "$TMP/direct-nosuid" "$TMP/via-suid"
  else
    echo "no private nosuid mount here: compared with the rule only"
  fi
else
  echo "not root: set-user-ID checks skipped"
fi
finish
