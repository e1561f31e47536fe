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

namespace detail {
// A contiguous run of chars that says where it is and how long.
template <class S>
concept CharRun = requires(const S& s) {
    static_cast<const char*>(s.data());
    static_cast<std::size_t>(s.size());
};
} // namespace detail

class Str {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    constexpr Str() = default;
    constexpr Str(const char* p, std::size_t n) : p_(p), n_(n) {}
    // From a string literal or any NUL-terminated string.
    constexpr Str(const char* s)
        : p_(s), n_(s ? cstr_len(s) : 0) {} // NOLINT(google-explicit-constructor)
    // From any contiguous run of chars that says where it is and how long
    // (std::string_view, std::string, ...): a view of the same bytes.
    template <detail::CharRun S>
    constexpr Str(const S& s) // NOLINT(google-explicit-constructor)
        : p_(s.data()), n_(s.size()) {}
    // To std::string_view and the like (any type built from pointer and
    // length that names a traits_type), without including <string_view>,
    // which freestanding libstdc++ lacks.
    template <class View>
    requires requires { typename View::traits_type; } && requires(const char* p, std::size_t n) {
        View(p, n);
    }
    constexpr operator View() const { // NOLINT(google-explicit-constructor)
        return View(p_, n_);
    }

    constexpr const char* data() const { return p_; }
    constexpr std::size_t size() const { return n_; }
    constexpr bool empty() const { return n_ == 0; }
    constexpr char operator[](std::size_t i) const { return p_[i]; }
    constexpr const char* begin() const { return p_; }
    constexpr const char* end() const { return p_ + n_; }
    constexpr char front() const { return p_[0]; }
    constexpr char back() const { return p_[n_ - 1]; }

    // Clamped like std::string_view::substr without the exception.
    constexpr Str substr(std::size_t pos, std::size_t len = npos) const {
        if (pos > n_) pos = n_;
        if (len > n_ - pos) len = n_ - pos;
        return {p_ + pos, len};
    }
    // Without the first / last n bytes (clamped).
    constexpr Str drop_front(std::size_t n) const { return substr(n); }
    constexpr Str drop_back(std::size_t n) const { return substr(0, n > n_ ? 0 : n_ - n); }

    constexpr bool starts_with(Str s) const { return n_ >= s.n_ && substr(0, s.n_) == s; }
    constexpr bool starts_with(char c) const { return n_ > 0 && p_[0] == c; }
    constexpr bool ends_with(Str s) const { return n_ >= s.n_ && substr(n_ - s.n_) == s; }
    constexpr bool ends_with(char c) const { return n_ > 0 && p_[n_ - 1] == c; }

    // Index of the first c (or s) at or after pos, or npos. An empty s is
    // found at pos (when pos <= size()), as std::string_view does.
    constexpr std::size_t find(char c, std::size_t pos = 0) const {
        for (std::size_t i = pos; i < n_; ++i)
            if (p_[i] == c) return i;
        return npos;
    }
    constexpr std::size_t find(Str s, std::size_t pos = 0) const {
        if (s.n_ > n_ || pos > n_ - s.n_) return npos;
        if (s.n_ == 0) return pos;
        for (std::size_t i = pos; i <= n_ - s.n_; ++i) {
            i = find(s.p_[0], i);
            if (i == npos || i > n_ - s.n_) return npos;
            if (Str(p_ + i, s.n_) == s) return i;
        }
        return npos;
    }
    // Index of the last c (or s) starting at or before pos, or npos.
    constexpr std::size_t rfind(char c, std::size_t pos = npos) const {
        for (std::size_t i = (pos < n_ ? pos + 1 : n_); i > 0; --i)
            if (p_[i - 1] == c) return i - 1;
        return npos;
    }
    constexpr std::size_t rfind(Str s, std::size_t pos = npos) const {
        if (s.n_ > n_) return npos;
        std::size_t i = n_ - s.n_ < pos ? n_ - s.n_ : pos;
        for (;; --i) {
            if (Str(p_ + i, s.n_) == s) return i;
            if (i == 0) return npos;
        }
    }
    // Index of the first byte that is (or is not) one of `set`, or npos.
    constexpr std::size_t find_first_of(Str set, std::size_t pos = 0) const {
        for (std::size_t i = pos; i < n_; ++i)
            if (set.contains(p_[i])) return i;
        return npos;
    }
    constexpr std::size_t find_first_not_of(Str set, std::size_t pos = 0) const {
        for (std::size_t i = pos; i < n_; ++i)
            if (!set.contains(p_[i])) return i;
        return npos;
    }
    constexpr bool contains(char c) const { return find(c) != npos; }
    constexpr bool contains(Str s) const { return find(s) != npos; }

