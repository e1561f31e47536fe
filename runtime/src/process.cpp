#include <ring3/detail/link_flags.hpp>
#include <ring3/process.hpp>

// Startup (runtime/crt0/x86_64/crt0.asm) fills process_info only in
// programs that link this file: others carry no copy of it.
RING3_DEFINE_LINK_FLAG(__ring3_process_info_linked);

extern "C" void __ring3_save_process_info(long* initial_sp) {
    int argc = static_cast<int>(initial_sp[0]);
    char** argv = reinterpret_cast<char**>(initial_sp + 1);
    char** envp = argv + argc + 1;
    char** p = envp;
    while (*p) ++p;
    ring3::process_info = {argc, argv, envp, reinterpret_cast<ring3::AuxEntry*>(p + 1)};
}

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
