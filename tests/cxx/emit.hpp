// The conformance programs' output, the same way in both builds: text
// gathered in a std::string, written to stdout with one system call at
// the end (ring3: ring3::write_all; the glibc reference: write(2)).
// Numbers go through <charconv>, itself under test.
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#if __has_include(<ring3/fdio.hpp>)
#include <ring3/fdio.hpp>
#else
#include <unistd.h>
#endif

class Emit {
public:
    Emit& operator<<(std::string_view s) {
        text_.append(s);
        return *this;
    }
    Emit& operator<<(const char* s) { return *this << std::string_view(s); }
    Emit& operator<<(const std::string& s) { return *this << std::string_view(s); }
    Emit& operator<<(char c) {
        text_.push_back(c);
        return *this;
    }
    Emit& operator<<(bool b) { return *this << (b ? "true" : "false"); }
    template <std::integral T>
    Emit& operator<<(T v) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        return *this << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
    }
    template <std::floating_point T>
    Emit& operator<<(T v) {
        char buf[128];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        return *this << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
    }
    // Writes what was gathered; the programs call it before returning.
    void flush() {
        const char* p = text_.data();
        std::size_t n = text_.size();
#if __has_include(<ring3/fdio.hpp>)
        (void)ring3::write_all(1, p, n);
#else
        while (n > 0) {
            ssize_t w = ::write(1, p, n);
            if (w <= 0) break;
            p += w;
            n -= static_cast<std::size_t>(w);
        }
#endif
        text_.clear();
    }

private:
    std::string text_;
};

inline Emit out;

// A section header, so a difference is easy to place.
inline void section(std::string_view name) { out << "== " << name << '\n'; }

// FNV-1a over the text, for the randomized tests' digests.
inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
}
