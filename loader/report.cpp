// Messages and exit statuses (stages.hpp): "ring3-load: PROGRAM: why".
#include "stages.hpp"
#include <ring3/errno.hpp>
#include <ring3/syscalls.hpp>

namespace ring3::load {
namespace {

// The errno messages ring3-load can meet, as strerror(3) words them,
// taken at compile time from the runtime's table
// (ring3/detail/errno_table.inc) into one string: the whole table would
// be a third of the loader.
constexpr int errors_met[] = {
    err::PERM,  err::NOENT,    err::IO,    err::TOO_BIG, err::NOEXEC, err::AGAIN,
    err::NOMEM, err::ACCES,    err::FAULT, err::EXIST,   err::NODEV,  err::NOTDIR,
    err::ISDIR, err::INVAL,    err::NFILE, err::MFILE,   err::TXTBSY, err::NAMETOOLONG,
    err::LOOP,  err::OVERFLOW, err::BADF,  err::NOSPC};
constexpr unsigned errors = sizeof errors_met / sizeof errors_met[0];
// Visits the messages of errors_met, in the table's order.
template <class F>
constexpr void for_each_error_met(F f) {
#define RING3_ERRNO(num, id, name, message)                                                        \
    for (int m : errors_met)                                                                       \
        if (m == num) f(num, message);
#include <ring3/detail/errno_table.inc>
#undef RING3_ERRNO
}
constexpr unsigned error_text_bytes() {
    unsigned n = 0;
    for_each_error_met([&](int, const char* m) { n += cstr_len(m) + 1; });
    return n;
}
struct ErrorTexts {
    unsigned char codes[errors];
    char texts[error_text_bytes()]; // NUL-separated, in the order of codes
};
constexpr ErrorTexts make_error_texts() {
    ErrorTexts t{};
    unsigned n = 0, pos = 0;
    for_each_error_met([&](int num, const char* message) {
        t.codes[n++] = static_cast<unsigned char>(num);
        do t.texts[pos++] = *message;
        while (*message++);
    });
    return t;
}
constexpr ErrorTexts error_texts = make_error_texts();

// The buffers messages are composed in, not on the stack: a failure may
// come with the stack at its RLIMIT_STACK (launch). Scratch space, used
// only on the way to exit.
char reason_buf[512];
char message_buf[sizeof reason_buf + path_max + 32];

} // namespace

void print_to(OutStream& s, ErrorText t) {
    const char* text = error_texts.texts;
    for (unsigned i = 0; i < errors; ++i, text += cstr_len(text) + 1) {
        if (error_texts.codes[i] == t.e) {
            s << text;
            return;
        }
    }
    s << "error " << dec(t.e);
}

OutStream reason() { return OutStream(reason_buf, sizeof reason_buf); }

void Report::flush_trace() const {
    if (!trace) return;
    if (auto r = trace->flush(); !r && trace->fd() == 1) stdout_failed(r.error());
}

void Report::fail(int status, Str why) const {
    flush_trace();
    // Unbuffered: the message is one write(2).
    OutStream err(2, message_buf, sizeof message_buf, Buffering::none);
    err << "ring3-load: " << program << ": " << why << '\n';
    sys::exit_group(status);
}

void Report::fail_errno(int status, Str what, int e) const {
    OutStream why = reason();
    if (!what.empty()) why << what << ": ";
    why << ErrorText{e};
    fail(status, why);
}

void stdout_failed(int e) {
    if (e != err::PIPE) {
        OutStream err(2, message_buf, sizeof message_buf, Buffering::none);
        err << "ring3-load: write error: " << ErrorText{e} << '\n';
    }
    sys::exit_group(status_usage);
}

} // namespace ring3::load
