// Input streams: lines across buffer boundaries and longer than the
// buffer, a last line without newline, CRLF, delimiters, read_all, raw
// reads, from files, pipes and memory.
#include <doctest/doctest.h>
#include <ring3/stream.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ring3;

namespace {

// These tests use pipes and threads; should one ever block, SIGALRM ends
// the run instead of leaving ctest waiting.
const unsigned watchdog = ::alarm(120);

struct TempFile {
    char path[64] = "/tmp/ring3-instream-XXXXXX";
    explicit TempFile(const std::string& text) {
        int fd = ::mkstemp(path);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
        ::close(fd);
    }
    ~TempFile() { ::unlink(path); }
};

// A pipe fed by a thread in uneven pieces with pauses, so that reads
// return partial lines.
struct Feeder {
    int r = -1;
    std::thread t;
    explicit Feeder(std::string text, std::size_t piece = 7) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        r = fds[0];
        int w = fds[1];
        t = std::thread([w, text = std::move(text), piece] {
            std::size_t at = 0, i = 0;
            while (at < text.size()) {
                std::size_t n = piece + (i++ * 13) % (3 * piece + 1);
                if (n > text.size() - at) n = text.size() - at;
                ssize_t k = ::write(w, text.data() + at, n);
                if (k <= 0) break;
                at += static_cast<std::size_t>(k);
                if (i % 5 == 0) std::this_thread::sleep_for(std::chrono::microseconds(100));
            }
            ::close(w);
        });
    }
    ~Feeder() {
        t.join();
        ::close(r);
    }
};

std::string str(Str s) { return std::string(s.data(), s.size()); }

// The lines a reader should see: split at '\n', a last piece without
// newline is a line, an empty last piece is not.
std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string::npos) {
            lines.push_back(text.substr(at));
            break;
        }
        lines.push_back(text.substr(at, nl - at));
        at = nl + 1;
    }
    return lines;
}

std::vector<std::string> read_lines(InStream& in, LineEnd end = LineEnd::lf) {
    std::vector<std::string> lines;
    Str line;
    while (in.read_line(line, end)) lines.push_back(str(line));
    return lines;
}

std::string random_text(std::mt19937_64& rng, std::size_t lines, std::size_t max_len) {
    std::string text;
    for (std::size_t i = 0; i < lines; ++i) {
        std::size_t len = rng() % 4 == 0 ? rng() % (max_len + 1) : rng() % 40;
        for (std::size_t j = 0; j < len; ++j) text += static_cast<char>('a' + rng() % 26);
        text += '\n';
    }
    return text;
}

} // namespace

TEST_CASE("read_line: lines, an empty line, a last line without newline") {
    TempFile f("first\n\nthird line\nno newline at end");
    InStream in;
    REQUIRE(in.open(f.path).ok());
    Str line;
    std::vector<std::string> lines;
    std::vector<bool> ended;
    while (in.read_line(line)) {
        lines.push_back(str(line));
        ended.push_back(in.delimited());
    }
    REQUIRE(lines.size() == 4);
    CHECK(ended == std::vector<bool>{true, true, true, false});
    CHECK(lines[0] == "first");
    CHECK(lines[1] == "");
    CHECK(lines[2] == "third line");
    CHECK(lines[3] == "no newline at end");
    CHECK(in.eof());
    CHECK(in.ok());
    CHECK_FALSE(in.read_line(line)); // and stays at the end

    TempFile empty("");
    InStream e;
    REQUIRE(e.open(empty.path).ok());
    CHECK_FALSE(e.read_line(line));
    CHECK(e.eof());

    TempFile one("\n");
    InStream o;
    REQUIRE(o.open(one.path).ok());
    CHECK(read_lines(o) == std::vector<std::string>{""});
}

TEST_CASE("read_line: CRLF") {
    InStream a(Str("dos\r\nline\r\n\r\nlast\r"));
    auto kept = read_lines(a);
    CHECK(kept == std::vector<std::string>{"dos\r", "line\r", "\r", "last\r"});
    InStream b(Str("dos\r\nline\r\n\r\nunix\nlast\r"));
    auto stripped = read_lines(b, LineEnd::lf_or_crlf);
    CHECK(stripped == std::vector<std::string>{"dos", "line", "", "unix", "last"});
}

TEST_CASE("read_line returns views into the buffer when the line fits") {
    TempFile f("alpha\nbeta\n");
    char buf[64];
    int fd = ::open(f.path, O_RDONLY);
    InStream in(fd, buf, sizeof buf);
    Str line;
    REQUIRE(in.read_line(line));
    CHECK(line.data() == buf);
    REQUIRE(in.read_line(line));
    CHECK(line.data() == buf + 6);
    CHECK(str(line) == "beta");
    ::close(fd);
}

