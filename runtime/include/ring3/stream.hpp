// Buffered streams over file descriptors: what every ring3 program reads
// and writes through.
//
//     #include <ring3/stream.hpp>
//     using namespace ring3;
//
//     io::out << "x=" << x << ", ratio " << fixed(r, 2) << '\n';
//     io::warn() << path << ": " << errno_message(e) << '\n';
//     Str line;
//     while (io::in.read_line(line)) ...
//
// Output (OutStream):
//   - buffered in 64 KiB; a write larger than the buffer goes straight to
//     the kernel, together with what is buffered (one writev);
//   - io::out (stdout) is line-buffered on a terminal and fully buffered
//     otherwise, decided at its first write; io::err (stderr) is unbuffered;
//   - "line-buffered" and "unbuffered" act per statement: every `<<` chain
//     returns an OutChain that lives to the end of the statement and then
//     flushes what is owed, so `io::err << a << b << '\n'` is one write(2);
//   - errors are sticky: the first failed write (ENOSPC, EPIPE, EBADF, ...)
//     is kept in error(), later output is dropped, flush() and close()
//     return it. At exit, a failed io::out prints
//     "program: write error: <message>" and the status becomes 1 (EPIPE:
//     status 1, no message). io::out ends the program at once, quietly
//     and with status 1, when its reader has gone (EPIPE), as SIGPIPE would.
//
// Input (InStream): buffered reads; read_line and read_until return views
// into the buffer (no copy), valid until the next read from the stream;
// lines longer than the buffer grow it.
//
// No static constructors: io::out, io::err and io::in are constant-
// initialised, and a program that never uses them links none of this.
// docs/streams.md has the whole API.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstddef>
#include <cstdint>
#include <ring3/format.hpp>
#include <ring3/process.hpp>
#include <ring3/result.hpp>
#include <ring3/str.hpp>
#include <type_traits>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3 {

class OutStream;

// The result of every write to an OutStream. It lives until the end of
// the statement (the full-expression) and then flushes a line-buffered
// stream that received a newline, or an unbuffered stream. Statements
// nested in it (a print_to that writes `s << ...` for a user type) do not
// flush: the outermost statement is still one write.
class OutChain {
public:
    // Runs `write` as part of a statement on s.
    template <class F>
    OutChain(OutStream& s, F&& write);
    explicit OutChain(OutStream& s) : OutChain(s, [] {}) {}
    OutChain(const OutChain&) = delete;
    OutChain& operator=(const OutChain&) = delete;
    inline ~OutChain();
    OutStream& stream() const { return s_; }

private:
    OutStream& s_;
};

enum class Buffering : std::uint8_t {
    full,      // written when the buffer is full, on flush() and at close/exit
    line,      // also after each statement that wrote a newline
    none,      // also after each statement
    automatic, // line on a terminal, else full (decided at the first write)
};

class OutStream {
public:
    static constexpr std::size_t default_buffer_size = 64 * 1024;
    // Option: EPIPE ends the program (status 1, no message), as SIGPIPE
    // would have. Set for io::out.
    static constexpr unsigned exit_on_epipe = 1;

    // A closed stream; open() it.
    constexpr OutStream() = default;
    // Over `fd`, with a caller's buffer (which must outlive the stream).
    // `tie`: a stream flushed before this one writes to its fd, so that
    // with both on one file the bytes land in the order they were printed
    // (io::err is tied to io::out, as GNU tools flush stdout before a
    // diagnostic).
    constexpr OutStream(int fd, char* buffer, std::size_t size, Buffering mode = Buffering::full,
                        unsigned options = 0, OutStream* tie = nullptr)
        : buf_(buffer), cap_(size), tie_(tie), fd_(fd), mode_(mode),
          flags_(static_cast<std::uint8_t>(options & exit_on_epipe)),
          slow_(mode == Buffering::none && buffer != nullptr && size != 0 ? &write_unbuffered
                                                                          : &write_buffered) {}
    // Over `fd`, with a default_buffer_size buffer mapped at the first write.
    explicit OutStream(int fd, Buffering mode = Buffering::full) : fd_(fd), mode_(mode) {}
    // Into memory only: text past `size` is dropped and error() is ENOBUFS.
    constexpr OutStream(char* buffer, std::size_t size)
        : buf_(buffer), limit_(size), cap_(size), flags_(memory | ready) {}
    OutStream(const OutStream&) = delete;
    OutStream& operator=(const OutStream&) = delete;
    // Flushes (an error is lost: call close() to see it), closes an fd
    // that open() opened, frees a mapped buffer.
    ~OutStream() {
        if (pos_ != 0 || (flags_ & (owns_fd | owns_buffer))) destroy();
    }

