// The few pieces of the C++ ABI (Itanium C++ ABI) that compiled C++ code
// refers to even without exceptions or RTTI.
#include <ring3/fdio.hpp>
#include <ring3/startup.hpp>

extern "C" {

// Identifies this "shared object" to __cxa_atexit; a static program is one.
__attribute__((visibility("hidden"))) void* __dso_handle = &__dso_handle;

// Called when a pure virtual function is invoked through a vtable during
// construction or destruction: a bug, reported and fatal.
[[noreturn]] void __cxa_pure_virtual() {
    (void)ring3::write_all(2, "pure virtual method called\n");
    abort();
}

} // extern "C"
