# The freestanding side: libring3.a, the programs, the loader.
# Included from CMakeLists.txt when configured through toolchain.cmake.

# Two configurations use this file (see cmake/hosted.cmake):
#   RING3_STATIC_PIE OFF: libring3.a, the programs, the test programs;
#   RING3_STATIC_PIE ON:  the static-PIE half (ring3-load and the -pie
#                         variants of the test programs), linked against
#                         the libring3.a the first half built, exactly as
#                         a user's static-PIE project would be.

# ring3_program(NAME SOURCES...): an ordinary executable. The toolchain
# file already links libring3.a into every executable; in this tree the
# library is built here, so each program must wait for it and relink when
# it changes.
function(ring3_program name)
  add_executable(${name} ${ARGN})
  if(TARGET ring3)
    add_dependencies(${name} ring3 ring3_no_exceptions)
  endif()
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${RING3_LIB_DIR}/libring3.a"
               "${RING3_LIB_DIR}/libring3_no_exceptions.a")
endfunction()

# ring3_test_programs(DIR PREFIX): one ring3 program per DIR/*.cpp, named
# PREFIX + the file's name (+ -pie in the static-PIE half), built into
# test-bin/ so that bin/ holds only what users run.
function(ring3_test_programs dir prefix)
  file(GLOB sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${dir}/*.cpp")
  foreach(src ${sources})
    get_filename_component(name "${src}" NAME_WE)
    set(name "${prefix}${name}")
    if(RING3_STATIC_PIE)
      set(name "${name}-pie")
    endif()
    ring3_program(${name} "${src}")
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${RING3_TEST_BIN_DIR}")
  endforeach()
endfunction()

# Freestanding test programs (tests/programs/*.cpp), run by the end-to-end
# tests.
ring3_test_programs(tests/programs "")
# The C++ standard library conformance programs (tests/cxx/*.cpp), as
# cxx_NAME; tests/e2e/cxx_conformance.sh compares their output with the
# same sources built against glibc (cmake/hosted.cmake).
ring3_test_programs(tests/cxx cxx_)
# The library's own checks, and C's assert() even in a Release build, on
# in this one program.
set_source_files_properties("${PROJECT_SOURCE_DIR}/tests/cxx/assertions.cpp"
  PROPERTIES COMPILE_DEFINITIONS _GLIBCXX_ASSERTIONS COMPILE_OPTIONS -UNDEBUG)

# ring3_static_pie(TARGET): states that TARGET must be static-PIE. Such
# targets belong to the static-PIE half, where the toolchain file already
# builds everything position-independent; this fails loudly elsewhere.
function(ring3_static_pie target)
  if(NOT RING3_STATIC_PIE)
    message(FATAL_ERROR "${target} is static-PIE: build it in the RING3_STATIC_PIE=ON configuration")
  endif()
endfunction()

if(RING3_STATIC_PIE)
  add_subdirectory(loader)
  install(TARGETS ring3-load DESTINATION bin)
  return()
endif()

# libring3.a: crt0 and the whole runtime in one archive. The linker pulls
# crt0 in through the entry symbol _start and the rest by reference.
# runtime/src/*.cpp and runtime/src/libc/ are also compiled hosted for the
# unit tests;
# runtime/src/freestanding/ holds what only a ring3 program can run
# (startup, exit, memcpy, operator new, ...).
file(GLOB_RECURSE RING3_LIBC_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/runtime/src/libc/*.cpp")
file(GLOB RING3_RUNTIME_SOURCES CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/runtime/src/*.cpp"
  ${RING3_LIBC_SOURCES}
  "${PROJECT_SOURCE_DIR}/runtime/src/freestanding/*.cpp"
  "${PROJECT_SOURCE_DIR}/runtime/src/freestanding/*.asm"
  "${PROJECT_SOURCE_DIR}/runtime/src/cxx/*.cpp"
  "${PROJECT_SOURCE_DIR}/runtime/crt0/x86_64/*.asm")
add_library(ring3 STATIC ${RING3_RUNTIME_SOURCES})
target_include_directories(ring3 PUBLIC "${PROJECT_SOURCE_DIR}/runtime/include")
# Position-independent, so the one archive serves static and static-PIE
# programs alike (on x86_64 this costs next to nothing: RIP-relative
# addressing).
target_compile_options(ring3 PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fPIE>)
# ring3's C library (runtime/src/libc/) under the C names: memcpy is
# ring3::libc::memcpy (runtime/src/libc/c_name.hpp).
set_source_files_properties(${RING3_LIBC_SOURCES} PROPERTIES COMPILE_DEFINITIONS RING3_LIBC_C_NAMES)
# memcpy and friends must not be compiled into calls to themselves.
file(GLOB RING3_LIBC_STRING_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/runtime/src/libc/string/*.cpp")
set_source_files_properties(${RING3_LIBC_STRING_SOURCES} PROPERTIES COMPILE_OPTIONS "-fno-builtin")
# Code crt0 calls before the stack canary exists, and the run-once paths,
# are optimised for size: every program carries them, and hello must fit
# in 1 KiB.
foreach(f self_relocate.cpp stack_chk.cpp)
  set_source_files_properties("${PROJECT_SOURCE_DIR}/runtime/src/freestanding/${f}"
    PROPERTIES COMPILE_OPTIONS "-fno-stack-protector;-Oz")
endforeach()
foreach(f freestanding/exit.cpp freestanding/atexit.cpp freestanding/cxxabi.cpp
          report.cpp errno.cpp)
  set_source_files_properties("${PROJECT_SOURCE_DIR}/runtime/src/${f}" PROPERTIES COMPILE_OPTIONS "-Oz")
endforeach()
set_target_properties(ring3 PROPERTIES OUTPUT_NAME ring3)

# libring3_no_exceptions.a: the C++ ABI's exception entry points for
# programs built without exceptions (runtime/src/cxx/no_exceptions/: where
# the library would throw, the program ends as an uncaught exception does
# under glibc). Apart from libring3.a so that RING3_EXCEPTIONS=ON can link
# libsupc++'s and the unwinder's real ones instead.
file(GLOB RING3_NO_EXCEPTIONS_SOURCES CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/runtime/src/cxx/no_exceptions/*.cpp")
add_library(ring3_no_exceptions STATIC ${RING3_NO_EXCEPTIONS_SOURCES})
target_include_directories(ring3_no_exceptions PUBLIC "${PROJECT_SOURCE_DIR}/runtime/include")
target_compile_options(ring3_no_exceptions PRIVATE -fPIE -Oz)


# The loader library (loader/sources.cmake), before the programs: elfinfo
# links it.
add_subdirectory(loader)
add_subdirectory(programs)
# Test-only variants of the programs for fault injection (tests/fault/).
include("${PROJECT_SOURCE_DIR}/tests/fault/fault.cmake")

# cmake --install: headers, libring3.a, the toolchain file and the package
# config (both relocatable), the linker script, and the programs under
# libexec/ring3 (so that ring3's cat never shadows the system's).
install(TARGETS ring3 ring3_no_exceptions ARCHIVE DESTINATION lib)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/include/ring3" DESTINATION include)
install(FILES "${PROJECT_SOURCE_DIR}/toolchain.cmake" "${PROJECT_SOURCE_DIR}/cmake/ring3_flags.cmake"
        DESTINATION share/ring3)
install(FILES "${PROJECT_SOURCE_DIR}/linker_scripts/static.ld"
              "${PROJECT_SOURCE_DIR}/linker_scripts/discard_unwind_tables.ld"
        DESTINATION share/ring3/linker_scripts)
include(CMakePackageConfigHelpers)
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/ring3ConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_SOURCE_DIR}/cmake/ring3Config.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/ring3ConfigVersion.cmake"
        DESTINATION lib/cmake/ring3)
