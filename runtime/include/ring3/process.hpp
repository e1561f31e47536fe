// The process environment as the kernel hands it over: argv, envp, auxv.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <cstdint>
#include <ring3/str.hpp>

namespace ring3 {

// One auxiliary vector entry (include/uapi/linux/auxvec.h): a type and a value.
struct AuxEntry {
    std::uint64_t type;
    std::uint64_t value;
};

struct ProcessInfo {
    int argc = 0;
    char** argv = nullptr;
    char** envp = nullptr;
    AuxEntry* auxv = nullptr;
};

// Filled in by the startup code before any constructor runs.
extern ProcessInfo process_info;

// The program's name for messages: the last component of argv[0], or
// "ring3" when there is none.
const char* program_name();

} // namespace ring3
