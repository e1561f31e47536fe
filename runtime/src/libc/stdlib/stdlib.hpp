// ring3's <stdlib.h>, as ring3::libc functions (c_name.hpp). Memory:
// memory.cpp (over ring3's allocator, ring3/alloc.hpp); integers from text:
// integers.cpp; abs and div: arithmetic.cpp; qsort and bsearch: sort.cpp;
// floating point from text: strtod.cpp (over ring3/parse_float.hpp).
#pragma once

#include "../c_name.hpp"

#include <cstddef>
#include <cstdint>

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

long strtol(const char* __restrict s, char** __restrict end, int base) noexcept
    RING3_C_NAME(strtol);
long long strtoll(const char* __restrict s, char** __restrict end, int base) noexcept
    RING3_C_NAME(strtoll);
unsigned long strtoul(const char* __restrict s, char** __restrict end, int base) noexcept
    RING3_C_NAME(strtoul);
unsigned long long strtoull(const char* __restrict s, char** __restrict end, int base) noexcept
    RING3_C_NAME(strtoull);
std::intmax_t strtoimax(const char* __restrict s, char** __restrict end, int base) noexcept
    RING3_C_NAME(strtoimax);
std::uintmax_t strtoumax(const char* __restrict s, char** __restrict end, int base) noexcept
    RING3_C_NAME(strtoumax);
int atoi(const char* s) noexcept RING3_C_NAME(atoi);
long atol(const char* s) noexcept RING3_C_NAME(atol);
long long atoll(const char* s) noexcept RING3_C_NAME(atoll);

double strtod(const char* __restrict s, char** __restrict end) noexcept RING3_C_NAME(strtod);
float strtof(const char* __restrict s, char** __restrict end) noexcept RING3_C_NAME(strtof);
long double strtold(const char* __restrict s, char** __restrict end) noexcept RING3_C_NAME(strtold);
double atof(const char* s) noexcept RING3_C_NAME(atof);

int abs(int v) noexcept RING3_C_NAME(abs);
long labs(long v) noexcept RING3_C_NAME(labs);
long long llabs(long long v) noexcept RING3_C_NAME(llabs);
std::intmax_t imaxabs(std::intmax_t v) noexcept RING3_C_NAME(imaxabs);
struct div_t {
    int quot, rem;
};
struct ldiv_t {
    long quot, rem;
};
struct lldiv_t {
    long long quot, rem;
};
div_t div(int a, int b) noexcept RING3_C_NAME(div);
ldiv_t ldiv(long a, long b) noexcept RING3_C_NAME(ldiv);
lldiv_t lldiv(long long a, long long b) noexcept RING3_C_NAME(lldiv);

using compare_fn = int (*)(const void*, const void*);
using compare_r_fn = int (*)(const void*, const void*, void*);
void qsort(void* base, size_t count, size_t size, compare_fn cmp) RING3_C_NAME(qsort);
void qsort_r(void* base, size_t count, size_t size, compare_r_fn cmp, void* arg)
    RING3_C_NAME(qsort_r);
void* bsearch(const void* key, const void* base, size_t count, size_t size, compare_fn cmp)
    RING3_C_NAME(bsearch);

} // namespace ring3::libc
