# Which system calls move the bytes, seen through strace: splice into a
# pipe (enlarged first), copy_file_range into a regular file, sendfile
# elsewhere, and read/write when the kernel refuses or when an option
# transforms the data; the bytes are right every time.
source "$(dirname "$0")/../lib.sh"

command -v strace >/dev/null || { echo "strace is not installed"; exit 77; }
R="$BIN/cat"
cd "$TMP" || exit 1
head -c 3000000 /dev/urandom >big
printf 'small\n' >small
mkdir dir

# traced WHAT COMMAND: runs the shell snippet, in which $T stands for
# ring3's cat under strace, and leaves that cat's calls that move data in
# $TMP/calls, its stderr in $TMP/err.
T="strace -qq -o $TMP/trace -e trace=splice,copy_file_range,sendfile,read,write,fcntl -e signal=none $R"
traced() {
  rm -f "$TMP/trace"
  T=$T sh -c "$2" 2>"$TMP/err"
  grep -vE '^(execve|\+\+\+|---)' "$TMP/trace" >"$TMP/calls"
}
used() { grep -qE "^$1" "$TMP/calls"; }
count() { grep -cE "^$1" "$TMP/calls"; }

# Regular file into a pipe: the pipe enlarged, then splice only.
traced "file | pipe" '$T big | cat >out'
expect_same_file "file | pipe: bytes" big out
used 'fcntl\(1, F_SETPIPE_SZ' && pass || fail "file | pipe: no F_SETPIPE_SZ on the output pipe"
used splice && pass || fail "file | pipe: splice not used"
used '(read|write)\(' && fail "file | pipe: read/write used" || pass

# Regular file into a regular file: copy_file_range.
traced "file > file" '$T small big >out'
expect_same_file "file > file: bytes" <(cat small big) out
used copy_file_range && pass || fail "file > file: copy_file_range not used"
used 'read\(' && fail "file > file: read used" || pass

# Into a character device: sendfile.
traced "file > /dev/null" '$T big >/dev/null'
used sendfile && pass || fail "file > /dev/null: sendfile not used"
used 'read\(' && fail "file > /dev/null: read used" || pass

# From a pipe, into a pipe and into a file: splice.
traced "pipe | pipe" 'cat big | $T | cat >out'
expect_same_file "pipe | pipe: bytes" big out
used splice && pass || fail "pipe | pipe: splice not used"
traced "pipe > file" 'cat big | $T >out'
expect_same_file "pipe > file: bytes" big out
used splice && pass || fail "pipe > file: splice not used"

# The kernel refuses. /proc files are on another file system
# (copy_file_range: EXDEV); some cannot be spliced at all (splice and
# sendfile: EINVAL): then read/write, with the bytes GNU cat gets.
traced "/proc > file" '$T /proc/version >out'
expect_eq "/proc/version > file: bytes" "$(cat /proc/version)" "$(cat out)"
used 'copy_file_range.*EXDEV' && pass || fail "/proc/version > file: copy_file_range did not refuse: $(head -3 "$TMP/calls")"
used 'sendfile\(1, [0-9]+, NULL, [0-9]+\) += [1-9]' && pass || fail "/proc/version > file: no sendfile after EXDEV"
limits=$(/usr/bin/cat /proc/self/limits)
traced "/proc/self/limits > file" '$T /proc/self/limits >out'
expect_eq "/proc/self/limits > file: bytes" "$limits" "$(cat out)"
used 'copy_file_range.*EXDEV' && pass || fail "/proc/self/limits > file: copy_file_range did not refuse"
used 'sendfile.*EINVAL' && pass || fail "/proc/self/limits > file: sendfile did not refuse"
used 'read\(' && pass || fail "/proc/self/limits > file: no read/write fallback"
traced "/proc/self/limits | pipe" '$T /proc/self/limits | cat >out'
expect_eq "/proc/self/limits | pipe: bytes" "$limits" "$(cat out)"
used 'splice.*EINVAL' && pass || fail "/proc/self/limits | pipe: splice did not refuse"
used 'read\(' && pass || fail "/proc/self/limits | pipe: no read/write fallback"
# read/write (through cat's output stream) and zero-copy calls in turn
# into one output: every file's bytes in their place.
mixed() { cat small; echo "$limits"; cat big; echo "$limits"; cat small; }
traced "mixed | pipe" '$T small /proc/self/limits big /proc/self/limits small | cat >out'
expect_same_file "mixed | pipe: bytes" <(mixed) out
used 'splice\(.* = [1-9]' && used 'write\(1' && pass || fail "mixed | pipe: not both splice and write"
traced "mixed > file" '$T small /proc/self/limits big /proc/self/limits small >out'
expect_same_file "mixed > file: bytes" <(mixed) out
used 'copy_file_range\(.* = [1-9]' && used 'write\(1' && pass ||
  fail "mixed > file: not both copy_file_range and write"
# splice from a directory: EINVAL, then read says what is wrong.
traced "dir | pipe" '$T dir small | cat >out'
expect_eq "dir | pipe: message" "cat: dir: Is a directory" "$(cat "$TMP/err")"
expect_same_file "dir | pipe: the other file" small out
used 'splice\(.*EINVAL' && pass || fail "dir | pipe: splice did not refuse"
# O_APPEND output: copy_file_range and sendfile cannot append; read/write.
printf 'before\n' >out
traced "file >> file" '$T big >>out'
expect_same_file "file >> file: bytes" <(printf 'before\n'; cat big) out
used copy_file_range && fail "file >> file: copy_file_range tried on O_APPEND" || pass
used 'write\(1' && pass || fail "file >> file: no write"
printf 'before\n' >out
traced "pipe >> file" 'cat big | $T >>out'
expect_same_file "pipe >> file: bytes" <(printf 'before\n'; cat big) out
used splice && fail "pipe >> file: splice tried on O_APPEND" || pass

# An option that transforms: read/write with large buffers, no zero-copy.
traced "cat -n" '$T -n big >out'
for c in splice copy_file_range sendfile; do
  used $c && fail "cat -n: $c used" || pass
done
reads=$(count 'read\(')
[ "$reads" -le $((3000000 / 65536 + 2)) ] && pass || fail "cat -n: $reads reads for 3 MB: buffers too small"

finish
