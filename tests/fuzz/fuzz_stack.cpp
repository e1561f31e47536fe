// Fuzz target: the initial stack builder (loader/src/stack.cpp) and its
// --trace table, over any argv, environment, auxv, program values, path,
// random bytes and program header copy. The built stack is read back and
// checked against the layout stack.hpp promises (the kernel's,
// fs/binfmt_elf.c create_elf_tables), with an auxv merged by an
// independent rendition of the rule; a buffer one byte too small must be
// refused without a byte written.
//
// The input is a list of records, each a tag byte, a 16-bit
// little-endian length and that many bytes (a last record runs to the end
// of the input when shorter):
//
//     'a' an argument string     'e' an environment string
//     'x' auxv entries (16 bytes each: type, value), the kernel's
//     'f' the path (AT_EXECFN)   'r' the random bytes (16 expected)
//     'h' the program header table, copied when 'p' has phdr 0
//     'p' the program's values: phdr, phent, phnum, entry, base (5 x u64)
//     's' the buffer: u32 extra bytes, u32 offset of its run-time address
//
// Other tags are skipped, so that mutations keep most records intact.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include <ring3/elf.hpp>
#include <ring3/loader/stack.hpp>
#include <ring3/loader/trace.hpp>

using namespace ring3;
using namespace ring3::loader;
namespace E = ring3::elf;