    // O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, spelled as numbers so that
    // this header does not clash with <fcntl.h>'s macros in hosted code.
    static constexpr int create_flags = 01 | 0100 | 01000 | 02000000;

    // Opens `path` for writing (by default created or truncated, mode 0666
    // before the umask); a stream already open is closed first.
    Result<void> open(const char* path, int flags = create_flags, unsigned mode = 0666);
    // Flushes, closes the fd if open() opened it, and returns the first
    // error the stream met. The stream can then be opened again.
    Result<void> close();

    OutChain put(char c) {
        return OutChain(*this, [&] { append(c); });
    }
    OutChain write(Str s) {
        return OutChain(*this, [&] { append(s.data(), s.size()); });
    }
    OutChain write(const void* p, std::size_t n) {
        return OutChain(*this, [&] { append(static_cast<const char*>(p), n); });
    }
    // n copies of c.
    OutChain fill(char c, std::size_t n) {
        return OutChain(*this, [&] { append_fill(c, n); });
    }
    // Writes what is buffered; returns the stream's first error, if any.
    Result<void> flush();

    // The buffer itself, for code that produces bytes in bulk (a
    // converter, a read(2) into the stream) and should not copy them once
    // more:
    //     auto room = s.space(64);               // at least 64 bytes free
    //     if (room.size == 0) ... s.error() ...  // the stream has failed
    //     s.commit(produce(room.data, room.size));
    // space() writes out what is buffered when less than `need` is free.
    // It returns no room when the stream has failed, when `need` is larger
    // than the buffer, or (a memory stream, error ENOBUFS) when less than
    // `need` is left.
    struct Room {
        char* data;
        std::size_t size;
    };
    Room space(std::size_t need);
    // Adds the first n bytes of the last space() to the stream, as a
    // statement: a line-buffered stream writes them if they hold a
    // newline, an unbuffered one at once.
    OutChain commit(std::size_t n) {
        return OutChain(*this, [&] { committed(n); });
    }

    // The first error (an errno), 0 if none.
    int error() const { return error_; }
    bool ok() const { return error_ == 0; }
    // Forgets the error, so that output is attempted again.
    void clear_error();
    int fd() const { return fd_; }
    Buffering buffering() const { return mode_; }
    void set_buffering(Buffering mode);
    // The stream flushed before this one writes (see the constructor).
    void set_tie(OutStream* first) { tie_ = first; }
    // What is in the buffer: for a memory stream, everything written.
    Str buffered() const { return {buf_, pos_}; }
    // How many bytes the current line holds so far (since the last '\n'
    // written, or the start): the column the next byte goes to, for text
    // aligned in columns. Exact up to column_limit; a longer line reports
    // column_limit.
    std::size_t column() const;
    static constexpr std::size_t column_limit = 256;

    // The conversions behind operator<<, usable directly.
    void put_u64(std::uint64_t v) {
        if (pos_ + dec_scratch_chars <= limit_)
            pos_ += format_dec_wide(buf_ + pos_, v);
        else
            put_dec_slow(static_cast<std::int64_t>(v), false);
    }
    void put_i64(std::int64_t v) {
        if (pos_ + dec_scratch_chars <= limit_)
            pos_ += format_dec_wide(buf_ + pos_, v);
        else
            put_dec_slow(v, true);
    }
    void put_int(std::uint64_t magnitude, bool negative, const Spec& spec);
    void put_float(double v, const Spec& spec, bool is_float = false);
    void put_str(Str s, const Spec& spec);

    // Appends without the end-of-statement flush: for print_to functions,
    // whose caller's OutChain does it.
    void append(char c) {
        if (pos_ < limit_)
            buf_[pos_++] = c;
        else
            append_slow(c);
    }
    // A call: text is copied in a few moves when short, by memcpy when
    // long; inlining the check at every `<<` of a literal costs more code
    // than it saves time.
    void append(const char* p, std::size_t n);
    void append_fill(char c, std::size_t n);

private:
    friend class OutChain;
    static constexpr std::uint8_t owns_fd = 2, owns_buffer = 4, memory = 8, ready = 16;

