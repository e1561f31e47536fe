// Link-time feature flags: pay only for what is linked.
//
// A runtime object that provides an optional feature (TLS-free canary,
// atexit, streams, static-PIE relocation...) defines an absolute symbol
// equal to 1 with RING3_DEFINE_LINK_FLAG. Code that would call into the
// feature tests RING3_LINKED(flag): a `mov $flag, %eax` against a weak
// symbol, which the linker resolves to 1 when that object was pulled out
// of libring3.a by some reference, and to 0 when it was not.
//
// Why not a weak function pointer test (`if (&hook)`)? In position-
// independent code that goes through a GOT entry: a .got section and a
// writable segment in every program, and, in a static-PIE program, a value
// that is not relocated yet when startup needs it. An absolute symbol needs
// no relocation and no GOT, in PIE and non-PIE programs alike.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#define RING3_DEFINE_LINK_FLAG(name) asm(".globl " #name "\n.set " #name ", 1\n")

#define RING3_LINKED(name)                                                                         \
    __extension__({                                                                                \
        unsigned ring3_linked_;                                                                    \
        asm(".weak " #name "\n\tmovl $" #name ", %0" : "=r"(ring3_linked_));                       \
        ring3_linked_;                                                                             \
    })
