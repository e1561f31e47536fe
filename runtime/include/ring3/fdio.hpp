// Whole-buffer I/O over file descriptors, the way every ring3 program needs
// it: EINTR is retried, short writes are completed.
#pragma once

#include <cstddef>
#include <ring3/result.hpp>
#include <ring3/str.hpp>

namespace ring3 {

// Writes all n bytes, retrying EINTR and completing short writes. On error
// returns the errno; bytes already written stay written.
Result<void> write_all(int fd, const void* buf, std::size_t n);
inline Result<void> write_all(int fd, Str s) { return write_all(fd, s.data(), s.size()); }

// One read(2), retried on EINTR. 0 means end of file.
Result<std::size_t> read_some(int fd, void* buf, std::size_t n);

// Copies fd `in` to fd `out` through buf until end of file. On failure,
// *write_failed tells whether reading or writing failed.
Result<void> copy_fd(int in, int out, void* buf, std::size_t bufsize, bool* write_failed);

} // namespace ring3
