// Typed system call wrappers: each returns Result<T>, the value or the errno.
//
// Thin and inline: a wrapper is the raw syscall plus the conversion of the
// kernel's -errno convention. Constants and structures follow the x86_64
// kernel ABI (include/uapi/...), not glibc's, where the two differ.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/result.hpp>

namespace ring3::sys {

// openat(2) flags (include/uapi/asm-generic/fcntl.h).
inline constexpr int O_RDONLY = 0;
inline constexpr int O_WRONLY = 1;
inline constexpr int O_RDWR = 2;
inline constexpr int O_CREAT = 0100;
inline constexpr int O_EXCL = 0200;
inline constexpr int O_NOCTTY = 0400;
inline constexpr int O_TRUNC = 01000;
inline constexpr int O_APPEND = 02000;
inline constexpr int O_NONBLOCK = 04000;
inline constexpr int O_DIRECTORY = 0200000;
inline constexpr int O_NOFOLLOW = 0400000;
inline constexpr int O_CLOEXEC = 02000000;
inline constexpr int AT_FDCWD = -100;

// mmap(2) (include/uapi/asm-generic/mman-common.h, mman.h).
inline constexpr int PROT_NONE = 0;
inline constexpr int PROT_READ = 1;
inline constexpr int PROT_WRITE = 2;
inline constexpr int PROT_EXEC = 4;
inline constexpr int MAP_SHARED = 0x01;
inline constexpr int MAP_PRIVATE = 0x02;
inline constexpr int MAP_FIXED = 0x10;
inline constexpr int MAP_ANONYMOUS = 0x20;
inline constexpr int MAP_NORESERVE = 0x4000;
inline constexpr int MAP_POPULATE = 0x8000;
inline constexpr int MAP_FIXED_NOREPLACE = 0x100000;
inline constexpr int MREMAP_MAYMOVE = 1;
inline constexpr int MREMAP_FIXED = 2;
inline constexpr int MADV_DONTNEED = 4;
inline constexpr int MADV_HUGEPAGE = 14;

// st_mode file types (include/uapi/linux/stat.h).
inline constexpr unsigned S_IFMT = 0170000;
inline constexpr unsigned S_IFSOCK = 0140000;
inline constexpr unsigned S_IFLNK = 0120000;
inline constexpr unsigned S_IFREG = 0100000;
inline constexpr unsigned S_IFBLK = 0060000;
inline constexpr unsigned S_IFDIR = 0040000;
inline constexpr unsigned S_IFCHR = 0020000;
inline constexpr unsigned S_IFIFO = 0010000;

// struct stat as the x86_64 kernel fills it (arch/x86/include/uapi/asm/stat.h).
struct Stat {
    std::uint64_t st_dev;
    std::uint64_t st_ino;
    std::uint64_t st_nlink;
    std::uint32_t st_mode;
    std::uint32_t st_uid;
    std::uint32_t st_gid;
    std::uint32_t pad0;
    std::uint64_t st_rdev;
    std::int64_t st_size;
    std::int64_t st_blksize;
    std::int64_t st_blocks;
    std::uint64_t st_atime_sec, st_atime_nsec;
    std::uint64_t st_mtime_sec, st_mtime_nsec;
    std::uint64_t st_ctime_sec, st_ctime_nsec;
    std::int64_t unused[3];

    bool is_regular() const { return (st_mode & S_IFMT) == S_IFREG; }
    bool is_dir() const { return (st_mode & S_IFMT) == S_IFDIR; }
    bool is_fifo() const { return (st_mode & S_IFMT) == S_IFIFO; }
    bool is_chr() const { return (st_mode & S_IFMT) == S_IFCHR; }
};
static_assert(sizeof(Stat) == 144, "kernel struct stat is 144 bytes on x86_64");

inline Result<std::size_t> read(int fd, void* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::read, fd, reinterpret_cast<long>(buf), static_cast<long>(n)));
}

inline Result<std::size_t> write(int fd, const void* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::write, fd, reinterpret_cast<long>(buf), static_cast<long>(n)));
}

inline Result<std::size_t> pread(int fd, void* buf, std::size_t n, std::int64_t off) {
    return Result<std::size_t>::from_raw(
        arch::syscall4(nr::pread64, fd, reinterpret_cast<long>(buf), static_cast<long>(n), off));
}

inline Result<int> openat(int dirfd, const char* path, int flags, unsigned mode = 0) {
    return Result<int>::from_raw(
        arch::syscall4(nr::openat, dirfd, reinterpret_cast<long>(path), flags, mode));
}

inline Result<int> open(const char* path, int flags, unsigned mode = 0) {
    return openat(AT_FDCWD, path, flags, mode);
}

