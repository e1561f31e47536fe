# The hosted side: unit tests of the runtime's pure parts, the freestanding
# sub-build, and the end-to-end tests of its binaries. Everything runs
# through one `ctest` in this build directory.
include(ExternalProject)
include(CTest)

option(RING3_SANITIZE "Build the hosted unit tests with ASan and UBSan" OFF)
option(RING3_HOSTED_ONLY "Build only the hosted unit tests (no freestanding side)" OFF)
set(RING3_FREESTANDING_BUILD_TYPE Release CACHE STRING "CMAKE_BUILD_TYPE of the freestanding side")
if(RING3_SANITIZE)
  # Every finding is fatal: a test that trips a sanitizer fails.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

set(RING3_BIN_DIR "${CMAKE_BINARY_DIR}/bin")
set(RING3_LIB_DIR "${CMAKE_BINARY_DIR}/lib")
set(RING3_TEST_BIN_DIR "${CMAKE_BINARY_DIR}/test-bin")

# The freestanding side, configured through the same toolchain file users
# use, in two halves: `freestanding` builds libring3.a, the programs and
# the test programs; `freestanding-pie` then builds the static-PIE targets
# (ring3-load, the -pie test programs) against that libring3.a with the
# toolchain's RING3_STATIC_PIE option, as a user's project would.
# BUILD_ALWAYS lets each half's own Ninja decide what is out of date.
function(ring3_freestanding_build name pie)
  ExternalProject_Add(${name}
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${CMAKE_BINARY_DIR}/${name}"
    # --fresh: a change of toolchain.cmake or cmake/ring3_flags.cmake (the
    # step depends on them) reconfigures afresh, so that nothing cached
    # from the old toolchain (CMAKE_BUILD_TYPE_INIT, the compiler) stays.
    CONFIGURE_COMMAND "${CMAKE_COMMAND}" --fresh -G "${CMAKE_GENERATOR}"
      -S "${PROJECT_SOURCE_DIR}" -B "${CMAKE_BINARY_DIR}/${name}"
      "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchain.cmake"
      "-DRING3_STATIC_PIE=${pie}"
      "-DRING3_LIB_DIR=${RING3_LIB_DIR}"
      "-DRING3_BIN_DIR=${RING3_BIN_DIR}"
      "-DRING3_TEST_BIN_DIR=${RING3_TEST_BIN_DIR}"
      "-DCMAKE_BUILD_TYPE=${RING3_FREESTANDING_BUILD_TYPE}"
      "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON
    ${ARGN})
  ExternalProject_Add_StepDependencies(${name} configure "${PROJECT_SOURCE_DIR}/toolchain.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/ring3_flags.cmake")
endfunction()
if(NOT RING3_HOSTED_ONLY)
ring3_freestanding_build(freestanding OFF)
ring3_freestanding_build(freestanding-pie ON DEPENDS freestanding)

# ring3-c++ and the meson cross file (cmake/ring3_driver.cmake), for the
# build tree and for the install tree.
include("${PROJECT_SOURCE_DIR}/cmake/ring3_driver.cmake")
ring3_write_driver("${RING3_BIN_DIR}/ring3-c++" "${CMAKE_BINARY_DIR}/share/ring3/ring3-cross.ini"
  "${PROJECT_SOURCE_DIR}/runtime/include" "${RING3_LIB_DIR}"
  "${PROJECT_SOURCE_DIR}/linker_scripts/static.ld" ""
  "'${RING3_BIN_DIR}/ring3-c++'" "${CMAKE_BINARY_DIR}/share/ring3/ring3-cross.ini build")
set(_ring3_installed "${CMAKE_BINARY_DIR}/installed")
ring3_write_driver("${_ring3_installed}/ring3-c++" "${_ring3_installed}/ring3-cross.ini"
  "\${prefix}/include" "\${prefix}/lib" "\${prefix}/share/ring3/linker_scripts/static.ld"
  "prefix=$(cd \"$(dirname \"$(readlink -f \"$0\")\")/..\" && pwd)"
  "'ring3-c++'" "PREFIX/share/ring3/ring3-cross.ini build   (PREFIX/bin on PATH)")
install(PROGRAMS "${_ring3_installed}/ring3-c++" DESTINATION bin)
install(FILES "${_ring3_installed}/ring3-cross.ini" DESTINATION share/ring3)

