# The compiler and linker flags that make a ring3 program, shared by
# toolchain.cmake and the find_package(ring3) config. Inputs:
#   RING3_INCLUDE_DIR      the runtime's headers
#   RING3_LINKER_SCRIPT    linker_scripts/static.ld
#   RING3_STATIC_PIE       ON: static-PIE (ET_DYN that relocates itself)
#   RING3_STACK_PROTECTOR  ON: -fstack-protector-strong
#   RING3_LIB_DIR          where libring3.a lives
#   RING3_EXCEPTIONS       ON: leave exceptions to the C++ library (the
#                          exceptions issue); OFF (default): see below
# Outputs (lists): RING3_C_FLAGS, RING3_CXX_FLAGS, RING3_LINK_FLAGS, and
# RING3_LINK_LIBRARIES (what every program links after its own objects),
# RING3_CXX_DEFAULT_STANDARD (the -std= used when a project names none).

set(RING3_C_FLAGS -nostdlib "-isystem${RING3_INCLUDE_DIR}" -ffunction-sections -fdata-sections
    -fno-asynchronous-unwind-tables -fno-unwind-tables)
if(RING3_STATIC_PIE)
  list(APPEND RING3_C_FLAGS -fPIE)
  # ld.lld's own layout for static-PIE: R, R+X, R+W RELRO (GOT, vtables,
  # init_array: read-only once relocated), R+W; init_array sorted by
  # priority. RELR packs the relative relocations the startup applies.
  # -u pulls the self-relocation code (runtime/src/freestanding/
  # self_relocate.cpp) into every static-PIE program, and only into those.
  # discard_unwind_tables.ld drops the unwind tables the compiler
  # runtime's and libstdc++'s objects bring (nothing unwinds: docs/cxx.md),
  # as static.ld does for static programs.
  get_filename_component(_ring3_scripts "${RING3_LINKER_SCRIPT}" DIRECTORY)
  set(_ring3_mode -static-pie -Wl,--pack-dyn-relocs=relr -Wl,-u,__ring3_self_relocate
      "-Wl,-T,${_ring3_scripts}/discard_unwind_tables.ld")
  unset(_ring3_scripts)
else()
  list(APPEND RING3_C_FLAGS -fno-pic)
  # Nothing would make RELRO read-only in a non-PIE program (it has no
  # relocations to apply), so it gets no RELRO segment: one PT_LOAD fewer.
  set(_ring3_mode -static -Wl,-z,norelro "-Wl,-T,${RING3_LINKER_SCRIPT}")
endif()
if(RING3_STACK_PROTECTOR)
  list(APPEND RING3_C_FLAGS -fstack-protector-strong)
else()
  list(APPEND RING3_C_FLAGS -fno-stack-protector)
endif()
# No exceptions and no RTTI: ring3 has neither an unwinder nor typeinfo.
# Where the C++ library would throw, the program ends as an uncaught
# exception ends under glibc (docs/cxx.md); throw_or_abort.hpp makes the
# headers' own inline throws do the same.
# Function-local statics need no guard: ring3 programs are single-threaded.
# Sized deallocation (standard since C++14 and g++'s default; clang enables
# it only from version 19 on): `delete p` hands operator delete the size,
# so the allocator need not look it up (runtime/src/freestanding/operator_new.cpp).
set(RING3_CXX_FLAGS ${RING3_C_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fsized-deallocation)
if(NOT RING3_EXCEPTIONS)
  list(APPEND RING3_CXX_FLAGS -include "${RING3_INCLUDE_DIR}/ring3/throw_or_abort.hpp")
endif()
set(RING3_LINK_FLAGS -nostdlib -fuse-ld=lld ${_ring3_mode} -Wl,--gc-sections -Wl,--build-id=none
    -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack)
# The C++ standard library is the toolchain's own libstdc++, unchanged
# (docs/cxx.md): its archive, then the compiler's runtime library (128-bit
# division for <charconv>, ...). ring3's archives come first: where both
# define a symbol, the first archive wins, so libstdc++'s objects find
# ring3's C functions, allocator and ABI glue. An archive member is linked
# only when something refers to it: a program that uses no standard
# library costs nothing more. libring3_no_exceptions.a holds the ABI's
# exception entry points for a program without exceptions.
foreach(_ring3_lib libstdc++.a libgcc.a)
  if(NOT RING3_TOOLCHAIN_${_ring3_lib})
    if(CMAKE_CXX_COMPILER)
      set(_ring3_cxx "${CMAKE_CXX_COMPILER}")
    else()
      set(_ring3_cxx clang++)
    endif()
    execute_process(COMMAND "${_ring3_cxx}" -print-file-name=${_ring3_lib}
                    OUTPUT_VARIABLE _ring3_path OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT IS_ABSOLUTE "${_ring3_path}" OR NOT EXISTS "${_ring3_path}")
      message(FATAL_ERROR "ring3: ${_ring3_cxx} -print-file-name=${_ring3_lib} found no ${_ring3_lib}")
    endif()
    get_filename_component(_ring3_path "${_ring3_path}" REALPATH)
    set(RING3_TOOLCHAIN_${_ring3_lib} "${_ring3_path}" CACHE FILEPATH "The toolchain's ${_ring3_lib}, linked into ring3 programs")
  endif()
endforeach()
set(RING3_LINK_LIBRARIES "${RING3_LIB_DIR}/libring3.a")
if(NOT RING3_EXCEPTIONS)
  list(APPEND RING3_LINK_LIBRARIES "${RING3_LIB_DIR}/libring3_no_exceptions.a")
endif()
list(APPEND RING3_LINK_LIBRARIES "${RING3_TOOLCHAIN_libstdc++.a}" "${RING3_TOOLCHAIN_libgcc.a}")
unset(_ring3_lib)
unset(_ring3_cxx)
unset(_ring3_path)
unset(_ring3_mode)
# What a C++ compile gets when the project names no standard: ring3's
# headers need C++20 (concepts); a later -std= of the user's wins.
set(RING3_CXX_DEFAULT_STANDARD -std=c++20)
