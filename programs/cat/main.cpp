// cat [OPTION]... [FILE]...: GNU cat's options, output and messages, with
// no libc, and the kernel's zero-copy paths when the bytes pass unchanged.
//
//   options.cpp    the command line, parsed as GNU getopt_long parses it
//   copy.cpp       splice / copy_file_range / sendfile, read/write fallback
//   transform.cpp  -n -b -s -E -T -v, byte for byte as GNU cat
//   quote.cpp      file names in messages, quoted as GNU quotes them
//
// docs/cat.md says what is measured and what differs from GNU cat.
#include "copy.hpp"
#include "options.hpp"
#include "transform.hpp"
#include <ring3/env.hpp>
#include <ring3/fdio.hpp>
#include <ring3/report.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

constexpr Str help_text = R"(Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help               display this help and exit
      --version            output version information and exit

Examples:
  cat f - g  Output f's contents, then standard input, then g's contents.
  cat        Copy standard input to standard output.

Without options, ring3 cat copies inside the kernel: splice into a pipe,
copy_file_range into a regular file, sendfile elsewhere.
)";

constexpr Str version_text = R"(cat (ring3) 0.1.0
A zero-libc cat for x86_64 Linux, compatible with GNU cat's options and output.
)";

// A line for stderr assembled from pieces, written at once.
class Message {
public:
    void add(Str s) {
        for (char c : s)
            if (n_ < sizeof buf_ - 1) buf_[n_++] = c;
    }
    void send() {
        buf_[n_++] = '\n';
        (void)write_all(2, buf_, n_);
    }

private:
    char buf_[1024];
    std::size_t n_ = 0;
};

// glibc getopt's words, then GNU's pointer to --help.
int usage_error(const cat::UsageError& e) {
    Message m;
    m.add("cat: ");
    switch (e.problem) {
    case cat::Problem::invalid_short:
        m.add("invalid option -- '");
        m.add(Str(&e.letter, 1));
        m.add("'");
        break;
    case cat::Problem::unrecognized:
        m.add("unrecognized option '");
        m.add(e.text);
        m.add("'");
        break;
    case cat::Problem::takes_no_value:
        m.add("option '--");
        m.add(e.text);
        m.add("' doesn't allow an argument");
        break;
    case cat::Problem::ambiguous:
        m.add("option '");
        m.add(e.text);
        m.add("' is ambiguous; possibilities:");
        for (int i = 0; i < cat::long_option_count; ++i) {
            if (e.candidates & (1u << i)) {
                m.add(" '--");
                m.add(cat::long_option_name(i));
                m.add("'");
            }
        }
        break;
    case cat::Problem::none:
        break;
    }
    m.send();
    report_line({"Try 'cat --help' for more information."});
    return 1;
}

int print(Str text) {
    if (auto w = write_all(1, text); !w) cat::write_failed(w.error());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    cat::Parsed args = cat::parse(argc, argv, getenv("POSIXLY_CORRECT") != nullptr);
    switch (args.action) {
    case cat::Action::help:
        return print(help_text);
    case cat::Action::version:
        return print(version_text);
    case cat::Action::usage:
        return usage_error(args.error);
    case cat::Action::copy:
        break;
    }

    cat::Output out;
    if (auto r = sys::fstat(1, &out.st); !r) {
        report_line({"cat: standard output: ", r.message()});
        return 1;
    }
    out.regular = out.st.is_regular();
    out.fifo = out.st.is_fifo();
    if (out.regular) {
        auto flags = sys::fcntl(1, sys::F_GETFL);
        out.append = flags && (*flags & sys::O_APPEND);
    }

    // The transformation's state spans all the files: line numbers go on,
    // a line may start in one file and end in the next.
    const bool transforming = args.options.transforms();
    cat::Transform transform(args.options);

    char dash[] = "-";
    char* stdin_only[] = {dash};
    char** files = args.operand_count > 0 ? argv + 1 : stdin_only;
    int count = args.operand_count > 0 ? args.operand_count : 1;

    bool ok = true;
    bool read_stdin = false;
    for (int i = 0; i < count; ++i) {
        Str name = files[i];
        const bool is_stdin = name == "-";
        int fd = 0;
        if (is_stdin) {
            read_stdin = true;
        } else {
            auto opened = sys::open(files[i], sys::O_RDONLY);
            if (!opened) {
                cat::report_file(name, opened.message());
                ok = false;
                continue;
            }
            fd = *opened;
        }

        sys::Stat st;
        if (auto r = sys::fstat(fd, &st); !r) {
            cat::report_file(name, r.message());
            ok = false;
        } else if (out.regular && st.st_dev == out.st.st_dev && st.st_ino == out.st.st_ino &&
                   sys::lseek(fd, 0, sys::SEEK_CUR).value_or(-1) < st.st_size) {
            // `cat f >> f` would read its own output forever (GNU's test:
            // same file, and unread bytes left in it).
            cat::report_file(name, "input file is output file");
            ok = false;
        } else if (transforming) {
            ok &= cat::copy_transformed(fd, transform, name);
        } else {
            ok &= cat::copy_plain(fd, st, out, name);
        }

        if (!is_stdin) {
            if (auto r = sys::close(fd); !r) {
                cat::report_file(name, r.message());
                ok = false;
            }
        }
    }
    if (transforming) cat::finish_transformed(transform);

    if (read_stdin) {
        if (auto r = sys::close(0); !r) {
            report_line({"cat: closing standard input: ", r.message()});
            return 1;
        }
    }
    return ok ? 0 : 1;
}
