#include <ring3/env.hpp>

namespace ring3 {

const char* find_env(char* const* envp, Str name) {
    if (!envp) return nullptr;
    for (char* const* e = envp; *e; ++e) {
        const char* s = *e;
        std::size_t i = 0;
        while (i < name.size() && s[i] == name[i]) ++i;
        if (i == name.size() && s[i] == '=') return s + i + 1;
    }
    return nullptr;
}

std::uint64_t find_aux(const AuxEntry* auxv, std::uint64_t type) {
    if (!auxv) return 0;
    for (const AuxEntry* a = auxv; a->type != 0; ++a)
        if (a->type == type) return a->value;
    return 0;
}

const char* getenv(Str name) { return find_env(process_info.envp, name); }

std::uint64_t getauxval(std::uint64_t type) { return find_aux(process_info.auxv, type); }

} // namespace ring3