# `cmake --install build --prefix P` installs what the two halves built.
install(CODE "
  foreach(half freestanding freestanding-pie)
    execute_process(COMMAND \"${CMAKE_COMMAND}\" --install \"${CMAKE_BINARY_DIR}/\${half}\"
                            --prefix \"\${CMAKE_INSTALL_PREFIX}\" COMMAND_ERROR_IS_FATAL ANY)
  endforeach()")
endif()

# Unit tests: doctest, hosted, one executable per test file, the runtime's
# sources compiled alongside. Files under tests/unit/ are picked up as
# they are added.
find_package(doctest REQUIRED)
# The runtime's portable parts (runtime/src/*.cpp), compiled hosted.
# ring3's C library is among them: runtime/src/libc/HEADER/ (string/,
# stdlib/, ...) hold its functions, here under internal names
# (ring3_libc_memcpy; runtime/src/libc/c_name.hpp) so that the tests compare
# them with glibc's in one process; the tests reach its private headers as
# <libc/...>. Files directly in runtime/src/libc/ define C names outright
# and are freestanding only.
file(GLOB RING3_HOSTED_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/runtime/src/*.cpp")
file(GLOB RING3_LIBC_HOSTED_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/runtime/src/libc/*/*.cpp")
file(GLOB RING3_LIBC_STRING_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/runtime/src/libc/string/*.cpp")
set_source_files_properties(${RING3_LIBC_STRING_SOURCES} PROPERTIES COMPILE_OPTIONS "-fno-builtin")
add_library(ring3_hosted STATIC ${RING3_HOSTED_SOURCES} ${RING3_LIBC_HOSTED_SOURCES})
target_include_directories(ring3_hosted PUBLIC runtime/include runtime/src)
target_compile_options(ring3_hosted PUBLIC -Wall -Wextra)

# The loader library (loader/sources.cmake), compiled hosted for the unit
# tests.
include("${PROJECT_SOURCE_DIR}/loader/sources.cmake")
add_library(ring3_loader_hosted STATIC ${RING3_LOADER_LIBRARY_SOURCES})
target_include_directories(ring3_loader_hosted PUBLIC "${RING3_LOADER_INCLUDE_DIR}")
target_link_libraries(ring3_loader_hosted PUBLIC ring3_hosted)

add_library(doctest_main STATIC tests/unit/doctest_main.cpp)
target_link_libraries(doctest_main PUBLIC doctest::doctest)

file(GLOB RING3_UNIT_TESTS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/unit/test_*.cpp")
foreach(src ${RING3_UNIT_TESTS})
  get_filename_component(name "${src}" NAME_WE)
  add_executable(${name} "${src}")
  target_link_libraries(${name} PRIVATE ring3_hosted ring3_loader_hosted doctest_main)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
  add_test(NAME unit.${name} COMMAND ${name})
endforeach()

# The glibc references of the C++ conformance programs (tests/cxx/):
# the same sources built by the host's g++ -O2 against glibc and its
# libstdc++, as test-bin/cxx_NAME-glibc. assertions.cpp's messages name
# functions as the compiler spells them, so its reference is built by the
# compiler ring3 uses (clang++), still against glibc.
if(NOT RING3_HOSTED_ONLY)
  find_program(RING3_GXX g++ REQUIRED)
  file(GLOB _ring3_cxx_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/cxx/*.cpp")
  set(_ring3_cxx_refs)
  foreach(src ${_ring3_cxx_sources})
    get_filename_component(name "${src}" NAME_WE)
    set(compiler "${RING3_GXX}")
    set(defs)
    if(name STREQUAL "assertions")
      set(compiler "${CMAKE_CXX_COMPILER}")
      set(defs -D_GLIBCXX_ASSERTIONS)
    endif()
    set(ref "${RING3_TEST_BIN_DIR}/cxx_${name}-glibc")
    add_custom_command(OUTPUT "${ref}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${RING3_TEST_BIN_DIR}"
      COMMAND "${compiler}" -std=c++20 -O2 ${defs} -o "${ref}" "${src}"
      DEPENDS "${src}" "${PROJECT_SOURCE_DIR}/tests/cxx/emit.hpp"
      COMMENT "glibc reference cxx_${name}-glibc" VERBATIM)
    list(APPEND _ring3_cxx_refs "${ref}")
  endforeach()
  add_custom_target(cxx_glibc_references ALL DEPENDS ${_ring3_cxx_refs})
endif()

# End-to-end tests: shell scripts that run the real binaries in bin/.
# Each tests/e2e/NAME.sh is one ctest test, e2e.NAME.
file(GLOB RING3_E2E_TESTS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/e2e/*.sh")
if(RING3_HOSTED_ONLY)
  set(RING3_E2E_TESTS)
endif()
foreach(script ${RING3_E2E_TESTS})
  get_filename_component(name "${script}" NAME_WE)
  add_test(NAME e2e.${name} COMMAND bash "${script}")
  set_tests_properties(e2e.${name} PROPERTIES
    ENVIRONMENT "RING3_BIN=${RING3_BIN_DIR};RING3_TEST_BIN=${RING3_TEST_BIN_DIR};RING3_LIB=${RING3_LIB_DIR};RING3_SRC=${PROJECT_SOURCE_DIR};RING3_BUILD=${CMAKE_BINARY_DIR}"
    SKIP_RETURN_CODE 77
    TIMEOUT 300)
endforeach()
# clang-tidy over every runtime, loader and program file in three compile
# databases: minutes on a loaded 2-core machine.
if(TEST e2e.lint)
  set_tests_properties(e2e.lint PROPERTIES TIMEOUT 900)
endif()

# Fuzz targets (libFuzzer, ASan, UBSan) and their bounded ctest sessions.
include("${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz.cmake")

# The fault-injection tests' pipe tool (tests/fault/pump.cpp), hosted: what
# judges ring3's programs does not share their runtime.
if(NOT RING3_HOSTED_ONLY)
  add_executable(pump tests/fault/pump.cpp)
  set_target_properties(pump PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/test-tools")
endif()
