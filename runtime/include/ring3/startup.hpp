// Process exit, with the C names C++ programs expect (they are part of the
// freestanding C++ library: <cstdlib>'s exit, atexit, abort, _Exit).
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

// Declared as glibc's <stdlib.h> and <unistd.h> declare them, so that a
// program may include those too: GNU's noreturn attribute (C++'s
// [[noreturn]] must be on a function's first declaration, which may be
// glibc's), noexcept where glibc's __THROW says so, and _exit without.
extern "C" {
// Runs the exit handlers and destructors, flushes, then exit_group(status).
__attribute__((noreturn)) void exit(int status) noexcept;
// Ends the process at once: no handlers, no destructors, no flush.
__attribute__((noreturn)) void _exit(int status);
__attribute__((noreturn)) void _Exit(int status) noexcept;
// Dies by SIGABRT.
__attribute__((noreturn)) void abort() noexcept;
int atexit(void (*fn)()) noexcept;
int __cxa_atexit(void (*fn)(void*), void* arg, void* dso) noexcept;
}
