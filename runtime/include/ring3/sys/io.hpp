// Descriptors: read and write (plain, positioned, scattered), seek, close,
// dup, fcntl, ioctl, pipes, poll, and the kernel's zero-copy transfers.
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

inline Result<std::size_t> read(int fd, void* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::read, fd, addr(buf), static_cast<long>(n)));
}

inline Result<std::size_t> write(int fd, const void* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::write, fd, addr(buf), static_cast<long>(n)));
}

inline Result<std::size_t> pread(int fd, void* buf, std::size_t n, std::int64_t off) {
    return Result<std::size_t>::from_raw(
        arch::syscall4(nr::pread64, fd, addr(buf), static_cast<long>(n), off));
}

inline Result<std::size_t> pwrite(int fd, const void* buf, std::size_t n, std::int64_t off) {
    return Result<std::size_t>::from_raw(
        arch::syscall4(nr::pwrite64, fd, addr(buf), static_cast<long>(n), off));
}

// struct iovec (include/uapi/linux/uio.h).
struct IoVec {
    const void* base;
    std::size_t len;
};

inline Result<std::size_t> readv(int fd, const IoVec* iov, int count) {
    return Result<std::size_t>::from_raw(arch::syscall3(nr::readv, fd, addr(iov), count));
}

// Always inlined, as is_terminal: the streams call both from code compiled
// for size, where an out-of-line copy would cost more than the call saves.
[[gnu::always_inline]] inline Result<std::size_t> writev(int fd, const IoVec* iov, int count) {
    return Result<std::size_t>::from_raw(arch::syscall3(nr::writev, fd, addr(iov), count));
}

// lseek(2) whence (include/uapi/linux/fs.h).
inline constexpr int SEEK_SET = 0;
inline constexpr int SEEK_CUR = 1;
inline constexpr int SEEK_END = 2;
inline constexpr int SEEK_DATA = 3; // the next offset >= off inside data
inline constexpr int SEEK_HOLE = 4; // the next offset >= off inside a hole (EOF counts)

inline Result<std::int64_t> lseek(int fd, std::int64_t off, int whence) {
    return Result<std::int64_t>::from_raw(arch::syscall3(nr::lseek, fd, off, whence));
}

inline Result<void> close(int fd) { return Result<void>::from_raw(arch::syscall1(nr::close, fd)); }

inline Result<int> dup(int fd) { return Result<int>::from_raw(arch::syscall1(nr::dup, fd)); }

// dup3(2): newfd becomes a copy of oldfd (closed first if open); flags is
// 0 or O_CLOEXEC. Unlike dup2, oldfd == newfd is EINVAL.
inline Result<int> dup3(int oldfd, int newfd, int flags = 0) {
    return Result<int>::from_raw(arch::syscall3(nr::dup3, oldfd, newfd, flags));
}

// fcntl(2) commands (include/uapi/asm-generic/fcntl.h, linux/fcntl.h).
inline constexpr int F_DUPFD = 0;
inline constexpr int F_GETFD = 1;
inline constexpr int F_SETFD = 2;
inline constexpr int F_GETFL = 3;
inline constexpr int F_SETFL = 4;
inline constexpr int FD_CLOEXEC = 1;
inline constexpr int F_DUPFD_CLOEXEC = 1030; // F_LINUX_SPECIFIC_BASE + 6
inline constexpr int F_SETPIPE_SZ = 1031;    // F_LINUX_SPECIFIC_BASE + 7
inline constexpr int F_GETPIPE_SZ = 1032;    // F_LINUX_SPECIFIC_BASE + 8

inline Result<int> fcntl(int fd, int cmd, long arg = 0) {
    return Result<int>::from_raw(arch::syscall3(nr::fcntl, fd, cmd, arg));
}

inline Result<long> ioctl(int fd, unsigned long request, void* arg) {
    return Result<long>::from_raw(
        arch::syscall3(nr::ioctl, fd, static_cast<long>(request), addr(arg)));
}

