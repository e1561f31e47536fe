# ring3-c++ (build/bin) and the meson cross file (build/share/ring3), end
# to end with the real tools: a program built by the driver is the one
# toolchain.cmake builds, byte for byte; compile-only invocations get no
# link flags; `CXX=ring3-c++ make` and `meson setup --cross-file` build
# ring3 programs, the user's flags added to ring3's. tests/e2e/install.sh
# does the same from an installed prefix.
source "$(dirname "$0")/../lib.sh"
CXX=$BIN/ring3-c++
CROSS=$RING3_BUILD/share/ring3/ring3-cross.ini
cp -r "$SRC/tests/consumer" "$TMP/src"
main=$TMP/src/main.cpp

# 1. One command, a static zero-libc program; and static-PIE.
"$CXX" -O2 "$main" -o "$TMP/greet" 2>"$TMP/err"
expect_eq "ring3-c++ -O2: builds silently" "0 " "$? $(cat "$TMP/err")"
expect_hello_program "ring3-c++ -O2" "$TMP/greet"
expect_eq "ring3-c++ -O2: static executable" EXEC "$(readelf -hW "$TMP/greet" | awk '/Type:/ {print $2}')"
"$CXX" -static-pie -O2 "$main" -o "$TMP/greet-pie"
expect_eq "ring3-c++ -static-pie: builds" 0 $?
expect_hello_program "ring3-c++ -static-pie" "$TMP/greet-pie"
expect_eq "ring3-c++ -static-pie: ET_DYN" DYN "$(readelf -hW "$TMP/greet-pie" | awk '/Type:/ {print $2}')"

# 2. The same program toolchain.cmake makes (Release: -O3 -DNDEBUG),
# compiled and linked in two steps as CMake does; stripped (the symbol
# table names the object files).
cmake -S "$TMP/src" -B "$TMP/cmake" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" \
  -DRING3_LIB_DIR="$RING3_LIB" >"$TMP/cmake.log" 2>&1 && cmake --build "$TMP/cmake" >>"$TMP/cmake.log" 2>&1
expect_eq "toolchain build" 0 $?
"$CXX" -O3 -DNDEBUG -std=c++20 -c "$main" -o "$TMP/main.o" && "$CXX" -O3 -DNDEBUG "$TMP/main.o" -o "$TMP/greet-2step"
expect_eq "ring3-c++ -c, then link" 0 $?
strip -s -o "$TMP/a" "$TMP/cmake/greet"
strip -s -o "$TMP/b" "$TMP/greet-2step"
expect_same_file "ring3-c++ builds what toolchain.cmake builds" "$TMP/a" "$TMP/b"

# 3. Compile-only invocations: no link flags, no warnings about them.
(cd "$TMP" && "$CXX" -O2 -c "$main" -o main2.o 2>c.err)
expect_eq "-c: an object file, no warnings" "REL " \
  "$(readelf -hW "$TMP/main2.o" | awk '/Type:/ {print $2}') $(cat "$TMP/c.err")"
"$CXX" -O2 -S "$main" -o "$TMP/main.s" 2>"$TMP/s.err"
expect_eq "-S: assembly, no warnings" "1 " "$(grep -c '^main:' "$TMP/main.s") $(cat "$TMP/s.err")"
"$CXX" -E "$main" -o "$TMP/main.ii" 2>"$TMP/e.err"
expect_eq "-E: ring3's headers found, no warnings" "1 " \
  "$(grep -c 'ring3/fdio.hpp' "$TMP/main.ii" | sed 's/[1-9][0-9]*/1/') $(cat "$TMP/e.err")"
# The C++20 default gives way to the user's -std= (C++17: ring3's one
# clear error), and to C (meson asks the compiler for its macros).
"$CXX" -std=c++17 -c "$main" -o "$TMP/x.o" 2>"$TMP/17.err"
expect_contains "-std=c++17 wins over the default" "ring3's headers need C++20" "$(cat "$TMP/17.err")"
expect_eq "-x c -E: accepted" 0 "$(echo 'int x;' | "$CXX" -x c -E - >/dev/null 2>&1; echo $?)"

# 4. CXX=ring3-c++ make: the implicit %.o rule (with -c), a link through
# $(CXX), the user's CXXFLAGS and LDFLAGS added.
cat >"$TMP/src/Makefile" <<'MAKE'
greet: main.o
	$(CXX) $(LDFLAGS) $^ -o $@
MAKE
make -C "$TMP/src" CXX="$CXX" CXXFLAGS="-O2 -Wall -DGREET_LOUD" LDFLAGS="-Wl,-Map,greet.map" \
  >"$TMP/make.log" 2>&1
expect_eq "CXX=ring3-c++ make" 0 $?
"$TMP/src/greet" world >"$TMP/out"
expect_eq "make: the user's CXXFLAGS arrived" "HELLO, world" "$(cat "$TMP/out")"
[ -s "$TMP/src/greet.map" ] && pass || fail "make: the user's LDFLAGS did not arrive"
expect_eq "make: zero libc" "" "$(nm -u "$TMP/src/greet" | grep -v ' w ')"

# 5. meson, with the cross file from the build tree.
cat >"$TMP/src/meson.build" <<'MESON'
project('greet', 'cpp', default_options: ['cpp_std=c++20'])
executable('greet', 'main.cpp')
MESON
meson setup --cross-file "$CROSS" -Dcpp_args=-DGREET_LOUD "$TMP/meson" "$TMP/src" >"$TMP/meson.log" 2>&1 &&
  meson compile -C "$TMP/meson" >>"$TMP/meson.log" 2>&1
status=$?
expect_eq "meson setup --cross-file, meson compile" 0 $status
[ $status -eq 0 ] || tail -20 "$TMP/meson.log"
"$TMP/meson/greet" world >"$TMP/out"
expect_eq "meson: status (argc)" 2 $?
expect_eq "meson: the user's cpp_args arrived" "HELLO, world" "$(cat "$TMP/out")"
expect_eq "meson: no interpreter" "" "$(readelf -lW "$TMP/meson/greet" | grep INTERP)"
expect_eq "meson: zero libc" "" "$(nm -u "$TMP/meson/greet" | grep -v ' w ')"
finish
