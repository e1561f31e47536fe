#include "transform.hpp"

#include <bit>

namespace cat {

LineNumber::LineNumber() {
    for (char& c : text_) c = ' ';
    text_[digits - 1] = '0';
    text_[digits] = '\t';
}

char* LineNumber::next(char* out) {
    // Decimal increment in place: cheaper than converting a binary
    // counter on every line.
    int i = digits - 1;
    for (;;) {
        if (text_[i] < '9') {
            ++text_[i];
            break;
        }
        text_[i] = '0';
        if (i == first_) {
            // 10^20 lines is beyond reach; wrap rather than overflow.
            if (first_ > 0) text_[--first_] = '1';
            break;
        }
        --i;
    }
    int start = first_ < digits - 6 ? first_ : digits - 6;
    int n = digits + 1 - start;
    // A fixed-size copy is two moves; a variable one a call.
    if (n <= 16)
        __builtin_memcpy(out, text_ + start, 16);
    else
        __builtin_memcpy(out, text_ + start, n);
    return out + n;
}

Transform::Transform(const Options& options) : opt_(options) {
    expansion_shift_ = opt_.show_nonprinting ? 2 : opt_.show_tabs ? 1 : 0;
    mode_ = opt_.show_nonprinting ? (opt_.show_tabs ? Mode::notation_and_tabs : Mode::notation)
            : opt_.show_tabs      ? Mode::tabs
                                  : Mode::plain;
    // GNU's notation: ^@..^_ for control bytes, ^? for DEL, and M- before
    // the notation of the byte's low seven bits for 128..255. Tab stays a
    // tab unless -T. Without -v every byte but tab stands for itself.
    for (int c = 0; c < 256; ++c) {
        Notation& n = notation_[c];
        std::uint8_t k = 0;
        int low = c;
        if (c >= 128 && opt_.show_nonprinting) {
            n.text[k++] = 'M';
            n.text[k++] = '-';
            low = c - 128;
        }
        if (c == '\t' ? opt_.show_tabs : low < 32 && opt_.show_nonprinting) {
            n.text[k++] = '^';
            n.text[k++] = static_cast<char>(low + 64);
        } else if (low == 127 && opt_.show_nonprinting) {
            n.text[k++] = '^';
            n.text[k++] = '?';
        } else {
            n.text[k++] = static_cast<char>(low);
        }
        n.size = k;
        while (k < 4) n.text[k++] = 0;
    }
}

namespace {

constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080,
                        lows = 0x7f7f7f7f7f7f7f7f;

// The high bit of each byte of w equal to c. Exact for every byte (no
// borrow runs from one byte into the next, unlike find_newline's test).
std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
    std::uint64_t t = w ^ (ones * c);
    return ~(((t & lows) + lows) | t) & highs;
}

// The high bit of each byte of w that -v shows in notation: 128 and
// above, 127, below 32 except tab (unless -T).
std::uint64_t needs_notation(std::uint64_t w, bool tabs_too) {
    std::uint64_t low7 = w & lows;
    std::uint64_t below_32 = ~(low7 + ones * 0x60) & highs; // low7 + 0x60 < 0x80
    std::uint64_t del = (low7 + ones) & highs;              // low7 == 0x7f
    std::uint64_t s = (w & highs) | del | below_32;
    return tabs_too ? s : s & ~bytes_equal(w, '\t');
}

} // namespace

