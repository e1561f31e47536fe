// Output streams against pipes, sockets, files and failing devices:
// buffering modes, short writes, EINTR, ENOSPC, EPIPE, EBADF, and the
// exit path's message.
#include <doctest/doctest.h>
#include <ring3/stream.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ring3;

namespace {

// These tests use pipes and threads; should one ever block, SIGALRM ends
// the run instead of leaving ctest waiting.
const unsigned watchdog = ::alarm(120);

struct Pipe {
    int r = -1, w = -1;
    Pipe() {
        int fds[2];
        REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
        r = fds[0];
        w = fds[1];
    }
    ~Pipe() {
        if (r >= 0) ::close(r);
        if (w >= 0) ::close(w);
    }
    void close_read() {
        ::close(r);
        r = -1;
    }
    void close_write() {
        ::close(w);
        w = -1;
    }
    // What the pipe holds right now, without waiting.
    std::string available() const {
        int flags = ::fcntl(r, F_GETFL);
        ::fcntl(r, F_SETFL, flags | O_NONBLOCK);
        std::string s;
        char buf[65536];
        for (;;) {
            ssize_t n = ::read(r, buf, sizeof buf);
            if (n <= 0) break;
            s.append(buf, static_cast<std::size_t>(n));
        }
        ::fcntl(r, F_SETFL, flags);
        return s;
    }
};

// A SOCK_SEQPACKET pair keeps write boundaries: each recv returns exactly
// one write, so the tests can count writes and see their sizes.
struct Packets {
    int a = -1, b = -1;
    Packets() {
        int fds[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) == 0);
        a = fds[0];
        b = fds[1];
        int size = 4 << 20;
        ::setsockopt(a, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
        ::setsockopt(b, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    ~Packets() {
        ::close(a);
        ::close(b);
    }
    std::vector<std::string> writes() const {
        std::vector<std::string> out;
        std::vector<char> buf(1 << 20);
        for (;;) {
            ssize_t n = ::recv(b, buf.data(), buf.size(), MSG_DONTWAIT);
            if (n <= 0) break;
            out.emplace_back(buf.data(), static_cast<std::size_t>(n));
        }
        return out;
    }
};

struct TempPath {
    char path[64] = "/tmp/ring3-stream-XXXXXX";
    TempPath() {
        int fd = ::mkstemp(path);
        REQUIRE(fd >= 0);
        ::close(fd);
    }
    ~TempPath() { ::unlink(path); }
    std::string contents() const {
        std::string s;
        int fd = ::open(path, O_RDONLY);
        char buf[65536];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
        ::close(fd);
        return s;
    }
};

std::string str(Str s) { return std::string(s.data(), s.size()); }

} // namespace

TEST_CASE("full buffering: nothing reaches the pipe before flush") {
    Pipe p;
    char buf[64];
    OutStream s(p.w, buf, sizeof buf, Buffering::full);
    s << "abc" << 42 << '\n';
    CHECK(p.available() == "");
    CHECK(str(s.buffered()) == "abc42\n");
    CHECK(s.flush().ok());
    CHECK(p.available() == "abc42\n");
    CHECK(s.buffered().empty());
}

TEST_CASE("full buffering: writes are buffer-sized, large writes go straight through") {
    Packets k;
    char buf[64];
    OutStream s(k.a, buf, sizeof buf, Buffering::full);
    std::string expected;
    for (int i = 0; i < 20; ++i) {
        s.write("0123456789", 10);
        expected += "0123456789";
    }
    auto w = k.writes();
    REQUIRE(w.size() == 3);
    for (auto& one : w) CHECK(one.size() == 64);
    // 8 bytes are buffered; a write larger than the buffer goes out with
    // them in one writev.
    std::string big(1000, 'x');
    s.write(big.data(), big.size());
    expected += big;
    w = k.writes();
    REQUIRE(w.size() == 1);
    CHECK(w[0] == expected.substr(192));
    CHECK(s.buffered().empty());
}

TEST_CASE("line buffering: each statement that ends a line is written") {
    Pipe p;
    char buf[64];
    OutStream s(p.w, buf, sizeof buf, Buffering::line);
    s << "no newline yet";
    CHECK(p.available() == "");
    s << ", still none " << 1;
    CHECK(p.available() == "");
    s << " done\n";
    CHECK(p.available() == "no newline yet, still none 1 done\n");
    s << "a\nb"; // the statement's newline flushes all it wrote
    CHECK(p.available() == "a\nb");
    s.put('c');
    CHECK(p.available() == "");
    s.put('\n');
    CHECK(p.available() == "c\n");
}

TEST_CASE("unbuffered: one write per statement") {
    Packets k;
    char buf[256];
    OutStream s(k.a, buf, sizeof buf, Buffering::none);
    s << "prog: "
      << "file"
      << ": " << 7 << " errors\n";
    s << "second";
    auto w = k.writes();
    REQUIRE(w.size() == 2);
    CHECK(w[0] == "prog: file: 7 errors\n");
    CHECK(w[1] == "second");
}

TEST_CASE("a tied stream writes what its tie holds first") {
    // Two streams on one pipe, as stdout and stderr on one file: io::err
    // is tied to io::out so that the bytes keep the order of events.
    Pipe p;
    char out_buf[64], err_buf[64];
    OutStream out(p.w, out_buf, sizeof out_buf, Buffering::full);
    OutStream err(p.w, err_buf, sizeof err_buf, Buffering::none, 0, &out);
    out << "one\n";
    err << "problem\n";
    out << "two\n";
    CHECK(p.available() == "one\nproblem\n");
    // A statement larger than err's buffer is written in pieces, the tie
    // first; an empty tie costs no write.
    out << "three ";
    err << std::string(100, 'x').c_str() << '\n';
    err << "again\n";
    CHECK(p.available() == "two\nthree " + std::string(100, 'x') + "\nagain\n");
    // Untied, and tied to a memory stream (no fd): nothing is flushed.
    StrBuf<16> mem;
    mem << "kept";
    err.set_tie(&mem);
    out << "later\n";
    err << "msg\n";
    CHECK(p.available() == "msg\n");
    CHECK(mem.str() == "kept");
    CHECK(out.flush().ok());
    CHECK(p.available() == "later\n");
}

TEST_CASE("automatic buffering: full on a pipe, line on a terminal") {
    Pipe p;
    OutStream s(p.w, Buffering::automatic);
    s << "x\n";
    CHECK(p.available() == "");
    CHECK(s.buffering() == Buffering::full);
    CHECK(s.flush().ok());
    CHECK(p.available() == "x\n");

    int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return; // no pty support here
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
    REQUIRE(slave >= 0);
    {
        OutStream t(slave, Buffering::automatic);
        t << "to the terminal\n";
        CHECK(t.buffering() == Buffering::line);
        char got[64] = {};
        ssize_t n = ::read(master, got, sizeof got);
        CHECK(n > 0);
        CHECK(std::string(got).find("to the terminal") == 0);
    }
    ::close(slave);
    ::close(master);
}

TEST_CASE("the destructor flushes; close() reports") {
    Pipe p;
    {
        OutStream s(p.w);
        s << "bye";
    }
    CHECK(p.available() == "bye");
    TempPath t;
    OutStream f;
    REQUIRE(f.open(t.path).ok());
    for (int i = 0; i < 100000; ++i) f << i << '\n';
    CHECK(f.close().ok());
    std::string expected;
    for (int i = 0; i < 100000; ++i) expected += std::to_string(i) + "\n";
    CHECK(t.contents() == expected);
    CHECK(f.open("/nonexistent/dir/file").error() == err::NOENT);
}

TEST_CASE("ENOSPC on /dev/full is sticky and reported") {
    OutStream s;
    REQUIRE(s.open("/dev/full", O_WRONLY).ok());
    s << "lost";
    CHECK(s.ok()); // still buffered
    CHECK(s.flush().error() == err::NOSPC);
    CHECK(s.error() == err::NOSPC);
    s << "dropped too";
    CHECK(s.buffered().empty());
    CHECK(s.flush().error() == err::NOSPC);
    CHECK(s.close().error() == err::NOSPC);

    // A write larger than the buffer fails at once.
    OutStream big;
    REQUIRE(big.open("/dev/full", O_WRONLY).ok());
    std::string data(200000, 'z');
    big.write(data.data(), data.size());
    CHECK(big.error() == err::NOSPC);
    // clear_error lets it try again (and fail again).
    big.clear_error();
    CHECK(big.ok());
    big << "x";
    CHECK(big.flush().error() == err::NOSPC);
}

TEST_CASE("EPIPE and EBADF are sticky errors") {
    std::signal(SIGPIPE, SIG_IGN);
    Pipe p;
    p.close_read();
    OutStream s(p.w);
    s << "nobody reads this";
    CHECK(s.flush().error() == err::PIPE);
    CHECK(s.error() == err::PIPE);

    OutStream bad(1000); // not an open descriptor
    bad << "x";
    CHECK(bad.flush().error() == err::BADF);

    OutStream closed; // never opened
    closed << "x";
    CHECK(closed.error() == err::BADF);
    std::signal(SIGPIPE, SIG_DFL);
}

TEST_CASE("exit_on_epipe ends the program quietly with status 1") {
    Pipe err_pipe;
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::signal(SIGPIPE, SIG_IGN);
        ::dup2(err_pipe.w, 2);
        int fds[2];
        if (::pipe(fds) != 0) ::_exit(3);
        ::close(fds[0]);
        char buf[64];
        OutStream s(fds[1], buf, sizeof buf, Buffering::full, OutStream::exit_on_epipe);
        for (;;) s << "y\n"; // ends only through EPIPE
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    err_pipe.close_write();
    CHECK(err_pipe.available() == "");
}

TEST_CASE("finish_output: the exit path's message and status") {
    Pipe e;
    char ebuf[256];
    {
        OutStream out;
        REQUIRE(out.open("/dev/full", O_WRONLY).ok());
        OutStream err_stream(e.w, ebuf, sizeof ebuf, Buffering::none);
        out << "data";
        CHECK(finish_output(out, err_stream, "prog", 0) == 1);
        CHECK(e.available() == "prog: write error: No space left on device\n");
        // A failing program keeps its own status.
        out << "more";
        CHECK(finish_output(out, err_stream, "prog", 3) == 3);
        CHECK(e.available() == "prog: write error: No space left on device\n");
    }
    {
        std::signal(SIGPIPE, SIG_IGN);
        Pipe p;
        p.close_read();
        OutStream out(p.w);
        OutStream err_stream(e.w, ebuf, sizeof ebuf, Buffering::none);
        out << "data";
        CHECK(finish_output(out, err_stream, "prog", 0) == 1);
        CHECK(e.available() == ""); // EPIPE: quiet
        std::signal(SIGPIPE, SIG_DFL);
    }
    {
        Pipe p;
        OutStream out(p.w);
        OutStream err_stream(e.w, ebuf, sizeof ebuf, Buffering::none);
        out << "data";
        CHECK(finish_output(out, err_stream, "prog", 0) == 0);
        CHECK(p.available() == "data");
        CHECK(e.available() == "");
    }
    {
        OutStream out(1000); // closed stdout: EBADF
        OutStream err_stream(e.w, ebuf, sizeof ebuf, Buffering::none);
        out << "data";
        CHECK(finish_output(out, err_stream, "prog", 0) == 1);
        CHECK(e.available() == "prog: write error: Bad file descriptor\n");
    }
}

namespace {
std::atomic<bool> signalled{false};
void on_usr1(int) { signalled = true; }
} // namespace

TEST_CASE("short writes and EINTR: a slow reader and signals lose nothing") {
    // A handler without SA_RESTART: a write blocked on a full pipe returns
    // EINTR (nothing written yet) or a short count (some written).
    struct sigaction sa {};
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    struct sigaction old {};
    REQUIRE(::sigaction(SIGUSR1, &sa, &old) == 0);

    std::string data;
    for (int i = 0; data.size() < (6u << 20); ++i)
        data += std::to_string(static_cast<long>(i) * 7919) + (i % 13 ? " " : "\n");

    // First, show that this setup does produce short writes and EINTR
    // for a raw write(2), so that the stream below meets them too. A pipe
    // holds 64 KiB: a larger write blocks once it is full, and the signal
    // ends it with a short count; a write into a full pipe is ended with
    // EINTR.
    {
        Pipe p;
        std::atomic<bool> done{false};
        pthread_t writer = ::pthread_self();
        std::thread pester([&] {
            while (!done) {
                ::pthread_kill(writer, SIGUSR1);
                std::this_thread::sleep_for(std::chrono::microseconds(500));
            }
        });
        ssize_t n = ::write(p.w, data.data(), 4 * 65536);
        CHECK(n > 0);
        CHECK(n < 4 * 65536);
        ssize_t again = ::write(p.w, data.data(), 4096);
        int e = errno;
        CHECK(again == -1);
        CHECK(e == EINTR);
        done = true;
        pester.join();
    }

    Pipe p;
    std::string received;
    std::thread reader([&] {
        char buf[1000];
        for (;;) {
            ssize_t n = ::read(p.r, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            received.append(buf, static_cast<std::size_t>(n));
            if (received.size() % 7 == 0)
                std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
    });
    std::atomic<bool> done{false};
    pthread_t writer = ::pthread_self();
    std::thread pester([&] {
        while (!done) {
            ::pthread_kill(writer, SIGUSR1);
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    });
    {
        OutStream s(p.w);
        // Small pieces (through the buffer) and large ones (around it).
        std::size_t at = 0, step = 1;
        while (at < data.size()) {
            std::size_t n = step % 5 == 0 ? 200000 : step * 37 % 3000;
            if (n > data.size() - at) n = data.size() - at;
            s.write(data.data() + at, n);
            at += n;
            ++step;
        }
        CHECK(s.flush().ok());
    }
    done = true;
    pester.join();
    p.close_write();
    reader.join();
    CHECK(received.size() == data.size());
    CHECK(received == data);
    CHECK(signalled);
    ::sigaction(SIGUSR1, &old, nullptr);
}

TEST_CASE("memory streams: StrBuf and overflow") {
    StrBuf<8> b;
    b << "pid " << 1234;
    CHECK(str(b.str()) == "pid 1234");
    CHECK(b.ok());
    b << "!";
    CHECK(str(b.str()) == "pid 1234");
    CHECK(b.error() == err::NOBUFS);

    StrBuf<32> f;
    f.fill('-', 5) << '|';
    f << fmt("x").width(3).center();
    CHECK(str(f.str()) == "-----| x ");
}

TEST_CASE("set_buffering changes the mode and flushes") {
    Pipe p;
    char buf[64];
    OutStream s(p.w, buf, sizeof buf, Buffering::full);
    s << "a\n";
    CHECK(p.available() == "");
    s.set_buffering(Buffering::line);
    CHECK(p.available() == "a\n");
    s << "b\n";
    CHECK(p.available() == "b\n");
    s.set_buffering(Buffering::full);
    s << "c\n";
    CHECK(p.available() == "");
}

namespace {
struct Point {
    int x, y;
};
void print_to(OutStream& s, const Point& p) { s << '(' << p.x << ", " << p.y << ')'; }
} // namespace

TEST_CASE("user types print through print_to") {
    StrBuf<64> b;
    b << "at " << Point{3, -4} << '!';
    CHECK(str(b.str()) == "at (3, -4)!");
    // The statements inside print_to are part of the caller's: an
    // unbuffered stream still writes the whole message at once.
    Packets k;
    char buf[256];
    OutStream s(k.a, buf, sizeof buf, Buffering::none);
    s << Point{1, 2} << " and " << Point{3, 4} << '\n';
    s << Point{5, 6};
    auto w = k.writes();
    REQUIRE(w.size() == 2);
    CHECK(w[0] == "(1, 2) and (3, 4)\n");
    CHECK(w[1] == "(5, 6)");
}

TEST_CASE("space and commit: writing into the buffer directly") {
    Packets k;
    char buf[64];
    OutStream s(k.a, buf, sizeof buf, Buffering::full);
    auto room = s.space(10);
    REQUIRE(room.size == 64);
    std::memcpy(room.data, "0123456789", 10);
    s.commit(10);
    CHECK(str(s.buffered()) == "0123456789");
    s << "abc";
    // Less than `need` free: what is buffered goes out first, in one write.
    room = s.space(60);
    REQUIRE(room.size == 64);
    auto w = k.writes();
    REQUIRE(w.size() == 1);
    CHECK(w[0] == "0123456789abc");
    std::memset(room.data, 'x', 64);
    s.commit(64);
    CHECK(s.flush().ok());
    w = k.writes();
    REQUIRE(w.size() == 1);
    CHECK(w[0] == std::string(64, 'x'));
    // More than the buffer holds: no room, and no error.
    CHECK(s.space(65).size == 0);
    CHECK(s.ok());
}

TEST_CASE("space and commit: buffering modes and errors") {
    Pipe p;
    char buf[64];
    OutStream line(p.w, buf, sizeof buf, Buffering::line);
    auto room = line.space(4);
    std::memcpy(room.data, "ab", 2);
    line.commit(2);
    CHECK(p.available() == "");
    room = line.space(4);
    std::memcpy(room.data, "c\nd", 3);
    line.commit(3);
    CHECK(p.available() == "abc\nd");

    char ebuf[64];
    OutStream none(p.w, ebuf, sizeof ebuf, Buffering::none);
    room = none.space(1);
    room.data[0] = '!';
    none.commit(1);
    CHECK(p.available() == "!");

    int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(full >= 0);
    char fbuf[16];
    OutStream f(full, fbuf, sizeof fbuf, Buffering::full);
    f << "0123456789";
    CHECK(f.space(10).size == 0); // the flush failed
    CHECK(f.error() == ENOSPC);
    CHECK(f.space(1).size == 0); // and the error is sticky
    ::close(full);

    StrBuf<8> m;
    m << "abcde";
    room = m.space(3);
    REQUIRE(room.size == 3);
    std::memcpy(room.data, "fgh", 3);
    m.commit(3);
    CHECK(str(m.str()) == "abcdefgh");
    CHECK(m.space(1).size == 0);
    CHECK(m.error() == err::NOBUFS);
}

TEST_CASE("column: counted across flushes, large writes and memory") {
    Pipe p;
    char buf[8];
    OutStream s(p.w, buf, sizeof buf, Buffering::full);
    CHECK(s.column() == 0);
    s << "abc";
    CHECK(s.column() == 3);
    s << "defghij"; // the buffer was written out in between
    CHECK(s.column() == 10);
    s << "x\nyz";
    CHECK(s.column() == 2);
    s << "\n" << std::string(20, 'w').c_str(); // larger than the buffer: written through
    CHECK(s.column() == 20);
    s << std::string(300, 'v').c_str();
    CHECK(s.column() == OutStream::column_limit);
    s << "\nq";
    CHECK(s.column() == 1);
    CHECK(s.flush().ok());
    CHECK(s.column() == 1);
    (void)p.available();

    StrBuf<512> m;
    m << "12345";
    CHECK(m.column() == 5);
    m << "\n";
    CHECK(m.column() == 0);
    m.fill('.', 300);
    CHECK(m.column() == OutStream::column_limit);
}
