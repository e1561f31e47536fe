// The mapping planner (loader/src/plan.cpp): the exact steps for typical
// layouts, and, for any valid layout, that executing the steps yields the
// image the ELF file describes (checked by a model of memory that runs the
// plan the way the kernel would).
#include "elf_builder.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <random>
#include <sstream>

#include <ring3/loader/plan.hpp>

using namespace ring3;
using namespace ring3::loader;
using namespace testelf;

namespace {

constexpr std::uint64_t P = 4096;

struct Expected {
    StepKind kind;
    std::uint64_t addr, len;
    unsigned prot;
    std::uint64_t offset;
};

std::string show(const MapStep& s) {
    static const char* names[] = {"reserve", "map_file", "map_anon", "zero", "read", "protect"};
    std::ostringstream o;
    o << names[static_cast<int>(s.kind)] << " 0x" << std::hex << s.addr << "+0x" << s.len
      << " prot " << int(s.prot) << " off 0x" << s.offset;
    return o.str();
}
std::string hex(std::uint64_t v) {
    std::ostringstream o;
    o << "0x" << std::hex << v;
    return o.str();
}
std::string show(const Expected& e) {
    MapStep s{e.kind, Why::span, static_cast<std::uint8_t>(e.prot), 0, e.addr, e.len, e.offset};
    return show(s);
}

// A plan with its steps collected.
struct Planned {
    Plan plan;
    std::vector<MapStep> steps;
};

Planned planned(const Image& img, std::uint64_t bias) {
    Planned p;
    plan_mappings(
        img, bias, &p.plan,
        [](void* ctx, const MapStep& s) { static_cast<std::vector<MapStep>*>(ctx)->push_back(s); },
        &p.steps);
    return p;
}

void check_steps(const Planned& p, std::initializer_list<Expected> want) {
    std::ostringstream got, expected;
    for (const MapStep& s : p.steps) got << show(s) << "\n";
    for (const Expected& e : want) expected << show(e) << "\n";
    CHECK(got.str() == expected.str());
}

Planned plan_for(const File& f, std::uint64_t bias = 0) {
    static Image img;
    REQUIRE(message(f, &img) == "valid");
    return planned(img, bias);
}

// Runs a plan on a model of the address space and checks the result
// against the file: every segment byte as the gABI says, zeros after
// p_filesz, each page with the union of the protections of the segments
// touching it, gaps PROT_NONE, never a page writable and executable.
struct Page {
    unsigned char bytes[P];
    unsigned prot;
};

void simulate_and_check(const File& f, const Image& img, const Planned& p) {
    const Plan& plan = p.plan;
    std::map<std::uint64_t, Page> mem;
    auto file_byte = [&](std::uint64_t off) -> unsigned char {
        return off < f.bytes.size() ? f.bytes[off] : 0;
    };
    // Calls fn(page, first byte in it, count, offset into the range) for
    // each page [addr, addr + len) touches. Only failures are assertions:
    // the loops are long.
    auto each_page = [&](std::uint64_t addr, std::uint64_t len, auto fn) {
        for (std::uint64_t done = 0; done < len;) {
            std::uint64_t a = addr + done, in = a % P, n = std::min(P - in, len - done);
            auto it = mem.find(a - in);
            if (it == mem.end()) FAIL("a step outside the reserved span");
            fn(it->second, in, n, done);
            done += n;
        }
    };
    for (unsigned i = 0; i < p.steps.size(); ++i) {
        const MapStep& s = p.steps[i];
        CAPTURE(show(s));
        if (s.addr < plan.lo || s.addr + s.len > plan.hi) FAIL("a step outside the reserved span");
        if ((s.prot & prot_w) && (s.prot & prot_x)) FAIL_CHECK("writable and executable");
        switch (s.kind) {
        case StepKind::reserve:
            REQUIRE(i == 0);
            for (std::uint64_t a = s.addr; a < s.addr + s.len; a += P) mem[a] = Page{{}, 0};
            break;
        case StepKind::map_file:
            REQUIRE(s.addr % P == 0);
            REQUIRE(s.offset % P == 0);
            // mmap of a page entirely past the end of the file would fault.
            REQUIRE(s.offset + s.len - P < f.bytes.size());
            each_page(s.addr, s.len,
                      [&](Page& pg, std::uint64_t in, std::uint64_t n, std::uint64_t at) {
                          for (std::uint64_t k = 0; k < n; ++k)
                              pg.bytes[in + k] = file_byte(s.offset + at + k);
                          pg.prot = s.prot;
                      });
            break;
        case StepKind::map_anon:
            REQUIRE(s.addr % P == 0);
            each_page(s.addr, s.len, [&](Page& pg, std::uint64_t, std::uint64_t, std::uint64_t) {
                pg = Page{{}, s.prot};
            });
            break;
        case StepKind::zero:
        case StepKind::read:
            each_page(s.addr, s.len,
                      [&](Page& pg, std::uint64_t in, std::uint64_t n, std::uint64_t at) {
                          if (!(pg.prot & prot_w)) FAIL("write to a page that is not writable");
                          for (std::uint64_t k = 0; k < n; ++k)
                              pg.bytes[in + k] =
                                  s.kind == StepKind::zero ? 0 : file_byte(s.offset + at + k);
                      });
            break;
        case StepKind::protect:
            each_page(s.addr, s.len, [&](Page& pg, std::uint64_t, std::uint64_t, std::uint64_t) {
                pg.prot = s.prot;
            });
            break;
        }
    }
    auto segments_on = [&](std::uint64_t page) {
        unsigned n = 0;
        for (unsigned j = 0; j < img.load_count; ++j) {
            std::uint64_t a = plan.bias + img.loads[j].vaddr;
            if (a < page + P && a + img.loads[j].memsz > page) ++n;
        }
        return n;
    };
    std::map<std::uint64_t, unsigned> expected_prot;
    for (unsigned k = 0; k < img.load_count; ++k) {
        const Segment& s = img.loads[k];
        CAPTURE(s.index);
        std::uint64_t start = plan.bias + s.vaddr;
        bool same = true;
        each_page(
            start, s.memsz, [&](Page& pg, std::uint64_t in, std::uint64_t n, std::uint64_t at) {
                for (std::uint64_t i = 0; i < n && same; ++i) {
                    std::uint64_t off = at + i;
                    // Past p_filesz: zeros, but for the rest of the last
                    // file page of a read-only segment, which keeps the
                    // file's bytes as under the kernel (unless another
                    // segment shares the page: assembled, by design).
                    bool file_page = s.filesz > 0 && !(s.flags & elf::PF_W) &&
                                     off < (s.vaddr + s.filesz + P - 1) / P * P - s.vaddr &&
                                     segments_on(plan.bias + page_floor(s.vaddr + off)) == 1;
                    unsigned char want =
                        off < s.filesz || file_page ? file_byte(s.offset + off) : 0;
                    if (pg.bytes[in + i] != want) {
                        FAIL_CHECK("byte at " << hex(start + off) << " is " << int(pg.bytes[in + i])
                                              << ", expected " << int(want));
                        same = false;
                    }
                }
            });
        for (std::uint64_t a = start - start % P; a < start + s.memsz; a += P)
            expected_prot[a] |= s.prot();
    }
    for (auto& entry : mem) {
        auto it = expected_prot.find(entry.first);
        unsigned want = it == expected_prot.end() ? 0u : it->second;
        if (entry.second.prot != want)
            FAIL_CHECK("page " << hex(entry.first) << " has protection " << entry.second.prot
                               << ", expected " << want);
    }
}

void check_image(const File& f, std::uint64_t bias = 0) {
    Image img;
    REQUIRE(message(f, &img) == "valid");
    simulate_and_check(f, img, planned(img, bias));
}

constexpr unsigned r = prot_r, rw = prot_r | prot_w, rx = prot_r | prot_x;

} // namespace

