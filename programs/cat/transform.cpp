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
    // Plain mode (no -v, no -T: cat without options too, which makes a
    // Transform it never uses) writes every byte as it is and never reads
    // the table: it is filled for -v and -T only.
    if (mode_ == Mode::plain) return;
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
    whole_buffer_ =
        !opt_.number && !opt_.squeeze_blank && !(opt_.show_ends && !opt_.show_nonprinting);
    // In the notation modes every flagged byte below 128 shows as two
    // bytes once a newline is "$\n"; in tabs mode only '\t' is flagged.
    two_byte_ascii_ = mode_ == Mode::tabs || opt_.show_ends;
    // Read only by convert_all: the line-by-line path stops at newlines.
    Notation& newline = notation_[static_cast<unsigned char>('\n')];
    newline = opt_.show_ends ? Notation{{'$', '\n', 0, 0}, 2} : Notation{{'\n', 0, 0, 0}, 1};
}

namespace {

// Sixteen bytes as one SSE2 register, through the compiler's vector
// extension (no intrinsics header): comparisons give 0 or 0xff per byte,
// and pmovmskb gathers their top bits into a 16-bit mask.
using Block = unsigned char __attribute__((vector_size(16)));
using SignedBlock = char __attribute__((vector_size(16)));

unsigned mask_of(Block flags) {
    return static_cast<unsigned>(__builtin_ia32_pmovmskb128(reinterpret_cast<SignedBlock>(flags)));
}

} // namespace

// Converts the bytes from p up to the first '\n' or `end` into o;
// returns where it stopped.
//
// Sixteen bytes at a time. When none of them needs notation and none is
// a newline (most text), they are stored as they are. When several do
// (binary data), all sixteen go through the table, which stores four bytes
// and advances by the notation's size, without a branch per byte.
// Otherwise the plain bytes before the first special one are stored, and
// that one is dealt with. (Stores may run past what is kept: run() leaves
// room.)
template <Transform::Mode mode>
const unsigned char* Transform::scan(const unsigned char* p, const unsigned char* end,
                                     char*& out) const {
    char* o = out;
    auto one = [&](unsigned char c) {
        if constexpr (mode == Mode::plain) {
            *o++ = static_cast<char>(c);
        } else {
            const Notation& n = notation_[c];
            __builtin_memcpy(o, n.text, 4);
            o += n.size;
        }
    };
    while (end - p >= 16) {
        Block v;
        __builtin_memcpy(&v, p, 16);
        Block flags = v == '\n';
        if constexpr (mode == Mode::tabs) flags |= v == '\t';
        if constexpr (mode == Mode::notation) flags |= ((v < 32) & (v != '\t')) | (v >= 127);
        if constexpr (mode == Mode::notation_and_tabs) flags |= (v < 32) | (v >= 127);
        unsigned special = mask_of(flags);
        if (special == 0) {
            __builtin_memcpy(o, &v, 16);
            o += 16;
            p += 16;
            continue;
        }
        if (std::popcount(special) > 2 && mask_of(v == '\n') == 0) {
            for (int i = 0; i < 16; ++i) one(p[i]);
            p += 16;
            continue;
        }
        __builtin_memcpy(o, &v, 16);
        int plain = std::countr_zero(special);
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

// The whole of [p, end) through the table, for whole_buffer_ mode: as
// scan(), without stopping at newlines (in the notation modes '\n' is one
// of the flagged bytes; in tabs mode it is not, and stands for itself).
template <Transform::Mode mode>
char* Transform::convert_all(const unsigned char* p, const unsigned char* end, char* o) const {
    auto one = [&](unsigned char c) {
        const Notation& n = notation_[c];
        __builtin_memcpy(o, n.text, 4);
        o += n.size;
    };
    // 32 bytes at a time, as two 16-byte halves whose masks make one
    // 32-bit mask; 64 bytes left, so that the 32-byte loads at p + pos
    // (pos < 32) stay inside the input.
    auto flagged = [](Block v) {
        Block flags;
        if constexpr (mode == Mode::tabs) flags = v == '\t';
        if constexpr (mode == Mode::notation) flags = ((v < 32) & (v != '\t')) | (v >= 127);
        if constexpr (mode == Mode::notation_and_tabs) flags = (v < 32) | (v >= 127);
        return mask_of(flags);
    };
    while (end - p >= 64) {
        Block lo, hi;
        __builtin_memcpy(&lo, p, 16);
        __builtin_memcpy(&hi, p + 16, 16);
        unsigned special = flagged(lo) | flagged(hi) << 16;
        if (special == 0) {
            __builtin_memcpy(o, &lo, 16);
            __builtin_memcpy(o + 16, &hi, 16);
            o += 32;
            p += 32;
            continue;
        }
        // Five or more (binary data): all 32 through the table, which
        // stores four bytes and advances by the notation's size, without
        // a branch per byte. (Clearing the lowest set bit four times
        // counts to five without a popcount instruction.)
        unsigned rest = special & (special - 1);
        rest &= rest - 1;
        rest &= rest - 1;
        rest &= rest - 1;
        if (rest != 0) {
            for (int i = 0; i < 32; ++i) one(p[i]);
            p += 32;
            continue;
        }
        // A few special bytes (tabs and newlines, in text): each plain
        // run before one is stored with one 32-byte copy, the special
        // byte goes through the table, and the mask gives the next.
        unsigned pos = 0;
        if (two_byte_ascii_ && (mask_of(lo) | mask_of(hi)) == 0) {
            // No byte above 127: every flagged byte's notation is two
            // bytes, so where the next run goes does not wait for the
            // table's size.
            do {
                unsigned i = static_cast<unsigned>(std::countr_zero(special));
                __builtin_memcpy(o, p + pos, 32);
                o += i - pos;
                __builtin_memcpy(o, notation_[p[i]].text, 2);
                o += 2;
                pos = i + 1;
                special &= special - 1;
            } while (special != 0);
            __builtin_memcpy(o, p + pos, 32);
            o += 32 - pos;
            p += 32;
            continue;
        }
        do {
            unsigned i = static_cast<unsigned>(std::countr_zero(special));
            __builtin_memcpy(o, p + pos, 32);
            o += i - pos;
            one(p[i]);
            pos = i + 1;
            special &= special - 1;
        } while (special != 0);
        __builtin_memcpy(o, p + pos, 32);
        o += 32 - pos;
        p += 32;
    }
    while (p < end) one(*p++);
    return o;
}

Transform::Step Transform::run(const unsigned char* in, std::size_t n, char* out,
                               std::size_t room) {
    if (whole_buffer_ && mode_ != Mode::plain) {
        if (room < min_room) return {0, 0};
        // Eight bytes of slack for the table's four-byte stores.
        std::size_t fits = (room - 8) >> expansion_shift_;
        std::size_t take = n < fits ? n : fits;
        char* o;
        switch (mode_) {
        case Mode::tabs:
            o = convert_all<Mode::tabs>(in, in + take, out);
            break;
        case Mode::notation:
            o = convert_all<Mode::notation>(in, in + take, out);
            break;
        default:
            o = convert_all<Mode::notation_and_tabs>(in, in + take, out);
            break;
        }
        return {take, static_cast<std::size_t>(o - out)};
    }
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
