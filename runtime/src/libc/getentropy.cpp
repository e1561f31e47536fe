// Entropy for std::random_device: libstdc++'s random.o asks for
// getentropy(3) and arc4random(3) (its "getentropy" and "arc4random"
// sources), both served by the getrandom(2) system call.
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <ring3/errno.hpp>
#include <ring3/startup.hpp>
#include <ring3/syscalls.hpp>

extern "C" {

// At most 256 bytes, all or nothing (getentropy(3)); EINTR is retried.
int getentropy(void* buf, std::size_t n) noexcept {
    if (n > 256) {
        errno = EIO;
        return -1;
    }
    auto* p = static_cast<unsigned char*>(buf);
    while (n > 0) {
        auto r = ring3::sys::getrandom(p, n, 0);
        if (!r.ok()) {
            if (r.error() == ring3::err::INTR) continue;
            errno = r.error();
            return -1;
        }
        p += r.value();
        n -= r.value();
    }
    return 0;
}

// arc4random(3) cannot fail; without entropy a program cannot go on
// safely (glibc aborts too).
std::uint32_t arc4random() noexcept {
    std::uint32_t v = 0;
    if (getentropy(&v, sizeof v) != 0) abort();
    return v;
}

} // extern "C"
