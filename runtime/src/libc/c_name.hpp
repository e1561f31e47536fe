// How ring3's C library functions get their C names.
//
// Each function is written once, as ring3::libc::NAME, and given its
// symbol with an asm label: in a ring3 program (the freestanding build,
// which defines RING3_LIBC_C_NAMES) the symbol is the C name itself, so
// `memcpy` is this very function, with no wrapper or alias in between; in
// the hosted unit tests it is ring3_libc_NAME, so ring3's memcpy and
// glibc's live in one process and the tests compare them.
//
// These headers are private to the runtime (and its tests): a user's C++
// calls the C names through <cstring> and friends, or ring3's C++ APIs.
#pragma once

#if defined(RING3_LIBC_C_NAMES)
#define RING3_C_SYMBOL(name) #name
#else
#define RING3_C_SYMBOL(name) "ring3_libc_" #name
#endif
#define RING3_C_NAME(name) asm(RING3_C_SYMBOL(name))
// One function under a second name (memcpy is memmove), in the file that
// defines the first.
#define RING3_C_ALIAS_OF(name) __attribute__((alias(RING3_C_SYMBOL(name))))

// Functions that read past the bytes they were given, but never into
// another page (strlen and memchr read whole aligned 16- or 32-byte blocks;
// strcmp reads 16 bytes where they stay inside the page): the extra bytes
// are always mapped, but AddressSanitizer would report them.
#define RING3_READS_WITHIN_PAGE __attribute__((no_sanitize("address")))
