// malloc and its family over ring3's allocator (ring3/alloc.hpp), the same
// arena operator new uses, so memory from either may be inspected with
// malloc_usable_size and a strdup'd string freed with free(). Failure
// returns nullptr with errno ENOMEM, as POSIX requires.
#include "stdlib.hpp"

#include "../errno/errno.hpp"

#include <ring3/alloc.hpp>

namespace ring3::libc {
namespace {

constexpr int enomem = 12, einval = 22;

void* checked(void* p) noexcept {
    if (p == nullptr) [[unlikely]]
        set_errno(enomem);
    return p;
}

bool valid_alignment(size_t align) { return align != 0 && (align & (align - 1)) == 0; }

} // namespace

void* malloc(size_t n) noexcept { return checked(alloc::allocate(n)); }

void* calloc(size_t count, size_t size) noexcept {
    // Fresh memory from the kernel is zero, but a recycled block is not:
    // clear it (allocate_array checks count * size for overflow).
    void* p = alloc::default_arena.allocate_array(count, size);
    if (p == nullptr) return checked(p);
    return __builtin_memset(p, 0, count * size);
}

// realloc(p, 0) frees p and returns a unique pointer, as glibc's does
// (a null return would read as a failure with p kept).
void* realloc(void* p, size_t n) noexcept {
    if (p == nullptr) return malloc(n);
    return checked(alloc::reallocate(p, alloc::default_arena.usable_size(p), n));
}

void* reallocarray(void* p, size_t count, size_t size) noexcept {
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) {
        set_errno(enomem);
        return nullptr;
    }
    return realloc(p, n);
}

void free(void* p) noexcept { alloc::deallocate(p); }

void* memalign(size_t align, size_t n) noexcept {
    if (!valid_alignment(align)) {
        set_errno(einval);
        return nullptr;
    }
    return checked(alloc::allocate(n, align));
}

// C17 leaves a size that is not a multiple of align to the implementation;
// glibc accepts it, and so does ring3.
void* aligned_alloc(size_t align, size_t n) noexcept { return memalign(align, n); }

// Fails with EINVAL when align is not a power of two times sizeof(void*).
int posix_memalign(void** out, size_t align, size_t n) noexcept {
    if (!valid_alignment(align) || align % sizeof(void*) != 0) return einval;
    void* p = alloc::allocate(n, align);
    if (p == nullptr) return enomem;
    *out = p;
    return 0;
}

size_t malloc_usable_size(void* p) noexcept {
    return p == nullptr ? 0 : alloc::default_arena.usable_size(p);
}

} // namespace ring3::libc
