// The typed system call layer (ring3/sys/*.hpp) against the real kernel,
// each result checked against what glibc reports for the same question.
#include <doctest/doctest.h>
#include <ring3/syscalls.hpp>
#include <ring3/vdso.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <vector>

// glibc's headers define many of the kernel's names as macros; the tests
// spell them sys::NAME, so the macros go.
#undef AT_EMPTY_PATH
#undef AT_REMOVEDIR
#undef AT_SYMLINK_NOFOLLOW
#undef CLD_KILLED
#undef CLOCK_MONOTONIC
#undef CLOCK_REALTIME
#undef FD_CLOEXEC
#undef F_GETFD
#undef F_OK
#undef MFD_CLOEXEC
#undef O_CLOEXEC
#undef O_CREAT
#undef O_DIRECTORY
#undef O_EXCL
#undef O_RDONLY
#undef O_TRUNC
#undef O_WRONLY
#undef POLLIN
#undef PR_GET_NAME
#undef P_PID
#undef RENAME_NOREPLACE
#undef RLIMIT_NOFILE
#undef R_OK
#undef STATX_BASIC_STATS
#undef TIMER_ABSTIME
#undef WNOHANG
#undef W_OK
#undef X_OK

using namespace ring3;

namespace {
// A fresh directory, removed with its contents at the end.
struct TempDir {
    char path[64] = "/tmp/ring3-sys-XXXXXX";
    int fd = -1;
    TempDir() {
        REQUIRE(mkdtemp(path) != nullptr);
        fd = ::open(path, sys::O_RDONLY | sys::O_DIRECTORY);
    }
    ~TempDir() {
        ::close(fd);
        std::string cmd = std::string("rm -rf ") + path;
        (void)std::system(cmd.c_str());
    }
};

std::vector<std::string> list(int dirfd) {
    std::vector<std::string> names;
    int fd = *sys::openat(dirfd, ".", sys::O_RDONLY | sys::O_DIRECTORY | sys::O_CLOEXEC);
    sys::DirReader dir(fd);
    while (const sys::Dirent64* e = dir.next()) names.emplace_back(e->d_name);
    CHECK(dir.error() == 0);
    (void)sys::close(fd);
    std::sort(names.begin(), names.end());
    return names;
}
} // namespace

TEST_CASE("mkdirat, openat, renameat2, linkat, symlinkat, readlinkat, unlinkat in one directory") {
    TempDir t;
    REQUIRE(sys::mkdirat(t.fd, "sub", 0755).ok());
    CHECK(sys::mkdirat(t.fd, "sub", 0755).error() == err::EXIST);
    auto f = sys::openat(t.fd, "a", sys::O_WRONLY | sys::O_CREAT | sys::O_EXCL, 0644);
    REQUIRE(f.ok());
    REQUIRE(sys::write(*f, "hello", 5).ok());
    REQUIRE(sys::fsync(*f).ok());
    REQUIRE(sys::fdatasync(*f).ok());
    REQUIRE(sys::ftruncate(*f, 3).ok());
    (void)sys::close(*f);

    REQUIRE(sys::renameat2(t.fd, "a", t.fd, "b").ok());
    REQUIRE(sys::linkat(t.fd, "b", t.fd, "c").ok());
    REQUIRE(sys::symlinkat("b", t.fd, "l").ok());
    // RENAME_NOREPLACE refuses to replace c.
    CHECK(sys::renameat2(t.fd, "b", t.fd, "c", sys::RENAME_NOREPLACE).error() == err::EXIST);
    CHECK(list(t.fd) == std::vector<std::string>{".", "..", "b", "c", "l", "sub"});

    char buf[16];
    auto n = sys::readlinkat(t.fd, "l", buf, sizeof buf);
    REQUIRE(n.ok());
    CHECK(std::string(buf, *n) == "b");
    CHECK(sys::readlinkat(t.fd, "b", buf, sizeof buf).error() == err::INVAL);

    sys::Stat st{};
    REQUIRE(sys::fstatat(t.fd, "c", &st).ok());
    CHECK(st.is_regular());
    CHECK(st.st_size == 3);
    CHECK(st.st_nlink == 2);
    REQUIRE(sys::fstatat(t.fd, "l", &st, sys::AT_SYMLINK_NOFOLLOW).ok());
    CHECK(st.is_symlink());

    CHECK(sys::unlinkat(t.fd, "sub").error() == err::ISDIR);
    REQUIRE(sys::unlinkat(t.fd, "sub", sys::AT_REMOVEDIR).ok());
    REQUIRE(sys::unlinkat(t.fd, "b").ok());
    REQUIRE(sys::unlinkat(t.fd, "l").ok());
    CHECK(list(t.fd) == std::vector<std::string>{".", "..", "c"});
}

