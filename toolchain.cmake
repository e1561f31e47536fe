# toolchain.cmake: build ordinary CMake executables as static, zero-libc
# ring3 programs.
#
#   cmake -S myproject -B build -DCMAKE_TOOLCHAIN_FILE=/path/to/ring3/toolchain.cmake
#
# Every add_executable() is then compiled with clang++ without libc or
# libstdc++, started by ring3's crt0 and linked statically against
# libring3.a with ring3's linker script. Options (cache variables):
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
list(JOIN RING3_C_FLAGS " " CMAKE_C_FLAGS_INIT)
list(JOIN RING3_CXX_FLAGS " " CMAKE_CXX_FLAGS_INIT)
list(JOIN RING3_LINK_FLAGS " " CMAKE_EXE_LINKER_FLAGS_INIT)
list(JOIN RING3_LINK_LIBRARIES " " CMAKE_C_STANDARD_LIBRARIES)
list(JOIN RING3_LINK_LIBRARIES " " CMAKE_CXX_STANDARD_LIBRARIES)
unset(_ring3_flags)
unset(_ring3_default_lib)
