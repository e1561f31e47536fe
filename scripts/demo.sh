#!/usr/bin/env bash
# make demo: a program memory-mapped and run by ring3-load, then
# /etc/hosts printed with zero libc, and what that cost.
set -euo pipefail
build=${1:-build}
bin=$build/bin

# ring3-load does what execve does, in userland, and --trace shows each
# step: the mappings, the initial stack, the auxv, the jump.
echo "\$ $bin/ring3-load --trace $bin/readfile /etc/hosts"
"$bin/ring3-load" --trace "$bin/readfile" /etc/hosts
echo

echo "\$ $bin/readfile /etc/hosts"
"$bin/readfile" /etc/hosts
echo
size=$(stat -c %s "$bin/readfile")
stripped=$(mktemp)
trap 'rm -f "$stripped" "$stripped.trace"' EXIT
strip -s -o "$stripped" "$bin/readfile"
strace -f -o "$stripped.trace" "$bin/readfile" /etc/hosts >/dev/null
calls=$(grep -cvE '^[0-9]+ +\+\+\+|^[0-9]+ +---' "$stripped.trace" || true)
echo "readfile: $size bytes ($(stat -c %s "$stripped") stripped), no libc, no interpreter;"
echo "it made $calls system calls in all, execve included:"
sed -E 's/^[0-9]+ +//' "$stripped.trace" | grep -vE '^\+\+\+' | sed 's/^/  /'
strace -f -o "$stripped.trace" "$bin/readfile-asm" /etc/hosts >/dev/null
asm_calls=$(grep -cvE '^[0-9]+ +\+\+\+|^[0-9]+ +---' "$stripped.trace" || true)
strip -s -o "$stripped" "$bin/readfile-asm"
echo "For scale: the seed article's NASM readfile (16-byte buffer) is $(stat -c %s "$stripped") bytes"
echo "stripped and makes $asm_calls system calls here; \`make bench\` compares musl and glibc too."
