# readfile and mmapfile print /etc/hosts in at most 8 system calls in all,
# execve included (the article's NASM version makes 11, glibc stdio 39).
source "$(dirname "$0")/../lib.sh"
command -v strace >/dev/null || { echo "strace missing"; exit 77; }

for prog in readfile mmapfile; do
  strace -f -o "$TMP/trace" "$BIN/$prog" /etc/hosts >/dev/null
  calls=$(grep -vcE '^[0-9]+ +(\+\+\+|---)' "$TMP/trace")
  if [ "$calls" -le 8 ]; then pass; else fail "$prog made $calls system calls: $(cat "$TMP/trace")"; fi
  echo "$prog: $calls system calls"
done
strace -f -o "$TMP/trace" "$BIN/hello" >/dev/null
calls=$(grep -vcE '^[0-9]+ +(\+\+\+|---)' "$TMP/trace")
expect_eq "hello system calls (execve, write, exit_group)" 3 "$calls"
finish
