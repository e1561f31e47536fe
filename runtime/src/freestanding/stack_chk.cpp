// The stack protector's failure path. Linked in only when some code was
// compiled with -fstack-protector* and so refers to __stack_chk_fail; the
// flag below then tells crt0 to set up a canary. A program with no
// protected function gets no canary and makes no arch_prctl for one.
#include <ring3/arch/x86_64/syscall.hpp>
#include <ring3/arch/x86_64/syscall_numbers.hpp>
#include <ring3/detail/link_flags.hpp>
#include <ring3/fdio.hpp>
#include <ring3/startup.hpp>

RING3_DEFINE_LINK_FLAG(__ring3_canary_linked);

namespace {
// The thread control block of a program that has a canary but no TLS
// (crt0 sets one up only for PT_TLS). See crt0.asm for the layout.
alignas(64) unsigned char canary_tcb[256];
} // namespace

// Called by crt0 before any C++ code, so compiled without a stack
// protector (cmake/freestanding.cmake). `tcb` is the thread pointer crt0
// set up, or null.
extern "C" void __ring3_setup_canary(unsigned char* tcb, long* sp) {
    if (!tcb) {
        tcb = canary_tcb;
        *reinterpret_cast<unsigned char**>(tcb) = tcb;
        *reinterpret_cast<unsigned char**>(tcb + 16) = tcb;
        ring3::arch::syscall2(ring3::nr::arch_prctl, 0x1002 /* ARCH_SET_FS */,
                              reinterpret_cast<long>(tcb));
    }
    // AT_RANDOM: 16 random bytes from the kernel. 8 of them, with the low
    // byte zeroed so that a string overflow (which stops at a NUL) cannot
    // reproduce the canary.
    long* p = sp + 1 + sp[0] + 1; // envp
    while (*p) ++p;
    for (auto* a = reinterpret_cast<unsigned long*>(p + 1); a[0] != 0; a += 2) {
        if (a[0] == 25 /* AT_RANDOM */) {
            unsigned long canary;
            __builtin_memcpy(&canary, reinterpret_cast<void*>(a[1]), 8);
            *reinterpret_cast<unsigned long*>(tcb + 0x28) = canary & ~0xfful;
        }
    }
}

extern "C" [[noreturn, gnu::cold]] void __stack_chk_fail() {
    // The stack is corrupt: no formatting, no exit handlers, one write.
    (void)ring3::write_all(2, "*** stack smashing detected ***: terminated\n");
    abort();
}
