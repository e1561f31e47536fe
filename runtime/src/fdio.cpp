#include <ring3/fdio.hpp>
#include <ring3/syscalls.hpp>

namespace ring3 {

Result<void> write_all(int fd, const void* buf, std::size_t n) {
    const auto* p = static_cast<const char*>(buf);
    while (n > 0) {
        auto r = sys::write(fd, p, n < max_rw ? n : max_rw);
        if (!r) {
            if (r.error() == err::INTR) continue;
            return Error{r.error()};
        }
        p += *r;
        n -= *r;
    }
    return {};
}

Result<std::size_t> read_some(int fd, void* buf, std::size_t n) {
    for (;;) {
        auto r = sys::read(fd, buf, n < max_rw ? n : max_rw);
        if (r || r.error() != err::INTR) return r;
    }
}

} // namespace ring3
