// The runtime's last words (panic, out of memory, a bad delete), without
// the streams: a line on stderr in one write(2), whatever state the
// program is in. Programs report errors through the streams instead:
//     io::warn() << path << ": " << errno_message(e) << '\n';
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstdint>
#include <initializer_list>
#include <ring3/str.hpp>

namespace ring3 {

// Joins the pieces and a newline into one line on stderr.
void report_line(std::initializer_list<Str> pieces);
// v in decimal, written at the end of buf (20 bytes: the digits of
// UINT64_MAX), without the formatting library: for the messages that must
// get out whatever state the program is in (panic, out of memory).
Str decimal_digits(char (&buf)[20], std::uint64_t v);

} // namespace ring3
