# A separate CMake project builds a ring3 program through toolchain.cmake.
source "$(dirname "$0")/../lib.sh"

cmake -S "$SRC/tests/consumer" -B "$TMP/build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" -DRING3_LIB_DIR="$RING3_LIB" >"$TMP/log" 2>&1 \
  && cmake --build "$TMP/build" >>"$TMP/log" 2>&1
status=$?
expect_eq "consumer builds" 0 $status
[ $status -eq 0 ] || cat "$TMP/log"

"$TMP/build/greet" world >"$TMP/out"
expect_eq "consumer status (argc)" 2 $?
expect_eq "consumer output" "hello, world" "$(cat "$TMP/out")"
expect_eq "consumer is static" "" "$(readelf -lW "$TMP/build/greet" | grep INTERP)"
expect_eq "consumer undefined symbols" "" "$(nm -u "$TMP/build/greet" | grep -v ' w ')"
finish