    // Without leading / trailing bytes of `set` (by default, the
    // whitespace of isspace(3) in the C locale).
    static constexpr const char* whitespace = " \t\n\v\f\r";
    constexpr Str trim_start(Str set = whitespace) const {
        std::size_t i = 0;
        while (i < n_ && set.contains(p_[i])) ++i;
        return {p_ + i, n_ - i};
    }
    constexpr Str trim_end(Str set = whitespace) const {
        std::size_t n = n_;
        while (n > 0 && set.contains(p_[n - 1])) --n;
        return {p_, n};
    }
    constexpr Str trim(Str set = whitespace) const { return trim_start(set).trim_end(set); }

    // The part before the first `sep` and the part after it; when there
    // is no sep, all of it and an empty Str with found false.
    struct Cut;
    constexpr Cut cut(char sep) const;
    constexpr Cut cut(Str sep) const;

    // The fields between separators, empty ones included: "a,,b" split on
    // ',' gives "a", "", "b"; "" gives one empty field (as Python's split
    // with a separator, awk -F, and std::views::split on a non-empty
    // input).
    class Split;
    constexpr Split split(char sep) const;
    // The runs of bytes not in `seps`, empty ones skipped: "  a  b " gives
    // "a", "b" (strtok(3), awk's default fields).
    class Tokens;
    constexpr Tokens tokenize(Str seps = whitespace) const;

