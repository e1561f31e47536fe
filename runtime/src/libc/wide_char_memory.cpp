// <wchar.h>'s memory functions, for std::wstring and std::wstring_view:
// std::char_traits<wchar_t> calls wmemcpy, wmemmove, wmemset, wmemcmp,
// wmemchr and wcslen (libstdc++'s string-inst.o for wchar_t too). wchar_t
// is 32 bits on x86_64 Linux; these are ring3's string.h functions on
// whole characters, except wmemcmp, which compares characters as signed
// numbers (wchar_t is signed here), not bytes.
#include <cstddef>
#include <cstring>
#include <cwchar>

extern "C" {

wchar_t* wmemcpy(wchar_t* __restrict dst, const wchar_t* __restrict src, std::size_t n) noexcept {
    std::memcpy(dst, src, n * sizeof(wchar_t));
    return dst;
}

wchar_t* wmemmove(wchar_t* dst, const wchar_t* src, std::size_t n) noexcept {
    std::memmove(dst, src, n * sizeof(wchar_t));
    return dst;
}

wchar_t* wmemset(wchar_t* dst, wchar_t c, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) dst[i] = c;
    return dst;
}

int wmemcmp(const wchar_t* a, const wchar_t* b, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

wchar_t* wmemchr(const wchar_t* s, wchar_t c, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (s[i] == c) return const_cast<wchar_t*>(s + i);
    return nullptr;
}

std::size_t wcslen(const wchar_t* s) noexcept {
    std::size_t n = 0;
    while (s[n] != L'\0') ++n;
    return n;
}

} // extern "C"