// TCGETS (include/uapi/asm-generic/ioctls.h) fills a struct termios, 36
// bytes on x86_64 (include/uapi/asm-generic/termbits.h); it succeeds only
// on a terminal, which is all isatty(3) asks.
inline constexpr unsigned long TCGETS = 0x5401;
[[gnu::always_inline]] inline bool is_terminal(int fd) {
    unsigned char termios[64];
    return arch::syscall3(nr::ioctl, fd, static_cast<long>(TCGETS), addr(termios)) == 0;
}

// pipe2(2): fds[0] is the read end, fds[1] the write end.
struct Pipe {
    int read_end = -1;
    int write_end = -1;
};
inline Result<Pipe> pipe2(int flags = 0) {
    int fds[2] = {-1, -1};
    long r = arch::syscall2(nr::pipe2, addr(fds), flags);
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return Pipe{fds[0], fds[1]};
}

// poll(2) (include/uapi/asm-generic/poll.h).
struct PollFd {
    int fd;
    short events;
    short revents;
};
inline constexpr short POLLIN = 0x001, POLLPRI = 0x002, POLLOUT = 0x004, POLLERR = 0x008,
                       POLLHUP = 0x010, POLLNVAL = 0x020;

// Waits up to timeout_ms (-1: forever); returns how many entries have a
// non-zero revents (0 on timeout).
inline Result<int> poll(PollFd* fds, std::size_t n, int timeout_ms) {
    return Result<int>::from_raw(
        arch::syscall3(nr::poll, addr(fds), static_cast<long>(n), timeout_ms));
}

// ppoll(2): a Timespec timeout (null: forever) and a signal mask to hold
// while waiting (null: keep the current one).
inline Result<int> ppoll(PollFd* fds, std::size_t n, const Timespec* timeout,
                         const std::uint64_t* sigmask = nullptr) {
    return Result<int>::from_raw(arch::syscall5(nr::ppoll, addr(fds), static_cast<long>(n),
                                                addr(timeout), addr(sigmask), sigmask ? 8 : 0));
}

// splice(2) flags (include/linux/splice.h).
inline constexpr unsigned SPLICE_F_MOVE = 1;
inline constexpr unsigned SPLICE_F_NONBLOCK = 2;
inline constexpr unsigned SPLICE_F_MORE = 4;

// The zero-copy transfers. Each moves up to `len` bytes inside the kernel
// and returns how many it moved (0 at end of input). A null offset pointer
// means "use and advance the file position"; a non-null one is read and
// updated instead, leaving the file position alone.
//
// splice(2): one of the two descriptors must be a pipe.
inline Result<std::size_t> splice(int fd_in, std::int64_t* off_in, int fd_out,
                                  std::int64_t* off_out, std::size_t len, unsigned flags = 0) {
    return Result<std::size_t>::from_raw(arch::syscall6(
        nr::splice, fd_in, addr(off_in), fd_out, addr(off_out), static_cast<long>(len), flags));
}

// sendfile(2): from a file the kernel can splice from to any descriptor.
inline Result<std::size_t> sendfile(int out_fd, int in_fd, std::int64_t* offset,
                                    std::size_t count) {
    return Result<std::size_t>::from_raw(
        arch::syscall4(nr::sendfile, out_fd, in_fd, addr(offset), static_cast<long>(count)));
}

// copy_file_range(2): between two regular files (same file system type).
inline Result<std::size_t> copy_file_range(int fd_in, std::int64_t* off_in, int fd_out,
                                           std::int64_t* off_out, std::size_t len,
                                           unsigned flags = 0) {
    return Result<std::size_t>::from_raw(arch::syscall6(nr::copy_file_range, fd_in, addr(off_in),
                                                        fd_out, addr(off_out),
                                                        static_cast<long>(len), flags));
}

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