inline Result<void> close(int fd) { return Result<void>::from_raw(arch::syscall1(nr::close, fd)); }

inline Result<void> fstat(int fd, Stat* st) {
    return Result<void>::from_raw(arch::syscall2(nr::fstat, fd, reinterpret_cast<long>(st)));
}

inline Result<void> fstatat(int dirfd, const char* path, Stat* st, int flags = 0) {
    return Result<void>::from_raw(arch::syscall4(
        nr::newfstatat, dirfd, reinterpret_cast<long>(path), reinterpret_cast<long>(st), flags));
}

inline Result<std::int64_t> lseek(int fd, std::int64_t off, int whence) {
    return Result<std::int64_t>::from_raw(arch::syscall3(nr::lseek, fd, off, whence));
}

inline Result<void*> mmap(void* addr, std::size_t len, int prot, int flags, int fd,
                          std::int64_t off) {
    return Result<void*>::from_raw(arch::syscall6(nr::mmap, reinterpret_cast<long>(addr),
                                                  static_cast<long>(len), prot, flags, fd, off));
}

// Fresh zeroed memory, readable and writable: what a buffer or a heap
// asks the kernel for.
inline Result<void*> map_anonymous(std::size_t len) {
    return mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

inline Result<void> munmap(void* addr, std::size_t len) {
    return Result<void>::from_raw(
        arch::syscall2(nr::munmap, reinterpret_cast<long>(addr), static_cast<long>(len)));
}

inline Result<void> mprotect(void* addr, std::size_t len, int prot) {
    return Result<void>::from_raw(
        arch::syscall3(nr::mprotect, reinterpret_cast<long>(addr), static_cast<long>(len), prot));
}

// new_addr is where MREMAP_FIXED moves the mapping to (replacing what is
// there); the kernel ignores it without that flag.
inline Result<void*> mremap(void* old_addr, std::size_t old_len, std::size_t new_len, int flags,
                            void* new_addr = nullptr) {
    return Result<void*>::from_raw(
        arch::syscall5(nr::mremap, reinterpret_cast<long>(old_addr), static_cast<long>(old_len),
                       static_cast<long>(new_len), flags, reinterpret_cast<long>(new_addr)));
}

inline Result<void> madvise(void* addr, std::size_t len, int advice) {
    return Result<void>::from_raw(
        arch::syscall3(nr::madvise, reinterpret_cast<long>(addr), static_cast<long>(len), advice));
}

// lseek(2) whence (include/uapi/linux/fs.h).
inline constexpr int SEEK_SET = 0;
inline constexpr int SEEK_CUR = 1;
inline constexpr int SEEK_END = 2;
inline constexpr int SEEK_DATA = 3; // the next offset >= off inside data
inline constexpr int SEEK_HOLE = 4; // the next offset >= off inside a hole (EOF counts)

// fcntl(2) commands (include/uapi/asm-generic/fcntl.h, linux/fcntl.h).
inline constexpr int F_GETFL = 3;
inline constexpr int F_SETFL = 4;
inline constexpr int F_SETPIPE_SZ = 1031; // F_LINUX_SPECIFIC_BASE + 7
inline constexpr int F_GETPIPE_SZ = 1032; // F_LINUX_SPECIFIC_BASE + 8

// splice(2) flags (include/linux/splice.h).
inline constexpr unsigned SPLICE_F_MOVE = 1;
inline constexpr unsigned SPLICE_F_NONBLOCK = 2;
inline constexpr unsigned SPLICE_F_MORE = 4;

inline Result<int> fcntl(int fd, int cmd, long arg = 0) {
    return Result<int>::from_raw(arch::syscall3(nr::fcntl, fd, cmd, arg));
}

inline Result<void> ftruncate(int fd, std::int64_t length) {
    return Result<void>::from_raw(arch::syscall2(nr::ftruncate, fd, length));
}

// The zero-copy transfers. Each moves up to `len` bytes inside the kernel
// and returns how many it moved (0 at end of input). A null offset pointer
// means "use and advance the file position"; a non-null one is read and
// updated instead, leaving the file position alone.
//
// splice(2): one of the two descriptors must be a pipe.
inline Result<std::size_t> splice(int fd_in, std::int64_t* off_in, int fd_out,
                                  std::int64_t* off_out, std::size_t len, unsigned flags = 0) {
    return Result<std::size_t>::from_raw(
        arch::syscall6(nr::splice, fd_in, reinterpret_cast<long>(off_in), fd_out,
                       reinterpret_cast<long>(off_out), static_cast<long>(len), flags));
}

// sendfile(2): from a file the kernel can splice from to any descriptor.
inline Result<std::size_t> sendfile(int out_fd, int in_fd, std::int64_t* offset,
                                    std::size_t count) {
    return Result<std::size_t>::from_raw(arch::syscall4(
        nr::sendfile, out_fd, in_fd, reinterpret_cast<long>(offset), static_cast<long>(count)));
}

// copy_file_range(2): between two regular files (same file system type).
inline Result<std::size_t> copy_file_range(int fd_in, std::int64_t* off_in, int fd_out,
                                           std::int64_t* off_out, std::size_t len,
                                           unsigned flags = 0) {
    return Result<std::size_t>::from_raw(
        arch::syscall6(nr::copy_file_range, fd_in, reinterpret_cast<long>(off_in), fd_out,
                       reinterpret_cast<long>(off_out), static_cast<long>(len), flags));
}

inline Result<int> getpid() { return Result<int>::from_raw(arch::syscall0(nr::getpid)); }

inline Result<void> kill(int pid, int sig) {
    return Result<void>::from_raw(arch::syscall2(nr::kill, pid, sig));
}

inline Result<std::size_t> getrandom(void* buf, std::size_t n, unsigned flags) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::getrandom, reinterpret_cast<long>(buf), static_cast<long>(n), flags));
}

