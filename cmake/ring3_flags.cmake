# The compiler and linker flags that make a ring3 program, shared by
# toolchain.cmake and the find_package(ring3) config. Inputs:
#   RING3_INCLUDE_DIR      the runtime's headers
#   RING3_LINKER_SCRIPT    linker_scripts/static.ld
#   RING3_STATIC_PIE       ON: static-PIE (ET_DYN that relocates itself)
#   RING3_STACK_PROTECTOR  ON: -fstack-protector-strong
#   RING3_LIB_DIR          where libring3.a lives
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
  set(_ring3_mode -static-pie -Wl,--pack-dyn-relocs=relr -Wl,-u,__ring3_self_relocate)
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
# Function-local statics need no guard: ring3 programs are single-threaded.
# Sized deallocation (standard since C++14 and g++'s default; clang enables
# it only from version 19 on): `delete p` hands operator delete the size,
# so the allocator need not look it up (runtime/src/freestanding/operator_new.cpp).
set(RING3_CXX_FLAGS ${RING3_C_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fsized-deallocation)
set(RING3_LINK_FLAGS -nostdlib -fuse-ld=lld ${_ring3_mode} -Wl,--gc-sections -Wl,--build-id=none
    -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack)
set(RING3_LINK_LIBRARIES "${RING3_LIB_DIR}/libring3.a")
unset(_ring3_mode)
# What a C++ compile gets when the project names no standard: ring3's
# headers need C++20 (concepts); a later -std= of the user's wins.
set(RING3_CXX_DEFAULT_STANDARD -std=c++20)
