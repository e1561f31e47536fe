// Reading a file through a mapping when another process may shrink it.
//
// A page of a file mapping with no file left behind it (the file was
// truncated after mmap) cannot be read: the access raises SIGBUS
// (BUS_ADRERR), and the program dies. A program that reads a mapping
// itself (not through write(2), which fails with EFAULT instead) guards
// it: while a MappingGuard lives, such a fault inside the guarded range
// maps a zero page over the lost page, notes the loss, and the program
// reads zeros and goes on; it then asks lost() and reports that the file
// changed while it was being read (docs/reliability.md). A SIGBUS outside
// the range, or of another kind, still ends the program as the kernel
// would.
//
// Costs one rt_sigaction(2) the first time a guard is made. One guard at a
// time; the handler stays installed, and with no guard it changes nothing.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstddef>

// Constants that share a name with a C library macro (SEEK_SET, ...).
#include <ring3/detail/libc_macros_begin.hpp>

namespace ring3 {

class MappingGuard {
public:
    // Guards [base, base + size), mapped with protection `prot` (PROT_READ
    // by default): the zero pages get the same.
    MappingGuard(const void* base, std::size_t size, int prot = 1);
    ~MappingGuard();
    MappingGuard(const MappingGuard&) = delete;
    MappingGuard& operator=(const MappingGuard&) = delete;

    // True when pages of the range had no file behind them (it shrank, or
    // the kernel could not read them) and zeros were read in their place.
    bool lost() const;
};

} // namespace ring3
#include <ring3/detail/libc_macros_end.hpp>