// setitimer(2) (include/uapi/linux/time_types.h, struct __kernel_old_itimerval):
// ITIMER_REAL sends SIGALRM when `value` expires, then every `interval`.
struct Timeval {
    std::int64_t tv_sec, tv_usec;
};
struct ItimerVal {
    Timeval it_interval, it_value;
};
inline constexpr int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

inline Result<void> setitimer(int which, const ItimerVal* value, ItimerVal* old = nullptr) {
    return Result<void>::from_raw(arch::syscall3(
        nr::setitimer, which, reinterpret_cast<long>(value), reinterpret_cast<long>(old)));
}

// clock_gettime(2) (include/uapi/linux/time_types.h, struct
// __kernel_timespec). A plain system call for now: the vDSO's faster
// entry (issue 21) takes this wrapper's place.
struct Timespec {
    std::int64_t tv_sec, tv_nsec;
};
// Clock ids (include/uapi/linux/time.h), named apart from <time.h>'s macros.
namespace clock_id {
inline constexpr int realtime = 0, monotonic = 1;
} // namespace clock_id

inline Result<void> clock_gettime(int clock, Timespec* ts) {
    return Result<void>::from_raw(
        arch::syscall2(nr::clock_gettime, clock, reinterpret_cast<long>(ts)));
}

inline Result<void> ioctl(int fd, unsigned long request, void* arg) {
    return Result<void>::from_raw(
        arch::syscall3(nr::ioctl, fd, static_cast<long>(request), reinterpret_cast<long>(arg)));
}

// access(2) modes for faccessat (include/uapi/linux/fcntl.h... unistd.h).
inline constexpr int X_OK = 1, W_OK = 2, R_OK = 4;

// May this process access `path` in `mode`? With the real IDs, as
// faccessat(2) without flags checks (groups and ACLs included).
inline Result<void> faccessat(int dirfd, const char* path, int mode) {
    return Result<void>::from_raw(
        arch::syscall3(nr::faccessat, dirfd, reinterpret_cast<long>(path), mode));
}

// Resource limits (include/uapi/asm-generic/resource.h); RLIM_INFINITY is
// 2^64 - 1.
inline constexpr int RLIMIT_STACK = 3;
struct Rlimit {
    std::uint64_t cur, max;
};
// prlimit64(2) on this process: the limit `resource`, read only.
inline Result<Rlimit> get_rlimit(int resource) {
    Rlimit r{};
    long e = arch::syscall4(nr::prlimit64, 0, resource, 0, reinterpret_cast<long>(&r));
    if (arch::is_error(e)) return Error{static_cast<int>(-e)};
    return r;
}

// prctl(2) options (include/uapi/linux/prctl.h).
inline constexpr int PR_SET_NAME = 15;
// The calling thread's name, /proc/PID/comm (the kernel keeps 15 bytes).
inline Result<void> set_thread_name(const char* name) {
    return Result<void>::from_raw(
        arch::syscall2(nr::prctl, PR_SET_NAME, reinterpret_cast<long>(name)));
}

// personality(2) (include/uapi/linux/personality.h): 0xffffffff reads the
// persona without changing it; ADDR_NO_RANDOMIZE is what setarch -R sets.
inline constexpr unsigned ADDR_NO_RANDOMIZE = 0x0040000;
inline Result<unsigned> get_personality() {
    return Result<unsigned>::from_raw(arch::syscall1(nr::personality, 0xffffffffL));
}

[[noreturn]] inline void exit_group(int status) {
    for (;;) arch::syscall1(nr::exit_group, status);
}

} // namespace ring3::sys
