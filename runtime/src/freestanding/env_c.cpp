// getenv and getauxval under their C names (ring3/env.hpp). Freestanding
// only: in the hosted unit tests these names belong to the C library.
#include <ring3/env.hpp>

extern "C" char* getenv(const char* name) noexcept {
    return const_cast<char*>(ring3::getenv(ring3::Str(name)));
}

extern "C" unsigned long getauxval(unsigned long type) noexcept { return ring3::getauxval(type); }
