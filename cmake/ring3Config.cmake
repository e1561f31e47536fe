# find_package(ring3): the installed ring3 runtime.
#
#   find_package(ring3 REQUIRED)
#   add_executable(mytool main.cpp)
#   target_link_libraries(mytool PRIVATE ring3::program)
#
# ring3::program turns an ordinary executable into a static, zero-libc
# ring3 program (compile flags, ring3's crt0 and libring3.a, the linker
# script); ring3::program_pie does the same for a static-PIE program. Other
# targets of the project stay ordinary hosted ones. Everything is found
# relative to this file (PREFIX/lib/cmake/ring3), so the prefix can move.
# Also set: RING3_TOOLCHAIN_FILE, to build a whole project the other way.

get_filename_component(_ring3_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(RING3_TOOLCHAIN_FILE "${_ring3_prefix}/share/ring3/toolchain.cmake")

if(NOT TARGET ring3::program)
  set(RING3_INCLUDE_DIR "${_ring3_prefix}/include")
  set(RING3_LINKER_SCRIPT "${_ring3_prefix}/share/ring3/linker_scripts/static.ld")
  foreach(_ring3_variant program program_pie)
    if(_ring3_variant STREQUAL "program_pie")
      set(RING3_STATIC_PIE ON)
    else()
      set(RING3_STATIC_PIE OFF)
    endif()
    set(RING3_STACK_PROTECTOR ON)
    set(RING3_LIB_DIR "${_ring3_prefix}/lib")
    include("${_ring3_prefix}/share/ring3/ring3_flags.cmake")
    add_library(ring3::${_ring3_variant} INTERFACE IMPORTED)
    target_compile_options(ring3::${_ring3_variant} INTERFACE
      "$<$<COMPILE_LANGUAGE:CXX>:${RING3_CXX_FLAGS}>"
      "$<$<COMPILE_LANGUAGE:C>:${RING3_C_FLAGS}>")
    target_link_options(ring3::${_ring3_variant} INTERFACE ${RING3_LINK_FLAGS})
    target_link_libraries(ring3::${_ring3_variant} INTERFACE ${RING3_LINK_LIBRARIES})
  endforeach()
  unset(_ring3_variant)
endif()
unset(_ring3_prefix)
set(ring3_FOUND TRUE)
