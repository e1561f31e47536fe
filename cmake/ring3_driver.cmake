# ring3_write_driver(): writes ring3-c++ (cmake/templates/ring3-c++.in)
# and the meson cross file (cmake/templates/ring3-cross.ini.in), with
# every flag and library taken from cmake/ring3_flags.cmake, so that what
# that file adds reaches the driver, the cross file and the toolchain file
# alike. Two copies are written:
#   the build tree's: build/bin/ring3-c++ and build/share/ring3/ring3-cross.ini,
#     with absolute paths into the source and build trees;
#   the install tree's: PREFIX/bin/ring3-c++ finds PREFIX from its own
#     path at run time, and the cross file names `ring3-c++`, found on
#     PATH (meson 1.0 has no way to name a path relative to the cross
#     file), so the prefix can move.

# _ring3_shell_words(OUT LIST): LIST as double-quoted shell words (a
# ${prefix} inside stays expandable).
function(_ring3_shell_words out)
  set(words "")
  foreach(w IN LISTS ARGN)
    string(APPEND words " \"${w}\"")
  endforeach()
  string(STRIP "${words}" words)
  set(${out} "${words}" PARENT_SCOPE)
endfunction()

# ring3_write_driver(DRIVER CROSS_FILE INCLUDE_DIR LIB_DIR LINKER_SCRIPT
#                    PREFIX_LINE CROSS_DRIVER CROSS_FILE_SHOWN)
function(ring3_write_driver driver cross include_dir lib_dir linker_script prefix_line
         cross_driver cross_shown)
  set(RING3_INCLUDE_DIR "${include_dir}")
  set(RING3_LIB_DIR "${lib_dir}")
  set(RING3_LINKER_SCRIPT "${linker_script}")
  set(RING3_STACK_PROTECTOR ON)
  foreach(pie OFF ON)
    set(RING3_STATIC_PIE ${pie})
    include("${PROJECT_SOURCE_DIR}/cmake/ring3_flags.cmake")
    if(pie)
      set(p PIE_)
    else()
      set(p "")
    endif()
    _ring3_shell_words(RING3_${p}CXX_FLAGS_W ${RING3_CXX_FLAGS})
    _ring3_shell_words(RING3_${p}LINK_FLAGS_W ${RING3_LINK_FLAGS})
    _ring3_shell_words(RING3_${p}LINK_LIBRARIES_W ${RING3_LINK_LIBRARIES})
  endforeach()
  foreach(v CXX_FLAGS LINK_FLAGS LINK_LIBRARIES PIE_CXX_FLAGS PIE_LINK_FLAGS PIE_LINK_LIBRARIES)
    set(RING3_${v} "${RING3_${v}_W}")
  endforeach()
  set(RING3_DRIVER_PREFIX "${prefix_line}")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/templates/ring3-c++.in" "${driver}" @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
  set(RING3_CROSS_DRIVER "${cross_driver}")
  set(RING3_CROSS_FILE_SHOWN "${cross_shown}")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/templates/ring3-cross.ini.in" "${cross}" @ONLY)
endfunction()
