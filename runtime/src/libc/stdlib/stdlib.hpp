// ring3's <stdlib.h>, as ring3::libc functions (c_name.hpp). Memory:
// memory.cpp (over ring3's allocator, ring3/alloc.hpp).
#pragma once

#include "../c_name.hpp"

#include <cstddef>

namespace ring3::libc {

using std::size_t;

void* malloc(size_t n) noexcept RING3_C_NAME(malloc);
void* calloc(size_t count, size_t size) noexcept RING3_C_NAME(calloc);
void* realloc(void* p, size_t n) noexcept RING3_C_NAME(realloc);
void* reallocarray(void* p, size_t count, size_t size) noexcept RING3_C_NAME(reallocarray);
void free(void* p) noexcept RING3_C_NAME(free);
void* aligned_alloc(size_t align, size_t n) noexcept RING3_C_NAME(aligned_alloc);
void* memalign(size_t align, size_t n) noexcept RING3_C_NAME(memalign);
int posix_memalign(void** out, size_t align, size_t n) noexcept RING3_C_NAME(posix_memalign);
size_t malloc_usable_size(void* p) noexcept RING3_C_NAME(malloc_usable_size);

} // namespace ring3::libc
