# toolchain.cmake: build ordinary CMake executables as static, zero-libc
# ring3 programs.
#
#   cmake -S myproject -B build -DCMAKE_TOOLCHAIN_FILE=/path/to/ring3/toolchain.cmake
#
# Every add_executable() is then compiled with clang++ without libc or
# libstdc++, started by ring3's crt0 and linked statically against
# libring3.a with ring3's linker script. Options (cache variables):
#   RING3_LIB_DIR     where libring3.a lives (default: <ring3>/build/lib,
#                     what `make demo` builds)
#   RING3_STATIC_PIE  ON: position-independent static programs that
#                     relocate themselves at startup (default OFF)
#   RING3_STACK_PROTECTOR  ON (default): -fstack-protector-strong

get_filename_component(RING3_ROOT "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

set(RING3_LIB_DIR "${RING3_ROOT}/build/lib" CACHE PATH "Directory holding libring3.a")
option(RING3_STATIC_PIE "Build static-PIE programs that self-relocate" OFF)
option(RING3_STACK_PROTECTOR "Build with -fstack-protector-strong" ON)

# try_compile projects re-read this file: hand them our settings.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES RING3_LIB_DIR RING3_STATIC_PIE RING3_STACK_PROTECTOR)
# A check that links would need libring3.a, which may not exist yet.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_COMPILER clang)
set(CMAKE_CXX_COMPILER clang++)
set(CMAKE_ASM_NASM_COMPILER nasm)

set(_ring3_common "-nostdlib -isystem ${RING3_ROOT}/runtime/include -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables")
if(RING3_STATIC_PIE)
  string(APPEND _ring3_common " -fPIE")
  # ld.lld's own layout for static-PIE: R, R+X, R+W RELRO (GOT, vtables,
  # init_array: read-only once relocated), R+W; init_array sorted by
  # priority. RELR packs the relative relocations the startup applies.
  # -u pulls the self-relocation code (runtime/src/freestanding/
  # self_relocate.cpp) into every static-PIE program, and only into those.
  set(_ring3_link "-static-pie -Wl,--pack-dyn-relocs=relr -Wl,-u,__ring3_self_relocate")
else()
  string(APPEND _ring3_common " -fno-pic")
  # Nothing would make RELRO read-only in a non-PIE program (it has no
  # relocations to apply), so it gets no RELRO segment: one PT_LOAD fewer.
  set(_ring3_link "-static -Wl,-z,norelro -Wl,-T,${RING3_ROOT}/linker_scripts/static.ld")
endif()
if(RING3_STACK_PROTECTOR)
  string(APPEND _ring3_common " -fstack-protector-strong")
else()
  string(APPEND _ring3_common " -fno-stack-protector")
endif()

set(CMAKE_C_FLAGS_INIT "${_ring3_common}")
# No exceptions and no RTTI: ring3 has neither an unwinder nor typeinfo.
# Function-local statics need no guard: ring3 programs are single-threaded.
set(CMAKE_CXX_FLAGS_INIT "${_ring3_common} -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -fuse-ld=lld ${_ring3_link} -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack")
set(CMAKE_C_STANDARD_LIBRARIES "${RING3_LIB_DIR}/libring3.a")
set(CMAKE_CXX_STANDARD_LIBRARIES "${RING3_LIB_DIR}/libring3.a")
set(CMAKE_ASM_NASM_OBJECT_FORMAT elf64)

unset(_ring3_common)
unset(_ring3_link)
