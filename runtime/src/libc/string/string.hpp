// ring3's <string.h>, as ring3::libc functions (c_name.hpp: their symbols
// are the C names in a ring3 program). Memory: memory.cpp; C strings:
// strings.cpp; strerror, strcoll, strxfrm: text.cpp.
#pragma once

#include "../c_name.hpp"

#include <cstddef>

namespace ring3::libc {

using std::size_t;

void* memcpy(void* __restrict dst, const void* __restrict src, size_t n) noexcept
    RING3_C_NAME(memcpy);
void* memmove(void* dst, const void* src, size_t n) noexcept RING3_C_NAME(memmove);
void* memset(void* dst, int c, size_t n) noexcept RING3_C_NAME(memset);
int memcmp(const void* a, const void* b, size_t n) noexcept RING3_C_NAME(memcmp);
int bcmp(const void* a, const void* b, size_t n) noexcept RING3_C_NAME(bcmp);
void* memchr(const void* s, int c, size_t n) noexcept RING3_C_NAME(memchr);
void* memrchr(const void* s, int c, size_t n) noexcept RING3_C_NAME(memrchr);
void* memmem(const void* hay, size_t hn, const void* needle, size_t nn) noexcept
    RING3_C_NAME(memmem);
void* mempcpy(void* __restrict dst, const void* __restrict src, size_t n) noexcept
    RING3_C_NAME(mempcpy);

size_t strlen(const char* s) noexcept RING3_C_NAME(strlen);
size_t strnlen(const char* s, size_t max) noexcept RING3_C_NAME(strnlen);
int strcmp(const char* a, const char* b) noexcept RING3_C_NAME(strcmp);
int strncmp(const char* a, const char* b, size_t n) noexcept RING3_C_NAME(strncmp);
char* strcpy(char* __restrict dst, const char* __restrict src) noexcept RING3_C_NAME(strcpy);
char* stpcpy(char* __restrict dst, const char* __restrict src) noexcept RING3_C_NAME(stpcpy);
char* strncpy(char* __restrict dst, const char* __restrict src, size_t n) noexcept
    RING3_C_NAME(strncpy);
char* strcat(char* __restrict dst, const char* __restrict src) noexcept RING3_C_NAME(strcat);
char* strncat(char* __restrict dst, const char* __restrict src, size_t n) noexcept
    RING3_C_NAME(strncat);
char* strchr(const char* s, int c) noexcept RING3_C_NAME(strchr);
char* strchrnul(const char* s, int c) noexcept RING3_C_NAME(strchrnul);
char* strrchr(const char* s, int c) noexcept RING3_C_NAME(strrchr);
char* strstr(const char* hay, const char* needle) noexcept RING3_C_NAME(strstr);
size_t strspn(const char* s, const char* accept) noexcept RING3_C_NAME(strspn);
size_t strcspn(const char* s, const char* reject) noexcept RING3_C_NAME(strcspn);
char* strpbrk(const char* s, const char* accept) noexcept RING3_C_NAME(strpbrk);
char* strtok_r(char* __restrict s, const char* __restrict delim, char** __restrict save) noexcept
    RING3_C_NAME(strtok_r);
char* strtok(char* __restrict s, const char* __restrict delim) noexcept RING3_C_NAME(strtok);
char* strdup(const char* s) noexcept RING3_C_NAME(strdup);
char* strndup(const char* s, size_t n) noexcept RING3_C_NAME(strndup);

char* strerror(int e) noexcept RING3_C_NAME(strerror);
int strcoll(const char* a, const char* b) noexcept RING3_C_NAME(strcoll);
size_t strxfrm(char* __restrict dst, const char* __restrict src, size_t n) noexcept
    RING3_C_NAME(strxfrm);

} // namespace ring3::libc
