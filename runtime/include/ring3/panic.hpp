// Fatal errors: a message on stderr in one write, then abort() (SIGABRT).
//
//     program: file.cpp:42: message
//
// For bugs and impossible states, not for bad input: bad input gets a
// normal message (io::warn(), ring3/stream.hpp) and exit status.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <ring3/str.hpp>

namespace ring3 {

[[noreturn]] void panic(Str message, const char* file = __builtin_FILE(),
                        int line = __builtin_LINE());

} // namespace ring3

// Like assert(), but always on: a failed check is a bug worth dying for.
#define RING3_CHECK(cond)                                                                          \
    ((cond) ? static_cast<void>(0) : ::ring3::panic("check failed: " #cond, __FILE__, __LINE__))
