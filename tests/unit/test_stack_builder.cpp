// The initial stack builder (loader/src/stack.cpp), byte by byte: the
// layout of fs/binfmt_elf.c's create_elf_tables at a fixed address.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <ring3/elf.hpp>
#include <ring3/loader/stack.hpp>

using namespace ring3;
using namespace ring3::loader;
namespace E = ring3::elf;

namespace {

std::uint64_t ptr(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

const char* const argv[] = {"prog", "a"};
const char* const envp[] = {"X=1"};
// An auxv as the kernel passes it to ring3-load (values made up).
const AuxEntry kernel_auxv[] = {
    {E::AT_SYSINFO_EHDR, 0x7fff1000},
    {E::AT_HWCAP, 0x178bfbff},
    {E::AT_PAGESZ, 4096},
    {E::AT_PHDR, 0x5000},
    {E::AT_PHENT, 56},
    {E::AT_PHNUM, 9},
    {E::AT_BASE, 0},
    {E::AT_FLAGS, 0},
    {E::AT_ENTRY, 0x5555},
    {E::AT_UID, 1000},
    {E::AT_SECURE, 0},
    {E::AT_RANDOM, 0x7ffd0000},
    {E::AT_EXECFD, 3},
    {E::AT_EXECFN, 0x7ffd0100},
    {E::AT_PLATFORM, 0x7ffd0200},
    {E::AT_NULL, 0},
};
const unsigned char random16[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

StackSpec spec_for_tests() {
    StackSpec s;
    s.argv = argv;
    s.argc = 2;
    s.envp = envp;
    s.envc = 1;
    s.auxv = kernel_auxv;
    s.program = {0x400040, 56, 5, 0x401000, 0};
    s.execfn = "/bin/prog";
    s.random = {random16, 16};
    return s;
}

std::uint64_t word_at(const std::vector<unsigned char>& buf, std::uint64_t base, std::uint64_t a) {
    std::uint64_t v;
    std::memcpy(&v, buf.data() + (a - base), 8);
    return v;
}

} // namespace

TEST_CASE("the stack, byte by byte") {
    constexpr std::uint64_t base = 0x7ffc0000;
    std::vector<unsigned char> buf(512, 0xaa);
    StackSpec spec = spec_for_tests();
    REQUIRE(stack_bytes(spec) <= buf.size());
    StackLayout layout;
    REQUIRE(build_stack(spec, buf.data(), buf.size(), base, &layout));

    // From the top: the path (10 bytes), the random bytes on a 16-byte
    // boundary, then 36 words from a 16-byte aligned sp.
    CHECK(layout.top == 0x7ffc0200);
    CHECK(layout.execfn == 0x7ffc01f6);
    CHECK(layout.random == 0x7ffc01e0);
    CHECK(layout.sp == 0x7ffc00c0);
    CHECK(layout.argv == 0x7ffc00c8);
    CHECK(layout.envp == 0x7ffc00e0);
    CHECK(layout.auxv == 0x7ffc00f0);
    CHECK(layout.auxc == 15);

    const std::uint64_t expected[] = {
        2,
        ptr(argv[0]),
        ptr(argv[1]),
        0, // argc, argv, NULL
        ptr(envp[0]),
        0, // envp, NULL
        E::AT_SYSINFO_EHDR,
        0x7fff1000, // passed through
        E::AT_HWCAP,
        0x178bfbff,
        E::AT_PAGESZ,
        4096,
        E::AT_PHDR,
        0x400040, // the program's
        E::AT_PHENT,
        56,
        E::AT_PHNUM,
        5,
        E::AT_BASE,
        0,
        E::AT_FLAGS,
        0,
        E::AT_ENTRY,
        0x401000,
        E::AT_UID,
        1000,
        E::AT_SECURE,
        0,
        E::AT_RANDOM,
        0x7ffc01e0, // its own 16 bytes, on this stack
        // AT_EXECFD is ring3-load's: gone.
        E::AT_EXECFN,
        0x7ffc01f6, // its own path, on this stack
        E::AT_PLATFORM,
        0x7ffd0200, // the kernel's string, still valid
        E::AT_NULL,
        0,
    };
    for (std::size_t i = 0; i < sizeof expected / 8; ++i) {
        CAPTURE(i);
        CHECK(word_at(buf, base, layout.sp + 8 * i) == expected[i]);
    }
    // Zero padding up to the random bytes, the bytes, zero padding, the path.
    for (std::uint64_t a = layout.sp + sizeof expected; a < layout.random; ++a)
        CHECK(buf[a - base] == 0);
    CHECK(std::memcmp(buf.data() + (layout.random - base), random16, 16) == 0);
    for (std::uint64_t a = layout.random + 16; a < layout.execfn; ++a) CHECK(buf[a - base] == 0);
    CHECK(std::memcmp(buf.data() + (layout.execfn - base), "/bin/prog", 10) == 0);
    // Below sp, nothing was touched.
    for (std::uint64_t a = base; a < layout.sp; ++a) CHECK(buf[a - base] == 0xaa);
}

TEST_CASE("entries the kernel did not pass are added, in a fixed order") {
    const AuxEntry sparse[] = {{E::AT_HWCAP, 7}, {E::AT_NULL, 0}};
    StackSpec spec = spec_for_tests();
    spec.auxv = sparse;
    std::vector<unsigned char> buf(stack_bytes(spec));
    StackLayout l;
    REQUIRE(build_stack(spec, buf.data(), buf.size(), 0x10000, &l));
    const std::uint64_t expected[] = {
        E::AT_HWCAP,  7,        E::AT_PHDR,   0x400040, E::AT_PHENT, 56,       E::AT_PHNUM,  5,
        E::AT_PAGESZ, 4096,     E::AT_BASE,   0,        E::AT_ENTRY, 0x401000, E::AT_SECURE, 0,
        E::AT_RANDOM, l.random, E::AT_EXECFN, l.execfn, E::AT_NULL,  0,
    };
    CHECK(l.auxc == 11);
    for (std::size_t i = 0; i < sizeof expected / 8; ++i) {
        CAPTURE(i);
        CHECK(word_at(buf, 0x10000, l.auxv + 8 * i) == expected[i]);
    }
    // No auxv at all: the same entries.
    spec.auxv = nullptr;
    REQUIRE(build_stack(spec, buf.data(), buf.size(), 0x10000, &l));
    CHECK(l.auxc == 10);
}

TEST_CASE("program headers no segment maps are copied, and AT_PHDR points at the copy") {
    StackSpec spec = spec_for_tests();
    spec.program.phdr = 0;
    unsigned char table[3 * 56];
    for (unsigned i = 0; i < sizeof table; ++i) table[i] = static_cast<unsigned char>(i);
    spec.phdrs = {table, sizeof table};
    std::vector<unsigned char> buf(stack_bytes(spec));
    StackLayout l;
    REQUIRE(build_stack(spec, buf.data(), buf.size(), 0x20000, &l));
    CHECK(l.phdrs % 8 == 0);
    CHECK(l.phdrs + sizeof table <= l.random);
    CHECK(std::memcmp(buf.data() + (l.phdrs - 0x20000), table, sizeof table) == 0);
    CHECK(word_at(buf, 0x20000, l.auxv + 3 * 16) == E::AT_PHDR);
    CHECK(word_at(buf, 0x20000, l.auxv + 3 * 16 + 8) == l.phdrs);
}

TEST_CASE("sp is 16-byte aligned and stack_bytes always suffices") {
    std::mt19937 rng(7);
    std::vector<const char*> many(3001, "arg");
    for (int iter = 0; iter < 500; ++iter) {
        StackSpec spec = spec_for_tests();
        spec.argc = rng() % many.size();
        spec.argv = many.data();
        spec.envc = rng() % 200;
        spec.envp = many.data();
        std::string path(rng() % 300, 'p');
        spec.execfn = {path.data(), path.size()};
        std::vector<unsigned char> table((rng() % 10) * 56);
        if (rng() % 2) {
            spec.program.phdr = 0;
            spec.phdrs = {table.data(), table.size()};
        }
        std::size_t size = stack_bytes(spec);
        std::uint64_t base = 0x7ff000000000 + (rng() % 4096);
        std::vector<unsigned char> buf(size);
        StackLayout l;
        CAPTURE(iter);
        REQUIRE(build_stack(spec, buf.data(), size, base, &l));
        CHECK(l.sp % 16 == 0);
        CHECK(l.sp >= base);
        CHECK(word_at(buf, base, l.sp) == spec.argc);
        CHECK(word_at(buf, base, l.argv + 8 * spec.argc) == 0);
        // One byte less than needed is refused, never overflowed.
        CHECK_FALSE(build_stack(spec, buf.data(), size - 1, base, &l));
    }
}
