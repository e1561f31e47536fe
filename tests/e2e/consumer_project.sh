# A separate CMake project builds a ring3 program through toolchain.cmake.
source "$(dirname "$0")/../lib.sh"

cmake -S "$SRC/tests/consumer" -B "$TMP/build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" -DRING3_LIB_DIR="$RING3_LIB" >"$TMP/log" 2>&1 \
  && cmake --build "$TMP/build" >>"$TMP/log" 2>&1
status=$?
expect_eq "consumer builds" 0 $status
[ $status -eq 0 ] || cat "$TMP/log"

expect_hello_program consumer "$TMP/build/greet"
finish
