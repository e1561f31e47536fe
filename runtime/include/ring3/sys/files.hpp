// Files and paths: open, stat and statx, and the *at family (mkdirat,
// unlinkat, renameat2, linkat, symlinkat, readlinkat, fchmodat, fchownat,
// utimensat, faccessat2), truncation, sync, memfd_create.
//
// Every path call takes a directory descriptor first, as the kernel does:
// AT_FDCWD means "relative to the current directory".
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

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
inline constexpr int O_PATH = 010000000;

// The *at calls' dirfd and flags (include/uapi/linux/fcntl.h).
inline constexpr int AT_FDCWD = -100;
inline constexpr int AT_SYMLINK_NOFOLLOW = 0x100;
inline constexpr int AT_REMOVEDIR = 0x200; // unlinkat: rmdir instead of unlink
inline constexpr int AT_EACCESS = 0x200;   // faccessat2: effective ids, not real
inline constexpr int AT_SYMLINK_FOLLOW = 0x400;
inline constexpr int AT_EMPTY_PATH = 0x1000;

// st_mode file types and permission bits (include/uapi/linux/stat.h).
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
    bool is_symlink() const { return (st_mode & S_IFMT) == S_IFLNK; }
};
static_assert(sizeof(Stat) == 144, "kernel struct stat is 144 bytes on x86_64");

inline Result<int> openat(int dirfd, const char* path, int flags, unsigned mode = 0) {
    return Result<int>::from_raw(arch::syscall4(nr::openat, dirfd, addr(path), flags, mode));
}

inline Result<int> open(const char* path, int flags, unsigned mode = 0) {
    return openat(AT_FDCWD, path, flags, mode);
}

inline Result<void> fstat(int fd, Stat* st) {
    return Result<void>::from_raw(arch::syscall2(nr::fstat, fd, addr(st)));
}

// flags: AT_SYMLINK_NOFOLLOW (lstat), AT_EMPTY_PATH (dirfd itself).
inline Result<void> fstatat(int dirfd, const char* path, Stat* st, int flags = 0) {
    return Result<void>::from_raw(
        arch::syscall4(nr::newfstatat, dirfd, addr(path), addr(st), flags));
}

// statx(2) (include/uapi/linux/stat.h): what `mask` asks for, the kernel
// fills and reports in stx_mask.
struct StatxTimestamp {
    std::int64_t tv_sec;
    std::uint32_t tv_nsec;
    std::int32_t reserved;
};
struct Statx {
    std::uint32_t stx_mask;
    std::uint32_t stx_blksize;
    std::uint64_t stx_attributes;
    std::uint32_t stx_nlink;
    std::uint32_t stx_uid;
    std::uint32_t stx_gid;
    std::uint16_t stx_mode;
    std::uint16_t spare0;
    std::uint64_t stx_ino;
    std::uint64_t stx_size;
    std::uint64_t stx_blocks;
    std::uint64_t stx_attributes_mask;
    StatxTimestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    std::uint32_t stx_rdev_major, stx_rdev_minor;
    std::uint32_t stx_dev_major, stx_dev_minor;
    std::uint64_t spare[14];
};
static_assert(sizeof(Statx) == 256, "struct statx is 256 bytes");
inline constexpr unsigned STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_NLINK = 0x4, STATX_UID = 0x8,
                          STATX_GID = 0x10, STATX_ATIME = 0x20, STATX_MTIME = 0x40,
                          STATX_CTIME = 0x80, STATX_INO = 0x100, STATX_SIZE = 0x200,
                          STATX_BLOCKS = 0x400, STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800;

inline Result<void> statx(int dirfd, const char* path, int flags, unsigned mask, Statx* out) {
    return Result<void>::from_raw(
        arch::syscall5(nr::statx, dirfd, addr(path), flags, mask, addr(out)));
}

inline Result<void> mkdirat(int dirfd, const char* path, unsigned mode) {
    return Result<void>::from_raw(arch::syscall3(nr::mkdirat, dirfd, addr(path), mode));
}

// flags: 0 removes a file, AT_REMOVEDIR an empty directory.
inline Result<void> unlinkat(int dirfd, const char* path, int flags = 0) {
    return Result<void>::from_raw(arch::syscall3(nr::unlinkat, dirfd, addr(path), flags));
}

