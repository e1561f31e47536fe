# toolchain.cmake: build ordinary CMake executables as static, zero-libc
# ring3 programs.
#
#   cmake -S myproject -B build -DCMAKE_TOOLCHAIN_FILE=/path/to/ring3/toolchain.cmake
#
# Every add_executable() is then compiled with clang++ without libc or
# libstdc++, started by ring3's crt0 and linked statically against
# libring3.a with ring3's linker script. The user's own flags add to
# ring3's (see below); no CMAKE_BUILD_TYPE means Release. ring3-c++ and
# the meson cross file (cmake/ring3_driver.cmake) are the same flags for
# builds without CMake. Options (cache variables):
#   RING3_LIB_DIR     where libring3.a lives (default: <ring3>/build/lib,
#                     what `make demo` builds; installed: PREFIX/lib)
#   RING3_STATIC_PIE  ON: position-independent static programs that
#                     relocate themselves at startup (default OFF)
#   RING3_STACK_PROTECTOR  ON (default): -fstack-protector-strong
#   RING3_EXCEPTIONS  OFF (default): where the C++ library would throw,
#                     the program ends as an uncaught exception (docs/cxx.md)

# This file works from the source tree (next to runtime/ and
# linker_scripts/) and installed (as PREFIX/share/ring3/toolchain.cmake,
# with PREFIX/include and PREFIX/lib): everything is found relative to it.
if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/runtime/include/ring3")
  get_filename_component(RING3_ROOT "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
  set(RING3_INCLUDE_DIR "${RING3_ROOT}/runtime/include")
  set(RING3_LINKER_SCRIPT "${RING3_ROOT}/linker_scripts/static.ld")
  set(_ring3_default_lib "${RING3_ROOT}/build/lib")
  set(_ring3_flags "${RING3_ROOT}/cmake/ring3_flags.cmake")
else()
  get_filename_component(RING3_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
  set(RING3_INCLUDE_DIR "${RING3_ROOT}/include")
  set(RING3_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/linker_scripts/static.ld")
  set(_ring3_default_lib "${RING3_ROOT}/lib")
  set(_ring3_flags "${CMAKE_CURRENT_LIST_DIR}/ring3_flags.cmake")
endif()

set(RING3_LIB_DIR "${_ring3_default_lib}" CACHE PATH "Directory holding libring3.a")
option(RING3_STATIC_PIE "Build static-PIE programs that self-relocate" OFF)
option(RING3_STACK_PROTECTOR "Build with -fstack-protector-strong" ON)
option(RING3_EXCEPTIONS "Leave exceptions to the C++ library (not yet supported: docs/cxx.md)" OFF)

# try_compile projects re-read this file: hand them our settings.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES RING3_LIB_DIR RING3_STATIC_PIE RING3_STACK_PROTECTOR
     RING3_EXCEPTIONS)
# A check that links would need libring3.a, which may not exist yet.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_COMPILER clang)
set(CMAKE_CXX_COMPILER clang++)
set(CMAKE_ASM_NASM_COMPILER nasm)
set(CMAKE_ASM_NASM_OBJECT_FORMAT elf64)

include("${_ring3_flags}")

# Where ring3's flags go. Not CMAKE_<LANG>_FLAGS_INIT: that only seeds
# the CMAKE_<LANG>_FLAGS cache entry, which a user's -DCMAKE_CXX_FLAGS=...
# or a preset's cacheVariables replace, losing the include path, -fno-pic
# and the rest. Instead they are written into the rule variables CMake
# builds every compile and link command from (CMakeCXXInformation.cmake
# keeps a value the toolchain set): ring3's flags right after the
# compiler, then <FLAGS> (CMAKE_CXX_FLAGS, CXXFLAGS, the build type's
# flags, target_compile_options, CXX_STANDARD), so whatever the user adds
# comes later and adds to ring3's, and a user's -O or -std= wins as on
# any compiler; ring3's libraries come after the user's. RING3_CXX_DEFAULT_STANDARD
# (-std=c++20) applies when the project names no standard. The same lists
# make ring3-c++ (cmake/ring3_driver.cmake).
list(JOIN RING3_C_FLAGS " " _ring3_c)
list(JOIN RING3_CXX_FLAGS " " _ring3_cxx)
list(JOIN RING3_LINK_FLAGS " " _ring3_link)
list(JOIN RING3_LINK_LIBRARIES " " _ring3_libs)
set(CMAKE_C_COMPILE_OBJECT "<CMAKE_C_COMPILER> ${_ring3_c} <DEFINES> <INCLUDES> <FLAGS> -o <OBJECT> -c <SOURCE>")
set(CMAKE_CXX_COMPILE_OBJECT
    "<CMAKE_CXX_COMPILER> ${RING3_CXX_DEFAULT_STANDARD} ${_ring3_cxx} <DEFINES> <INCLUDES> <FLAGS> -o <OBJECT> -c <SOURCE>")
set(CMAKE_C_LINK_EXECUTABLE
    "<CMAKE_C_COMPILER> ${_ring3_c} ${_ring3_link} <FLAGS> <CMAKE_C_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES> ${_ring3_libs}")
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_CXX_COMPILER> ${RING3_CXX_DEFAULT_STANDARD} ${_ring3_cxx} ${_ring3_link} <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES> ${_ring3_libs}")

# A project that names no build type gets an optimised program (Release:
# -O3 -DNDEBUG), not CMake's empty type (-O0).
set(CMAKE_BUILD_TYPE_INIT Release)

unset(_ring3_c)
unset(_ring3_cxx)
unset(_ring3_link)
unset(_ring3_libs)
unset(_ring3_flags)
unset(_ring3_default_lib)
