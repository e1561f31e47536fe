// Whole-buffer I/O over file descriptors, the way every ring3 program needs
// it: EINTR is retried, short writes are completed.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstddef>
#include <ring3/result.hpp>
#include <ring3/str.hpp>

namespace ring3 {

// The kernel moves at most this many bytes per read or write (MAX_RW_COUNT
// in include/linux/fs.h); larger requests are split so that a short-write
// loop never spins on a partial count it caused.
inline constexpr std::size_t max_rw = 0x7ffff000;

// Writes all n bytes, retrying EINTR and completing short writes. On error
// returns the errno; bytes already written stay written.
Result<void> write_all(int fd, const void* buf, std::size_t n);
inline Result<void> write_all(int fd, Str s) { return write_all(fd, s.data(), s.size()); }

// One read(2), retried on EINTR. 0 means end of file.
Result<std::size_t> read_some(int fd, void* buf, std::size_t n);

// How copy_fd ended: error 0 when everything was copied, else the errno
// and which side failed. Returned in registers: the caller takes no
// address of a local (which would cost it a stack-protector canary).
struct Copied {
    int error = 0;
    bool writing = false; // the write side failed, not the read side
    explicit operator bool() const { return error == 0; }
};

// Copies fd `in` to fd `out` through buf until end of file. Inline: in a
// program's main loop it costs less than a call (readfile's size budget).
inline Copied copy_fd(int in, int out, void* buf, std::size_t bufsize) {
    for (;;) {
        auto got = read_some(in, buf, bufsize);
        if (!got) return {got.error(), false};
        if (*got == 0) return {};
        if (auto w = write_all(out, buf, *got); !w) return {w.error(), true};
    }
}

} // namespace ring3
