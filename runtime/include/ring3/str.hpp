// Non-owning views: Str for text, Bytes for raw memory.
//
// libstdc++'s <string_view> is not part of the freestanding headers, so
// ring3 has its own, with only what the runtime and its programs need.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstddef>

namespace ring3 {

inline constexpr std::size_t cstr_len(const char* s) {
    std::size_t n = 0;
    while (s[n] != '\0') ++n;
    return n;
}

class Str {
public:
    constexpr Str() = default;
    constexpr Str(const char* p, std::size_t n) : p_(p), n_(n) {}
    // From a string literal or any NUL-terminated string.
    constexpr Str(const char* s)
        : p_(s), n_(s ? cstr_len(s) : 0) {} // NOLINT(google-explicit-constructor)

    constexpr const char* data() const { return p_; }
    constexpr std::size_t size() const { return n_; }
    constexpr bool empty() const { return n_ == 0; }
    constexpr char operator[](std::size_t i) const { return p_[i]; }
    constexpr const char* begin() const { return p_; }
    constexpr const char* end() const { return p_ + n_; }

    // Clamped like std::string_view::substr without the exception.
    constexpr Str substr(std::size_t pos, std::size_t len = static_cast<std::size_t>(-1)) const {
        if (pos > n_) pos = n_;
        if (len > n_ - pos) len = n_ - pos;
        return {p_ + pos, len};
    }
    constexpr bool starts_with(Str s) const { return n_ >= s.n_ && substr(0, s.n_) == s; }
    constexpr bool ends_with(Str s) const { return n_ >= s.n_ && substr(n_ - s.n_) == s; }
    // Index of the first c at or after pos, or npos.
    constexpr std::size_t find(char c, std::size_t pos = 0) const {
        for (std::size_t i = pos; i < n_; ++i)
            if (p_[i] == c) return i;
        return npos;
    }
    constexpr std::size_t rfind(char c) const {
        for (std::size_t i = n_; i > 0; --i)
            if (p_[i - 1] == c) return i - 1;
        return npos;
    }

    friend constexpr bool operator==(Str a, Str b) {
        if (a.n_ != b.n_) return false;
        for (std::size_t i = 0; i < a.n_; ++i)
            if (a.p_[i] != b.p_[i]) return false;
        return true;
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    const char* p_ = "";
    std::size_t n_ = 0;
};

class Bytes {
public:
    constexpr Bytes() = default;
    constexpr Bytes(const unsigned char* p, std::size_t n) : p_(p), n_(n) {}
    Bytes(const void* p, std::size_t n) : p_(static_cast<const unsigned char*>(p)), n_(n) {}

    constexpr const unsigned char* data() const { return p_; }
    constexpr std::size_t size() const { return n_; }
    constexpr bool empty() const { return n_ == 0; }
    constexpr unsigned char operator[](std::size_t i) const { return p_[i]; }

    // True when [offset, offset + len) lies inside the view, computed
    // without overflow.
    constexpr bool contains_range(std::size_t offset, std::size_t len) const {
        return offset <= n_ && len <= n_ - offset;
    }
    constexpr Bytes slice(std::size_t offset, std::size_t len) const {
        return contains_range(offset, len) ? Bytes{p_ + offset, len} : Bytes{};
    }

private:
    const unsigned char* p_ = nullptr;
    std::size_t n_ = 0;
};

} // namespace ring3
