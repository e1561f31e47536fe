// sys::spawn: posix_spawn without libc.
//
// The child is made with clone(CLONE_VM | CLONE_VFORK): it shares the
// parent's memory and the parent sleeps until the child calls execve or
// exits, so nothing is copied (fork would copy the page tables). Sharing
// memory, the child must not run on the parent's stack, whose frames the
// parent will return into: it gets a stack of its own, a local array of
// the suspended parent, as musl's posix_spawn does. It reports a failure
// through the shared memory.
#include <ring3/syscalls.hpp>

namespace ring3::sys {
namespace {

// clone(2) flags (include/uapi/linux/sched.h).
constexpr long CLONE_VM = 0x100, CLONE_VFORK = 0x4000;
constexpr int SIGCHLD = 17;

struct Child {
    const SpawnRequest* request;
    std::uint64_t old_mask;
    int error; // written by the child, read by the parent after it resumes
};

// Runs in the child, on the child's stack. Every signal is blocked (see
// spawn): a handler the parent installed must not run here, on this
// stack, with the parent's memory. The mask is restored just before
// execve, which resets handled signals to their default action.
[[noreturn]] void child_main(void* arg) {
    auto* c = static_cast<Child*>(arg);
    const SpawnRequest& rq = *c->request;
    int err = 0;
    if (rq.new_session) {
        if (auto s = setsid(); !s) err = s.error();
    }
    for (std::size_t i = 0; err == 0 && i < rq.action_count; ++i) {
        const FileAction& a = rq.actions[i];
        if (a.kind == FileAction::close) {
            if (auto r = close(a.fd); !r) err = r.error();
        } else if (a.kind == FileAction::dup2) {
            if (a.src_fd == a.fd) {
                // posix_spawn_file_actions_adddup2 with equal fds clears
                // FD_CLOEXEC instead (POSIX 2024); dup3 would be EINVAL.
                if (auto r = fcntl(a.fd, F_SETFD, 0); !r) err = r.error();
            } else if (auto r = dup3(a.src_fd, a.fd); !r) {
                err = r.error();
            }
        } else {
            auto fd = open(a.path, a.flags, a.mode);
            if (!fd) {
                err = fd.error();
            } else if (*fd != a.fd) {
                if (auto r = dup3(*fd, a.fd); !r) err = r.error();
                (void)close(*fd);
            }
        }
    }
    if (err == 0) {
        (void)rt_sigprocmask(SIG_SETMASK, &c->old_mask, nullptr);
        static char* const empty_env[] = {nullptr};
        err = execve(rq.path, rq.argv, rq.envp ? rq.envp : empty_env).error();
    }
    c->error = err;
    exit_group(127);
}

} // namespace

Result<int> spawn(const SpawnRequest& request) {
    // Blocking every signal keeps the parent's handlers out of the child
    // until execve; the parent's own mask comes back afterwards.
    Child child{&request, 0, 0};
    std::uint64_t all = ~std::uint64_t{0};
    if (auto r = rt_sigprocmask(SIG_BLOCK, &all, &child.old_mask); !r) return Error{r.error()};
    // The child's stack: it only runs file actions and execve.
    alignas(16) unsigned char stack[8192];
    long pid = arch::clone_on_stack(CLONE_VM | CLONE_VFORK | SIGCHLD, stack + sizeof stack,
                                    child_main, &child);
    (void)rt_sigprocmask(SIG_SETMASK, &child.old_mask, nullptr);
    if (arch::is_error(pid)) return Error{static_cast<int>(-pid)};
    if (child.error != 0) {
        // The child exited without exec: reap it, report why.
        (void)wait4(static_cast<int>(pid));
        return Error{child.error};
    }
    return static_cast<int>(pid);
}

} // namespace ring3::sys
