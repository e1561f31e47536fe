// Linux errno numbers, their symbolic names and their messages.
//
// ring3 has no global errno: a failed system call returns its error inside
// a Result (result.hpp). The constants live in ring3::err without the
// leading E (err::NOENT), so they never collide with <errno.h> macros when
// the same headers are compiled hosted for the unit tests.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <ring3/str.hpp>

namespace ring3 {

namespace err {
#define RING3_ERRNO(num, id, name, message) inline constexpr int id = num;
#include <ring3/detail/errno_table.inc>
#undef RING3_ERRNO
} // namespace err

// "ENOENT" for 2; "E?" followed by nothing for numbers Linux does not use.
Str errno_name(int e);
// "No such file or directory" for 2, as strerror(3) says it;
// "Unknown error" for numbers Linux does not use.
Str errno_message(int e);

} // namespace ring3
