# A user's project through toolchain.cmake, with the user's own flags
# added every usual way: each must add to ring3's flags (include path,
# -fno-pic, -nostdlib, crt0, linker script, libring3.a), never replace
# them. The compile flag -DGREET_LOUD changes the greeting; the link flag
# -Wl,-Map,FILE writes a map file. Also: no build type means an optimised
# (Release) build, and a C++17 project gets one error naming ring3's C++20
# requirement if it includes ring3's headers, and builds if it does not.
source "$(dirname "$0")/../lib.sh"
cp -r "$SRC/tests/consumer" "$TMP/src"

# configure NAME [cmake args...]: configures and builds $TMP/src into
# $TMP/NAME (the environment of the call applies); status in $status.
configure() {
  local name=$1
  shift
  cmake -S "$TMP/src" -B "$TMP/$name" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" \
    -DRING3_LIB_DIR="$RING3_LIB" "$@" >"$TMP/$name.log" 2>&1 &&
    cmake --build "$TMP/$name" >>"$TMP/$name.log" 2>&1
  status=$?
  expect_eq "$name: builds" 0 $status
  [ $status -eq 0 ] || tail -5 "$TMP/$name.log"
}
# loud NAME: the program of build NAME got the user's -DGREET_LOUD and is
# still a zero-libc static ring3 program.
loud() {
  "$TMP/$1/greet" world >"$TMP/out"
  expect_eq "$1: status (argc)" 2 $?
  expect_eq "$1: output" "HELLO, world" "$(cat "$TMP/out")"
  expect_eq "$1: no interpreter" "" "$(readelf -lW "$TMP/$1/greet" | grep INTERP)"
  expect_eq "$1: undefined symbols" "" "$(nm -u "$TMP/$1/greet" | grep -v ' w ')"
}
mapped() { # mapped NAME: the user's link flag arrived, and ring3's too
  [ -s "$TMP/$1.map" ] && pass || fail "$1: the user's -Wl,-Map was not applied"
  expect_hello_program "$1" "$TMP/$1/greet"
}

# Cache variables on the command line.
configure cache-cxx-flags "-DCMAKE_CXX_FLAGS=-Wall -DGREET_LOUD"
loud cache-cxx-flags
configure cache-linker-flags "-DCMAKE_EXE_LINKER_FLAGS=-Wl,-Map,$TMP/cache-linker-flags.map"
mapped cache-linker-flags
# The environment.
CXXFLAGS="-Wall -DGREET_LOUD" configure env-cxxflags
loud env-cxxflags
LDFLAGS="-Wl,-Map,$TMP/env-ldflags.map" configure env-ldflags
mapped env-ldflags
# A preset's cache variables.
cat >"$TMP/src/CMakePresets.json" <<JSON
{ "version": 6, "configurePresets": [ { "name": "user", "generator": "Ninja",
  "binaryDir": "$TMP/preset",
  "toolchainFile": "$SRC/toolchain.cmake",
  "cacheVariables": { "RING3_LIB_DIR": "$RING3_LIB", "CMAKE_CXX_FLAGS": "-Wall -DGREET_LOUD",
    "CMAKE_EXE_LINKER_FLAGS": "-Wl,-Map,$TMP/preset.map" } } ] }
JSON
(cd "$TMP/src" && cmake --preset user && cmake --build "$TMP/preset") >"$TMP/preset.log" 2>&1
expect_eq "preset: builds" 0 $?
loud preset
[ -s "$TMP/preset.map" ] && pass || fail "preset: the link flag was not applied"
rm "$TMP/src/CMakePresets.json"
# target_compile_options.
configure target-options "-DGREET_OPTIONS=-Wall;-DGREET_LOUD"
loud target-options
# ring3-static-PIE with the user's flags.
configure pie-user-flags -DRING3_STATIC_PIE=ON "-DCMAKE_CXX_FLAGS=-DGREET_LOUD"
loud pie-user-flags
expect_eq "pie-user-flags: ET_DYN" DYN "$(readelf -hW "$TMP/pie-user-flags/greet" | awk '/Type:/ {print $2}')"

# No build type: Release, optimised.
expect_eq "no build type: CMAKE_BUILD_TYPE" "CMAKE_BUILD_TYPE:STRING=Release" \
  "$(grep '^CMAKE_BUILD_TYPE:' "$TMP/cache-linker-flags/CMakeCache.txt")"
grep -q -- '-O3' "$TMP/cache-linker-flags/build.ninja" && pass ||
  fail "no build type: no -O3 in the build"

# C++17: including ring3's headers is one clear error; without them the
# program builds.
configure17() { # configure17 NAME: $TMP/NAME-src as a C++17 project
  cat >"$TMP/$1-src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(seventeen LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
add_executable(seventeen main.cpp)
CMAKE
  cmake -S "$TMP/$1-src" -B "$TMP/$1" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$SRC/toolchain.cmake" \
    -DRING3_LIB_DIR="$RING3_LIB" >"$TMP/$1.log" 2>&1 && cmake --build "$TMP/$1" >>"$TMP/$1.log" 2>&1
}
mkdir -p "$TMP/cxx17-headers-src" "$TMP/cxx17-plain-src"
printf '#include <ring3/stream.hpp>\nint main() { ring3::io::out << "hi\\n"; }\n' \
  >"$TMP/cxx17-headers-src/main.cpp"
configure17 cxx17-headers
expect_eq "C++17 with ring3's headers: build fails" 1 $?
expect_eq "C++17 with ring3's headers: errors" 1 "$(grep -c 'error:' "$TMP/cxx17-headers.log")"
expect_contains "C++17 with ring3's headers: the error" "ring3's headers need C++20" \
  "$(grep 'error:' "$TMP/cxx17-headers.log")"
cat >"$TMP/cxx17-plain-src/main.cpp" <<'CPP'
// C++17 only: structured bindings, if constexpr, inline variables.
struct Pair { int a, b; };
inline constexpr Pair pair{40, 1};
int main(int argc, char**) {
    auto [a, b] = pair;
    if constexpr (sizeof(int) == 4) return a + b + argc - 1;
    return 0;
}
CPP
configure17 cxx17-plain
expect_eq "C++17 without ring3's headers: builds" 0 $?
"$TMP/cxx17-plain/seventeen"
expect_eq "C++17 without ring3's headers: status" 41 $?
finish