TEST_CASE("a static program: reserve, map each segment, zero the bss tail, anonymous bss") {
    File f = static_exec();
    Planned p = plan_for(f);
    CHECK(p.plan.bias == 0);
    CHECK(p.plan.lo == 0x400000);
    CHECK(p.plan.hi == 0x405000);
    CHECK(p.plan.entry == 0x401000);
    CHECK(p.plan.phdr == 0x400040);
    check_steps(p, {
                       {StepKind::reserve, 0x400000, 0x5000, 0, 0},
                       {StepKind::map_file, 0x400000, 0x1000, r, 0},
                       {StepKind::map_file, 0x401000, 0x1000, rx, 0x1000},
                       {StepKind::map_file, 0x402000, 0x1000, rw, 0x2000},
                       {StepKind::zero, 0x402080, 0xf80, rw, 0},
                       {StepKind::map_anon, 0x403000, 0x2000, rw, 0},
                   });
    check_image(f);
}

TEST_CASE("a static-PIE program: the same steps, moved by the bias") {
    File f = static_pie();
    Planned p = plan_for(f, 0x555555554000);
    CHECK(p.plan.lo == 0x555555554000);
    CHECK(p.plan.entry == 0x555555555000);
    CHECK(p.plan.phdr == 0x555555554040);
    check_steps(p, {
                       {StepKind::reserve, 0x555555554000, 0x5000, 0, 0},
                       {StepKind::map_file, 0x555555554000, 0x1000, r, 0},
                       {StepKind::map_file, 0x555555555000, 0x1000, rx, 0x1000},
                       {StepKind::map_file, 0x555555556000, 0x1000, rw, 0x2000},
                       {StepKind::zero, 0x555555556080, 0xf80, rw, 0},
                       {StepKind::map_anon, 0x555555557000, 0x2000, rw, 0},
                   });
    check_image(f, 0x555555554000);
}

