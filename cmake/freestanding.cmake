# The freestanding side: libring3.a, the programs, the loader.
# Included from CMakeLists.txt when configured through toolchain.cmake.

# libring3.a: crt0 and the whole runtime in one archive. The linker pulls
# crt0 in through the entry symbol _start and the rest by reference.
# runtime/src/*.cpp are also compiled hosted for the unit tests;
# runtime/src/freestanding/ holds what only a ring3 program can run
# (startup, exit, memcpy, operator new, ...).
file(GLOB RING3_RUNTIME_SOURCES CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/runtime/src/*.cpp"
  "${PROJECT_SOURCE_DIR}/runtime/src/freestanding/*.cpp"
  "${PROJECT_SOURCE_DIR}/runtime/src/freestanding/*.asm"
  "${PROJECT_SOURCE_DIR}/runtime/crt0/x86_64/*.asm")
add_library(ring3 STATIC ${RING3_RUNTIME_SOURCES})
target_include_directories(ring3 PUBLIC "${PROJECT_SOURCE_DIR}/runtime/include")
# memcpy and friends must not be compiled into calls to themselves.
set_source_files_properties("${PROJECT_SOURCE_DIR}/runtime/src/freestanding/memfuncs.cpp"
  PROPERTIES COMPILE_OPTIONS "-fno-builtin")
# Startup code runs before the stack canary exists (runtime/src/start.cpp).
# It and the other run-once paths are optimised for size: every program
# carries them, and hello must fit in 1 KiB.
set_source_files_properties("${PROJECT_SOURCE_DIR}/runtime/src/freestanding/start.cpp"
  PROPERTIES COMPILE_OPTIONS "-fno-stack-protector;-Os")
foreach(f freestanding/exit.cpp freestanding/atexit.cpp freestanding/cxxabi.cpp
          freestanding/stack_chk.cpp report.cpp errno.cpp)
  set_source_files_properties("${PROJECT_SOURCE_DIR}/runtime/src/${f}" PROPERTIES COMPILE_OPTIONS "-Os")
endforeach()
set_target_properties(ring3 PROPERTIES OUTPUT_NAME ring3)

# ring3_program(NAME SOURCES...): an ordinary executable. The toolchain
# file already links libring3.a into every executable; in this tree the
# library is built here, so each program must wait for it and relink when
# it changes.
function(ring3_program name)
  add_executable(${name} ${ARGN})
  add_dependencies(${name} ring3)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${RING3_LIB_DIR}/libring3.a")
endfunction()

add_subdirectory(programs)
if(EXISTS "${PROJECT_SOURCE_DIR}/loader/CMakeLists.txt")
  add_subdirectory(loader)
endif()

# Freestanding test programs (tests/programs/*.cpp), one ring3 program
# each, built into test-bin/ so that bin/ holds only what users run. The
# end-to-end tests run them.
file(GLOB RING3_TEST_PROGRAMS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/programs/*.cpp")
foreach(src ${RING3_TEST_PROGRAMS})
  get_filename_component(name "${src}" NAME_WE)
  ring3_program(${name} "${src}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${RING3_TEST_BIN_DIR}")
endforeach()
