// Listing a directory: getdents64(2) and an iterator over its records.
//
//   int fd = RING3_TRY(sys::open(".", sys::O_RDONLY | sys::O_DIRECTORY));
//   sys::DirReader dir(fd);
//   while (const sys::Dirent64* e = dir.next()) use(e->name(), e->d_type);
//   if (dir.error() != 0) report it
//
// The reader owns a buffer, not the descriptor. "." and ".." are returned
// like any other entry, as the kernel does.
#pragma once

#include <ring3/str.hpp>
#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

// struct linux_dirent64 (include/linux/dirent.h): records of d_reclen
// bytes, 8-byte aligned, the name NUL-terminated inside the record.
struct Dirent64 {
    std::uint64_t d_ino;
    std::int64_t d_off;
    std::uint16_t d_reclen;
    unsigned char d_type;
    char d_name[1]; // d_reclen - 19 bytes, NUL-terminated

    Str name() const { return Str(d_name); }
};

// d_type (include/linux/fs_types.h, FT_* as DT_*): DT_UNKNOWN means the
// file system did not say, and the caller must stat.
inline constexpr unsigned char DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6,
                               DT_REG = 8, DT_LNK = 10, DT_SOCK = 12;

// Fills buf with whole records; 0 at the end of the directory.
inline Result<std::size_t> getdents64(int fd, void* buf, std::size_t n) {
    return Result<std::size_t>::from_raw(
        arch::syscall3(nr::getdents64, fd, addr(buf), static_cast<long>(n)));
}

class DirReader {
public:
    explicit DirReader(int fd) : fd_(fd) {}

    // The next entry; nullptr at the end or on error (then error() != 0).
    // The entry lives until the next call.
    const Dirent64* next() {
        if (pos_ >= len_) {
            if (done_) return nullptr;
            auto got = getdents64(fd_, buf_, sizeof buf_);
            if (!got) {
                error_ = got.error();
                done_ = true;
                return nullptr;
            }
            if (*got == 0) {
                done_ = true;
                return nullptr;
            }
            len_ = *got;
            pos_ = 0;
        }
        const auto* e = reinterpret_cast<const Dirent64*>(buf_ + pos_);
        pos_ += e->d_reclen;
        return e;
    }

    int error() const { return error_; }

private:
    int fd_;
    int error_ = 0;
    bool done_ = false;
    std::size_t pos_ = 0, len_ = 0;
    // One call returns as many records as fit; 4 KiB holds about a
    // hundred typical names.
    alignas(8) unsigned char buf_[4096];
};

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
