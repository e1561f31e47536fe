// Force-included into every C++ translation unit of a ring3 program built
// without exceptions (cmake/ring3_flags.cmake: -include this file).
//
// libstdc++'s headers throw a few exceptions inline, through the macro
// _GLIBCXX_THROW_OR_ABORT (std::get on the wrong variant alternative,
// optional::value on an empty optional, a weak_ptr that expired). Without
// exceptions the macro is __builtin_abort(): the program would die with no
// word of why. c++config.h defines the macro only #ifndef, so ring3 defines
// it first, to end the program the way an uncaught exception ends a glibc
// program: "terminate called after throwing an instance of 'T'", the
// exception's what(), then SIGABRT (runtime/src/cxx/uncaught_exception.cpp).
//
// This header declares one function and one template, includes nothing,
// and costs nothing to a program that never reaches such a throw.
#pragma once

#if !defined(__cpp_exceptions) && !defined(_GLIBCXX_THROW_OR_ABORT)

extern "C" [[noreturn]] void __ring3_terminate_uncaught(const char* type, unsigned long type_len,
                                                        const char* what) noexcept;

namespace __ring3 {

// The exception's type name without RTTI: the compiler spells it in
// __PRETTY_FUNCTION__ ("... [E = std::bad_variant_access]" for clang,
// "[with E = std::bad_variant_access]" for g++).
template <class E>
[[noreturn, gnu::cold, gnu::noinline]] void throw_or_abort(const E& e) noexcept {
    const char* f = __PRETTY_FUNCTION__;
    unsigned long i = 0;
    while (f[i] != '\0' && !(f[i] == 'E' && f[i + 1] == ' ' && f[i + 2] == '=' && f[i + 3] == ' '))
        ++i;
    if (f[i] != '\0') i += 4;
    unsigned long n = 0;
    while (f[i + n] != '\0' && f[i + n] != ']' && f[i + n] != ';') ++n;
    __ring3_terminate_uncaught(f + i, n, e.what());
}

} // namespace __ring3

#define _GLIBCXX_THROW_OR_ABORT(_EXC) (::__ring3::throw_or_abort(_EXC))

#endif