TEST_CASE("DirReader returns every entry of a directory larger than its buffer") {
    TempDir t;
    // 300 names of 40 bytes: about 17 KiB of records, several getdents64 calls.
    for (int i = 0; i < 300; ++i) {
        std::string name = std::to_string(i) + std::string(36, 'x');
        auto f = sys::openat(t.fd, name.c_str(), sys::O_WRONLY | sys::O_CREAT, 0600);
        REQUIRE(f.ok());
        (void)sys::close(*f);
    }
    auto names = list(t.fd);
    CHECK(names.size() == 302);
    CHECK(std::count_if(names.begin(), names.end(), [](const std::string& s) {
              return s.size() == 37 || s.size() == 38 || s.size() == 39;
          }) == 300);
    sys::DirReader bad(-1);
    CHECK(bad.next() == nullptr);
    CHECK(bad.error() == err::BADF);
}

TEST_CASE("statx agrees with fstatat; fchmodat, fchownat, utimensat, faccessat2") {
    TempDir t;
    auto f = sys::openat(t.fd, "f", sys::O_WRONLY | sys::O_CREAT, 0600);
    REQUIRE(f.ok());
    REQUIRE(sys::write(*f, "12345", 5).ok());
    (void)sys::close(*f);
    REQUIRE(sys::fchmodat(t.fd, "f", 0640).ok());
    REQUIRE(sys::fchownat(t.fd, "f", -1, -1).ok()); // no change, allowed to anyone
    sys::Timespec times[2] = {{1000, 5}, {2000, 7}};
    REQUIRE(sys::utimensat(t.fd, "f", times).ok());

    sys::Statx sx{};
    REQUIRE(sys::statx(t.fd, "f", 0, sys::STATX_BASIC_STATS, &sx).ok());
    sys::Stat st{};
    REQUIRE(sys::fstatat(t.fd, "f", &st).ok());
    CHECK(sx.stx_size == 5);
    CHECK(sx.stx_mode == st.st_mode);
    CHECK((sx.stx_mode & 07777) == 0640);
    CHECK(sx.stx_ino == st.st_ino);
    CHECK(sx.stx_atime.tv_sec == 1000);
    CHECK(sx.stx_mtime.tv_sec == 2000);
    CHECK(sx.stx_mtime.tv_nsec == 7);

    CHECK(sys::faccessat2(t.fd, "f", sys::R_OK | sys::W_OK).ok());
    // No execute bit at all: EACCES even for root.
    CHECK(sys::faccessat2(t.fd, "f", sys::X_OK).error() == err::ACCES);
    CHECK(sys::faccessat2(t.fd, "missing", sys::F_OK).error() == err::NOENT);
}

TEST_CASE("pipe2, dup3, poll and ppoll") {
    auto p = sys::pipe2(sys::O_CLOEXEC);
    REQUIRE(p.ok());
    CHECK(sys::fcntl(p->read_end, sys::F_GETFD).value() == sys::FD_CLOEXEC);
    sys::PollFd fds[1] = {{p->read_end, sys::POLLIN, 0}};
    CHECK(*sys::poll(fds, 1, 0) == 0); // nothing to read yet
    REQUIRE(sys::write(p->write_end, "x", 1).ok());
    CHECK(*sys::poll(fds, 1, 0) == 1);
    CHECK(fds[0].revents == sys::POLLIN);
    sys::Timespec zero{};
    CHECK(*sys::ppoll(fds, 1, &zero) == 1);

    auto d = sys::dup3(p->read_end, 100);
    REQUIRE(d.ok());
    CHECK(*d == 100);
    CHECK(sys::fcntl(100, sys::F_GETFD).value() == 0); // dup3 without O_CLOEXEC
    CHECK(sys::dup3(100, 100).error() == err::INVAL);
    char c = 0;
    CHECK(*sys::read(100, &c, 1) == 1);
    CHECK(c == 'x');
    (void)sys::close(100);
    (void)sys::close(p->read_end);
    (void)sys::close(p->write_end);
}

TEST_CASE("fork, wait4 and waitid report exit codes and signals") {
    auto pid = sys::fork();
    REQUIRE(pid.ok());
    if (*pid == 0) sys::exit_group(sys::getppid() == static_cast<int>(::getppid()) ? 42 : 1);
    auto w = sys::wait4(*pid);
    REQUIRE(w.ok());
    CHECK(w->pid == *pid);
    CHECK(w->status.exited());
    CHECK(w->status.exit_code() == 42);

    pid = sys::fork();
    REQUIRE(pid.ok());
    if (*pid == 0) {
        for (;;) (void)sys::clock_nanosleep(sys::CLOCK_MONOTONIC, 0, {1, 0});
    }
    REQUIRE(sys::kill(*pid, 15).ok());
    auto info = sys::waitid(sys::P_PID, *pid);
    REQUIRE(info.ok());
    CHECK(info->si_pid == *pid);
    CHECK(info->si_code == sys::CLD_KILLED);
    CHECK(info->si_status == 15);
    CHECK(sys::wait4(-1, sys::WNOHANG).error() == err::CHILD);
}

