// Raw system calls for x86_64 Linux.
//
// The kernel's convention (arch/x86/entry/entry_64.S, and the System V
// x86_64 ABI, appendix A.2):
//   - the syscall number goes in rax; arguments in rdi, rsi, rdx, r10, r8, r9
//     (r10 replaces rcx, which the `syscall` instruction overwrites);
//   - the result comes back in rax: a value, or -errno in [-4095, -1];
//   - `syscall` clobbers rcx (return rip) and r11 (saved rflags); every other
//     register is preserved. "memory" is clobbered because the kernel reads
//     and writes user buffers behind the compiler's back.
// The stack needs no particular alignment for `syscall` itself.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <ring3/arch/x86_64/syscall_numbers.hpp>

namespace ring3::arch {

// ring3-load --trace ends with a count of its own system calls, by
// number: ring3-load alone is compiled with RING3_COUNT_SYSCALLS
// (loader/CMakeLists.txt), where each call below adds one to its byte
// (one `incb` per call site; loader/syscall_count.cpp). Elsewhere nothing.
#ifdef RING3_COUNT_SYSCALLS
inline constexpr long counted_syscalls = 512; // every number ring3-load uses is below
extern unsigned char syscall_counts[counted_syscalls] __attribute__((visibility("hidden")));
inline void count_syscall(long n) { ++syscall_counts[n & (counted_syscalls - 1)]; }
#else
inline void count_syscall(long) {}
#endif

inline long syscall0(long n) {
    count_syscall(n);
    long ret;
    asm volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
    return ret;
}

inline long syscall1(long n, long a1) {
    count_syscall(n);
    long ret;
    asm volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1) : "rcx", "r11", "memory");
    return ret;
}

inline long syscall2(long n, long a1, long a2) {
    count_syscall(n);
    long ret;
    asm volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2) : "rcx", "r11", "memory");
    return ret;
}

inline long syscall3(long n, long a1, long a2, long a3) {
    count_syscall(n);
    long ret;
    asm volatile("syscall"
                 : "=a"(ret)
                 : "a"(n), "D"(a1), "S"(a2), "d"(a3)
                 : "rcx", "r11", "memory");
    return ret;
}

inline long syscall4(long n, long a1, long a2, long a3, long a4) {
    count_syscall(n);
    long ret;
    register long r10 asm("r10") = a4;
    asm volatile("syscall"
                 : "=a"(ret)
                 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
                 : "rcx", "r11", "memory");
    return ret;
}

inline long syscall5(long n, long a1, long a2, long a3, long a4, long a5) {
    count_syscall(n);
    long ret;
    register long r10 asm("r10") = a4;
    register long r8 asm("r8") = a5;
    asm volatile("syscall"
                 : "=a"(ret)
                 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
                 : "rcx", "r11", "memory");
    return ret;
}

inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6) {
    count_syscall(n);
    long ret;
    register long r10 asm("r10") = a4;
    register long r8 asm("r8") = a5;
    register long r9 asm("r9") = a6;
    asm volatile("syscall"
                 : "=a"(ret)
                 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                 : "rcx", "r11", "memory");
    return ret;
}

// clone(2) onto a new stack: the child starts with rsp = stack_top (16-byte
// aligned) and calls fn(arg), which must not return; the parent gets the
// raw result (the child's tid, or -errno). The kernel's x86_64 clone takes
// (flags, stack, parent_tid, child_tid, tls) (kernel/fork.c). The call is
// in the same asm statement as the syscall because the child has no frame
// of this function to return into.
inline long clone_on_stack(long flags, void* stack_top, void (*fn)(void*), void* arg) {
    long ret;
    register long r10 asm("r10") = 0;
    register long r8 asm("r8") = 0;
    asm volatile("syscall\n\t"
                 "test %%rax, %%rax\n\t"
                 "jnz 1f\n\t"
                 "xor %%ebp, %%ebp\n\t" // the child: a fresh frame chain
                 "mov %[arg], %%rdi\n\t"
                 "call *%[fn]\n\t"
                 "ud2\n"
                 "1:"
                 : "=a"(ret)
                 : "a"(nr::clone), "D"(flags), "S"(stack_top), "d"(0L), "r"(r10),
                   "r"(r8), [arg] "r"(arg), [fn] "r"(fn)
                 : "rcx", "r11", "memory");
    return ret;
}

// True when a raw return value encodes an error (-4095..-1), as the kernel
// defines it (include/linux/err.h, MAX_ERRNO).
inline bool is_error(long ret) { return static_cast<unsigned long>(ret) > -4096UL; }

} // namespace ring3::arch
