# A 5 GiB file that is mostly holes: copied exactly into a regular file
# (where cat skips the holes: no time, no space), into a pipe and into
# /dev/null, in seconds.
source "$(dirname "$0")/../lib.sh"

R="$BIN/cat"
cd "$TMP" || exit 1

# The copy into a regular file needs room on $TMP's file system should
# the holes not survive (they do on ext4, xfs, btrfs and tmpfs).
avail_kib=$(df -Pk . | awk 'NR == 2 { print $4 }')
if [ "${avail_kib:-0}" -lt $((6 * 1024 * 1024)) ]; then
  echo "skipped: less than 6 GiB free in $TMP"
  exit 77
fi

size=$((5 * 1024 * 1024 * 1024))
truncate -s $size sparse || exit 77
# Data at the start, across the 1 GiB and 4 GiB marks, in the middle of a
# page; the file ends in a hole.
printf 'the first bytes' | dd of=sparse conv=notrunc status=none
head -c 100000 /dev/urandom | dd of=sparse bs=1 seek=$((1024 * 1024 * 1024 - 50000)) conv=notrunc status=none
printf 'at 4 GiB' | dd of=sparse bs=1 seek=$((4 * 1024 * 1024 * 1024)) conv=notrunc status=none
printf 'odd place' | dd of=sparse bs=1 seek=$((4 * 1024 * 1024 * 1024 + 12345)) conv=notrunc status=none
blocks_in=$(stat -c %b sparse)

# Checking 5 GiB byte by byte with cmp would read (and, on most file
# systems, cache) 5 GiB of holes per file. The checker reads only where
# either side has data (lseek SEEK_DATA/SEEK_HOLE) and knows the rest is
# zeros; for a stream it compares what arrives with the file the same way.
#   perl check.pl FILE COPY      exit 0 when the two files are identical
#   perl check.pl FILE - <STREAM exit 0 when the stream is FILE's bytes
cat >check.pl <<'PERL'
use strict;
use warnings;
my ($file, $other) = @ARGV;
open(my $fh, '<:raw', $file) or die "$file: $!";
my $size = -s $fh;
# The data segments [start, end) of a file, from SEEK_DATA (3) and SEEK_HOLE (4).
sub segments {
    my ($h, $n) = @_;
    my @s;
    my $pos = 0;
    while ($pos < $n) {
        my $d = sysseek($h, $pos, 3);
        last unless defined $d;
        my $e = sysseek($h, $d + 0, 4);
        push @s, [$d + 0, $e + 0];
        $pos = $e + 0;
    }
    return @s;
}
sub pread {
    my ($h, $off, $n) = @_;
    sysseek($h, $off, 0) or die "seek: $!";
    my $buf = '';
    while (length($buf) < $n) {
        my $got = sysread($h, $buf, $n - length($buf), length($buf));
        die "read: $!" unless defined $got;
        last if $got == 0;
    }
    return $buf;
}
my @data = segments($fh, $size);
my $chunk = 1 << 20;
if ($other ne '-') {
    open(my $oh, '<:raw', $other) or die "$other: $!";
    exit 1 if -s $oh != $size;
    for my $seg (sort { $a->[0] <=> $b->[0] } @data, segments($oh, $size)) {
        for (my $off = $seg->[0]; $off < $seg->[1]; $off += $chunk) {
            my $n = $seg->[1] - $off < $chunk ? $seg->[1] - $off : $chunk;
            exit 1 if pread($fh, $off, $n) ne pread($oh, $off, $n);
        }
    }
    exit 0;
}
my $zeros = "\0" x $chunk;
my ($off, $buf, $n) = (0, '', 0);
while (($n = sysread(STDIN, $buf, $chunk)) > 0) {
    my $end = $off + $n;
    my $touches = grep { $_->[0] < $end && $_->[1] > $off } @data;
    my $want = $touches ? pread($fh, $off, $n) : $n == $chunk ? $zeros : "\0" x $n;
    exit 1 if $buf ne $want;
    $off = $end;
}
exit($off == $size ? 0 : 1);
PERL
perl check.pl sparse sparse && pass || fail "the checker rejects a file as a copy of itself"
printf 'X' | dd of=sparse-1 bs=1 seek=$((3 * 1024 * 1024 * 1024)) status=none
truncate -s $size sparse-1
perl check.pl sparse sparse-1 && fail "the checker accepts a wrong copy" || pass
head -c 4096 sparse | perl check.pl sparse - && fail "the checker accepts a short stream" || pass
rm -f sparse-1

# Into a new regular file: the holes stay holes, the bytes are exact.
start=$(date +%s)
timeout 20 "$R" sparse >copy
expect_eq "into a file: status" 0 $?
expect_eq "into a file: size" $size "$(stat -c %s copy)"
blocks_out=$(stat -c %b copy)
[ "$blocks_out" -le $((blocks_in + 64)) ] && pass ||
  fail "into a file: $blocks_out blocks allocated for $blocks_in in the input: holes filled"
perl check.pl sparse copy && pass || fail "into a file: content differs"

# After other bytes, and followed by more: positions and final size right.
{ printf 'head\n'; "$R" sparse - <<<"tail"; } >copy2
expect_eq "between other writes: size" $((size + 5 + 5)) "$(stat -c %s copy2)"
expect_eq "between other writes: head" "head" "$(head -c 4 copy2)"
expect_eq "between other writes: tail" "tail" "$(tail -c 5 copy2)"
expect_eq "between other writes: data in place" "at 4 GiB" \
  "$(tail -c +$((5 + 4 * 1024 * 1024 * 1024 + 1)) copy2 | head -c 8)"
rm -f copy copy2

# Into a pipe (splice) and into /dev/null (sendfile).
timeout 30 "$R" sparse | perl check.pl sparse - && pass || fail "into a pipe: content differs"
timeout 20 "$R" sparse >/dev/null
expect_eq "into /dev/null: status" 0 $?
elapsed=$(($(date +%s) - start))
[ "$elapsed" -le 30 ] && pass || fail "5 GiB sparse copies took ${elapsed}s"
echo "5 GiB sparse file: ${elapsed}s"

finish
