// The typed syscall wrappers and whole-buffer I/O, against real files and
// pipes.
#include <doctest/doctest.h>
#include <ring3/fdio.hpp>
#include <ring3/syscalls.hpp>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

using namespace ring3;

namespace {
struct TempFile {
    char path[64] = "/tmp/ring3-unit-XXXXXX";
    int fd;
    TempFile() { fd = mkstemp(path); }
    ~TempFile() {
        ::close(fd);
        ::unlink(path);
    }
};
} // namespace

TEST_CASE("open reports ENOENT and EISDIR as values") {
    auto r = sys::open("/nonexistent/ring3", sys::O_RDONLY);
    CHECK_FALSE(r.ok());
    CHECK(r.error() == err::NOENT);
    auto d = sys::open("/tmp", sys::O_WRONLY);
    CHECK(d.error() == err::ISDIR);
}

TEST_CASE("write, fstat, read, lseek, mmap on a real file") {
    TempFile t;
    REQUIRE(t.fd >= 0);
    const char text[] = "ring3 writes this";
    auto w = sys::write(t.fd, text, sizeof text - 1);
    REQUIRE(w.ok());
    CHECK(*w == sizeof text - 1);

    sys::Stat st{};
    REQUIRE(sys::fstat(t.fd, &st).ok());
    CHECK(st.is_regular());
    CHECK(st.st_size == static_cast<std::int64_t>(sizeof text - 1));

    REQUIRE(*sys::lseek(t.fd, 0, 0) == 0);
    char buf[64] = {};
    auto r = sys::read(t.fd, buf, sizeof buf);
    REQUIRE(r.ok());
    CHECK(std::memcmp(buf, text, *r) == 0);

    auto m = sys::mmap(nullptr, st.st_size, sys::PROT_READ, sys::MAP_PRIVATE, t.fd, 0);
    REQUIRE(m.ok());
    CHECK(std::memcmp(*m, text, st.st_size) == 0);
    CHECK(sys::munmap(*m, st.st_size).ok());
    // mmap of length 0 is EINVAL: why mmapfile special-cases empty files.
    CHECK(sys::mmap(nullptr, 0, sys::PROT_READ, sys::MAP_PRIVATE, t.fd, 0).error() == err::INVAL);
}

TEST_CASE("close of a bad descriptor is EBADF") {
    CHECK(sys::close(-1).error() == err::BADF);
    CHECK(sys::close(9999).error() == err::BADF);
}

TEST_CASE("write_all completes large writes into a pipe") {
    int p[2];
    REQUIRE(::pipe(p) == 0);
    // 1 MiB is far more than the pipe holds: a child drains it slowly,
    // so the writer sees short writes and must complete them.
    static char data[1 << 20];
    for (std::size_t i = 0; i < sizeof data; ++i) data[i] = static_cast<char>(i * 7);
    pid_t pid = fork();
    if (pid == 0) {
        ::close(p[1]);
        static char got[sizeof data];
        std::size_t n = 0;
        for (;;) {
            auto r = read_some(p[0], got + n, 4096);
            if (!r.ok() || *r == 0) break;
            n += *r;
        }
        _exit(n == sizeof data && std::memcmp(got, data, n) == 0 ? 0 : 1);
    }
    ::close(p[0]);
    CHECK(write_all(p[1], data, sizeof data).ok());
    ::close(p[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("write_all reports EPIPE and ENOSPC") {
    int p[2];
    REQUIRE(::pipe(p) == 0);
    ::close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK(write_all(p[1], "x", 1).error() == err::PIPE);
    ::close(p[1]);
    signal(SIGPIPE, SIG_DFL);

    auto full = sys::open("/dev/full", sys::O_WRONLY);
    REQUIRE(full.ok());
    CHECK(write_all(*full, "data", 4).error() == err::NOSPC);
    (void)sys::close(*full);
}

TEST_CASE("copy_fd tells read errors from write errors") {
    auto dir = sys::open("/tmp", sys::O_RDONLY | sys::O_DIRECTORY);
    REQUIRE(dir.ok());
    char buf[16];
    Copied r = copy_fd(*dir, 1, buf, sizeof buf);
    CHECK(r.error == err::ISDIR);
    CHECK_FALSE(r.writing);
    (void)sys::close(*dir);

    auto src = sys::open("/etc/hosts", sys::O_RDONLY);
    auto full = sys::open("/dev/full", sys::O_WRONLY);
    REQUIRE(src.ok());
    REQUIRE(full.ok());
    r = copy_fd(*src, *full, buf, sizeof buf);
    CHECK(r.error == err::NOSPC);
    CHECK(r.writing);
    (void)sys::close(*src);
    (void)sys::close(*full);
}