    void append_slow(char c);
    void committed(std::size_t n);
    void put_dec_slow(std::int64_t v, bool is_signed);
    // What append does when the fast path does not apply. Through a
    // pointer, so that a program whose only stream is the unbuffered
    // io::err links the small write_unbuffered and not the general path
    // (buffer mapping, terminal detection, writev for large writes).
    using SlowPath = void (*)(OutStream&, const char*, std::size_t);
    static void write_buffered(OutStream& s, const char* p, std::size_t n);
    static void write_unbuffered(OutStream& s, const char* p, std::size_t n);
    void end_statement();
    bool setup();
    void settle_mode();
    void update_limit();
    void note_pending(const char* p, std::size_t n);
    void flush_buffer();
    void flush_tie();
    void wrote(const char* p, std::size_t n);
    void set_error(int e);
    void destroy();

    // The fast path copies into buf_ while pos_ + n <= limit_. limit_ is
    // cap_ for a ready, fully buffered (or memory) stream without error,
    // and 0 otherwise, so that every other case takes slow_ (update_limit).
    char* buf_ = nullptr;
    std::size_t pos_ = 0;
    std::size_t limit_ = 0;
    std::size_t cap_ = 0;
    std::size_t column_ = 0; // of what was written to the fd (column())
    OutStream* tie_ = nullptr;
    int fd_ = -1;
    int error_ = 0;
    Buffering mode_ = Buffering::full;
    bool pending_ = false;   // flush at the end of the statement
    std::uint8_t depth_ = 0; // statements open (OutChains alive)
    std::uint8_t flags_ = 0;
    SlowPath slow_ = &write_buffered;
};

template <class F>
OutChain::OutChain(OutStream& s, F&& write) : s_(s) {
    ++s.depth_;
    write();
}

inline OutChain::~OutChain() {
    if (--s_.depth_ == 0 && s_.pending_) s_.end_statement();
}

// An OutStream over a buffer of its own, for formatting into memory:
//     StrBuf<64> b;
//     b << "pid " << pid;
//     Str s = b.str();
template <std::size_t N>
class StrBuf : public OutStream {
public:
    StrBuf() : OutStream(storage_, N) {}
    Str str() const { return buffered(); }

private:
    char storage_[N];
};

// ---------------------------------------------------------------------------
// print_to: how a value is printed. ring3 defines it for the built-in
// types; to print your own type, define
//     void print_to(ring3::OutStream& s, const YourType& v) { s << ...; }
// next to the type (argument-dependent lookup finds it).

inline void print_to(OutStream& s, char c) { s.append(c); }
inline void print_to(OutStream& s, Str v) { s.append(v.data(), v.size()); }
inline void print_to(OutStream& s, const char* v) { print_to(s, v ? Str(v) : Str("(null)")); }
inline void print_to(OutStream& s, bool b) {
    if (b)
        s.append("true", 4);
    else
        s.append("false", 5);
}
// signed char and unsigned char (int8_t, uint8_t) print as numbers, not
// characters.
template <Integer T>
inline void print_to(OutStream& s, T v) {
    if constexpr (std::is_signed_v<T>)
        s.put_i64(v);
    else
        s.put_u64(v);
}
// The shortest text that reads back as the same value: 0.1, 1e+100, 3.
inline void print_to(OutStream& s, double v) { s.put_float(v, Spec{}, false); }
inline void print_to(OutStream& s, float v) { s.put_float(v, Spec{}, true); }
// 0x and lowercase hex digits.
inline void print_to(OutStream& s, const void* p) {
    s.put_int(reinterpret_cast<std::uintptr_t>(p), false, Spec{.base = 16, .prefix = true});
}
inline void print_to(OutStream& s, std::nullptr_t) {
    print_to(s, static_cast<const void*>(nullptr));
}

// std::string, std::string_view and their kin: any type with a
// traits_type and data() and size() of chars. A concept rather than an
// overload, so that this header does not include <string> for programs
// that never use it.
template <class T>
concept CharSequence = requires(const T& v) {
    typename T::traits_type;
    requires std::is_convertible_v<decltype(v.data()), const char*>;
    requires std::is_convertible_v<decltype(v.size()), std::size_t>;
};
template <CharSequence T>
inline void print_to(OutStream& s, const T& v) {
    s.append(v.data(), v.size());
}