// renameat2(2) flags (include/uapi/linux/fs.h).
inline constexpr unsigned RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

inline Result<void> renameat2(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
                              unsigned flags = 0) {
    return Result<void>::from_raw(
        arch::syscall5(nr::renameat2, olddirfd, addr(oldpath), newdirfd, addr(newpath), flags));
}

// flags: AT_SYMLINK_FOLLOW links what a symlink oldpath points to.
inline Result<void> linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
                           int flags = 0) {
    return Result<void>::from_raw(
        arch::syscall5(nr::linkat, olddirfd, addr(oldpath), newdirfd, addr(newpath), flags));
}

// Creates linkpath, a symbolic link whose content is target.
inline Result<void> symlinkat(const char* target, int newdirfd, const char* linkpath) {
    return Result<void>::from_raw(
        arch::syscall3(nr::symlinkat, addr(target), newdirfd, addr(linkpath)));
}

// The link's content, not NUL-terminated: returns its length. A result
// equal to n may have been truncated.
inline Result<std::size_t> readlinkat(int dirfd, const char* path, char* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall4(nr::readlinkat, dirfd, addr(path), addr(buf), static_cast<long>(n)));
}

// fchmodat(2): the kernel's call has no flags argument (fchmodat2 added
// one in Linux 6.6); symlinks are always followed.
inline Result<void> fchmodat(int dirfd, const char* path, unsigned mode) {
    return Result<void>::from_raw(arch::syscall3(nr::fchmodat, dirfd, addr(path), mode));
}

// uid or gid -1 leaves that id unchanged.
inline Result<void> fchownat(int dirfd, const char* path, int uid, int gid, int flags = 0) {
    return Result<void>::from_raw(arch::syscall5(nr::fchownat, dirfd, addr(path), uid, gid, flags));
}

// utimensat(2): times[0] is the access time, times[1] the modification
// time; null means "now" for both. tv_nsec UTIME_NOW / UTIME_OMIT
// (include/uapi/linux/stat.h) set one to now or leave it.
inline constexpr std::int64_t UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
inline Result<void> utimensat(int dirfd, const char* path, const Timespec times[2], int flags = 0) {
    return Result<void>::from_raw(
        arch::syscall4(nr::utimensat, dirfd, addr(path), addr(times), flags));
}

// access(2) modes, as <unistd.h> names them (the kernel's MAY_* bits).
inline constexpr int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

// faccessat2(2) (Linux 5.8), the one that honours flags (AT_EACCESS,
// AT_SYMLINK_NOFOLLOW); faccessat ignores them.
inline Result<void> faccessat2(int dirfd, const char* path, int mode, int flags = 0) {
    return Result<void>::from_raw(arch::syscall4(nr::faccessat2, dirfd, addr(path), mode, flags));
}

inline Result<void> ftruncate(int fd, std::int64_t length) {
    return Result<void>::from_raw(arch::syscall2(nr::ftruncate, fd, length));
}

inline Result<void> fsync(int fd) { return Result<void>::from_raw(arch::syscall1(nr::fsync, fd)); }

inline Result<void> fdatasync(int fd) {
    return Result<void>::from_raw(arch::syscall1(nr::fdatasync, fd));
}

// posix_fadvise(2) (fadvise64 on x86_64): FADV_DONTNEED drops the file's
// clean, unmapped pages from the page cache (mm/fadvise.c), no root
// needed; pagefaults --cold starts from there.
inline constexpr int FADV_DONTNEED = 4;
inline Result<void> fadvise(int fd, std::int64_t offset, std::int64_t len, int advice) {
    return Result<void>::from_raw(arch::syscall4(nr::fadvise64, fd, offset, len, advice));
}

// memfd_create(2) flags (include/uapi/linux/memfd.h).
inline constexpr unsigned MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;

// An anonymous file in memory; `name` only shows in /proc/self/fd.
inline Result<int> memfd_create(const char* name, unsigned flags = 0) {
    return Result<int>::from_raw(arch::syscall2(nr::memfd_create, addr(name), flags));
}

// The current directory, NUL-terminated in buf; returns the length with
// the NUL.
inline Result<std::size_t> getcwd(char* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall2(nr::getcwd, addr(buf), static_cast<long>(n)));
}

inline Result<void> chdir(const char* path) {
    return Result<void>::from_raw(arch::syscall1(nr::chdir, addr(path)));
}

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
