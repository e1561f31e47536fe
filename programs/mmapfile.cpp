// mmapfile [FILE...]: copy each FILE to stdout by mapping it into memory.
//
// The seed article's second approach: fstat for the size, mmap the whole
// file read-only, one write(2) of the mapping. What mmap cannot map falls
// back to read/write: pipes and character devices (ENODEV), and files that
// report size 0 but have contents, like those in /proc. A truly empty file
// prints nothing (mmap of length 0 would be EINVAL). Errors are reported
// per file through io::err, one write per message.
//
// A file that shrinks while it is mapped (another process truncates it)
// leaves pages of the mapping with no file behind them. A program that
// touched those pages would get SIGBUS; mmapfile never touches them: it
// hands the mapping to write(2), and the kernel's copy from them fails
// instead, with a short write and then EFAULT (mm/memory.c turns the fault
// into VM_FAULT_SIGBUS, which a copy from user memory inside the kernel
// reports as -EFAULT, not as a signal). So there is no SIGBUS to catch:
// EFAULT while writing the mapping, with the file now smaller than
// mapped, is reported as "FILE: file changed while it was being read",
// status 1, and the next file is copied (docs/reliability.md).
#include <ring3/fdio.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

constexpr Str program = "mmapfile";
alignas(4096) char buffer[64 * 1024];

// "mmapfile: what: <errno message>" on stderr, in one write.
[[gnu::noinline]] void complain(const char* what, int e) {
    io::err << program << ": " << what << ": " << errno_message(e) << '\n';
}

enum class Outcome { ok, read_error, write_error, changed };

// Copies one open file to stdout. `last`: no file follows, so a mapping
// can be left to exit_group to tear down (one system call fewer).
Outcome copy_mapped(int fd, bool last, int* err) {
    sys::Stat st;
    if (auto r = sys::fstat(fd, &st); !r) {
        *err = r.error();
        return Outcome::read_error;
    }
    if (st.is_dir()) {
        *err = err::ISDIR;
        return Outcome::read_error;
    }
    if (st.is_regular() && st.st_size > 0) {
        auto size = static_cast<std::size_t>(st.st_size);
        auto map = sys::mmap(nullptr, size, sys::PROT_READ, sys::MAP_PRIVATE, fd, 0);
        if (map) {
            auto w = write_all(1, *map, size);
            if (!last) (void)sys::munmap(*map, size);
            if (!w) {
                *err = w.error();
                // The mapping is ours and valid: EFAULT means the kernel
                // could not read the file behind it. Shrunk: changed;
                // otherwise an I/O error on the file.
                if (*err == err::FAULT) {
                    sys::Stat now;
                    if (sys::fstat(fd, &now) && now.st_size < st.st_size) return Outcome::changed;
                    *err = err::IO;
                    return Outcome::read_error;
                }
                return Outcome::write_error;
            }
            return Outcome::ok;
        }
        // Some filesystems refuse mmap: fall through to read/write.
    }
    Copied copied = copy_fd(fd, 1, buffer, sizeof buffer);
    if (!copied) {
        *err = copied.error;
        return copied.writing ? Outcome::write_error : Outcome::read_error;
    }
    return Outcome::ok;
}

} // namespace

int main(int argc, char** argv) {
    const char* default_files[] = {"/etc/hosts"};
    char** files = argc > 1 ? argv + 1 : const_cast<char**>(default_files);
    int count = argc > 1 ? argc - 1 : 1;

    int status = 0;
    for (int i = 0; i < count; ++i) {
        auto fd = sys::open(files[i], sys::O_RDONLY | sys::O_CLOEXEC);
        if (!fd) {
            complain(files[i], fd.error());
            status = 1;
            continue;
        }
        int e = 0;
        Outcome o = copy_mapped(*fd, i == count - 1, &e);
        (void)sys::close(*fd);
        if (o == Outcome::write_error) {
            if (e != err::PIPE) complain("write error", e);
            return 1;
        }
        if (o == Outcome::read_error) {
            complain(files[i], e);
            status = 1;
        }
        if (o == Outcome::changed) {
            io::err << program << ": " << files[i] << ": file changed while it was being read\n";
            status = 1;
        }
    }
    return status;
}