    friend constexpr bool operator==(Str a, Str b) {
        if (a.n_ != b.n_) return false;
        for (std::size_t i = 0; i < a.n_; ++i)
            if (a.p_[i] != b.p_[i]) return false;
        return true;
    }
    // Byte-wise (unsigned char) lexicographic order, a prefix first: the
    // order of std::string_view, memcmp and `LC_ALL=C sort`. Makes Str a
    // std::map key and sortable with std::sort.
    constexpr int compare(Str b) const {
        std::size_t n = n_ < b.n_ ? n_ : b.n_;
        for (std::size_t i = 0; i < n; ++i) {
            auto x = static_cast<unsigned char>(p_[i]), y = static_cast<unsigned char>(b.p_[i]);
            if (x != y) return x < y ? -1 : 1;
        }
        return n_ == b.n_ ? 0 : (n_ < b.n_ ? -1 : 1);
    }
    friend constexpr bool operator<(Str a, Str b) { return a.compare(b) < 0; }
    friend constexpr bool operator>(Str a, Str b) { return a.compare(b) > 0; }
    friend constexpr bool operator<=(Str a, Str b) { return a.compare(b) <= 0; }
    friend constexpr bool operator>=(Str a, Str b) { return a.compare(b) >= 0; }
    // Against std::string_view and std::string: exact matches, so that
    // neither side's conversion to the other makes the call ambiguous.
    template <detail::CharRun S>
    friend constexpr bool operator==(Str a, const S& b) {
        return a == Str(b);
    }
    template <detail::CharRun S>
    friend constexpr bool operator<(Str a, const S& b) {
        return a.compare(Str(b)) < 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator<(const S& a, Str b) {
        return Str(a).compare(b) < 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator>(Str a, const S& b) {
        return a.compare(Str(b)) > 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator>(const S& a, Str b) {
        return Str(a).compare(b) > 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator<=(Str a, const S& b) {
        return a.compare(Str(b)) <= 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator<=(const S& a, Str b) {
        return Str(a).compare(b) <= 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator>=(Str a, const S& b) {
        return a.compare(Str(b)) >= 0;
    }
    template <detail::CharRun S>
    friend constexpr bool operator>=(const S& a, Str b) {
        return Str(a).compare(b) >= 0;
    }

    // FNV-1a over the bytes: a hash for std::unordered_map (ring3::StrHash).
    constexpr std::size_t hash() const {
        std::size_t h = 14695981039346656037u;
        for (std::size_t i = 0; i < n_; ++i)
            h = (h ^ static_cast<unsigned char>(p_[i])) * 1099511628211u;
        return h;
    }

private:
    const char* p_ = "";
    std::size_t n_ = 0;
};

struct Str::Cut {
    Str before;
    Str after;
    bool found = false;
};

constexpr Str::Cut Str::cut(char sep) const {
    std::size_t i = find(sep);
    if (i == npos) return {*this, {}, false};
    return {substr(0, i), substr(i + 1), true};
}

constexpr Str::Cut Str::cut(Str sep) const {
    std::size_t i = find(sep);
    if (i == npos) return {*this, {}, false};
    return {substr(0, i), substr(i + sep.size()), true};
}

// for (Str field : line.split(',')) ...
class Str::Split {
public:
    constexpr Split(Str s, char sep) : s_(s), sep_(sep) {}
    class iterator {
    public:
        constexpr iterator(Str rest, char sep, bool done) : rest_(rest), sep_(sep), done_(done) {
            if (!done_) field_ = rest_.cut(sep_).before;
        }
        constexpr Str operator*() const { return field_; }
        constexpr iterator& operator++() {
            Cut c = rest_.cut(sep_);
            if (!c.found) {
                done_ = true;
            } else {
                rest_ = c.after;
                field_ = rest_.cut(sep_).before;
            }
            return *this;
        }
        constexpr bool operator==(const iterator& o) const {
            return done_ == o.done_ && (done_ || rest_.data() == o.rest_.data());
        }

    private:
        Str rest_, field_;
        char sep_;
        bool done_;
    };
    constexpr iterator begin() const { return {s_, sep_, false}; }
    constexpr iterator end() const { return {s_, sep_, true}; }

private:
    Str s_;
    char sep_;
};

constexpr Str::Split Str::split(char sep) const { return {*this, sep}; }

// for (Str word : line.tokenize()) ...
class Str::Tokens {
public:
    constexpr Tokens(Str s, Str seps) : s_(s), seps_(seps) {}
    class iterator {
    public:
        constexpr iterator(Str rest, Str seps) : rest_(rest), seps_(seps) { advance(); }
        constexpr Str operator*() const { return token_; }
        constexpr iterator& operator++() {
            advance();
            return *this;
        }
        constexpr bool operator==(const iterator& o) const {
            return token_.data() == o.token_.data() && token_.size() == o.token_.size();
        }

    private:
        constexpr void advance() {
            std::size_t start = rest_.find_first_not_of(seps_);
            if (start == npos) {
                token_ = Str(rest_.end(), 0);
                rest_ = token_;
                return;
            }
            std::size_t stop = rest_.find_first_of(seps_, start);
            token_ = rest_.substr(start, stop == npos ? npos : stop - start);
            rest_ = rest_.substr(stop == npos ? rest_.size() : stop);
        }
        Str rest_, seps_, token_;
    };
    constexpr iterator begin() const { return {s_, seps_}; }
    constexpr iterator end() const { return {Str(s_.end(), 0), seps_}; }

private:
    Str s_, seps_;
};

constexpr Str::Tokens Str::tokenize(Str seps) const { return {*this, seps}; }

// std::unordered_map<Str, V, StrHash>.
struct StrHash {
    constexpr std::size_t operator()(Str s) const { return s.hash(); }
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