TEST_CASE("lines across buffer boundaries and longer than the buffer, from files and pipes") {
    std::mt19937_64 rng(11);
    for (std::size_t bufsize : {1, 2, 3, 7, 16, 100, 4096}) {
        std::string text = random_text(rng, 300, 5000);
        if (bufsize % 2) text += "tail without newline";
        auto expected = split_lines(text);

        TempFile f(text);
        int fd = ::open(f.path, O_RDONLY);
        std::vector<char> buf(bufsize);
        {
            InStream in(fd, buf.data(), buf.size());
            CHECK_MESSAGE(read_lines(in) == expected, "file, buffer " << bufsize);
            CHECK(in.ok());
        }
        ::close(fd);

        Feeder feed(text, bufsize < 61 ? 61 : bufsize);
        InStream in(feed.r, buf.data(), buf.size());
        CHECK_MESSAGE(read_lines(in) == expected, "pipe, buffer " << bufsize);
        CHECK(in.ok());
    }
    // One line of a megabyte through a 16-byte buffer, then normal lines.
    std::string huge(1 << 20, 'h');
    Feeder feed(huge + "\nafter\n", 4000);
    char small[16];
    InStream in(feed.r, small, sizeof small);
    auto lines = read_lines(in);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == huge);
    CHECK(lines[1] == "after");
}

TEST_CASE("an InStream of its own maps its buffer") {
    std::mt19937_64 rng(12);
    // Lines beyond its 64 KiB make it grow (mremap) more than once.
    std::string text = random_text(rng, 3000, 100) + std::string(200000, 'x') + "\n" +
                       random_text(rng, 3000, 100) + std::string(1 << 20, 'y') + "\n" +
                       random_text(rng, 3000, 100);
    TempFile f(text);
    InStream in;
    REQUIRE(in.open(f.path).ok());
    CHECK(read_lines(in) == split_lines(text));
    CHECK(in.close().ok());
}

TEST_CASE("read_until a delimiter") {
    InStream in(Str("a,bb,,ccc"));
    Str field;
    std::vector<std::string> fields;
    while (in.read_until(',', field)) fields.push_back(str(field));
    CHECK(fields == std::vector<std::string>{"a", "bb", "", "ccc"});

    // NUL-separated, as find -print0 writes.
    std::string zero("one\0two\0", 8);
    Feeder feed(zero, 1);
    char buf[4];
    InStream z(feed.r, buf, sizeof buf);
    fields.clear();
    while (z.read_until('\0', field)) fields.push_back(str(field));
    CHECK(fields == std::vector<std::string>{"one", "two"});
}

TEST_CASE("read_all: the rest, from a file, a pipe and memory") {
    std::mt19937_64 rng(13);
    std::string text = random_text(rng, 30000, 100);
    TempFile f(text);
    {
        InStream in;
        REQUIRE(in.open(f.path).ok());
        Str first;
        REQUIRE(in.read_line(first));
        std::string first_line = str(first); // the view dies with the next read
        auto rest = in.read_all();
        REQUIRE(rest.ok());
        CHECK(first_line + "\n" + str(*rest) == text);
        CHECK(in.eof());
        auto nothing = in.read_all();
        REQUIRE(nothing.ok());
        CHECK((*nothing).empty());
    }
    {
        Feeder feed(text, 5000);
        char buf[100];
        InStream in(feed.r, buf, sizeof buf);
        auto all = in.read_all();
        REQUIRE(all.ok());
        CHECK(str(*all) == text);
    }
    {
        InStream in(Str("in memory"));
        auto all = in.read_all();
        REQUIRE(all.ok());
        CHECK(str(*all) == "in memory");
    }
}

TEST_CASE("read and get, mixed with lines") {
    std::string text = "header\n";
    for (int i = 0; i < 200000; ++i) text += static_cast<char>(i * 31);
    TempFile f(text);
    InStream in;
    REQUIRE(in.open(f.path).ok());
    Str line;
    REQUIRE(in.read_line(line));
    CHECK(str(line) == "header");
    CHECK(in.get() == static_cast<unsigned char>(0));
    CHECK(in.get() == static_cast<unsigned char>(31));
    std::string rest(text.size(), '\0');
    auto n = in.read(rest.data(), rest.size()); // more than is left
    REQUIRE(n.ok());
    CHECK(*n == text.size() - 9);
    rest.resize(*n);
    CHECK(rest == text.substr(9));
    CHECK(in.get() == -1);
    CHECK(in.eof());
    auto zero = in.read(rest.data(), 10);
    REQUIRE(zero.ok());
    CHECK(*zero == 0);
}

TEST_CASE("integers from lines") {
    InStream in(Str("12\n-7\n99999999999999999999\nx1\n"));
    Str line;
    REQUIRE(in.read_line(line));
    CHECK(*parse_int<int>(line) == 12);
    REQUIRE(in.read_line(line));
    CHECK(*parse_int<int>(line) == -7);
    REQUIRE(in.read_line(line));
    CHECK(parse_int<std::int64_t>(line).error() == err::RANGE);
    REQUIRE(in.read_line(line));
    CHECK(parse_int<int>(line).error() == err::INVAL);
}

