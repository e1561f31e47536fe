// The process environment as the kernel hands it over: argv, envp, auxv.
#pragma once

#include <cstdint>

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

extern ProcessInfo process_info;

} // namespace ring3