namespace {

std::uint64_t u64(const std::string& s, std::size_t i) {
    std::uint64_t v = 0;
    if (i < s.size()) std::memcpy(&v, s.data() + i, s.size() - i < 8 ? s.size() - i : 8);
    return v;
}

struct Input {
    std::vector<std::string> args, env;
    std::vector<AuxEntry> auxv;
    std::string execfn, random, phdrs;
    ProgramAux program;
    std::uint32_t extra = 0, offset = 0;
};

Input parse(const std::uint8_t* d, std::size_t n) {
    Input in;
    std::size_t i = 0;
    while (i < n) {
        std::uint8_t tag = d[i++];
        std::size_t len = 0;
        if (i + 2 <= n) len = d[i] | (d[i + 1] << 8);
        i += 2;
        if (i > n) break;
        if (len > n - i) len = n - i;
        std::string v(reinterpret_cast<const char*>(d + i), len);
        i += len;
        // Strings stop at their first NUL, as C strings do.
        auto cstr = [&] { return std::string(v.c_str()); };
        switch (tag) {
        case 'a':
            if (in.args.size() < 4096) in.args.push_back(cstr());
            break;
        case 'e':
            if (in.env.size() < 4096) in.env.push_back(cstr());
            break;
        case 'x':
            for (std::size_t k = 0; k + 16 <= v.size(); k += 16)
                in.auxv.push_back({u64(v, k), u64(v, k + 8)});
            break;
        case 'f':
            in.execfn = cstr();
            break;
        case 'r':
            in.random = v;
            break;
        case 'h':
            in.phdrs = v;
            break;
        case 'p':
            in.program = {u64(v, 0), u64(v, 8), u64(v, 16), u64(v, 24), u64(v, 32)};
            break;
        case 's':
            in.extra = static_cast<std::uint32_t>(u64(v, 0)) % 4096;
            in.offset = static_cast<std::uint32_t>(u64(v, 4));
            break;
        default:
            break;
        }
    }
    return in;
}

// The auxv the program must get, by the rule in stack.hpp: the kernel's
// entries up to AT_NULL but AT_EXECFD, those describing the program set
// for it, the missing ones of these appended in a fixed order, AT_NULL.
std::vector<AuxEntry> expected_auxv(const Input& in, std::uint64_t phdr, std::uint64_t random,
                                    std::uint64_t execfn) {
    const std::uint64_t own[] = {E::AT_PHDR,  E::AT_PHENT,  E::AT_PHNUM,  E::AT_PAGESZ, E::AT_BASE,
                                 E::AT_ENTRY, E::AT_SECURE, E::AT_RANDOM, E::AT_EXECFN};
    auto value = [&](std::uint64_t type, std::uint64_t kernel) -> std::uint64_t {
        if (type == E::AT_PHDR) return phdr;
        if (type == E::AT_PHENT) return in.program.phent;
        if (type == E::AT_PHNUM) return in.program.phnum;
        if (type == E::AT_ENTRY) return in.program.entry;
        if (type == E::AT_BASE) return in.program.base;
        if (type == E::AT_RANDOM) return random;
        if (type == E::AT_EXECFN) return execfn;
        if (type == E::AT_PAGESZ && kernel == 0) return 4096;
        return kernel;
    };
    std::vector<AuxEntry> out;
    bool seen[9] = {};
    for (const AuxEntry& a : in.auxv) {
        if (a.type == E::AT_NULL) break;
        if (a.type == E::AT_EXECFD) continue;
        for (int i = 0; i < 9; ++i) seen[i] |= a.type == own[i];
        out.push_back({a.type, value(a.type, a.value)});
    }
    for (int i = 0; i < 9; ++i)
        if (!seen[i]) out.push_back({own[i], value(own[i], 0)});
    out.push_back({E::AT_NULL, 0});
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Input in = parse(data, size);
    std::vector<const char*> argv, envp;
    for (auto& s : in.args) argv.push_back(s.c_str());
    for (auto& s : in.env) envp.push_back(s.c_str());
    std::vector<AuxEntry> auxv = in.auxv;
    auxv.push_back({E::AT_NULL, 0});

    StackSpec spec;
    spec.argv = argv.data();
    spec.argc = argv.size();
    spec.envp = envp.data();
    spec.envc = envp.size();
    spec.auxv = auxv.data();
    spec.program = in.program;
    spec.execfn = {in.execfn.data(), in.execfn.size()};
    spec.random = {in.random.data(), in.random.size()};
    spec.phdrs = {in.phdrs.data(), in.phdrs.size()};

    std::size_t need = stack_bytes(spec);
    std::size_t total = need + in.extra;
    // Somewhere in the upper half of user space, at any alignment.
    const std::uint64_t addr = 0x7ff000000000 + in.offset;
    constexpr unsigned char fill = 0xa5;

    // One byte short: refused, nothing written.
    if (need > 0) {
        std::vector<unsigned char> small(need - 1, fill);
        StackLayout unused{};
        EXPECT(!build_stack(spec, small.data(), small.size(), addr, &unused),
               "build_stack accepted %zu bytes, stack_bytes says %zu", small.size(), need);
        for (unsigned char c : small) EXPECT(c == fill, "a refused build_stack wrote");
    }

    std::vector<unsigned char> buf(total, fill);
    StackLayout l{};
    EXPECT(build_stack(spec, buf.data(), buf.size(), addr, &l), "build_stack refused %zu bytes",
           total);
    auto inside = [&](std::uint64_t a, std::uint64_t n) {
        return a >= addr && a <= addr + total && n <= addr + total - a;
    };
    auto word = [&](std::uint64_t a) {
        EXPECT(inside(a, 8), "word at %llx outside the buffer", static_cast<unsigned long long>(a));
        std::uint64_t v;
        std::memcpy(&v, buf.data() + (a - addr), 8);
        return v;
    };

    EXPECT(l.top == addr + total, "top");
    EXPECT(l.sp % 16 == 0, "sp %llx not 16-byte aligned", static_cast<unsigned long long>(l.sp));
    EXPECT(inside(l.sp, l.top - l.sp), "sp outside the buffer");
    // Nothing below sp is touched: the loader's own frames live there.
    for (std::uint64_t a = addr; a < l.sp; ++a)
        EXPECT(buf[a - addr] == fill, "byte %llx below sp written",
               static_cast<unsigned long long>(a));

    // argc, argv, envp: the pointers as given.
    EXPECT(word(l.sp) == spec.argc, "argc");
    EXPECT(l.argv == l.sp + 8, "argv");
    for (std::size_t i = 0; i < spec.argc; ++i)
        EXPECT(word(l.argv + 8 * i) == reinterpret_cast<std::uintptr_t>(argv[i]), "argv[%zu]", i);
    EXPECT(word(l.argv + 8 * spec.argc) == 0, "argv not NULL-terminated");
    EXPECT(l.envp == l.argv + 8 * (spec.argc + 1), "envp");
    for (std::size_t i = 0; i < spec.envc; ++i)
        EXPECT(word(l.envp + 8 * i) == reinterpret_cast<std::uintptr_t>(envp[i]), "envp[%zu]", i);
    EXPECT(word(l.envp + 8 * spec.envc) == 0, "envp not NULL-terminated");
    EXPECT(l.auxv == l.envp + 8 * (spec.envc + 1), "auxv");

    // The blobs, above the words and in order: program headers (if
    // copied), 16 random bytes, the path.
    bool copied = spec.program.phdr == 0 && !spec.phdrs.empty();
    std::uint64_t phdr = copied ? l.phdrs : spec.program.phdr;
    std::vector<AuxEntry> want = expected_auxv(in, phdr, l.random, l.execfn);
    EXPECT(l.auxc == want.size(), "%zu auxv entries, %zu expected", l.auxc, want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        std::uint64_t t = word(l.auxv + 16 * i), v = word(l.auxv + 16 * i + 8);
        EXPECT(t == want[i].type && v == want[i].value,
               "auxv[%zu] is (%llu, %llx), expected (%llu, %llx)", i,
               static_cast<unsigned long long>(t), static_cast<unsigned long long>(v),
               static_cast<unsigned long long>(want[i].type),
               static_cast<unsigned long long>(want[i].value));
    }
    std::uint64_t words_end = l.auxv + 16 * l.auxc;
    if (copied) {
        EXPECT(l.phdrs % 8 == 0 && l.phdrs >= words_end && inside(l.phdrs, spec.phdrs.size()),
               "program headers misplaced");
        EXPECT(std::memcmp(buf.data() + (l.phdrs - addr), in.phdrs.data(), in.phdrs.size()) == 0,
               "program headers not copied");
        EXPECT(l.phdrs + spec.phdrs.size() <= l.random, "program headers overlap AT_RANDOM");
    } else {
        EXPECT(l.phdrs == spec.program.phdr, "phdrs %llx, program.phdr %llx",
               static_cast<unsigned long long>(l.phdrs),
               static_cast<unsigned long long>(spec.program.phdr));
    }
    EXPECT(l.random % 16 == 0 && l.random >= words_end && inside(l.random, 16),
           "AT_RANDOM misplaced");
    for (std::size_t i = 0; i < 16; ++i) {
        unsigned char want_byte = i < in.random.size() ? in.random[i] : 0;
        EXPECT(buf[l.random - addr + i] == want_byte, "AT_RANDOM byte %zu", i);
    }
    EXPECT(l.execfn >= l.random + 16 && inside(l.execfn, in.execfn.size() + 1),
           "AT_EXECFN misplaced");
    EXPECT(std::memcmp(buf.data() + (l.execfn - addr), in.execfn.c_str(), in.execfn.size() + 1) ==
               0,
           "AT_EXECFN not copied with its NUL");
    // Padding between the pieces is zero.
    for (std::uint64_t a = words_end; a < l.random; ++a) {
        if (copied && a >= l.phdrs && a < l.phdrs + spec.phdrs.size()) continue;
        EXPECT(buf[a - addr] == 0, "padding byte %llx is %u", static_cast<unsigned long long>(a),
               buf[a - addr]);
    }

    for (std::uint64_t a = l.random + 16; a < l.execfn; ++a)
        EXPECT(buf[a - addr] == 0, "padding byte %llx is %u", static_cast<unsigned long long>(a),
               buf[a - addr]);

    // The --trace table over the built stack.
    OutStream& t = fuzz::null_stream();
    trace_stack(t, spec, l, buf.data(), addr);
    (void)t.flush();
    return 0;
}
