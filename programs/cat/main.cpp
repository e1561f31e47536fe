// cat [OPTION]... [FILE]...: GNU cat's options, output and messages, with
// no libc, and the kernel's zero-copy paths when the bytes pass unchanged.
//
//   options.cpp    the command line, parsed as GNU getopt_long parses it
//   copy.cpp       splice / copy_file_range / sendfile, read/write fallback,
//                  the output stream the bytes cat handles itself go through
//   transform.cpp  -n -b -s -E -T -v, byte for byte as GNU cat
//   quote.cpp      file names in messages, quoted as GNU quotes them
//
// docs/cat.md says what is measured and what differs from GNU cat.
#include "copy.hpp"
#include "options.hpp"
#include "transform.hpp"
#include <ring3/env.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

constexpr Str help_head = R"(Usage: cat [OPTION]... [FILE]...
Writes each FILE to standard output, one after the other. A FILE of -, or
no FILE at all, means standard input.

)";

constexpr Str help_tail = R"(
With no option, ring3's cat moves the bytes inside the kernel: splice into
a pipe, copy_file_range into a regular file, sendfile anywhere else, and
read/write where the kernel cannot.
)";

constexpr Str version_text = R"(cat (ring3) 0.1.0
A zero-libc cat for x86_64 Linux, compatible with GNU cat's options and output.
)";

} // namespace

int main(int argc, char** argv) {
    cat::Parsed args = cat::parse(argc, argv, getenv("POSIXLY_CORRECT") != nullptr);
    switch (args.action) {
    case cat::Action::help: {
        char buf[2048];
        OutStream help(buf, sizeof buf);
        help << help_head;
        opt::write_help(help, cat::option_table);
        help << help_tail;
        cat::print(help.buffered());
        return 0;
    }
    case cat::Action::version:
        cat::print(version_text);
        return 0;
    case cat::Action::usage:
        return opt::report(args.error, cat::option_table, 1);
    case cat::Action::copy:
        break;
    }

    cat::Output output;
    if (auto r = sys::fstat(1, &output.st); !r) {
        io::err << "cat: standard output: " << r.message() << '\n';
        return 1;
    }
    output.regular = output.st.is_regular();
    output.fifo = output.st.is_fifo();
    if (output.regular) {
        auto flags = sys::fcntl(1, sys::F_GETFL);
        output.append = flags && (*flags & sys::O_APPEND);
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
        } else if (output.regular && st.st_dev == output.st.st_dev &&
                   st.st_ino == output.st.st_ino &&
                   sys::lseek(fd, 0, sys::SEEK_CUR).value_or(-1) < st.st_size) {
            // `cat f >> f` would read its own output forever (GNU's test:
            // same file, and unread bytes left in it).
            cat::report_file(name, "input file is output file");
            ok = false;
        } else if (transforming) {
            ok &= cat::copy_transformed(fd, transform, name);
        } else {
            ok &= cat::copy_plain(fd, st, output, name);
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
            io::err << "cat: closing standard input: " << r.message() << '\n';
            return 1;
        }
    }
    return ok ? 0 : 1;
}
