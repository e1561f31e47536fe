// Rounding mode and exception flags on x86_64, where two units do floating
// point: SSE (float and double, MXCSR) and the x87 (long double, its
// control and status words). Both are set together, as glibc does, so that
// every type rounds the same way (Intel SDM vol. 1, 8.1.5 and 10.2.3).
#include "fenv.hpp"

#include <fenv.h>

namespace ring3::libc {
namespace {

constexpr int rounding_mask = FE_TONEAREST | FE_DOWNWARD | FE_UPWARD | FE_TOWARDZERO;
// MXCSR keeps the rounding bits 3 places higher than the x87 control word,
// and the exception flags in its low bits, in the same order as the x87
// status word.
constexpr int mxcsr_rounding_shift = 3;

unsigned read_mxcsr() {
    unsigned v;
    asm volatile("stmxcsr %0" : "=m"(v));
    return v;
}
void write_mxcsr(unsigned v) { asm volatile("ldmxcsr %0" : : "m"(v)); }

unsigned short read_x87_control() {
    unsigned short v;
    asm volatile("fnstcw %0" : "=m"(v));
    return v;
}
void write_x87_control(unsigned short v) { asm volatile("fldcw %0" : : "m"(v)); }

unsigned short read_x87_status() {
    unsigned short v;
    asm volatile("fnstsw %0" : "=am"(v));
    return v;
}

// The x87 environment (fnstenv's 28 bytes): its status word can only be
// written back through fldenv.
struct X87Env {
    unsigned short control, pad0, status, pad1;
    unsigned int rest[5];
};

} // namespace

int fegetround() noexcept { return read_x87_control() & rounding_mask; }

int fesetround(int mode) noexcept {
    if ((mode & ~rounding_mask) != 0) return 1;
    write_x87_control(static_cast<unsigned short>((read_x87_control() & ~rounding_mask) | mode));
    write_mxcsr((read_mxcsr() & ~(rounding_mask << mxcsr_rounding_shift)) |
                (static_cast<unsigned>(mode) << mxcsr_rounding_shift));
    return 0;
}

int feclearexcept(int excepts) noexcept {
    excepts &= FE_ALL_EXCEPT;
    X87Env env;
    asm volatile("fnstenv %0" : "=m"(env));
    env.status = static_cast<unsigned short>(env.status & ~excepts);
    asm volatile("fldenv %0" : : "m"(env));
    write_mxcsr(read_mxcsr() & ~static_cast<unsigned>(excepts));
    return 0;
}

int fetestexcept(int excepts) noexcept {
    return static_cast<int>((read_x87_status() | read_mxcsr()) & static_cast<unsigned>(excepts) &
                            FE_ALL_EXCEPT);
}

// Sets the flags in MXCSR. A trap enabled for one of them is not taken
// here (glibc performs an operation that raises it); ring3 programs run
// with every exception masked, the default.
int feraiseexcept(int excepts) noexcept {
    write_mxcsr(read_mxcsr() | (static_cast<unsigned>(excepts) & FE_ALL_EXCEPT));
    return 0;
}

} // namespace ring3::libc
