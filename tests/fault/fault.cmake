# Fault-injection variants of the programs, for tests/e2e/fault_*.sh:
# NAME-eintr is program NAME linked with tests/fault/eintr_shim.cpp, whose
# constructor makes SIGALRM interrupt the program's system calls every
# 100 us (EINTR, short reads and writes). Built into test-bin/, next to
# the other test programs; included from cmake/freestanding.cmake once
# programs/ has defined the programs. stream_tool (a test program) is
# there for the runtime's streams.
foreach(prog readfile mmapfile cat maps stream_tool)
  if(NOT TARGET ${prog})
    continue()
  endif()
  get_target_property(srcs ${prog} SOURCES)
  get_target_property(dir ${prog} SOURCE_DIR)
  set(paths)
  foreach(s ${srcs})
    if(IS_ABSOLUTE "${s}")
      list(APPEND paths "${s}")
    else()
      list(APPEND paths "${dir}/${s}")
    endif()
  endforeach()
  ring3_program(${prog}-eintr ${paths} "${CMAKE_CURRENT_LIST_DIR}/eintr_shim.cpp")
  set_target_properties(${prog}-eintr PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${RING3_TEST_BIN_DIR}")
  get_target_property(includes ${prog} INCLUDE_DIRECTORIES)
  if(includes)
    target_include_directories(${prog}-eintr PRIVATE ${includes})
  endif()
  get_target_property(libraries ${prog} LINK_LIBRARIES)
  if(libraries)
    target_link_libraries(${prog}-eintr PRIVATE ${libraries})
  endif()
endforeach()
