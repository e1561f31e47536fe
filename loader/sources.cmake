# The loader library: the pure parts of ring3-load (ELF validation, the
# mapping planner, the initial stack, #! lines, PATH search, the process
# identity, the --trace tables), one source list for every build that
# uses it:
#   ring3_loader         freestanding (loader/CMakeLists.txt), linked into
#                        ring3-load and elfinfo;
#   ring3_loader_hosted  the unit tests (cmake/hosted.cmake);
#   ring3_loader_fuzz    the libFuzzer targets (tests/fuzz/fuzz.cmake), with
#                        coverage instrumentation.
set(RING3_LOADER_INCLUDE_DIR "${CMAKE_CURRENT_LIST_DIR}/include")
set(RING3_LOADER_LIBRARY_SOURCES
  "${CMAKE_CURRENT_LIST_DIR}/src/elf_validate.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/identity.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/path_search.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/plan.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/print.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/script.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/stack.cpp"
  "${CMAKE_CURRENT_LIST_DIR}/src/trace.cpp")
