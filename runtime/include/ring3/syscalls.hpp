// Typed system call wrappers: each returns Result<T>, the value or the errno.
//
// Thin and mostly inline: a wrapper is the raw syscall plus the conversion
// of the kernel's -errno convention. Constants and structures follow the
// x86_64 kernel ABI (include/uapi/...), not glibc's, where the two differ.
// Grouped by concern under ring3/sys/; this header includes them all.
// Only these headers (and code that runs before relocation) issue raw
// system calls: tests/e2e/lint.sh checks it.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <ring3/sys/dirs.hpp>      // getdents64, DirReader
#include <ring3/sys/files.hpp>     // open, stat, statx, the *at family, fsync, memfd
#include <ring3/sys/io.hpp>        // read, write, writev, lseek, dup3, pipe2, poll, splice
#include <ring3/sys/memory.hpp>    // mmap, mprotect, mremap, madvise, mincore
#include <ring3/sys/process.hpp>   // fork, execve, wait4, waitid, spawn, prctl, exit_group
#include <ring3/sys/random.hpp>    // getrandom
#include <ring3/sys/resources.hpp> // uname, prlimit, getrusage
#include <ring3/sys/signals.hpp>   // rt_sigaction, rt_sigprocmask, tgkill, kill
#include <ring3/sys/time.hpp>      // clock_gettime, clock_nanosleep, setitimer
