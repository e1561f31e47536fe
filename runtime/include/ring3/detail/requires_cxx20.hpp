// ring3's headers are C++20 (concepts, constinit, designated initialisers):
// included from every public header, this turns a C++17 build's
// score of unrelated errors into one that names the requirement. With
// clang the message is fatal (it stops the compile before the rest of the
// header is parsed); other compilers print it first.
#pragma once

#if __cplusplus < 202002L
#ifdef __clang__
#pragma clang diagnostic fatal "-W#warnings"
#warning                                                                                           \
    "ring3's headers need C++20: compile with -std=c++20, or in CMake set(CMAKE_CXX_STANDARD 20) (a C++17 project can still be a ring3 program if it does not include <ring3/...> headers)"
#else
#error "ring3's headers need C++20: compile with -std=c++20, or in CMake set(CMAKE_CXX_STANDARD 20)"
#endif
#endif
