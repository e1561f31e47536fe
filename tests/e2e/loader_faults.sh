# ring3-load under faults: resource limits too small for the program
# (RLIMIT_AS, RLIMIT_STACK) and damaged files run the way users run them
# (no --trace). Each outcome is a refusal (status 126 and one line naming
# the file) or a run that matches the kernel's; ring3-load itself never
# dies by a signal. (loader_malformed.sh: the 57 malformed files and 300
# damaged headers under --trace.)
source "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null || { fail "python3 is needed"; finish; }
command -v prlimit >/dev/null || { echo "prlimit (util-linux) missing"; exit 77; }
LOAD=$BIN/ring3-load
cd "$TMP" || exit 1

# --- RLIMIT_AS: an image that does not fit in the address space left.
# The valid program of the malformed-file generator (exit status 42), with
# 256 MiB of bss.
python3 - "$SRC/tests/loader" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
import malformed
for name, elf_type in (("bigbss", 2), ("bigbss-pie", 3)):  # ET_EXEC, ET_DYN
    e = malformed.Elf()
    e.eh["type"] = elf_type
    e.ph[3][5] = 256 << 20  # p_memsz of the read-write segment
    with open(name, "wb") as f:
        f.write(e.build())
    os.chmod(name, 0o755)
EOF
prlimit --as=$((1 << 30)) "$LOAD" ./bigbss
expect_eq "RLIMIT_AS 1 GiB: 256 MiB of bss runs" 42 $?
prlimit --as=$((64 << 20)) "$LOAD" ./bigbss >out 2>err
expect_eq "RLIMIT_AS 64 MiB: status" 126 $?
expect_contains "RLIMIT_AS 64 MiB: message" "ring3-load: ./bigbss: cannot reserve [0x400000, " "$(cat err)"
expect_contains "RLIMIT_AS 64 MiB: the reason" "): Cannot allocate memory" "$(cat err)"
expect_eq "RLIMIT_AS 64 MiB: one line" 1 "$(wc -l <err)"
# The kernel, for comparison: execve fails (ENOMEM) or the process dies.
prlimit --as=$((64 << 20)) ./bigbss 2>/dev/null
echo "under RLIMIT_AS 64 MiB the kernel's own exec ends with status $?"
# The same as a static-PIE program: a random base, then the same
# reservation.
prlimit --as=$((1 << 30)) "$LOAD" ./bigbss-pie
expect_eq "RLIMIT_AS 1 GiB: 256 MiB of bss, static-PIE, runs" 42 $?
prlimit --as=$((64 << 20)) "$LOAD" ./bigbss-pie >out 2>err
expect_eq "RLIMIT_AS 64 MiB, static-PIE: status" 126 $?
expect_contains "RLIMIT_AS 64 MiB, static-PIE: message" "ring3-load: ./bigbss-pie: cannot reserve [0x" "$(cat err)"
expect_contains "RLIMIT_AS 64 MiB, static-PIE: the reason" "): Cannot allocate memory" "$(cat err)"

# --- RLIMIT_STACK: the new stack goes below ring3-load's frames, on the
# stack the kernel gave it, which grows no further than the limit. With a
# small limit and many arguments it may not fit: refused with a message,
# never SIGSEGV. Wherever the program itself starts when run directly,
# through ring3-load it runs too or is refused. (A fixed environment:
# the stack use must not depend on the test's.)
refused=0 ran=0
for n in 400 800 1200 1600 2000 2400 2800 3200; do
  args=()
  for ((i = 0; i < n; i++)); do args+=(x); done
  env -i prlimit --stack=49152 "$BIN/hello" "${args[@]}" >/dev/null 2>&1
  direct=$?
  [ $direct -eq 0 ] || { echo "RLIMIT_STACK 48 KiB, $n arguments: hello itself ends with $direct"; continue; }
  for trace in "" --trace; do
    env -i prlimit --stack=49152 "$LOAD" $trace "$BIN/hello" "${args[@]}" >out 2>err
    status=$?
    case $status in
    0) ran=$((ran + 1)); expect_eq "RLIMIT_STACK, $n arguments $trace: output" \
         "Hello from ring3: zero libc, one write." "$(cat out)" ;;
    126) refused=$((refused + 1))
      expect_contains "RLIMIT_STACK, $n arguments $trace: message" \
        "ring3-load: $BIN/hello: its initial stack (" "$(tail -1 err)"
      expect_contains "RLIMIT_STACK, $n arguments $trace: the limit" \
        "does not fit in RLIMIT_STACK (49152 bytes, " "$(tail -1 err)" ;;
    *) fail "RLIMIT_STACK 48 KiB, $n arguments $trace: ring3-load ended with status $status" ;;
    esac
  done
