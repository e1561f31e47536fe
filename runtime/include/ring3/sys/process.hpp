// Processes: ids, fork, exec, wait, sessions, prctl, exit, and spawn (a
// posix_spawn: a new process running another program, with file actions).
#pragma once

#include <ring3/sys/call.hpp>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3::sys {

inline int getpid() { return static_cast<int>(arch::syscall0(nr::getpid)); }
inline int getppid() { return static_cast<int>(arch::syscall0(nr::getppid)); }
inline int gettid() { return static_cast<int>(arch::syscall0(nr::gettid)); }

// setsid(2): a new session and process group led by the caller; EPERM if
// it already leads a process group.
inline Result<int> setsid() { return Result<int>::from_raw(arch::syscall0(nr::setsid)); }

// fork(2): 0 in the child, the child's pid in the parent.
inline Result<int> fork() { return Result<int>::from_raw(arch::syscall0(nr::fork)); }

// execve(2): returns only on failure. argv and envp end with a null.
inline Result<void> execve(const char* path, char* const* argv, char* const* envp) {
    return Result<void>::from_raw(arch::syscall3(nr::execve, addr(path), addr(argv), addr(envp)));
}

// execveat(2): path relative to dirfd; AT_EMPTY_PATH with "" runs dirfd
// itself (fexecve).
inline Result<void> execveat(int dirfd, const char* path, char* const* argv, char* const* envp,
                             int flags = 0) {
    return Result<void>::from_raw(
        arch::syscall5(nr::execveat, dirfd, addr(path), addr(argv), addr(envp), flags));
}

// A wait status as wait4 reports it (the W* macros of <sys/wait.h>, from
// the kernel's do_wait: exit code in bits 8-15, signal in bits 0-6).
struct WaitStatus {
    int raw = 0;
    bool exited() const { return (raw & 0x7f) == 0; }
    int exit_code() const { return (raw >> 8) & 0xff; }
    bool signaled() const { return (raw & 0x7f) != 0 && (raw & 0x7f) != 0x7f; }
    int term_signal() const { return raw & 0x7f; }
    bool core_dumped() const { return (raw & 0x80) != 0; }
    bool stopped() const { return (raw & 0xff) == 0x7f; }
};

// wait4(2) options (include/uapi/linux/wait.h).
inline constexpr int WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000;

struct Waited {
    int pid = 0; // 0 with WNOHANG when no child has changed state
    WaitStatus status;
};

// pid -1: any child. rusage, when given, receives the child's usage (a
// struct rusage, sys::Rusage in ring3/sys/resources.hpp).
inline Result<Waited> wait4(int pid, int options = 0, void* rusage = nullptr) {
    int status = 0;
    long r = arch::syscall4(nr::wait4, pid, addr(&status), options, addr(rusage));
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return Waited{static_cast<int>(r), WaitStatus{status}};
}

// waitid(2) (include/uapi/linux/wait.h): which children, and what it
// reports (a siginfo: si_pid, si_status, si_code CLD_*).
inline constexpr int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
inline constexpr int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5;
struct ChildInfo {
    int si_signo, si_errno, si_code, pad;
    int si_pid;
    unsigned si_uid;
    int si_status; // the exit code for CLD_EXITED, the signal otherwise
    unsigned char rest[100];
};
static_assert(sizeof(ChildInfo) == 128, "siginfo_t is 128 bytes");

inline Result<ChildInfo> waitid(int idtype, int id, int options = WEXITED) {
    ChildInfo info{};
    long r = arch::syscall5(nr::waitid, idtype, id, addr(&info), options, 0);
    if (arch::is_error(r)) return Error{static_cast<int>(-r)};
    return info;
}

// prctl(2) options (include/uapi/linux/prctl.h).
inline constexpr int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3,
                     PR_SET_DUMPABLE = 4, PR_SET_NAME = 15, PR_GET_NAME = 16,
                     PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;

inline Result<long> prctl(int option, unsigned long a2 = 0, unsigned long a3 = 0,
                          unsigned long a4 = 0, unsigned long a5 = 0) {
    return Result<long>::from_raw(arch::syscall5(nr::prctl, option, static_cast<long>(a2),
                                                 static_cast<long>(a3), static_cast<long>(a4),
                                                 static_cast<long>(a5)));
}

// personality(2) (include/uapi/linux/personality.h): 0xffffffff reads the
// persona without changing it; ADDR_NO_RANDOMIZE is what setarch -R sets.
inline constexpr unsigned ADDR_NO_RANDOMIZE = 0x0040000;
inline Result<unsigned> get_personality() {
    return Result<unsigned>::from_raw(arch::syscall1(nr::personality, 0xffffffffL));
}

// Sets the name /proc/self/comm and ps show (15 bytes kept).
inline Result<void> set_name(const char* name) {
    auto r = prctl(PR_SET_NAME, static_cast<unsigned long>(addr(name)));
    if (!r) return Error{r.error()};
    return {};
}

[[noreturn]] inline void exit_group(int status) {
    for (;;) arch::syscall1(nr::exit_group, status);
}

// What spawn does in the child before exec, in order: posix_spawn's file
// actions.
struct FileAction {
    enum Kind : unsigned char { dup2, close, open } kind = close;
    int fd = -1;                // the descriptor the action leaves (or closes)
    int src_fd = -1;            // dup2: the descriptor copied onto fd
    const char* path = nullptr; // open: what to open as fd
    int flags = 0;
    unsigned mode = 0;

    static FileAction dup_to(int src, int fd) { return {dup2, fd, src, nullptr, 0, 0}; }
    static FileAction close_fd(int fd) { return {close, fd, -1, nullptr, 0, 0}; }
    static FileAction open_as(int fd, const char* path, int flags, unsigned mode = 0) {
        return {open, fd, -1, path, flags, mode};
    }
};

struct SpawnRequest {
    const char* path = nullptr; // run as is: no PATH search
    char* const* argv = nullptr;
    char* const* envp = nullptr; // null: the child gets an empty environment
    const FileAction* actions = nullptr;
    std::size_t action_count = 0;
    bool new_session = false; // setsid() in the child
};

// Starts `path` in a new process and returns its pid, once the child has
// either called execve successfully or failed. Failure anywhere in the
// child (a file action, execve) is returned here as that errno, with the
// child already reaped, as posix_spawn(3) does. The child shares memory
// with the caller until it execs (clone with CLONE_VM | CLONE_VFORK, on
// its own stack), so nothing is copied. Defined in
// runtime/src/freestanding/spawn.cpp.
Result<int> spawn(const SpawnRequest& request);

} // namespace ring3::sys
#include <ring3/detail/libc_macros_end.hpp>
