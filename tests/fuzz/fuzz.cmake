# Fuzz targets (tests/fuzz/fuzz_*.cpp), included from cmake/hosted.cmake:
# clang's libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer
# (every finding fatal), over the loader's pure code (loader/src) compiled
# once more with coverage instrumentation. Each target is also a ctest
# test, fuzz.NAME: a short bounded session over a seed corpus made at test
# time (tests/fuzz/run.sh smoke). `make fuzz` runs a long campaign
# (tests/fuzz/run.sh campaign; docs/reliability.md).
#
# Built in the ordinary configurations only: the asan preset compiles
# everything with the sanitizers already, and a second smoke run there
# would add time and find nothing new.
option(RING3_FUZZ "Build the libFuzzer targets (clang with libclang-rt-14-dev)" ON)
if(NOT RING3_FUZZ OR RING3_SANITIZE OR NOT TARGET ring3_loader_hosted)
  return()
endif()

set(RING3_FUZZ_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
]] RING3_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT RING3_HAVE_LIBFUZZER)
  message(WARNING "libFuzzer not found (clang and Debian's libclang-rt-14-dev): no fuzz targets")
  return()
endif()

# The loader library's one source list (loader/sources.cmake, included by
# cmake/hosted.cmake).
add_library(ring3_loader_fuzz STATIC ${RING3_LOADER_LIBRARY_SOURCES})
target_include_directories(ring3_loader_fuzz PUBLIC "${RING3_LOADER_INCLUDE_DIR}"
                                                     "${PROJECT_SOURCE_DIR}/runtime/include")
# Coverage instrumentation for the code under test only: the targets'
# own checks (the oracles) would otherwise steer the fuzzer and slow it.
target_compile_options(ring3_loader_fuzz PUBLIC -Wall -Wextra ${RING3_FUZZ_FLAGS}
                                         PRIVATE -fsanitize=fuzzer-no-link)
# The streams the tables and messages are written to: the runtime's.
target_link_libraries(ring3_loader_fuzz PUBLIC ring3_hosted)

file(GLOB RING3_FUZZ_TARGETS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp")
foreach(src ${RING3_FUZZ_TARGETS})
  get_filename_component(name "${src}" NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" short "${name}")
  add_executable(${name} "${src}")
  target_link_libraries(${name} PRIVATE ring3_loader_fuzz)
  target_link_options(${name} PRIVATE ${RING3_FUZZ_FLAGS} -fsanitize=fuzzer)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/fuzz")
  if(NOT RING3_HOSTED_ONLY)
    add_test(NAME fuzz.${short} COMMAND bash "${PROJECT_SOURCE_DIR}/tests/fuzz/run.sh" smoke ${short})
    set_tests_properties(fuzz.${short} PROPERTIES
      ENVIRONMENT "RING3_BIN=${RING3_BIN_DIR};RING3_TEST_BIN=${RING3_TEST_BIN_DIR};RING3_SRC=${PROJECT_SOURCE_DIR};RING3_BUILD=${CMAKE_BINARY_DIR}"
      TIMEOUT 120)
  endif()
endforeach()