TEST_CASE("errors: a bad descriptor, a directory, a missing file") {
    InStream bad(1000);
    Str line;
    CHECK_FALSE(bad.read_line(line));
    CHECK(bad.error() == err::BADF);
    CHECK(bad.read_all().error() == err::BADF);
    CHECK(bad.get() == -1);

    InStream dir;
    REQUIRE(dir.open("/tmp", O_RDONLY | O_DIRECTORY).ok());
    CHECK_FALSE(dir.read_line(line));
    CHECK(dir.error() == err::ISDIR);
    CHECK(dir.close().error() == err::ISDIR);

    InStream missing;
    CHECK(missing.open("/nonexistent/file").error() == err::NOENT);
    InStream closed;
    CHECK_FALSE(closed.read_line(line));
    CHECK(closed.error() == err::BADF);
}

TEST_CASE("a line-buffered tie is flushed before each read, a fully buffered one is not") {
    int out_pipe[2], in_pipe[2];
    REQUIRE(::pipe(out_pipe) == 0);
    REQUIRE(::pipe(in_pipe) == 0);
    ::fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
    char obuf[64], ibuf[64];
    OutStream out(out_pipe[1], obuf, sizeof obuf, Buffering::line);
    InStream in(in_pipe[0], ibuf, sizeof ibuf, &out);
    out << "name? ";
    REQUIRE(::write(in_pipe[1], "ring3\nagain\n", 12) == 12);
    Str answer;
    REQUIRE(in.read_line(answer));
    CHECK(str(answer) == "ring3");
    char got[16] = {};
    CHECK(::read(out_pipe[0], got, sizeof got) == 6);
    CHECK(std::string(got) == "name? ");

    // A filter writing to a pipe keeps whole buffers: no flush per read.
    out.set_buffering(Buffering::full);
    out << "pending";
    REQUIRE(in.read_line(answer));
    CHECK(str(answer) == "again");
    ::close(in_pipe[1]);
    CHECK_FALSE(in.read_line(answer)); // a read(2) that sees end of input
    CHECK(::read(out_pipe[0], got, sizeof got) == -1);
    CHECK(str(out.buffered()) == "pending");
    for (int fd : {out_pipe[0], out_pipe[1], in_pipe[0]}) ::close(fd);
}

TEST_CASE("read_line mixed with get, read and other delimiters keeps its place") {
    // Lines of every length around the 64-byte scan blocks, and calls that
    // consume bytes behind read_line's back.
    std::mt19937_64 rng(14);
    std::string text;
    for (int i = 0; i < 3000; ++i) {
        std::size_t len = i % 7 == 0 ? 60 + rng() % 10 : rng() % 140;
        for (std::size_t j = 0; j < len; ++j) text += static_cast<char>('a' + (i + j) % 26);
        text += (i % 11 == 0) ? ',' : '\n';
        if (i % 13 == 0) text += '\n';
    }
    for (std::size_t bufsize : {65, 100, 127, 4096, 65536}) {
        TempFile f(text);
        int fd = ::open(f.path, O_RDONLY);
        std::vector<char> buf(bufsize);
        InStream in(fd, buf.data(), buf.size());
        std::size_t at = 0; // where the same reading of `text` stands
        std::mt19937_64 choice(15);
        for (;;) {
            int what = static_cast<int>(choice() % 10);
            if (what == 0) {
                int c = in.get();
                if (at == text.size()) {
                    CHECK(c == -1);
                    break;
                }
                REQUIRE(c == static_cast<unsigned char>(text[at]));
                ++at;
            } else if (what == 1) {
                char piece[37];
                std::size_t want = choice() % sizeof piece;
                auto n = in.read(piece, want);
                REQUIRE(n.ok());
                std::size_t expect = std::min(want, text.size() - at);
                REQUIRE(*n == expect);
                REQUIRE(std::string(piece, *n) == text.substr(at, *n));
                at += *n;
            } else if (what == 2) {
                Str field;
                bool got = in.read_until(',', field);
                std::size_t comma = text.find(',', at);
                if (at == text.size()) {
                    CHECK_FALSE(got);
                    break;
                }
                REQUIRE(got);
                std::size_t stop = comma == std::string::npos ? text.size() : comma;
                REQUIRE(str(field) == text.substr(at, stop - at));
                at = comma == std::string::npos ? text.size() : comma + 1;
            } else {
                Str line;
                bool got = in.read_line(line);
                if (at == text.size()) {
                    CHECK_FALSE(got);
                    break;
                }
                REQUIRE(got);
                std::size_t nl = text.find('\n', at);
                std::size_t stop = nl == std::string::npos ? text.size() : nl;
                REQUIRE_MESSAGE(str(line) == text.substr(at, stop - at),
                                "buffer " << bufsize << " at " << at);
                at = nl == std::string::npos ? text.size() : nl + 1;
            }
        }
        CHECK(at == text.size());
        CHECK(in.eof());
        ::close(fd);
    }
}
