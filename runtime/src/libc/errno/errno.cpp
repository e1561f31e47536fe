// __errno_location (errno.hpp).
#include "errno.hpp"

namespace ring3::libc {
namespace {
// thread_local: each thread has its own errno (C17 7.5p2). ring3 programs
// have one thread today; with TLS set up by crt0 this already costs only
// an %fs-relative access, and stays right when threads arrive.
thread_local int errno_value = 0;
} // namespace

int* errno_location() noexcept { return &errno_value; }

} // namespace ring3::libc
