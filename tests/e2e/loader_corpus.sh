# The corpus: real programs of this machine, dynamically linked, run
# directly and through ring3-load; stdout (stderr for java -version) and the
# exit status must be identical. The commands print what depends on how
# the process was started: /proc/self/exe (clang's InstalledDir, node's
# execPath, sys.executable), the process name, extension modules loaded
# through $ORIGIN and RUNPATH (python3's, java's libjli.so). glibc and musl
# builds of tests/loader/auxv_check.c check the auxv and the identity.
# A program missing here is skipped with a note (scripts/setup.sh installs
# them all); the test as a whole is skipped only if nothing could run.
source "$(dirname "$0")/../lib.sh"
LOAD=$BIN/ring3-load
cd "$TMP" || exit 1

ran=0 skipped=()
# same NAME STREAM PROGRAM ARGS...: STREAM is out or err.
same() {
  local name=$1 stream=$2 program=$3
  shift 3
  if ! [ -x "$program" ]; then
    skipped+=("$name ($program)")
    return
  fi
  run_both_ways "$program" "$@"
  expect_eq "$name: exit status" "$direct_status" "$via_status"
  expect_same_file "$name: std$stream" "$TMP/direct.$stream" "$TMP/via.$stream"
  [ -s "$TMP/direct.$stream" ] || fail "$name: nothing on std$stream, nothing compared"
  ran=$((ran + 1))
}

printf 'pear\napple\nfig\n' >fruit
same "ls" out /usr/bin/ls -la --time-style=+%s "$SRC/loader"
same "sort" out /usr/bin/sort -r fruit
same "env" out /usr/bin/env
same "cat" out /usr/bin/cat fruit
same "sha256sum" out /usr/bin/sha256sum fruit
same "false (status 1)" err /usr/bin/ls /nonexistent
# Shells report what they run: their own binary and name.
same "bash" out /bin/bash -c 'echo "$((6 * 7)) $BASH_VERSION"; readlink /proc/$$/exe; cat /proc/$$/comm; exit 3'
same "dash" out /bin/dash -c 'echo $((6 * 7)); readlink /proc/$$/exe; cat /proc/$$/comm; exit 4'
same "python3" out /usr/bin/python3 -c '
import hashlib, json, os, sqlite3, ssl, sys
print(json.dumps({"a": [1, 2]}), hashlib.sha256(b"x").hexdigest())
print(ssl.OPENSSL_VERSION, sqlite3.connect(":memory:").execute("select 6*7").fetchone())
print(sys.executable, os.readlink("/proc/self/exe"), open("/proc/self/comm").read().strip())'
same "perl" out /usr/bin/perl -MPOSIX -MDigest::MD5=md5_hex -e 'print floor(6.9), " ", md5_hex("x"), " $^X\n"; exit 5'
git init -q repo && printf 'x\n' >repo/x
same "git" out /usr/bin/git -C repo hash-object x
same "git --version" out /usr/bin/git --version
same "cmake" out /usr/bin/cmake --version
# clang finds its resource directory (InstalledDir) through /proc/self/exe.
same "clang" out /usr/bin/clang --version
same "clang -print-resource-dir" out /usr/bin/clang -print-resource-dir
same "gdb" out /usr/bin/gdb --version
same "node" out /usr/bin/node -e 'console.log(process.execPath, require("crypto").createHash("sha256").update("x").digest("hex"), require("fs").readFileSync("/proc/self/comm", "utf8").trim())'
# java's launcher finds libjli.so through RUNPATH $ORIGIN/../lib.
java=$(readlink -f /usr/bin/java 2>/dev/null)
same "java -version" err "${java:-/usr/bin/java}" -version

# A small C program, dynamically linked against glibc and against musl.
if command -v gcc >/dev/null; then
  gcc -O -o auxv-glibc "$SRC/tests/loader/auxv_check.c" || fail "gcc auxv_check.c"
  same "auxv, glibc" out "$TMP/auxv-glibc" one two
  expect_eq "auxv, glibc: every check ok" "" "$(grep -vE ': (ok|0)$|^AT_EXECFN|^/proc/self/exe|^comm|^argv' via.out)"
  # Not PIE: ET_EXEC with PT_INTERP, at the addresses it was linked for.
  gcc -O -no-pie -o auxv-glibc-nopie "$SRC/tests/loader/auxv_check.c" || fail "gcc -no-pie auxv_check.c"
  same "auxv, glibc, not PIE" out "$TMP/auxv-glibc-nopie" one
  expect_eq "auxv, glibc, not PIE: every check ok" "" "$(grep -vE ': (ok|0)$|^AT_EXECFN|^/proc/self/exe|^comm|^argv' via.out)"
else
  skipped+=("glibc auxv_check (gcc)")
fi
if command -v musl-gcc >/dev/null && [ -e /lib/ld-musl-x86_64.so.1 ]; then
  musl-gcc -O -o auxv-musl "$SRC/tests/loader/auxv_check.c" || fail "musl-gcc auxv_check.c"
  expect_contains "auxv-musl is dynamically linked against musl" "ld-musl-x86_64.so.1" "$(readelf -lW auxv-musl)"
  same "auxv, musl" out "$TMP/auxv-musl" one two
  expect_eq "auxv, musl: every check ok" "" "$(grep -vE ': (ok|0)$|^AT_EXECFN|^/proc/self/exe|^comm|^argv' via.out)"
else
  skipped+=("musl auxv_check (musl-gcc)")
fi

echo "$ran programs ran the same directly and through ring3-load"
for s in "${skipped[@]}"; do echo "SKIPPED (not installed; scripts/setup.sh installs it): $s"; done
[ "$ran" -gt 0 ] || exit 77
finish