TEST_CASE("edge layouts") {
    SUBCASE("bss ends inside the last file page: zeroing only") {
        File f = static_exec();
        f.ph(3, [](Phdr& p) { p.p_memsz = 0x100; });
        check_steps(plan_for(f), {
                                     {StepKind::reserve, 0x400000, 0x3000, 0, 0},
                                     {StepKind::map_file, 0x400000, 0x1000, r, 0},
                                     {StepKind::map_file, 0x401000, 0x1000, rx, 0x1000},
                                     {StepKind::map_file, 0x402000, 0x1000, rw, 0x2000},
                                     {StepKind::zero, 0x402080, 0xf80, rw, 0},
                                 });
        check_image(f);
    }
    SUBCASE("file bytes end on a page boundary: nothing to zero") {
        File f = static_exec();
        f.bytes.resize(0x3000);
        f.ph(3, [](Phdr& p) { p.p_filesz = 0x1000; });
        check_steps(plan_for(f), {
                                     {StepKind::reserve, 0x400000, 0x5000, 0, 0},
                                     {StepKind::map_file, 0x400000, 0x1000, r, 0},
                                     {StepKind::map_file, 0x401000, 0x1000, rx, 0x1000},
                                     {StepKind::map_file, 0x402000, 0x1000, rw, 0x2000},
                                     {StepKind::map_anon, 0x403000, 0x2000, rw, 0},
                                 });
        check_image(f);
    }
    SUBCASE("a bss-only segment starting mid-page is all anonymous") {
        File f = static_exec();
        f.bytes.resize(0x3000);
        f.ph(3, [](Phdr& p) {
            p.p_vaddr = 0x402800;
            p.p_offset = 0x2800;
            p.p_filesz = 0;
            p.p_memsz = 0x1000;
        });
        check_steps(plan_for(f), {
                                     {StepKind::reserve, 0x400000, 0x4000, 0, 0},
                                     {StepKind::map_file, 0x400000, 0x1000, r, 0},
                                     {StepKind::map_file, 0x401000, 0x1000, rx, 0x1000},
                                     {StepKind::map_anon, 0x402000, 0x2000, rw, 0},
                                 });
        check_image(f);
    }
    SUBCASE("gaps between segments stay reserved: no step touches them") {
        File f = static_exec();
        f.ph(3, [](Phdr& p) { p.p_vaddr = 0x412000; });
        Planned p = plan_for(f);
        CHECK(p.plan.hi == 0x415000);
        for (unsigned i = 1; i < p.steps.size(); ++i)
            CHECK((p.steps[i].addr + p.steps[i].len <= 0x402000 || p.steps[i].addr >= 0x412000));
        check_image(f);
    }
    SUBCASE("the partial bss page of a read-only segment keeps the file's bytes") {
        // As execve: padzero cannot write it, and the kernel ignores that
        // for a segment that is not writable (load_elf_binary, elf_load).
        File f = static_exec();
        f.ph(1, [](Phdr& p) { p.p_memsz = 0x800; });
        check_steps(plan_for(f), {
                                     {StepKind::reserve, 0x400000, 0x5000, 0, 0},
                                     {StepKind::map_file, 0x400000, 0x1000, r, 0},
                                     {StepKind::map_file, 0x401000, 0x1000, rx, 0x1000},
                                     {StepKind::map_file, 0x402000, 0x1000, rw, 0x2000},
                                     {StepKind::zero, 0x402080, 0xf80, rw, 0},
                                     {StepKind::map_anon, 0x403000, 0x2000, rw, 0},
                                 });
        check_image(f);
    }
    SUBCASE("a page shared by two segments gets both segments' bytes and both protections") {
        // The kernel maps the page twice and the second mapping wins:
        // the first segment's bytes in it would come from the wrong
        // file offset.
        File f = static_exec();
        f.ph(2, [](Phdr& p) {
            p.p_vaddr = 0x400300;
            p.p_offset = 0x1300;
        });
        f.eh([](Ehdr& e) { e.e_entry = 0x400300; });
        for (unsigned i = 0; i < 0x200; ++i)
            f.bytes[0x1300 + i] = static_cast<unsigned char>(i * 7);
        check_steps(plan_for(f), {
                                     {StepKind::reserve, 0x400000, 0x5000, 0, 0},
                                     {StepKind::map_anon, 0x400000, 0x1000, rw, 0},
                                     {StepKind::read, 0x400000, 0x200, 0, 0},
                                     {StepKind::read, 0x400300, 0x100, 0, 0x1300},
                                     {StepKind::protect, 0x400000, 0x1000, rx, 0},
                                     {StepKind::map_file, 0x402000, 0x1000, rw, 0x2000},
                                     {StepKind::zero, 0x402080, 0xf80, rw, 0},
                                     {StepKind::map_anon, 0x403000, 0x2000, rw, 0},
                                 });
        check_image(f);
    }
    SUBCASE("three segments in one page") {
        File f = static_exec();
        f.ph(1, [](Phdr& p) { p.p_filesz = p.p_memsz = 0x100; });
        f.ph(2, [](Phdr& p) {
            p.p_vaddr = 0x400300;
            p.p_offset = 0x1300;
            p.p_flags = R;
        });
        f.ph(3, [](Phdr& p) {
            p.p_vaddr = 0x400500;
            p.p_offset = 0x2500;
            p.p_flags = R | X;
            p.p_memsz = 0x80;
        });
        f.ph(0, [](Phdr& p) { p.p_type = elf::PT_NOTE; });
        f.bytes.resize(0x2600);
        f.eh([](Ehdr& e) { e.e_entry = 0x400500; });
        Planned p = plan_for(f);
        CHECK(p.steps.size() == 1 + 5); // reserve; map, 3 reads, protect
        CHECK(p.steps[5].prot == rx);
        check_image(f);
    }
    SUBCASE("RELRO and data in adjacent segments sharing a page, then bss") {
        File f = static_exec();
        f.bytes.resize(0x3000);
        f.ph(3, [](Phdr& p) { p.p_memsz = 0x80; });
        f.add(load(0x2100, 0x402100, 0x10, 0x1000, R | W));
        check_steps(plan_for(f), {
                                     {StepKind::reserve, 0x400000, 0x4000, 0, 0},
                                     {StepKind::map_file, 0x400000, 0x1000, r, 0},
                                     {StepKind::map_file, 0x401000, 0x1000, rx, 0x1000},
                                     {StepKind::map_anon, 0x402000, 0x1000, rw, 0},
                                     {StepKind::read, 0x402000, 0x80, 0, 0x2000},
                                     {StepKind::read, 0x402100, 0x10, 0, 0x2100},
                                     {StepKind::protect, 0x402000, 0x1000, rw, 0},
                                     {StepKind::map_anon, 0x403000, 0x1000, rw, 0},
                                 });
        check_image(f);
    }
    SUBCASE("program headers outside every segment: no run-time address") {
        File f = static_exec();
        f.ph(0, [](Phdr& p) { p.p_type = elf::PT_NOTE; });
        f.ph(1, [](Phdr& p) {
            p.p_offset = 0x1000;
            p.p_filesz = p.p_memsz = 0x10;
        });
        f.ph(2, [](Phdr& p) { p.p_offset = 0x1000; });
        CHECK(plan_for(f).plan.phdr == 0);
    }
}