done
echo "RLIMIT_STACK 48 KiB: $ran runs, $refused refusals"
[ $ran -gt 0 ] && [ $refused -gt 0 ] && pass || fail "RLIMIT_STACK: expected both runs and refusals"

# --- Damage, run without --trace: random header changes (another seed
# than loader_malformed.sh) and truncations at random lengths, of real
# programs. Outcomes: refused (126, one line naming the file), or the
# same status and output as running the file directly, or, where
# ring3-load knowingly maps differently from the kernel (the dry run
# says so: a read-only segment's bss, a page shared by segments), any
# status the program gives. A death by a signal must come after the jump
# to the program (--trace shows the jump).
bases=("$BIN/hello" "$TEST_BIN/startup_conformance-pie" /bin/busybox "$LOAD" /bin/true)
mkdir mut
python3 "$SRC/tests/loader/malformed.py" --mutate 7 30 mut "${bases[@]}" >mutants || fail "malformed.py --mutate"
python3 - mut "${bases[@]}" >>mutants <<'EOF'
import os, random, sys
out, files = sys.argv[1], sys.argv[2:]
rng = random.Random(11)
n = 0
for src in files:
    data = open(src, "rb").read()
    # Cuts in the headers, in the first pages, anywhere.
    cuts = [rng.randrange(0, 64), rng.randrange(64, 1024), rng.randrange(1024, 8192)]
    cuts += [rng.randrange(len(data)) for _ in range(9)]
    for cut in cuts:
        path = os.path.join(out, f"cut-{n}")
        with open(path, "wb") as f:
            f.write(data[:cut])
        os.chmod(path, 0o755)
        print(f"cut-{n}\t{os.path.basename(src)} cut at {cut}")
        n += 1
EOF
cd mut || exit 1
python3 "$SRC/tests/loader/differential.py" judge "$LOAD" . ../mutants >../verdicts
expect_eq "damaged programs without --trace: no unreported mismatch" 0 $?
cat ../verdicts
total=$(sed -n 's/^\([0-9]*\) mutants:.*/\1/p' ../verdicts)
[ "${total:-0}" -ge 150 ] && pass || fail "only ${total:-0} damaged programs"
cd ..

# --- Damaged interpreters: a dynamic program (/bin/true) whose PT_INTERP
# names a damaged copy of its dynamic loader. ring3-load validates and
# maps the interpreter as it does a program: refused with a message, or
# the same outcome as the kernel's.
ldso=$(readlink -f /lib64/ld-linux-x86-64.so.2)
if [ -f "$ldso" ] && readelf -lW /bin/true 2>/dev/null | grep -q "ld-linux-x86-64.so.2"; then
  mkdir interp
  python3 "$SRC/tests/loader/malformed.py" --mutate 5 30 interp "$ldso" >interp.list
  python3 - /bin/true <<'EOF2'
import os, struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
phoff, = struct.unpack_from("<Q", data, 32)
phnum, = struct.unpack_from("<H", data, 56)
for i in range(phnum):
    ptype, _, off, _, _, filesz = struct.unpack_from("<IIQQQQ", data, phoff + 56 * i)
    if ptype == 3:  # PT_INTERP: the same length, a relative path to each mutant
        break
names = sorted(os.listdir("interp"), key=lambda n: int(n.split("-")[1]))
for name in names:
    path = ("./interp/" + name).ljust(filesz - 1, "_").encode()
    os.rename("interp/" + name, path.decode())
    out = bytearray(data)
    out[off:off + filesz] = path + b"\0"
    with open("uses-" + name, "wb") as f:
        f.write(out)
    os.chmod("uses-" + name, 0o755)
EOF2
  for prog in uses-mutant-*; do printf '%s\tld.so\n' "$prog"; done >uses.list
  python3 "$SRC/tests/loader/differential.py" judge "$LOAD" . uses.list >uses.verdicts
  expect_eq "damaged interpreters: no unreported mismatch" 0 $?
  cat uses.verdicts
  n=$(sed -n 's/^\([0-9]*\) mutants:.*/\1/p' uses.verdicts)
  [ "${n:-0}" -ge 30 ] && pass || fail "only ${n:-0} programs with a damaged interpreter"
fi

finish
