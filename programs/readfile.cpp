// readfile [FILE...]: copy each FILE to stdout with read(2) and write(2).
//
// The seed article's first program, done right: a 64 KiB buffer instead of
// 16 bytes, EINTR retried, short writes completed, and errors reported per
// file while the other files are still copied. With no FILE it prints
// /etc/hosts, as the article did.
#include <ring3/fdio.hpp>
#include <ring3/report.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

constexpr Str program = "readfile";
// 64 KiB: large enough that a pipe (64 KiB by default) is filled in one
// write, and a typical text file is read in one read.
alignas(4096) char buffer[64 * 1024];

} // namespace

int main(int argc, char** argv) {
    const char* default_files[] = {"/etc/hosts"};
    char** files = argc > 1 ? argv + 1 : const_cast<char**>(default_files);
    int count = argc > 1 ? argc - 1 : 1;

    int status = 0;
    for (int i = 0; i < count; ++i) {
        auto fd = sys::open(files[i], sys::O_RDONLY | sys::O_CLOEXEC);
        if (!fd) {
            report_errno(program, files[i], fd.error());
            status = 1;
            continue;
        }
        bool write_failed = false;
        auto copied = copy_fd(*fd, 1, buffer, sizeof buffer, &write_failed);
        if (!copied) {
            if (write_failed) {
                // A reader that went away is not an error worth a message
                // (GNU cat is killed by SIGPIPE; with SIGPIPE ignored we
                // get EPIPE and end just as quietly).
                if (copied.error() != err::PIPE)
                    report_errno(program, "write error", copied.error());
                return 1;
            }
            report_errno(program, files[i], copied.error());
            status = 1;
        }
        (void)sys::close(*fd);
    }
    return status;
}