TEST_CASE("static-PIE placement honours p_align and the kernel's range") {
    File f = static_pie();
    Image img;
    REQUIRE(message(f, &img) == "valid");
    CHECK(pie_bias(img, 0) == pie_base);
    CHECK(pie_bias(img, 5) == pie_base + 5 * P);
    std::uint64_t top = pie_bias(img, pie_random_pages - 1);
    CHECK(top == pie_base + (pie_random_pages - 1) * P);
    CHECK(pie_bias(img, pie_random_pages) == pie_base); // wraps around the range
    // 2 MiB alignment: every bias is a multiple of it, and not below the base.
    f.ph(3, [](Phdr& p) {
        p.p_align = 0x200000;
        p.p_vaddr = 0x202000;
    });
    REQUIRE(message(f, &img) == "valid");
    std::mt19937_64 rng(1);
    for (int i = 0; i < 1000; ++i) {
        std::uint64_t b = pie_bias(img, rng());
        CHECK(b % 0x200000 == 0);
        CHECK(b >= pie_base);
        CHECK(b < pie_base + (1ULL << 40) + 0x200000);
    }
    // bias_at: the lowest suitable bias at or above an address.
    CHECK(bias_at(img, 0x7f0000001000) == 0x7f0000200000);
    CHECK(bias_at(img, 0x7f0000200000) == 0x7f0000200000);
    check_image(f, bias_at(img, 0x7f0000001000));
}