TEST_CASE("setsid in a child, prctl names the process") {
    auto pid = sys::fork();
    REQUIRE(pid.ok());
    if (*pid == 0) {
        auto s = sys::setsid();
        if (!s || *s != sys::getpid()) sys::exit_group(1);
        if (!sys::set_name("ring3-named")) sys::exit_group(2);
        char name[16] = {};
        if (!sys::prctl(sys::PR_GET_NAME, reinterpret_cast<unsigned long>(name)))
            sys::exit_group(3);
        sys::exit_group(std::strcmp(name, "ring3-named") == 0 ? 0 : 4);
    }
    auto w = sys::wait4(*pid);
    REQUIRE(w.ok());
    CHECK(w->status.exit_code() == 0);
    CHECK(sys::getpid() == static_cast<int>(::getpid()));
    CHECK(sys::gettid() == static_cast<int>(::gettid()));
}

TEST_CASE("spawn runs a program with file actions; failures come back as errno") {
    TempDir t;
    std::string out = std::string(t.path) + "/out";
    char sh[] = "/bin/sh", dash_c[] = "-c",
         script[] = "echo spawned $0; echo to-stderr >&2; exit 7";
    char* argv[] = {sh, dash_c, script, nullptr};
    sys::FileAction actions[] = {
        sys::FileAction::open_as(1, out.c_str(), sys::O_WRONLY | sys::O_CREAT | sys::O_TRUNC, 0644),
        sys::FileAction::dup_to(1, 2),
    };
    sys::SpawnRequest rq;
    rq.path = "/bin/sh";
    rq.argv = argv;
    rq.actions = actions;
    rq.action_count = 2;
    auto pid = sys::spawn(rq);
    REQUIRE(pid.ok());
    auto w = sys::wait4(*pid);
    REQUIRE(w.ok());
    CHECK(w->status.exit_code() == 7);
    char buf[64] = {};
    int fd = ::open(out.c_str(), sys::O_RDONLY);
    auto n = sys::read(fd, buf, sizeof buf);
    ::close(fd);
    CHECK(std::string(buf, n.value_or(0)) == "spawned /bin/sh\nto-stderr\n");

    rq.path = "/nonexistent/ring3";
    rq.action_count = 0;
    CHECK(sys::spawn(rq).error() == err::NOENT);
    rq.path = "/bin/sh";
    sys::FileAction bad[] = {sys::FileAction::open_as(0, "/nonexistent/in", sys::O_RDONLY)};
    rq.actions = bad;
    rq.action_count = 1;
    CHECK(sys::spawn(rq).error() == err::NOENT);
    CHECK(sys::wait4(-1, sys::WNOHANG).error() == err::CHILD); // both failures reaped
}

TEST_CASE("execve replaces a forked child; execveat runs a descriptor") {
    auto pid = sys::fork();
    REQUIRE(pid.ok());
    if (*pid == 0) {
        char sh[] = "sh", c[] = "-c", script[] = "exit 5";
        char* argv[] = {sh, c, script, nullptr};
        char* envp[] = {nullptr};
        int fd = sys::open("/bin/sh", sys::O_RDONLY | sys::O_CLOEXEC).value_or(-1);
        (void)sys::execveat(fd, "", argv, envp, sys::AT_EMPTY_PATH);
        sys::exit_group(100);
    }
    auto w = sys::wait4(*pid);
    REQUIRE(w.ok());
    CHECK(w->status.exit_code() == 5);
    char* argv[] = {nullptr};
    CHECK(sys::execve("/nonexistent/ring3", argv, argv).error() == err::NOENT);
}

TEST_CASE("clock_gettime through the vDSO and through the system call agree with glibc") {
    const void* image = reinterpret_cast<const void*>(::getauxval(AT_SYSINFO_EHDR));
    REQUIRE(image != nullptr);
    CHECK(vdso::find_symbol(image, "__vdso_clock_gettime") != nullptr);
    CHECK(vdso::find_symbol(image, "__vdso_nonexistent") == nullptr);
    CHECK(vdso::find_symbol(nullptr, "__vdso_clock_gettime") == nullptr);
    for (const void* use : {image, static_cast<const void*>(nullptr)}) {
        vdso::use_image(use);
        CHECK(vdso::image() == use);
        timespec before{};
        ::clock_gettime(sys::CLOCK_MONOTONIC, &before);
        auto t = sys::clock_gettime(sys::CLOCK_MONOTONIC);
        timespec after{};
        ::clock_gettime(sys::CLOCK_MONOTONIC, &after);
        REQUIRE(t.ok());
        CHECK(sys::to_ns(*t) >= before.tv_sec * 1000000000L + before.tv_nsec);
        CHECK(sys::to_ns(*t) <= after.tv_sec * 1000000000L + after.tv_nsec);
        auto real = sys::clock_gettime(sys::CLOCK_REALTIME);
        REQUIRE(real.ok());
        CHECK(real->tv_sec - ::time(nullptr) <= 1);
        CHECK(sys::clock_gettime(12345).error() == err::INVAL);
    }
    vdso::use_image(nullptr);
}

