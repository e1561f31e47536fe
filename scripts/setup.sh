#!/usr/bin/env bash
# Installs what building and testing ring3 needs, from Debian's packages.
# Idempotent: installs only what is missing. As root it runs apt-get; as
# anyone else it prints the exact command and fails.
set -euo pipefail

# package:command-or-file that proves it is installed
needs=(
  nasm:/usr/bin/nasm
  clang:/usr/bin/clang++
  # tests/e2e/lint.sh: style and static checks.
  clang-format:/usr/bin/clang-format
  clang-tidy:/usr/bin/clang-tidy
  lld:/usr/bin/ld.lld
  cmake:/usr/bin/cmake
  ninja-build:/usr/bin/ninja
  doctest-dev:/usr/include/doctest/doctest.h
  strace:/usr/bin/strace
  binutils:/usr/bin/readelf
  g++:/usr/bin/g++
  libc6-dev:/usr/lib/x86_64-linux-gnu/libc.a
  # ring3-load's end-to-end peers: a static busybox (it replaces the
  # dynamic one; the busybox command stays) and a static Go program.
  busybox-static:/usr/share/doc/busybox-static/copyright
  golang-go:/usr/bin/go
  # ring3-load's malformed-file generator (tests/loader/malformed.py).
  python3:/usr/bin/python3
  # The debugger story (tools/gdb/ring3.py, tests/e2e/gdb.sh).
  gdb:/usr/bin/gdb
  file:/usr/bin/file
  # The tour's pictures are rendered to PNG and their pixels checked
  # (tests/e2e/pictures.sh).
  librsvg2-bin:/usr/bin/rsvg-convert
  # libFuzzer for the fuzz targets (tests/fuzz/).
  libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
  # ring3-load's corpus of dynamically linked programs (tests/e2e/loader_corpus.sh).
  dash:/bin/dash
  perl:/usr/bin/perl
  git:/usr/bin/git
  nodejs:/usr/bin/node
  default-jre-headless:/usr/bin/java
  musl-tools:/usr/bin/musl-gcc
  # ring3-c++ and the meson cross file, end to end (tests/e2e/driver.sh).
  meson:/usr/bin/meson
  "${@}"
)

missing=()
for item in "${needs[@]}"; do
  pkg=${item%%:*}
  path=${item#*:}
  [ -e "$path" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "ring3 needs these Debian packages; run as root:" >&2
  echo "  apt-get update && $cmd" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