TEST_CASE("any valid layout maps to exactly the image the file describes") {
    // Random layouts of 1 to 5 segments, sizes and positions chosen to
    // produce page sharing, bss tails, gaps and read-only bss; those the
    // validator accepts are planned and checked on the model.
    std::mt19937_64 rng(20261128);
    int checked = 0;
    for (int iter = 0; iter < 3000; ++iter) {
        File f = static_exec();
        f.bytes.assign(0x8000, 0);
        for (std::size_t i = 0x200; i < f.bytes.size(); ++i)
            f.bytes[i] = static_cast<unsigned char>(rng());
        Ehdr e = static_exec().ehdr();
        e.e_phnum = 0;
        f.put(0, e);
        unsigned n = 1 + rng() % 5;
        std::uint64_t vaddr = 0x400000, off = 0;
        const std::uint32_t flag_sets[] = {R, R | X, R | W, R, R | W};
        std::uint64_t entry = 0;
        for (unsigned k = 0; k < n; ++k) {
            std::uint64_t filesz = rng() % 3 == 0 ? 0 : rng() % 0x1800;
            std::uint64_t memsz = filesz + (rng() % 2 ? rng() % 0x2400 : 0);
            if (memsz == 0) memsz = 1;
            if (off + filesz > f.bytes.size()) filesz = 0;
            std::uint32_t flags = k == 0 ? (R | X) : flag_sets[rng() % 5];
            f.add(load(off, vaddr, filesz, memsz, flags));
            if (k == 0) entry = vaddr;
            // The next segment: same page, next page, or after a gap; its
            // file offset congruent to its address.
            std::uint64_t end = vaddr + memsz;
            std::uint64_t next = rng() % 3 == 0
                                     ? end + rng() % 64
                                     : (end + P - 1) / P * P + (rng() % 3) * P + rng() % P;
            off = (off + filesz + P) / P * P + next % P;
            if (off >= f.bytes.size()) off = next % P;
            vaddr = next;
        }
        if (entry == 0) continue;
        f.eh([&](Ehdr& eh) { eh.e_entry = entry; });
        Image img;
        if (validate_elf(f.view(), {}, &img).ok()) {
            CAPTURE(iter);
            simulate_and_check(f, img, planned(img, rng() % 2 ? 0 : 0x10000000));
            ++checked;
        }
    }
    MESSAGE(checked << " valid random layouts checked");
    CHECK(checked > 1000);
}