TEST_CASE("clock_nanosleep sleeps at least as long as asked") {
    auto a = sys::clock_gettime(sys::CLOCK_MONOTONIC);
    REQUIRE(sys::clock_nanosleep(sys::CLOCK_MONOTONIC, 0, {0, 20000000}).ok());
    auto b = sys::clock_gettime(sys::CLOCK_MONOTONIC);
    CHECK(sys::to_ns(*b) - sys::to_ns(*a) >= 20000000);
    sys::Timespec until{b->tv_sec, b->tv_nsec};
    CHECK(sys::clock_nanosleep(sys::CLOCK_MONOTONIC, sys::TIMER_ABSTIME, until).ok());
    CHECK(sys::clock_nanosleep(sys::CLOCK_MONOTONIC, 0, {0, -1}).error() == err::INVAL);
}

TEST_CASE("getrandom and vgetrandom fill buffers with different bytes each time") {
    const void* image = reinterpret_cast<const void*>(::getauxval(AT_SYSINFO_EHDR));
    for (const void* use : {image, static_cast<const void*>(nullptr)}) {
        vdso::use_image(use);
        unsigned char a[64] = {}, b[64] = {};
        REQUIRE(sys::vgetrandom(a, sizeof a).value_or(0) == sizeof a);
        REQUIRE(sys::vgetrandom(b, sizeof b).value_or(0) == sizeof b);
        CHECK(std::memcmp(a, b, sizeof a) != 0);
        // 1 MiB in one call: the vDSO fills it all, as the system call does.
        static unsigned char big[1 << 20];
        CHECK(sys::vgetrandom(big, sizeof big).value_or(0) == sizeof big);
        CHECK(std::count(big, big + sizeof big, 0) < 8192); // about 4096 zero bytes expected
    }
    vdso::use_image(nullptr);
    unsigned char c[16] = {};
    CHECK(sys::getrandom(c, sizeof c).value_or(0) == sizeof c);
    CHECK(sys::vgetrandom(c, sizeof c, 0x100).error() == err::INVAL); // unknown flag
}

TEST_CASE("memfd_create, uname, prlimit and getrusage agree with glibc") {
    auto m = sys::memfd_create("ring3-test", sys::MFD_CLOEXEC);
    REQUIRE(m.ok());
    REQUIRE(sys::ftruncate(*m, 4096).ok());
    sys::Stat st{};
    REQUIRE(sys::fstat(*m, &st).ok());
    CHECK(st.st_size == 4096);
    (void)sys::close(*m);

    auto u = sys::uname();
    REQUIRE(u.ok());
    utsname g{};
    ::uname(&g);
    CHECK(std::string(u->sysname) == g.sysname);
    CHECK(std::string(u->release) == g.release);
    CHECK(std::string(u->machine) == "x86_64");

    rlimit gl{};
    ::getrlimit(RLIMIT_NOFILE, &gl);
    auto l = sys::getrlimit(sys::RLIMIT_NOFILE);
    REQUIRE(l.ok());
    CHECK(l->cur == gl.rlim_cur);
    CHECK(l->max == gl.rlim_max);
    CHECK(sys::prlimit(0, 9999).error() == err::INVAL);

    auto before = sys::getrusage();
    REQUIRE(before.ok());
    // Touching fresh pages makes minor faults.
    auto p = sys::map_anonymous(64 * 4096);
    REQUIRE(p.ok());
    for (int i = 0; i < 64; ++i) static_cast<char*>(*p)[i * 4096] = 1;
    auto after = sys::getrusage();
    CHECK(after->minflt - before->minflt >= 64);
    rusage gu{};
    ::getrusage(RUSAGE_SELF, &gu);
    CHECK(gu.ru_minflt >= after->minflt);
    unsigned char vec[64] = {};
    REQUIRE(sys::mincore(*p, 64 * 4096, vec).ok());
    CHECK(std::count(vec, vec + 64, 1) == 64);
    (void)sys::munmap(*p, 64 * 4096);
}
