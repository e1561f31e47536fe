// The x86_64 Linux system call table: the numbers ring3 uses, named as in
// the kernel's arch/x86/entry/syscalls/syscall_64.tbl.
#pragma once

namespace ring3::nr {

inline constexpr long read = 0;
inline constexpr long write = 1;
inline constexpr long open = 2;
inline constexpr long close = 3;
inline constexpr long stat = 4;
inline constexpr long fstat = 5;
inline constexpr long lstat = 6;
inline constexpr long poll = 7;
inline constexpr long lseek = 8;
inline constexpr long mmap = 9;
inline constexpr long mprotect = 10;
inline constexpr long munmap = 11;
inline constexpr long brk = 12;
inline constexpr long rt_sigaction = 13;
inline constexpr long rt_sigprocmask = 14;
inline constexpr long rt_sigreturn = 15;
inline constexpr long ioctl = 16;
inline constexpr long pread64 = 17;
inline constexpr long pwrite64 = 18;
inline constexpr long readv = 19;
inline constexpr long writev = 20;
inline constexpr long access = 21;
inline constexpr long pipe = 22;
inline constexpr long sched_yield = 24;
inline constexpr long mremap = 25;
inline constexpr long mincore = 27;
inline constexpr long madvise = 28;
inline constexpr long dup = 32;
inline constexpr long dup2 = 33;
inline constexpr long nanosleep = 35;
inline constexpr long setitimer = 38;
inline constexpr long getpid = 39;
inline constexpr long sendfile = 40;
inline constexpr long fork = 57;
inline constexpr long execve = 59;
inline constexpr long exit = 60;
inline constexpr long wait4 = 61;
inline constexpr long kill = 62;
inline constexpr long uname = 63;
inline constexpr long fcntl = 72;
inline constexpr long ftruncate = 77;
inline constexpr long getcwd = 79;
inline constexpr long readlink = 89;
inline constexpr long getrlimit = 97;
inline constexpr long getrusage = 98;
inline constexpr long getuid = 102;
inline constexpr long getgid = 104;
inline constexpr long geteuid = 107;
inline constexpr long getegid = 108;
inline constexpr long sigaltstack = 131;
inline constexpr long personality = 135;
inline constexpr long prctl = 157;
inline constexpr long arch_prctl = 158;
inline constexpr long setrlimit = 160;
inline constexpr long gettid = 186;
inline constexpr long tkill = 200;
inline constexpr long futex = 202;
inline constexpr long getdents64 = 217;
inline constexpr long clock_gettime = 228;
inline constexpr long exit_group = 231;
inline constexpr long tgkill = 234;
inline constexpr long openat = 257;
inline constexpr long newfstatat = 262;
inline constexpr long readlinkat = 267;
inline constexpr long faccessat = 269;
inline constexpr long splice = 275;
inline constexpr long tee = 276;
inline constexpr long pipe2 = 293;
inline constexpr long prlimit64 = 302;
inline constexpr long getrandom = 318;
inline constexpr long memfd_create = 319;
inline constexpr long execveat = 322;
inline constexpr long copy_file_range = 326;
inline constexpr long statx = 332;
inline constexpr long close_range = 436;

} // namespace ring3::nr
