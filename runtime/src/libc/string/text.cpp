// strerror, strcoll and strxfrm: the functions of <string.h> that depend
// on the locale, which in a ring3 program is always "C".
#include "string.hpp"

#include <ring3/errno.hpp>

namespace ring3::libc {

// ring3's errno table (runtime/src/errno.cpp) has glibc's messages; a
// number Linux does not use reads "Unknown error N", as in glibc.
char* strerror(int e) noexcept {
    Str known = errno_message(e);
    if (e == 0 || known != Str("Unknown error")) return const_cast<char*>(known.data());
    static char unknown[32] = "Unknown error ";
    char* p = unknown + 14;
    unsigned long v = e < 0 ? 0UL - static_cast<unsigned long>(e) : static_cast<unsigned long>(e);
    if (e < 0) *p++ = '-';
    char digits[20];
    int n = 0;
    do digits[n++] = static_cast<char>('0' + v % 10);
    while ((v /= 10) != 0);
    while (n > 0) *p++ = digits[--n];
    *p = '\0';
    return unknown;
}

// In the C locale, collation is byte order (C17 7.24.4.3, 7.11.1.1).
int strcoll(const char* a, const char* b) noexcept { return strcmp(a, b); }

size_t strxfrm(char* __restrict dst, const char* __restrict src, size_t n) noexcept {
    size_t len = strlen(src);
    if (len < n) memcpy(dst, src, len + 1);
    return len;
}

} // namespace ring3::libc