// Converts the bytes from p up to the first '\n' or `end` into o;
// returns where it stopped.
//
// Eight bytes at a time. When none of them needs notation and none is a
// newline (most text), they are stored as they are. When several do
// (binary data), all eight go through the table, which stores four bytes
// and advances by the notation's size, without a branch per byte.
// Otherwise the plain bytes before the first special one are stored, and
// that one is dealt with. (Stores may run past what is kept: run() leaves
// room.)
template <Transform::Mode mode>
const unsigned char* Transform::scan(const unsigned char* p, const unsigned char* end,
                                     char*& out) const {
    char* o = out;
    auto one = [&](unsigned char c) {
        const Notation& n = notation_[c];
        __builtin_memcpy(o, n.text, 4);
        o += n.size;
    };
    while (end - p >= 8) {
        std::uint64_t w;
        __builtin_memcpy(&w, p, 8);
        std::uint64_t newline = bytes_equal(w, '\n');
        std::uint64_t special = mode == Mode::plain      ? 0
                                : mode == Mode::tabs     ? bytes_equal(w, '\t')
                                : mode == Mode::notation ? needs_notation(w, false)
                                                         : needs_notation(w, true);
        if ((newline | special) == 0) {
            __builtin_memcpy(o, &w, 8);
            o += 8;
            p += 8;
            continue;
        }
        if (newline == 0 && std::popcount(special) > 1) {
            for (int i = 0; i < 8; ++i) one(p[i]);
            p += 8;
            continue;
        }
        __builtin_memcpy(o, &w, 8);
        int plain = std::countr_zero(newline | special) >> 3;
        o += plain;
        p += plain;
        if (*p == '\n') {
            out = o;
            return p;
        }
        one(*p++);
    }
    while (p < end && *p != '\n') one(*p++);
    out = o;
    return p;
}

Transform::Step Transform::run(const unsigned char* in, std::size_t n, char* out,
                               std::size_t room) {
    const unsigned char* p = in;
    const unsigned char* const end = in + n;
    char* o = out;
    char* const out_end = out + room;
    // "\r\n" shows as "^M$" with -E; -v shows every '\r' as ^M anyway.
    const bool mark_cr = opt_.show_ends && !opt_.show_nonprinting;

    while (p < end && out_end - o >= static_cast<std::ptrdiff_t>(min_room)) {
        if (pending_cr_) {
            // The input before this call ended with '\r'.
            pending_cr_ = false;
            if (*p == '\n') {
                *o++ = '^';
                *o++ = 'M';
            } else {
                *o++ = '\r';
            }
        }
        if (!mid_line_) {
            if (*p == '\n') {
                ++p;
                if (blank_lines_ < 2) ++blank_lines_;
                if (blank_lines_ == 2 && opt_.squeeze_blank) continue;
                if (opt_.number && !opt_.number_nonblank) o = number_.next(o);
                if (opt_.show_ends) *o++ = '$';
                *o++ = '\n';
                continue;
            }
            if (opt_.number) o = number_.next(o);
            mid_line_ = true;
        }

        // The rest of the line, or as much of it as the output can take.
        // Eight bytes stay free for "^M", "$" and '\n' (the -v loop
        // stores four bytes at a time: three more of slack).
        std::size_t fits = (static_cast<std::size_t>(out_end - o) - 8) >> expansion_shift_;
        const unsigned char* limit = end - p > static_cast<std::ptrdiff_t>(fits) ? p + fits : end;
        const unsigned char* stop;
        switch (mode_) {
        case Mode::plain:
            stop = scan<Mode::plain>(p, limit, o);
            break;
        case Mode::tabs:
            stop = scan<Mode::tabs>(p, limit, o);
            break;
        case Mode::notation:
            stop = scan<Mode::notation>(p, limit, o);
            break;
        default:
            stop = scan<Mode::notation_and_tabs>(p, limit, o);
            break;
        }
        // Without -v, a '\r' went out as it is: with -E, make "\r\n" "^M$".
        if (mark_cr && stop > p && stop[-1] == '\r') {
            if (stop < end && *stop == '\n') {
                o[-1] = '^';
                *o++ = 'M';
            } else if (stop == end) {
                --o; // held back: the next input decides
                pending_cr_ = true;
            }
        }
        p = stop;
        if (p < end && *p == '\n') {
            ++p;
            mid_line_ = false;
            blank_lines_ = 0;
            if (opt_.show_ends) *o++ = '$';
            *o++ = '\n';
        }
    }
    return {static_cast<std::size_t>(p - in), static_cast<std::size_t>(o - out)};
}

std::size_t Transform::finish(char* out) {
    if (!pending_cr_) return 0;
    pending_cr_ = false;
    *out = '\r';
    return 1;
}

} // namespace cat
