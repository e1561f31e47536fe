// The guards of function-local statics (Itanium C++ ABI 3.3.2), for the
// code that asks for them: ring3 programs are compiled with
// -fno-threadsafe-statics, but libstdc++.a's objects were not.
//
// ring3 programs are single-threaded, so the guard needs no lock: its
// first byte says "initialised" (the compiler's inline fast path reads
// it), its second "initialisation running". Reaching a running
// initialisation again is recursion, which libstdc++'s guard reports by
// throwing __gnu_cxx::recursive_init_error; ring3 ends the program as that
// uncaught exception would. The threads issue replaces this file with a
// guard that waits on a futex.
#include <cstdint>
#include <ring3/cxx/uncaught.hpp>

extern "C" {

int __cxa_guard_acquire(std::uint64_t* guard) {
    auto* bytes = reinterpret_cast<unsigned char*>(guard);
    if (bytes[0] != 0) return 0;
    if (bytes[1] != 0)
        ring3::cxx::terminate_uncaught("__gnu_cxx::recursive_init_error",
                                       "__gnu_cxx::recursive_init_error");
    bytes[1] = 1;
    return 1;
}

void __cxa_guard_release(std::uint64_t* guard) {
    auto* bytes = reinterpret_cast<unsigned char*>(guard);
    bytes[1] = 0;
    bytes[0] = 1;
}

void __cxa_guard_abort(std::uint64_t* guard) { reinterpret_cast<unsigned char*>(guard)[1] = 0; }

} // extern "C"
