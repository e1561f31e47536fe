// open, read, close and ioctl with their POSIX signatures and errno, for
// the library code that calls them: std::random_device's "/dev/urandom"
// source (libstdc++'s random.o). ring3's own code calls ring3::sys::
// instead; these are thin conversions to the C convention.
#include <cerrno>
#include <cstdarg>
#include <cstddef>
#include <ring3/syscalls.hpp>
#include <sys/types.h>

namespace {

template <class T>
T c_result(ring3::Result<T> r, T failed) {
    if (!r.ok()) {
        errno = r.error();
        return failed;
    }
    return r.value();
}

} // namespace

extern "C" {

int open(const char* path, int flags, ...) {
    unsigned mode = 0;
    if ((flags & ring3::sys::O_CREAT) != 0) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, unsigned);
        va_end(ap);
    }
    return c_result(ring3::sys::open(path, flags, mode), -1);
}

ssize_t read(int fd, void* buf, std::size_t n) {
    auto r = ring3::sys::read(fd, buf, n);
    if (!r.ok()) {
        errno = r.error();
        return -1;
    }
    return static_cast<ssize_t>(r.value());
}

int close(int fd) {
    auto r = ring3::sys::close(fd);
    if (!r.ok()) {
        errno = r.error();
        return -1;
    }
    return 0;
}

int ioctl(int fd, unsigned long request, ...) noexcept {
    va_list ap;
    va_start(ap, request);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    auto r = ring3::sys::ioctl(fd, request, arg);
    if (!r.ok()) {
        errno = r.error();
        return -1;
    }
    return static_cast<int>(*r);
}

} // extern "C"