template <class T>
void print_to(OutStream& s, const Formatted<T>& f) {
    if constexpr (Integer<T>) {
        if constexpr (std::is_signed_v<T>) {
            auto v = static_cast<std::int64_t>(f.value);
            s.put_int(v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v),
                      v < 0, f.spec);
        } else {
            s.put_int(f.value, false, f.spec);
        }
    } else if constexpr (std::is_same_v<T, double>) {
        s.put_float(f.value, f.spec, false);
    } else if constexpr (std::is_same_v<T, float>) {
        s.put_float(f.value, f.spec, true);
    } else if constexpr (std::is_same_v<T, bool>) {
        s.put_str(f.value ? Str("true", 4) : Str("false", 5), f.spec);
    } else if constexpr (std::is_same_v<T, char>) {
        s.put_str(Str(&f.value, 1), f.spec);
    } else if constexpr (std::is_convertible_v<T, Str>) {
        s.put_str(Str(f.value), f.spec);
    } else if constexpr (CharSequence<T>) {
        s.put_str(Str(f.value.data(), f.value.size()), f.spec);
    } else if constexpr (std::is_pointer_v<T> || std::is_null_pointer_v<T>) {
        Spec spec = f.spec;
        spec.base = 16;
        spec.prefix = true;
        s.put_int(reinterpret_cast<std::uintptr_t>(static_cast<const void*>(f.value)), false, spec);
    } else {
        static_assert(sizeof(T) == 0, "fmt(): no formatting options for this type");
    }
}

template <class T>
concept Printable = requires(OutStream& s, const T& v) {
    print_to(s, v);
};

template <Printable T>
inline OutChain operator<<(OutStream& s, const T& v) {
    return OutChain(s, [&] { print_to(s, v); });
}
template <Printable T>
inline const OutChain& operator<<(const OutChain& c, const T& v) {
    print_to(c.stream(), v);
    return c;
}
// String literals and other char arrays: one function for all of them,
// rather than one template instance per array length.
inline OutChain operator<<(OutStream& s, const char* v) {
    return OutChain(s, [&] { print_to(s, v); });
}
inline const OutChain& operator<<(const OutChain& c, const char* v) {
    print_to(c.stream(), v);
    return c;
}

// ---------------------------------------------------------------------------
// Input.

enum class LineEnd : std::uint8_t {
    lf,         // a line ends at '\n'; a '\r' before it is part of the line
    lf_or_crlf, // a line ends at '\n' or "\r\n"
};

class InStream {
public:
    static constexpr std::size_t default_buffer_size = 64 * 1024;

    // A closed stream; open() it.
    constexpr InStream() = default;
    // Over `fd`, with a caller's buffer. `tie`: an OutStream flushed
    // before each read(2) when it is line-buffered or unbuffered, so that a
    // prompt on a terminal shows before the program waits for its answer
    // (io::in is tied to io::out).
    constexpr InStream(int fd, char* buffer, std::size_t size, OutStream* tie = nullptr)
        : buf_(buffer), cap_(size), fd_(fd), tie_(tie) {}
    // Over `fd`, with a default_buffer_size buffer mapped at the first read.
    explicit InStream(int fd) : fd_(fd) {}
    // Reads `text` (which must outlive the stream), then end of input.
    explicit InStream(Str text)
        : buf_(const_cast<char*>(text.data())), end_(text.size()), cap_(text.size()),
          at_eof_(true) {}
    InStream(const InStream&) = delete;
    InStream& operator=(const InStream&) = delete;
    ~InStream() {
        if (flags_ & (owns_fd | owns_buffer)) destroy();
    }

    static constexpr int read_flags = 02000000; // O_RDONLY | O_CLOEXEC

    Result<void> open(const char* path, int flags = read_flags);
    Result<void> close();

