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
    __builtin_memcpy(out, text_ + start, n);
    return out + n;
}

const unsigned char* find_newline(const unsigned char* p, const unsigned char* end) {
    // Eight bytes at a time: after XOR with "\n\n\n\n\n\n\n\n" a newline
    // is a zero byte, and (w - 0x01..01) & ~w & 0x80..80 marks the first
    // zero byte exactly (bits above it may be spurious, never below).
    constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
    constexpr std::uint64_t newlines = ones * '\n';
    while (end - p >= 8) {
        std::uint64_t w;
        __builtin_memcpy(&w, p, 8);
        w ^= newlines;
        std::uint64_t zero = (w - ones) & ~w & highs;
        if (zero) return p + (std::countr_zero(zero) >> 3);
        p += 8;
    }
    while (p < end && *p != '\n') ++p;
    return p;
}

Transform::Transform(const Options& options) : opt_(options) {
    expansion_ = opt_.show_nonprinting ? 4 : opt_.show_tabs ? 2 : 1;
    // GNU's notation: ^@..^_ for control bytes, ^? for DEL, and M- before
    // the notation of the byte's low seven bits for 128..255. Tab stays a
    // tab unless -T.
    for (int c = 0; c < 256; ++c) {
        Notation& n = notation_[c];
        std::uint8_t k = 0;
        int low = c;
        if (c >= 128) {
            n.text[k++] = 'M';
            n.text[k++] = '-';
            low = c - 128;
        }
        if (low < 32 && !(c == '\t' && !opt_.show_tabs)) {
            n.text[k++] = '^';
            n.text[k++] = static_cast<char>(low + 64);
        } else if (low == 127) {
            n.text[k++] = '^';
            n.text[k++] = '?';
        } else {
            n.text[k++] = static_cast<char>(low);
        }
        n.size = k;
        while (k < 4) n.text[k++] = 0;
    }
}

// The bytes of a line (no '\n' among them), converted.
char* Transform::content(const unsigned char* p, const unsigned char* end, char* o) {
    if (opt_.show_nonprinting) {
        // Four bytes stored for every input byte, the pointer advanced by
        // the notation's size: no branch per byte.
        for (; p < end; ++p) {
            const Notation& n = notation_[*p];
            __builtin_memcpy(o, n.text, 4);
            o += n.size;
        }
    } else if (opt_.show_tabs) {
        for (; p < end; ++p) {
            if (*p == '\t') {
                *o++ = '^';
                *o++ = 'I';
            } else {
                *o++ = static_cast<char>(*p);
            }
        }
    } else {
        __builtin_memcpy(o, p, end - p);
        o += end - p;
    }
    return o;
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
        std::size_t fits = (static_cast<std::size_t>(out_end - o) - 8) / expansion_;
        const unsigned char* limit = end - p > static_cast<std::ptrdiff_t>(fits) ? p + fits : end;
        const unsigned char* stop = find_newline(p, limit);
        if (mark_cr && stop > p && stop[-1] == '\r') {
            o = content(p, stop - 1, o);
            if (stop < end && *stop == '\n') {
                *o++ = '^';
                *o++ = 'M';
            } else if (stop == end) {
                pending_cr_ = true; // the next input decides
            } else {
                *o++ = '\r';
            }
        } else {
            o = content(p, stop, o);
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
