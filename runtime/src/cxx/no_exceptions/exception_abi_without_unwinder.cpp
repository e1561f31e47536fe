// The exception-handling half of the Itanium C++ ABI, for ring3 programs
// built without exceptions (the default; -DRING3_EXCEPTIONS=ON links
// libsupc++'s and libgcc_eh's real ones instead).
//
// libstdc++.a's objects were compiled with exceptions: their code refers
// to these functions even when the program throws nothing. ring3 defines
// them first (libring3.a precedes libstdc++.a), so libstdc++'s eh_*.o and
// the unwinder are never linked. What each one does, and why that is the
// whole truth without an unwinder:
//
// - __cxa_allocate_exception and __cxa_throw: a `throw` expression
//   compiled into libstdc++ (most of its throws go through the
//   std::__throw_* functions instead, throw_without_exceptions.cpp). With
//   no unwinder there is no catch that could take it: the program ends as
//   glibc's does for an uncaught exception (uncaught_exception.cpp).
// - __cxa_begin_catch, __cxa_end_catch, _Unwind_Resume,
//   __gxx_personality_v0, __cxa_call_terminate: called from landing pads
//   (catch blocks and the clean-ups run while unwinding) and by the
//   unwinder. A landing pad is entered only by the unwinder, which runs
//   only on a throw, and every throw above ends the program first: they
//   cannot be reached. If one ever is, it says so and aborts.
// - __cxa_rethrow: `throw;`. Outside a handler (the only place it can run
//   here) the standard says std::terminate(), as glibc does.
#include <cstddef>
#include <exception>
#include <ring3/alloc.hpp>
#include <ring3/cxx/uncaught.hpp>
#include <ring3/report.hpp>
#include <ring3/startup.hpp>
#include <typeinfo>

using ring3::Str;

// typeid(std::exception), spelled as its symbol: this file is compiled
// without RTTI, like every ring3 program. It lives in libstdc++.a
// (eh_exception.o), with the other typeinfo objects of the library.
extern const std::type_info exception_typeinfo __asm__("_ZTISt9exception");

namespace {

[[noreturn, gnu::cold]] void unreachable_without_unwinder(Str name) {
    ring3::report_line({"ring3: ", name,
                        " reached, but no exception can be in flight "
                        "(built without exceptions: no unwinder)"});
    abort();
}

// The demangled name libstdc++'s terminate handler prints, for the names
// exception types have: "St12out_of_range" -> "std::out_of_range",
// "N9__gnu_cxx20recursive_init_errorE" -> "__gnu_cxx::recursive_init_error",
// "NSt8ios_base7failureB5cxx11E" -> "std::ios_base::failure[abi:cxx11]".
// Anything else (templates, local classes) is printed mangled, as
// glibc's handler does when demangling fails.
class TypeName {
public:
    explicit TypeName(const char* mangled) {
        const char* p = mangled;
        bool nested = *p == 'N';
        if (nested) ++p;
        bool first = true;
        while (*p != '\0' && *p != 'E') {
            if (p[0] == 'S' && p[1] == 't') {
                put_part("std", first);
                p += 2;
            } else if (*p == 'B') {
                std::size_t len = 0;
                const char* q = number(p + 1, len);
                if (q == nullptr) {
                    fail(mangled);
                    return;
                }
                put("[abi:");
                put(Str(q, len));
                put("]");
                p = q + len;
            } else {
                std::size_t len = 0;
                const char* q = number(p, len);
                if (q == nullptr) {
                    fail(mangled);
                    return;
                }
                put_part(Str(q, len), first);
                p = q + len;
            }
            if (!nested) break;
        }
        if (nested ? *p != 'E' || p[1] != '\0' : *p != '\0') fail(mangled);
    }
    Str str() const { return {buf_, n_}; }

private:
    // A <source-name>'s length; nullptr unless one is there and fits.
    static const char* number(const char* p, std::size_t& len) {
        if (*p < '0' || *p > '9') return nullptr;
        while (*p >= '0' && *p <= '9') len = len * 10 + static_cast<std::size_t>(*p++ - '0');
        for (std::size_t i = 0; i < len; ++i)
            if (p[i] == '\0') return nullptr;
        return p;
    }
    void put(Str s) {
        for (char c : s)
            if (n_ < sizeof buf_) buf_[n_++] = c;
    }
    void put_part(Str s, bool& first) {
        if (!first) put("::");
        put(s);
        first = false;
    }
    void fail(const char* mangled) {
        n_ = 0;
        put(mangled);
    }
    char buf_[256];
    std::size_t n_ = 0;
};

} // namespace

extern "C" {

void* __cxa_allocate_exception(std::size_t size) noexcept {
    void* p = ring3::alloc::default_arena.allocate(size);
    if (p == nullptr) std::terminate();
    return p;
}

void __cxa_free_exception(void* p) noexcept { ring3::alloc::default_arena.deallocate(p); }

[[noreturn]] void __cxa_throw(void* object, std::type_info* type, void (*)(void*)) {
    TypeName name(type->name());
    // Caught as std::exception? Then the handler prints its what(), like
    // glibc's. __do_catch adjusts the pointer to the std::exception base.
    void* base = object;
    if (exception_typeinfo.__do_catch(type, &base, 1))
        ring3::cxx::terminate_uncaught(name.str(), static_cast<std::exception*>(base)->what());
    ring3::report_line({"terminate called after throwing an instance of '", name.str(), "'"});
    abort();
}

[[noreturn]] void __cxa_rethrow() { std::terminate(); }

void* __cxa_begin_catch(void*) noexcept { unreachable_without_unwinder("__cxa_begin_catch"); }
void __cxa_end_catch() { unreachable_without_unwinder("__cxa_end_catch"); }
[[noreturn]] void __cxa_call_terminate(void*) noexcept {
    unreachable_without_unwinder("__cxa_call_terminate");
}
[[noreturn]] void _Unwind_Resume(void*) { unreachable_without_unwinder("_Unwind_Resume"); }
int __gxx_personality_v0(int, int, unsigned long, void*, void*) {
    unreachable_without_unwinder("__gxx_personality_v0");
}

} // extern "C"
