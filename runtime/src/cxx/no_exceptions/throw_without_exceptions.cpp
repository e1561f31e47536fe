// The std::__throw_* family (<bits/functexcept.h>) for ring3 programs built
// without exceptions. Every throw that libstdc++'s compiled code and its
// headers make out of line goes through one of these functions: at(),
// reserve() past max_size(), stoi, bad_function_call, an allocator asked
// for too much... libstdc++.a's own definitions (functexcept.o) allocate
// and throw an exception object, which needs the unwinder; ring3 defines
// them first (libring3.a precedes libstdc++.a on the link line), so that
// object is never linked.
//
// Each one ends the program as glibc ends it when the exception is not
// caught: the exception's type as libstdc++'s terminate handler names it
// (the demangled type), its what(), SIGABRT (uncaught_exception.cpp). The
// what() texts are the ones libstdc++ 12 builds: the message passed in,
// or the class's fixed what() for the exceptions that take none.
#include <bits/functexcept.h>
#include <cstdarg>
#include <cstddef>
#include <ring3/cxx/uncaught.hpp>
#include <ring3/errno.hpp>
#include <ring3/report.hpp>

using ring3::Str;
using ring3::cxx::terminate_uncaught;

namespace {

// "<prefix><strerror(e)>" in buf: the what() of a std::system_error built
// from an error_code of the generic or system category (their message()
// is strerror's text).
Str with_errno_message(char (&buf)[256], Str prefix, int e) {
    std::size_t n = 0;
    for (Str part : {prefix, ring3::errno_message(e)})
        for (char c : part)
            if (n < sizeof buf) buf[n++] = c;
    return {buf, n};
}

} // namespace

namespace std {

void __throw_bad_exception() { terminate_uncaught("std::bad_exception", "std::bad_exception"); }
void __throw_bad_alloc() { terminate_uncaught("std::bad_alloc", "std::bad_alloc"); }
void __throw_bad_array_new_length() {
    terminate_uncaught("std::bad_array_new_length", "std::bad_array_new_length");
}
void __throw_bad_cast() { terminate_uncaught("std::bad_cast", "std::bad_cast"); }
void __throw_bad_typeid() { terminate_uncaught("std::bad_typeid", "std::bad_typeid"); }
void __throw_logic_error(const char* s) { terminate_uncaught("std::logic_error", s); }
void __throw_domain_error(const char* s) { terminate_uncaught("std::domain_error", s); }
void __throw_invalid_argument(const char* s) { terminate_uncaught("std::invalid_argument", s); }
void __throw_length_error(const char* s) { terminate_uncaught("std::length_error", s); }
void __throw_out_of_range(const char* s) { terminate_uncaught("std::out_of_range", s); }
void __throw_runtime_error(const char* s) { terminate_uncaught("std::runtime_error", s); }
void __throw_range_error(const char* s) { terminate_uncaught("std::range_error", s); }
void __throw_overflow_error(const char* s) { terminate_uncaught("std::overflow_error", s); }
void __throw_underflow_error(const char* s) { terminate_uncaught("std::underflow_error", s); }
void __throw_bad_function_call() {
    terminate_uncaught("std::bad_function_call", "bad_function_call");
}

// The message is formatted the way libstdc++'s __snprintf_lite does it
// (its only callers are the containers' at() and the string functions'
// range checks): %s, %zu and %% are replaced, any other % is copied.
void __throw_out_of_range_fmt(const char* fmt, ...) {
    char buf[1024];
    std::size_t n = 0;
    auto put = [&](char c) {
        if (n < sizeof buf) buf[n++] = c;
    };
    va_list ap;
    va_start(ap, fmt);
    for (const char* p = fmt; *p != '\0'; ++p) {
        if (p[0] == '%' && p[1] == '%') {
            put('%');
            ++p;
        } else if (p[0] == '%' && p[1] == 's') {
            for (const char* s = va_arg(ap, const char*); *s != '\0'; ++s) put(*s);
            ++p;
        } else if (p[0] == '%' && p[1] == 'z' && p[2] == 'u') {
            char digits[20];
            for (char c : ring3::decimal_digits(digits, va_arg(ap, std::size_t))) put(c);
            p += 2;
        } else {
            put(*p);
        }
    }
    va_end(ap);
    terminate_uncaught("std::out_of_range", Str(buf, n));
}

// system_error(error_code(e, generic_category())): what() is the message.
void __throw_system_error(int e) {
    char buf[256];
    terminate_uncaught("std::system_error", with_errno_message(buf, "", e));
}

// ios_base::failure (the C++11 ABI one, which libstdc++ 12 throws): its
// what() is the message, ": ", then the error code's message.
void __throw_ios_failure(const char* s) {
    char buf[256];
    std::size_t n = 0;
    for (Str part : {Str(s), Str(": iostream error")})
        for (char c : part)
            if (n < sizeof buf) buf[n++] = c;
    terminate_uncaught("std::ios_base::failure[abi:cxx11]", Str(buf, n));
}
void __throw_ios_failure(const char* s, int e) {
    char buf[256];
    std::size_t n = 0;
    for (Str part : {Str(s), Str(": ")})
        for (char c : part)
            if (n < sizeof buf) buf[n++] = c;
    char rest[256];
    Str msg = with_errno_message(rest, "", e);
    for (char c : msg)
        if (n < sizeof buf) buf[n++] = c;
    terminate_uncaught("std::ios_base::failure[abi:cxx11]", Str(buf, n));
}

// future_error(make_error_code(future_errc(e))): "std::future_error: "
// and the future category's message for e.
void __throw_future_error(int e) {
    Str what = "std::future_error: Unknown error";
    switch (e) {
    case 1:
        what = "std::future_error: Future already retrieved";
        break;
    case 2:
        what = "std::future_error: Promise already satisfied";
        break;
    case 3:
        what = "std::future_error: No associated state";
        break;
    case 4:
        what = "std::future_error: Broken promise";
        break;
    default:
        break;
    }
    terminate_uncaught("std::future_error", what);
}

} // namespace std
