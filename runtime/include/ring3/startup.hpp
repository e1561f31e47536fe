// Process exit, with the C names C++ programs expect (they are part of the
// freestanding C++ library: <cstdlib>'s exit, atexit, abort, _Exit).
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

extern "C" {
// Runs the exit handlers and destructors, flushes, then exit_group(status).
[[noreturn]] void exit(int status) noexcept;
// Ends the process at once: no handlers, no destructors, no flush.
[[noreturn]] void _exit(int status) noexcept;
[[noreturn]] void _Exit(int status) noexcept;
// Dies by SIGABRT.
[[noreturn]] void abort() noexcept;
int atexit(void (*fn)()) noexcept;
int __cxa_atexit(void (*fn)(void*), void* arg, void* dso) noexcept;
}
