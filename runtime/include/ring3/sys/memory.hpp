// Memory mappings: mmap, munmap, mprotect, mremap, madvise, mincore.
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

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

inline Result<void*> mmap(void* start, std::size_t len, int prot, int flags, int fd,
                          std::int64_t off) {
    return Result<void*>::from_raw(
        arch::syscall6(nr::mmap, addr(start), static_cast<long>(len), prot, flags, fd, off));
}

// Fresh zeroed memory, readable and writable: what a buffer or a heap
// asks the kernel for.
inline Result<void*> map_anonymous(std::size_t len) {
    return mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

inline Result<void> munmap(void* start, std::size_t len) {
    return Result<void>::from_raw(arch::syscall2(nr::munmap, addr(start), static_cast<long>(len)));
}

inline Result<void> mprotect(void* start, std::size_t len, int prot) {
    return Result<void>::from_raw(
        arch::syscall3(nr::mprotect, addr(start), static_cast<long>(len), prot));
}

// new_addr is where MREMAP_FIXED moves the mapping to (replacing what is
// there); the kernel ignores it without that flag.
inline Result<void*> mremap(void* old_addr, std::size_t old_len, std::size_t new_len, int flags,
                            void* new_addr = nullptr) {
    return Result<void*>::from_raw(
        arch::syscall5(nr::mremap, addr(old_addr), static_cast<long>(old_len),
                       static_cast<long>(new_len), flags, addr(new_addr)));
}

inline Result<void> madvise(void* start, std::size_t len, int advice) {
    return Result<void>::from_raw(
        arch::syscall3(nr::madvise, addr(start), static_cast<long>(len), advice));
}

// mincore(2): one byte per page of [start, start + len) (start page-aligned),
// bit 0 set when the page is resident.
inline Result<void> mincore(void* start, std::size_t len, unsigned char* vec) {
    return Result<void>::from_raw(
        arch::syscall3(nr::mincore, addr(start), static_cast<long>(len), addr(vec)));
}

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
