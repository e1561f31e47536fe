// The end of a program that would have thrown (ring3 without exceptions):
// runtime/src/cxx/uncaught_exception.cpp.
#pragma once

#include <ring3/str.hpp>

namespace ring3::cxx {

// Prints what glibc's libstdc++ prints for an uncaught exception of type
// `type` ("std::out_of_range") whose what() is `what`, then abort().
[[noreturn, gnu::cold]] void terminate_uncaught(Str type, Str what) noexcept;

} // namespace ring3::cxx