    // The next line, without its line end, as a view into the buffer
    // valid until the next read. A last line without '\n' is a line too.
    // false at end of input or on an error (then error() is set).
    [[gnu::always_inline]] bool read_line(Str& line, LineEnd end = LineEnd::lf) {
        // Inline for the common case: the newline is in the 64 bytes the
        // last scan covered, or in the next 64, already read. Everything
        // else (refills, long lines, end of input) is read_line_slow.
        if (mask_delim_ == '\n' && scan_ >= start_) {
            if (mask_ == 0 && scan_ + 64 <= end_) {
                mask_ = match64(buf_ + scan_, '\n');
                mask_base_ = scan_;
                scan_ += 64;
            }
            if (mask_ != 0) {
                std::size_t at = mask_base_ + static_cast<std::size_t>(__builtin_ctzll(mask_));
                if (at >= start_) {
                    mask_ &= mask_ - 1;
                    line = Str(buf_ + start_, at - start_);
                    start_ = at + 1;
                    delimited_ = true;
                    if (end == LineEnd::lf_or_crlf) line = without_cr(line);
                    return true;
                }
            }
        }
        return read_line_slow(line, end);
    }
    // The text up to the next `delim`, which is consumed but not returned;
    // at end of input, what is left (if anything). false at end of input
    // or on an error.
    bool read_until(char delim, Str& text);
    // Everything up to end of input, as a view valid until the next read.
    Result<Str> read_all();
    // Reads n bytes into dst, fewer only at end of input or on an error;
    // returns how many, or the error if none could be read.
    Result<std::size_t> read(void* dst, std::size_t n);
    // The next byte (0..255), or -1 at end of input or on an error.
    int get() {
        if (start_ < end_) return static_cast<unsigned char>(buf_[start_++]);
        return get_slow();
    }

    // Whether the last read_line or read_until stopped at its delimiter:
    // false for a last line that has no newline (cat -n, for one, must not
    // add it).
    bool delimited() const { return delimited_; }
    // True once end of input was read and nothing buffered is left.
    bool eof() const { return at_eof_ && start_ == end_; }
    int error() const { return error_; }
    bool ok() const { return error_ == 0; }
    int fd() const { return fd_; }
    void set_tie(OutStream* out) { tie_ = out; }

private:
    static constexpr std::uint8_t owns_fd = 2, owns_buffer = 4;

    int get_slow();
    bool read_line_slow(Str& line, LineEnd end);
    // Bit i set where p[i] == c, for the 64 bytes at p (SSE2, through the
    // compilers' vector extensions: no intrinsics header, which would pull
    // in libc headers).
    static std::uint64_t match64(const char* p, char c) {
        using V16 = char __attribute__((vector_size(16)));
        V16 needle = V16{} + c;
        std::uint64_t m = 0;
        for (int i = 0; i < 4; ++i) {
            V16 v;
            __builtin_memcpy(&v, p + 16 * i, 16);
            auto bits = static_cast<std::uint16_t>(
                __builtin_ia32_pmovmskb128(reinterpret_cast<V16>(v == needle)));
            m |= std::uint64_t{bits} << (16 * i);
        }
        return m;
    }
    static Str without_cr(Str line) {
        return !line.empty() && line[line.size() - 1] == '\r' ? line.substr(0, line.size() - 1)
                                                              : line;
    }
    void flush_tie();
    bool fill_more();
    // One read(2) into dst, the tie flushed first: how many bytes, 0 at
    // end of input or on an error (both recorded).
    std::size_t read_fd(char* dst, std::size_t n);
    bool reserve(std::size_t extra);
    void destroy();

    // Unread text is buf_[start_, end_).
    char* buf_ = nullptr;
    std::size_t start_ = 0;
    std::size_t end_ = 0;
    std::size_t cap_ = 0;
    int fd_ = -1;
    int error_ = 0;
    bool at_eof_ = false;
    std::uint8_t flags_ = 0;
    char mask_delim_ = '\n';
    bool delimited_ = false;
    OutStream* tie_ = nullptr;
    // read_until's scan state: bit i of mask_ is a delimiter at
    // mask_base_ + i, for the bytes up to scan_ (none before start_).
    std::size_t scan_ = 0;
    std::size_t mask_base_ = 0;
    std::uint64_t mask_ = 0;
};

// What the exit path does with the standard streams: flushes `out`; if it
// could not be written, prints "program: write error: <message>" on `err`
// (nothing for EPIPE) and turns a zero status into 1. Returns the status.
int finish_output(OutStream& out, OutStream& err, Str program, int status);

// ---------------------------------------------------------------------------
// The standard streams (ring3 programs only: runtime/src/freestanding/).

namespace io {
extern OutStream out; // fd 1
extern OutStream err; // fd 2
extern InStream in;   // fd 0, tied to out
// Starts a message on err with "program: " (ring3::program_name(), the
// last component of argv[0]), to be completed:
//     io::warn() << path << ": " << errno_message(e) << '\n';
inline OutChain warn() {
    return OutChain(err, [] {
        print_to(err, program_name());
        err.append(": ", 2);
    });
}
} // namespace io

} // namespace ring3
#include <ring3/detail/libc_macros_end.hpp>
