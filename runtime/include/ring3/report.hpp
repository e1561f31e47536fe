// Error messages in the form users know from GNU tools:
//     program: file: No such file or directory
// Each message reaches stderr in one write(2), so lines from several
// processes never interleave mid-line.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <ring3/errno.hpp>
#include <ring3/str.hpp>

namespace ring3 {

// Joins the pieces and a newline into one line on stderr.
void report_line(std::initializer_list<Str> pieces);
// v in decimal, written at the end of buf (20 bytes: the digits of
// UINT64_MAX), without the formatting library: for the messages that must
// get out whatever state the program is in (panic, out of memory).
Str decimal_digits(char (&buf)[20], std::uint64_t v);
// "program: what: <errno message>\n"
inline void report_errno(Str program, Str what, int err) {
    report_line({program, ": ", what, ": ", errno_message(err)});
}
// "program: message\n"
inline void report(Str program, Str message) { report_line({program, ": ", message}); }

} // namespace ring3
