#include <ring3/fdio.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

// Paths that run once per buffer, once per stream or once per error are
// compiled for size: every program that prints an error message carries
// them. The per-value and per-line paths stay fast (append, read_until;
// put_u64 and read_line are inline in the header).
#define RING3_COLD __attribute__((minsize))

namespace ring3 {
namespace {

struct IoVec {
    const void* base;
    std::size_t len;
};

// Writes a[0, na) then b[0, nb) with as few system calls as the kernel
// allows: one writev, then whatever a short write left.
RING3_COLD Result<void> write_two(int fd, const char* a, std::size_t na, const char* b,
                                  std::size_t nb) {
    while (na > 0) {
        IoVec iov[2] = {{a, na}, {b, nb < max_rw ? nb : max_rw}};
        long r = arch::syscall3(nr::writev, fd, reinterpret_cast<long>(iov), 2);
        if (r < 0) {
            if (r == -err::INTR) continue;
            return Error{static_cast<int>(-r)};
        }
        auto done = static_cast<std::size_t>(r);
        if (done >= na) {
            b += done - na;
            nb -= done - na;
            na = 0;
        } else {
            a += done;
            na -= done;
        }
    }
    return write_all(fd, b, nb);
}

// isatty(3) without libc: TCGETS succeeds only on a terminal.
RING3_COLD bool is_terminal(int fd) {
    constexpr long TCGETS = 0x5401;
    unsigned char termios[64]; // struct termios is 36 bytes on x86_64
    return arch::syscall3(nr::ioctl, fd, TCGETS, reinterpret_cast<long>(termios)) == 0;
}

RING3_COLD Result<char*> map_buffer(std::size_t size) {
    auto m = sys::map_anonymous(size);
    if (!m) return Error{m.error()};
    return static_cast<char*>(*m);
}

} // namespace

// ---------------------------------------------------------------------------
// Output.

RING3_COLD void OutStream::set_error(int e) {
    if (error_ == 0) error_ = e;
    limit_ = 0;
    pos_ = 0;
    pending_ = false;
    // The reader has gone: end as quietly as SIGPIPE would have, without
    // running exit handlers that might write again.
    if (e == err::PIPE && (flags_ & exit_on_epipe)) sys::exit_group(1);
}

// Decides Buffering::automatic: line on a terminal, else full.
RING3_COLD void OutStream::settle_mode() {
    if (mode_ == Buffering::automatic) mode_ = is_terminal(fd_) ? Buffering::line : Buffering::full;
}

// The one rule for limit_ (see stream.hpp): cap_ for a ready, fully
// buffered (or memory) stream without error, else 0.
[[gnu::always_inline]] inline void OutStream::update_limit() {
    bool fast = (flags_ & ready) && !error_ && (mode_ == Buffering::full || (flags_ & memory));
    limit_ = fast ? cap_ : 0;
}

RING3_COLD bool OutStream::setup() {
    if (fd_ < 0) {
        set_error(err::BADF);
        return false;
    }
    if (buf_ == nullptr) {
        auto m = map_buffer(default_buffer_size);
        if (!m) {
            set_error(m.error());
            return false;
        }
        buf_ = *m;
        cap_ = default_buffer_size;
        flags_ |= owns_buffer;
    }
    // Only here, at the first write, is stdout asked whether it is a
    // terminal: a program that prints nothing makes no ioctl.
    settle_mode();
    flags_ |= ready;
    update_limit();
    return true;
}

// Keeps column_ up to date with what reached the fd: only the last
// column_limit bytes matter.
RING3_COLD void OutStream::wrote(const char* p, std::size_t n) {
    std::size_t i = n, stop = n > column_limit ? n - column_limit : 0;
    while (i > stop && p[i - 1] != '\n') --i;
    if (i > stop)
        column_ = n - i;
    else
        column_ = column_ + n < column_limit ? column_ + n : column_limit;
}

RING3_COLD std::size_t OutStream::column() const {
    std::size_t i = pos_, stop = pos_ > column_limit ? pos_ - column_limit : 0;
    while (i > stop && buf_[i - 1] != '\n') --i;
    if (i > stop || (i == 0 && pos_ < column_limit)) {
        std::size_t c = i > 0 ? pos_ - i : column_ + pos_;
        return c < column_limit ? c : column_limit;
    }
    return column_limit;
}

RING3_COLD void OutStream::flush_buffer() {
    if (pos_ == 0) return;
    auto r = write_all(fd_, buf_, pos_);
    wrote(buf_, pos_);
    pos_ = 0;
    if (!r) set_error(r.error());
}

// Text p[0, n) joins the statement: an unbuffered stream flushes at its
// end, a line-buffered one if the statement wrote a newline.
[[gnu::always_inline]] inline void OutStream::note_pending(const char* p, std::size_t n) {
    if (mode_ == Buffering::none)
        pending_ = true;
    else if (mode_ == Buffering::line)
        for (std::size_t i = 0; i < n && !pending_; ++i) pending_ = p[i] == '\n';
}

RING3_COLD void OutStream::write_buffered(OutStream& s, const char* p, std::size_t n) {
    if (s.error_) return;
    if (!(s.flags_ & ready) && !s.setup()) return;
    if (s.flags_ & memory) {
        std::size_t room = s.cap_ - s.pos_;
        std::size_t take = n < room ? n : room;
        __builtin_memcpy(s.buf_ + s.pos_, p, take);
        s.pos_ += take;
        if (take < n) {
            s.error_ = err::NOBUFS;
            s.limit_ = 0;
        }
        return;
    }
    s.note_pending(p, n);

    if (n >= s.cap_) {
        // Larger than the buffer: straight to the kernel, behind what is
        // buffered, in one writev.
        auto r = write_two(s.fd_, s.buf_, s.pos_, p, n);
        s.wrote(s.buf_, s.pos_);
        s.wrote(p, n);
        s.pos_ = 0;
        if (!r) s.set_error(r.error());
        return;
    }
    // Fill the buffer, write it whole, keep the rest: writes stay
    // buffer-sized, which pipes and disks like best.
    std::size_t room = s.cap_ - s.pos_;
    if (n > room) {
        __builtin_memcpy(s.buf_ + s.pos_, p, room);
        s.pos_ = s.cap_;
        p += room;
        n -= room;
        s.flush_buffer();
        if (s.error_) return;
    }
    __builtin_memcpy(s.buf_ + s.pos_, p, n);
    s.pos_ += n;
}

// An unbuffered stream with a buffer of its own (io::err): the statement
// is gathered in the buffer, and its OutChain writes it.
RING3_COLD void OutStream::write_unbuffered(OutStream& s, const char* p, std::size_t n) {
    s.pending_ = true;
    for (; n > 0 && !s.error_; ++p, --n) {
        if (s.pos_ == s.cap_) s.flush_buffer();
        s.buf_[s.pos_++] = *p;
    }
}

void OutStream::append(const char* p, std::size_t n) {
    if (pos_ + n > limit_) return slow_(*this, p, n);
    char* d = buf_ + pos_;
    pos_ += n;
    if (n > 32) {
        // `rep movsb` rather than memcpy: every program that prints links
        // this, and ring3's memcpy (runtime/src/libc/string/memory.cpp) is
        // a kilobyte of vector code that readfile's 6 KiB cannot carry.
        asm volatile("rep movsb" : "+D"(d), "+S"(p), "+c"(n) : : "memory");
        return;
    }
    // Most of what `<<` appends is a few bytes: a plain loop beats the
    // start-up cost of `rep movsb`, and stays small.
#pragma clang loop vectorize(disable) unroll(disable)
    for (std::size_t i = 0; i < n; ++i) d[i] = p[i];
}

// No canary: the one byte whose address is taken cannot overflow, and the
// check would cost every caller's binary its code.
RING3_COLD __attribute__((no_stack_protector)) void OutStream::append_slow(char c) {
    slow_(*this, &c, 1);
}

namespace {
// Out of line: the chunk's frame (and its canary) is only set up when there
// is something to fill.
[[gnu::noinline]] RING3_COLD void fill_chunks(OutStream& s, char c, std::size_t n) {
    char chunk[64];
    __builtin_memset(chunk, c, sizeof chunk);
    while (n > 0) {
        std::size_t k = n < sizeof chunk ? n : sizeof chunk;
        s.append(chunk, k);
        n -= k;
    }
}
} // namespace

// put_number and put_str ask for no fill at all for every value without a
// width: that returns at once.
RING3_COLD void OutStream::append_fill(char c, std::size_t n) {
    if (n != 0) fill_chunks(*this, c, n);
}

RING3_COLD OutStream::Room OutStream::space(std::size_t need) {
    if (error_ || (!(flags_ & ready) && !setup())) return {nullptr, 0};
    if (cap_ - pos_ < need) {
        if (flags_ & memory) {
            error_ = err::NOBUFS;
            limit_ = 0;
            return {nullptr, 0};
        }
        if (need > cap_) return {nullptr, 0};
        flush_buffer();
        if (error_) return {nullptr, 0};
    }
    return {buf_ + pos_, cap_ - pos_};
}

RING3_COLD void OutStream::committed(std::size_t n) {
    if (error_) return;
    note_pending(buf_ + pos_, n);
    pos_ += n;
}

RING3_COLD void OutStream::end_statement() {
    pending_ = false;
    flush_buffer();
}

RING3_COLD Result<void> OutStream::flush() {
    pending_ = false;
    if (!(flags_ & memory) && fd_ >= 0) flush_buffer();
    if (error_) return Error{error_};
    return {};
}

RING3_COLD void OutStream::clear_error() {
    error_ = 0;
    update_limit();
}

RING3_COLD void OutStream::set_buffering(Buffering mode) {
    (void)flush();
    mode_ = mode;
    slow_ = &write_buffered;
    if ((flags_ & ready) && !(flags_ & memory)) settle_mode();
    update_limit();
}

RING3_COLD Result<void> OutStream::open(const char* path, int flags, unsigned mode) {
    (void)close(); // what was open is done with; the state starts afresh
    auto fd = sys::open(path, flags, mode);
    if (!fd) return Error{fd.error()};
    fd_ = *fd;
    flags_ |= owns_fd;
    return {};
}

RING3_COLD Result<void> OutStream::close() {
    auto r = flush();
    if (flags_ & owns_fd) {
        auto c = sys::close(fd_);
        if (r && !c) r = c;
    }
    fd_ = -1;
    flags_ = static_cast<std::uint8_t>(flags_ & (owns_buffer | exit_on_epipe));
    error_ = 0;
    pos_ = 0;
    column_ = 0;
    limit_ = 0;
    pending_ = false;
    return r;
}

RING3_COLD void OutStream::destroy() {
    if (!(flags_ & memory) && fd_ >= 0) flush_buffer();
    if (flags_ & owns_fd) (void)sys::close(fd_);
    if (flags_ & owns_buffer) (void)sys::munmap(buf_, cap_);
    flags_ = 0;
    pos_ = 0;
}

// ---------------------------------------------------------------------------
// Formatting.

RING3_COLD void OutStream::put_dec_slow(std::int64_t v, bool is_signed) {
    char tmp[dec_scratch_chars];
    std::size_t n =
        is_signed ? format_dec_wide(tmp, v) : format_dec_wide(tmp, static_cast<std::uint64_t>(v));
    append(tmp, n);
}

namespace {

// Padding around a field of `len` bytes: how much fill goes before and
// after, for the field's alignment (`fallback` when none was asked for).
struct Pad {
    std::size_t before = 0, after = 0;
};

RING3_COLD Pad padding(const Spec& spec, std::size_t len, Align fallback) {
    Pad p;
    if (spec.width <= len) return p;
    std::size_t total = spec.width - len;
    Align a = spec.align == Align::none ? fallback : spec.align;
    if (a == Align::left) {
        p.after = total;
    } else if (a == Align::center) {
        p.before = total / 2;
        p.after = total - p.before;
    } else {
        p.before = total;
    }
    return p;
}

RING3_COLD char sign_char(bool negative, Sign sign) {
    if (negative) return '-';
    if (sign == Sign::plus) return '+';
    if (sign == Sign::space) return ' ';
    return 0;
}

} // namespace

// A number is laid out as [fill][sign][prefix][zeros][body][fill]; the
// zeros appear only for fill '0' without an explicit alignment.
namespace {
RING3_COLD void put_number(OutStream& s, char sign, Str prefix, Str body, const Spec& spec) {
    std::size_t len = (sign ? 1 : 0) + prefix.size() + body.size();
    bool zero_pad = spec.fill == '0' && spec.align == Align::none;
    Pad pad = padding(spec, len, Align::right);
    if (!zero_pad) s.append_fill(spec.fill, pad.before);
    if (sign) s.append(sign);
    s.append(prefix.data(), prefix.size());
    if (zero_pad) s.append_fill('0', pad.before);
    s.append(body.data(), body.size());
    s.append_fill(spec.fill, pad.after);
}
} // namespace

RING3_COLD void OutStream::put_int(std::uint64_t magnitude, bool negative, const Spec& spec) {
    char digits[max_base_chars];
    unsigned base = spec.base == 2 || spec.base == 8 || spec.base == 16 ? spec.base : 10;
    std::size_t n = format_base(digits, magnitude, base, spec.upper);
    Str prefix;
    if (spec.prefix) {
        if (base == 16)
            prefix = spec.upper ? "0X" : "0x";
        else if (base == 2)
            prefix = spec.upper ? "0B" : "0b";
        else if (base == 8 && magnitude != 0)
            prefix = "0";
    }
    put_number(*this, sign_char(negative, spec.sign), prefix, Str(digits, n), spec);
}

RING3_COLD void OutStream::put_str(Str s, const Spec& spec) {
    if (spec.precision >= 0 && static_cast<std::size_t>(spec.precision) < s.size())
        s = s.substr(0, static_cast<std::size_t>(spec.precision));
    Pad pad = padding(spec, s.size(), Align::left);
    append_fill(spec.fill, pad.before);
    append(s.data(), s.size());
    append_fill(spec.fill, pad.after);
}

namespace {

// Emits the text of a float piece by piece, or only counts it: the same
// code computes the width for padding, then writes.
struct FloatOut {
    OutStream* s; // null: count only
    std::size_t len = 0;
    void text(const char* p, std::size_t n) {
        len += n;
        if (s) s->append(p, n);
    }
    void zeros(std::size_t n) {
        len += n;
        if (s) s->append_fill('0', n);
    }
    void ch(char c) {
        len += 1;
        if (s) s->append(c);
    }
};

RING3_COLD void exponent(FloatOut& o, int e, bool upper) {
    char buf[8];
    buf[0] = upper ? 'E' : 'e';
    buf[1] = e < 0 ? '-' : '+';
    unsigned m = static_cast<unsigned>(e < 0 ? -e : e);
    std::size_t n = 2;
    if (m < 10) buf[n++] = '0';
    n += format_dec(buf + n, std::uint64_t{m});
    o.text(buf, n);
}

// The body (no sign) of a finite float from its digits.
RING3_COLD void float_body(FloatOut& o, const FloatDigits& d, const char* digits,
                           const Spec& spec) {
    int n = d.count;
    int k = d.exp10; // value = 0.d1d2...dn * 10^k
    int p = spec.precision < 0 ? 0 : spec.precision;
    if (spec.style == FloatStyle::fixed) {
        if (n == 0 || k <= 0) {
            o.ch('0');
        } else {
            int whole = n < k ? n : k;
            o.text(digits, static_cast<std::size_t>(whole));
            o.zeros(static_cast<std::size_t>(k - whole));
        }
        if (p > 0) {
            o.ch('.');
            // Fraction position j (1-based) holds digit index k + j - 1.
            long lead = n == 0 ? p : (k < 0 ? -long{k} : 0);
            if (lead > p) lead = p;
            o.zeros(static_cast<std::size_t>(lead));
            long from = k > 0 ? k : 0;
            long avail = n - from;
            long room = p - lead;
            long take = avail < room ? avail : room;
            if (n > 0 && take > 0)
                o.text(digits + from, static_cast<std::size_t>(take));
            else
                take = 0;
            o.zeros(static_cast<std::size_t>(room - take));
        }
        return;
    }
    if (spec.style == FloatStyle::scientific) {
        o.ch(n ? digits[0] : '0');
        if (p > 0) {
            o.ch('.');
            long take = n - 1 < p ? n - 1 : p;
            if (take < 0) take = 0;
            o.text(digits + 1, static_cast<std::size_t>(take));
            o.zeros(static_cast<std::size_t>(p - take));
        }
        exponent(o, n ? k - 1 : 0, spec.upper);
        return;
    }
    // Shortest: positional for decimal exponents -5 < x < 16, as {fmt}
    // and Python's repr do; scientific beyond.
    if (n == 0) {
        o.ch('0');
        return;
    }
    int x = k - 1;
    if (x < -4 || x >= 16) {
        o.ch(digits[0]);
        if (n > 1) {
            o.ch('.');
            o.text(digits + 1, static_cast<std::size_t>(n - 1));
        }
        exponent(o, x, spec.upper);
    } else if (k <= 0) {
        o.text("0.", 2);
        o.zeros(static_cast<std::size_t>(-k));
        o.text(digits, static_cast<std::size_t>(n));
    } else if (n <= k) {
        o.text(digits, static_cast<std::size_t>(n));
        o.zeros(static_cast<std::size_t>(k - n));
    } else {
        o.text(digits, static_cast<std::size_t>(k));
        o.ch('.');
        o.text(digits + k, static_cast<std::size_t>(n - k));
    }
}

} // namespace

RING3_COLD void OutStream::put_float(double v, const Spec& spec, bool is_float) {
    char digits[max_float_digits];
    FloatDigits d = float_digits(v, spec.style, spec.precision, digits, is_float);
    char sign = sign_char(d.negative, spec.sign);
    if (d.kind != FloatDigits::Kind::finite) {
        Str body = d.kind == FloatDigits::Kind::nan ? (spec.upper ? "NAN" : "nan")
                                                    : (spec.upper ? "INF" : "inf");
        // No zero padding for inf and nan (printf pads them with spaces).
        Spec plain = spec;
        if (plain.fill == '0' && plain.align == Align::none) plain.fill = ' ';
        put_number(*this, sign, Str(), body, plain);
        return;
    }
    bool zero_pad = spec.fill == '0' && spec.align == Align::none;
    FloatOut count{nullptr};
    float_body(count, d, digits, spec);
    std::size_t len = count.len + (sign ? 1 : 0);
    Pad pad = padding(spec, len, Align::right);
    if (!zero_pad) append_fill(spec.fill, pad.before);
    if (sign) append(sign);
    if (zero_pad) append_fill('0', pad.before);
    FloatOut out{this};
    float_body(out, d, digits, spec);
    append_fill(spec.fill, pad.after);
}

// ---------------------------------------------------------------------------
// Input.

// Makes room for at least `extra` bytes after the unread text: moves the
// unread text to the front, and grows the buffer if that is not enough.
RING3_COLD bool InStream::reserve(std::size_t extra) {
    if (std::size_t shift = start_; shift > 0) {
        if (start_ != end_) __builtin_memmove(buf_, buf_ + start_, end_ - start_);
        end_ -= start_;
        start_ = 0;
        // What was scanned moves along; delimiters already found would not,
        // so with some pending the scan starts over.
        scan_ = mask_ == 0 && scan_ >= shift ? scan_ - shift : 0;
        mask_ = 0;
    }
    if (buf_ != nullptr && cap_ - end_ >= extra) return true;
    // Doubling, from at least a page: a caller's tiny buffer does not make
    // for a thousand tiny mappings.
    std::size_t want = cap_ ? cap_ * 2 : default_buffer_size;
    if (want < 4096) want = 4096;
    while (want - end_ < extra) want *= 2;
    if (flags_ & owns_buffer) {
        auto m = sys::mremap(buf_, cap_, want, sys::MREMAP_MAYMOVE);
        if (!m) {
            error_ = m.error();
            return false;
        }
        buf_ = static_cast<char*>(*m);
    } else {
        auto m = map_buffer(want);
        if (!m) {
            error_ = m.error();
            return false;
        }
        if (end_) __builtin_memcpy(*m, buf_, end_);
        buf_ = *m;
        flags_ |= owns_buffer;
    }
    cap_ = want;
    return true;
}

// A prompt on a terminal shows before the program waits for input. Only a
// line-buffered or unbuffered tie is flushed (as glibc flushes its
// line-buffered streams): a filter writing to a pipe or a file keeps
// writing whole buffers.
RING3_COLD void InStream::flush_tie() {
    if (tie_ && tie_->buffering() != Buffering::full && tie_->buffering() != Buffering::automatic)
        (void)tie_->flush();
}

// One read(2) after the unread text. false when nothing more came: end of
// input, or an error (kept in error_).
bool InStream::fill_more() {
    if (at_eof_ || error_) return false;
    if (fd_ < 0) {
        error_ = err::BADF;
        return false;
    }
    if (!reserve(1)) return false;
    std::size_t got = read_fd(buf_ + end_, cap_ - end_);
    end_ += got;
    return got != 0;
}

RING3_COLD std::size_t InStream::read_fd(char* dst, std::size_t n) {
    flush_tie();
    auto r = read_some(fd_, dst, n);
    if (!r) {
        error_ = r.error();
        return 0;
    }
    if (*r == 0) at_eof_ = true;
    return *r;
}

// The delimiters are found 64 bytes at a time and kept as a bit mask
// (mask_, for the bytes from mask_base_ to scan_), so that each call only
// takes the lowest bit: no search loop whose exit, at a random line length,
// the branch predictor would miss at nearly every line.
bool InStream::read_until(char delim, Str& text) {
    if (delim != mask_delim_ || scan_ < start_) {
        // Another delimiter, or get()/read() went past the scanned bytes.
        mask_delim_ = delim;
        mask_ = 0;
        scan_ = start_;
    } else if (mask_ != 0 && start_ > mask_base_) {
        // Bytes before start_ were consumed by get() or read().
        std::size_t gone = start_ - mask_base_;
        mask_ = gone >= 64 ? 0 : mask_ & (~std::uint64_t{0} << gone);
    }
    for (;;) {
        if (mask_ != 0) {
            std::size_t at = mask_base_ + static_cast<std::size_t>(__builtin_ctzll(mask_));
            mask_ &= mask_ - 1;
            text = Str(buf_ + start_, at - start_);
            start_ = at + 1;
            delimited_ = true;
            return true;
        }
        if (scan_ < end_) {
            std::size_t valid = end_ - scan_;
            std::uint64_t m;
            if (scan_ + 64 <= cap_) {
                // Bytes past end_ are inside the buffer; their bits are dropped.
                m = match64(buf_ + scan_, delim);
                if (valid < 64) m &= (std::uint64_t{1} << valid) - 1;
            } else {
                // The last bytes of the buffer, one at a time (rare).
                m = 0;
                if (valid > 64) valid = 64;
#pragma clang loop vectorize(disable) unroll(disable)
                for (std::size_t i = 0; i < valid; ++i)
                    m |= std::uint64_t{buf_[scan_ + i] == delim} << i;
            }
            if (valid > 64) valid = 64;
            mask_base_ = scan_;
            mask_ = m;
            scan_ += valid;
            continue;
        }
        if (!fill_more()) {
            if (start_ < end_ && !error_) {
                text = Str(buf_ + start_, end_ - start_);
                start_ = end_;
                scan_ = end_;
                delimited_ = false;
                return true;
            }
            text = Str();
            return false;
        }
    }
}

bool InStream::read_line_slow(Str& line, LineEnd end) {
    if (!read_until('\n', line)) return false;
    if (end == LineEnd::lf_or_crlf) line = without_cr(line);
    return true;
}

RING3_COLD Result<Str> InStream::read_all() {
    // A regular file says how much is left: grow the buffer once. (+1: the
    // read that sees end of file needs room too.)
    sys::Stat st;
    if (!at_eof_ && !error_ && fd_ >= 0 && sys::fstat(fd_, &st) && st.is_regular()) {
        auto pos = sys::lseek(fd_, 0, sys::SEEK_CUR);
        if (pos && st.st_size > *pos)
            (void)reserve(static_cast<std::size_t>(st.st_size - *pos) + 1);
    }
    while (fill_more()) {}
    if (error_) return Error{error_};
    Str all(buf_ + start_, end_ - start_);
    start_ = end_;
    return all;
}

RING3_COLD Result<std::size_t> InStream::read(void* dst, std::size_t n) {
    auto* out = static_cast<char*>(dst);
    std::size_t done = 0;
    while (done < n) {
        if (start_ < end_) {
            std::size_t k = end_ - start_ < n - done ? end_ - start_ : n - done;
            __builtin_memcpy(out + done, buf_ + start_, k);
            start_ += k;
            done += k;
            continue;
        }
        if (at_eof_ || error_) break;
        if (n - done >= cap_ && cap_ != 0 && fd_ >= 0) {
            // Large reads go straight into the caller's memory.
            std::size_t got = read_fd(out + done, n - done);
            if (got == 0) break;
            done += got;
            continue;
        }
        if (!fill_more()) break;
    }
    if (done == 0 && error_) return Error{error_};
    return done;
}

RING3_COLD int InStream::get_slow() {
    if (start_ < end_ || fill_more()) return static_cast<unsigned char>(buf_[start_++]);
    return -1;
}

RING3_COLD Result<void> InStream::open(const char* path, int flags) {
    (void)close(); // what was open is done with; the state starts afresh
    auto fd = sys::open(path, flags);
    if (!fd) return Error{fd.error()};
    fd_ = *fd;
    flags_ |= owns_fd;
    return {};
}

RING3_COLD Result<void> InStream::close() {
    Result<void> r;
    if (error_) r = Error{error_};
    if (flags_ & owns_fd) {
        auto c = sys::close(fd_);
        if (r && !c) r = c;
    }
    flags_ = static_cast<std::uint8_t>(flags_ & owns_buffer);
    fd_ = -1;
    start_ = end_ = scan_ = 0;
    mask_ = 0;
    error_ = 0;
    at_eof_ = false;
    delimited_ = false;
    return r;
}

RING3_COLD void InStream::destroy() {
    if (flags_ & owns_fd) (void)sys::close(fd_);
    if (flags_ & owns_buffer) (void)sys::munmap(buf_, cap_);
    flags_ = 0;
}

// ---------------------------------------------------------------------------

RING3_COLD int finish_output(OutStream& out, OutStream& err_stream, Str program, int status) {
    auto r = out.flush();
    if (!r) {
        if (r.error() != err::PIPE)
            err_stream << program << ": write error: " << errno_message(r.error()) << '\n';
        if (status == 0) status = 1;
    }
    (void)err_stream.flush();
    return status;
}

} // namespace ring3
