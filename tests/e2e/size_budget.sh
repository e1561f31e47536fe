# What a ring3 program costs on disk, stripped: hello fits in 1 KiB and
# readfile, error messages included, in 6 KiB (musl static: ~18 KiB,
# glibc static: ~680 KiB). A regression here is a bug.
source "$(dirname "$0")/../lib.sh"

stripped_size() { strip -s -o "$TMP/s" "$1" && stat -c %s "$TMP/s"; }
check() { # check PROGRAM LIMIT
  local size
  size=$(stripped_size "$BIN/$1")
  echo "$1: $size bytes stripped (limit $2)"
  if [ "$size" -le "$2" ]; then pass; else fail "$1 is $size bytes stripped, more than $2"; fi
}
check hello 1024
check readfile 6144
finish
