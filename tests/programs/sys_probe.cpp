// The syscall layer inside a real ring3 program (tests/e2e/sys_layer.sh):
//   sys_probe clock N      N clock_gettime calls (vDSO: no system call)
//   sys_probe random N     N vgetrandom calls of 32 bytes
//   sys_probe ls DIR       DIR's entries, one a line, through DirReader
//   sys_probe spawn PROG ARG...   runs PROG with stdout into a pipe, copies
//                          what it wrote, then prints its exit status
#include <ring3/fdio.hpp>
#include <ring3/str.hpp>
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

namespace {

int clock(int n) {
    std::int64_t last = 0;
    for (int i = 0; i < n; ++i) {
        auto t = sys::clock_gettime(sys::CLOCK_MONOTONIC);
        if (!t || sys::to_ns(*t) < last) return 1;
        last = sys::to_ns(*t);
    }
    io::out << "clock ok\n";
    return 0;
}

int random(int n) {
    unsigned char a[32] = {}, b[32] = {};
    for (int i = 0; i < n; ++i) {
        if (sys::vgetrandom(i % 2 ? a : b, 32).value_or(0) != 32) return 1;
    }
    int same = 0;
    for (int i = 0; i < 32; ++i) same += a[i] == b[i];
    io::out << (same < 32 ? "random ok\n" : "random repeated\n");
    return 0;
}

int list(const char* path) {
    auto fd = sys::open(path, sys::O_RDONLY | sys::O_DIRECTORY | sys::O_CLOEXEC);
    if (!fd) {
        io::err << "sys_probe: " << path << ": " << fd.message() << '\n';
        return 1;
    }
    sys::DirReader dir(*fd);
    while (const sys::Dirent64* e = dir.next()) io::out << e->name() << '\n';
    return dir.error() == 0 ? 0 : 1;
}

int spawn(char** argv) {
    auto p = sys::pipe2(sys::O_CLOEXEC);
    if (!p) return 1;
    sys::FileAction actions[] = {sys::FileAction::dup_to(p->write_end, 1)};
    sys::SpawnRequest rq;
    rq.path = argv[0];
    rq.argv = argv;
    rq.actions = actions;
    rq.action_count = 1;
    auto pid = sys::spawn(rq);
    (void)sys::close(p->write_end);
    if (!pid) {
        io::err << "sys_probe: " << argv[0] << ": " << pid.message() << '\n';
        return 127;
    }
    char buf[4096];
    (void)io::out.flush();
    auto copied = copy_fd(p->read_end, 1, buf, sizeof buf);
    auto w = sys::wait4(*pid);
    if (!copied || !w) return 1;
    io::out << "status " << w->status.exit_code() << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    Str what = argv[1];
    if (what == "clock") return clock(argv[2][0] - '0');
    if (what == "random") return random(argv[2][0] - '0');
    if (what == "ls") return list(argv[2]);
    if (what == "spawn") return spawn(argv + 2);
    return 2;
}
