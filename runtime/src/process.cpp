#include <ring3/process.hpp>

namespace ring3 {

ProcessInfo process_info;

const char* program_name() {
    if (process_info.argc < 1 || !process_info.argv || !process_info.argv[0] ||
        !process_info.argv[0][0])
        return "ring3";
    const char* name = process_info.argv[0];
    for (const char* p = name; *p; ++p)
        if (*p == '/' && p[1]) name = p + 1;
    return name;
}

} // namespace ring3
