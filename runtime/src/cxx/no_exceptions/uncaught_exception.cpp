// How a ring3 program built without exceptions ends where the C++ library
// would throw: exactly as a glibc program ends when that exception is not
// caught. libstdc++'s default terminate handler (__gnu_cxx::
// __verbose_terminate_handler) prints the exception's type, then its
// what() for a std::exception, then calls abort(), which raises SIGABRT
// (shell status 134). ring3 prints the same bytes, in one write.
//
// The exceptions issue replaces this with the real thing (libsupc++'s
// __cxa_throw and the unwinder); with RING3_EXCEPTIONS=ON this directory's
// throw paths are not linked.
#include <exception>
#include <ring3/cxx/uncaught.hpp>
#include <ring3/report.hpp>
#include <ring3/startup.hpp>

namespace ring3::cxx {

void terminate_uncaught(Str type, Str what) noexcept {
    report_line({"terminate called after throwing an instance of '", type, "'\n  what():  ", what});
    abort();
}

} // namespace ring3::cxx

extern "C" void __ring3_terminate_uncaught(const char* type, unsigned long type_len,
                                           const char* what) noexcept {
    ring3::cxx::terminate_uncaught(ring3::Str(type, type_len), what);
}

// std::terminate called by the program itself, with no exception in
// flight: libstdc++'s handler says so, then aborts.
void std::terminate() noexcept {
    ring3::report_line({"terminate called without an active exception"});
    abort();
}
