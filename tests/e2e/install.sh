# cmake --install, then a user's project built against the installed
# prefix both ways (toolchain file, find_package), after the prefix has
# been moved elsewhere: nothing may point back at the source tree or its
# build directory.
source "$(dirname "$0")/../lib.sh"
build=${RING3_BUILD:?}

cmake --install "$build" --prefix "$TMP/staging" >"$TMP/install.log" 2>&1
expect_eq "cmake --install" 0 $?
mv "$TMP/staging" "$TMP/prefix"   # relocatable: it must work from anywhere
P=$TMP/prefix
for f in include/ring3/syscalls.hpp lib/libring3.a share/ring3/toolchain.cmake \
         share/ring3/linker_scripts/static.ld lib/cmake/ring3/ring3Config.cmake \
         libexec/ring3/readfile libexec/ring3/cat libexec/ring3/maps libexec/ring3/elfinfo \
         bin/ring3-load share/ring3/gdb/ring3.py bin/ring3-c++ share/ring3/ring3-cross.ini; do
  [ -e "$P/$f" ] && pass || fail "missing from the install: $f"
done
# (Text files only: binaries carry source file names in their symbol tables.)
expect_eq "installed files naming the build or source tree" "" \
  "$(grep -rlIF -e "$build" -e "$SRC" "$P" 2>/dev/null)"

# The consumer sources, copied out of the source tree.
mkdir -p "$TMP/src"
cp -r "$SRC/tests/consumer" "$SRC/tests/consumer-package" "$TMP/src/"

# (Not meson's log: it quotes a linker message that names crt0.asm's
# source file, as libring3.a's symbol table does.)
no_source_refs() { # no_source_refs WHAT BUILD_DIR
  expect_eq "$1: build files naming ring3's source or build tree" "" \
    "$(grep -rlIF --exclude-dir=meson-logs -e "$build" -e "$SRC" "$2" 2>/dev/null | head -3)"
}

# 1. The toolchain file, from the installed prefix.
cmake -S "$TMP/src/consumer" -B "$TMP/b1" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$P/share/ring3/toolchain.cmake" >"$TMP/b1.log" 2>&1 &&
  cmake --build "$TMP/b1" >>"$TMP/b1.log" 2>&1
status=$?
expect_eq "toolchain consumer builds" 0 $status
[ $status -eq 0 ] || cat "$TMP/b1.log"
expect_hello_program "toolchain consumer" "$TMP/b1/greet"
no_source_refs "toolchain consumer" "$TMP/b1"

# 2. find_package(ring3), with the project's own compiler for the rest.
cmake -S "$TMP/src/consumer-package" -B "$TMP/b2" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_PREFIX_PATH="$P" >"$TMP/b2.log" 2>&1 && cmake --build "$TMP/b2" >>"$TMP/b2.log" 2>&1
status=$?
expect_eq "find_package consumer builds" 0 $status
[ $status -eq 0 ] || cat "$TMP/b2.log"
expect_hello_program "find_package consumer" "$TMP/b2/greet"
expect_hello_program "find_package static-PIE consumer" "$TMP/b2/greet-pie"
expect_eq "static-PIE consumer is ET_DYN" DYN "$(readelf -hW "$TMP/b2/greet-pie" | awk '/Type:/ {print $2}')"
no_source_refs "find_package consumer" "$TMP/b2"

# 3. The installed ring3-c++, from the moved prefix, and through a symlink
# elsewhere (it finds its prefix from its real path).
"$P/bin/ring3-c++" -O2 "$TMP/src/consumer/main.cpp" -o "$TMP/greet-driver" 2>"$TMP/driver.err"
expect_eq "installed ring3-c++ builds" "0 " "$? $(cat "$TMP/driver.err")"
expect_hello_program "installed ring3-c++" "$TMP/greet-driver"
mkdir -p "$TMP/elsewhere"
ln -s "$P/bin/ring3-c++" "$TMP/elsewhere/ring3-c++"
"$TMP/elsewhere/ring3-c++" -static-pie -O2 "$TMP/src/consumer/main.cpp" -o "$TMP/greet-driver-pie"
expect_eq "installed ring3-c++ through a symlink, -static-pie" 0 $?
expect_hello_program "installed ring3-c++ -static-pie" "$TMP/greet-driver-pie"

# 4. meson with the installed cross file (which finds ring3-c++ on PATH).
printf "project('greet', 'cpp', default_options: ['cpp_std=c++20'])\nexecutable('greet', 'main.cpp')\n" \
  >"$TMP/src/consumer/meson.build"
PATH=$P/bin:$PATH meson setup --cross-file "$P/share/ring3/ring3-cross.ini" "$TMP/b4" "$TMP/src/consumer" \
  >"$TMP/b4.log" 2>&1 && PATH=$P/bin:$PATH meson compile -C "$TMP/b4" >>"$TMP/b4.log" 2>&1
status=$?
expect_eq "meson consumer builds" 0 $status
[ $status -eq 0 ] || tail -20 "$TMP/b4.log"
expect_hello_program "meson consumer" "$TMP/b4/greet"
no_source_refs "meson consumer" "$TMP/b4"

# The installed programs run from the prefix, also through the installed
# loader.
"$P/libexec/ring3/readfile" /etc/hosts >"$TMP/out"
expect_same_file "installed readfile" /etc/hosts "$TMP/out"
"$P/bin/ring3-load" "$P/libexec/ring3/cat" /etc/hosts >"$TMP/out"
expect_same_file "installed cat through the installed ring3-load" /etc/hosts "$TMP/out"
finish
