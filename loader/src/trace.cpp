// The --trace tables (trace.hpp). Formatting goes through print_layout
// (print.hpp), one call per line, to keep ring3-load small.
#include <ring3/elf.hpp>
#include <ring3/loader/trace.hpp>

namespace ring3::loader {
namespace {

using U = std::uint64_t;

U ptr(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// auxv types whose value is a number rather than an address.
constexpr bool set_for_program(U type) {
    return type == elf::AT_PHDR || type == elf::AT_PHENT || type == elf::AT_PHNUM ||
           type == elf::AT_BASE || type == elf::AT_ENTRY || type == elf::AT_RANDOM ||
           type == elf::AT_EXECFN;
}

// The "why" column, indexed as why_index() computes.
constexpr char whys[] = "the whole image, so nothing else lands in it\0"
                        "PT_LOAD %d0: read-only data\0"
                        "PT_LOAD %d0: code\0"
                        "PT_LOAD %d0: data\0"
                        "PT_LOAD %d0: bss in the last file page\0"
                        "PT_LOAD %d0: bss, zero-filled pages\0"
                        "a page shared by segments, assembled\0"
                        "PT_LOAD %d0: its bytes in the page\0"
                        "final protection of the page\0";

// Layouts over one argument, the segment's index (print.hpp).
static_assert(layouts_ok(whys, 9, 1), "a why names an argument trace_step does not give");

unsigned why_index(const MapStep& s) {
    switch (s.why) {
    case Why::span:
        return 0;
    case Why::segment:
        return (s.prot & prot_x) ? 2 : (s.prot & prot_w) ? 3 : 1;
    case Why::bss_zero:
        return 4;
    case Why::bss:
        return 5;
    case Why::shared_page:
        if (s.kind == StepKind::read) return 7;
        if (s.kind == StepKind::protect) return 8;
        return 6;
    }
    return 0;
}

constexpr char step_names[] = "reserve\0map\0map\0zero\0read\0protect";
constexpr char sources[] = "anonymous\0file @%x0\0anonymous\0memset 0\0file @%x0\0mprotect";
// Layouts over one argument, the file offset (print.hpp).
static_assert(layouts_ok(sources, 6, 1), "a source names an argument trace_step does not give");

// One row of the table: step, start, end, size, protection.
void row(OutStream& t, const char* step, U lo, U hi, U prot) {
    const U args[] = {ptr(step), lo, hi, hi - lo, prot};
    print_layout(t, "  %s0%|11%a1%|27%a2%|43%z3%|53%p4%|59", args);
}

} // namespace

void trace_image(OutStream& t, Str path, const Image& img, const Plan& plan, bool interpreter) {
    const U args[] = {ptr(path.data()), plan.bias,        img.align, img.load_count,
                      img.header.phnum, img.header.phoff, plan.phdr, plan.entry};
    print_layout(t, "ring3-load: %s0\n", args);
    // A choice between layouts, each checked (print.hpp).
    using L = Layout<8>;
    // mmap never returns 0: a bias of 0 is a dry run's.
    if (interpreter)
        print_layout(
            t,
            plan.bias
                ? L("  ELF64 x86_64 ET_DYN: the interpreter, where mmap put it (AT_BASE %x1)\n")
                : L("  ELF64 x86_64 ET_DYN: the interpreter, at its link-time addresses "
                    "(mmap chooses at run time)\n"),
            args);
    else if (img.has_interp)
        print_layout(t,
                     img.is_pie()
                         ? L("  ELF64 x86_64 ET_DYN with PT_INTERP: a dynamically linked PIE "
                             "program, at a random base\n"
                             "  load bias %x1 (a multiple of its alignment, %x2)\n")
                         : L("  ELF64 x86_64 ET_EXEC with PT_INTERP: a dynamically linked "
                             "program, at the addresses it was linked for\n"),
                     args);
    else if (img.is_pie())
        print_layout(
            t,
            "  ELF64 x86_64 ET_DYN without PT_INTERP: a static-PIE program, in the mmap area "
            "(where the kernel puts it)\n"
            "  load bias %x1 (a multiple of its alignment, %x2)\n",
            args);
    else
        print_layout(
            t, "  ELF64 x86_64 ET_EXEC: a static program, at the addresses it was linked for\n",
            args);
    print_layout(t, "  %d3 PT_LOAD segments; %d4 program headers at file offset %x5, ", args);
    print_layout(t,
                 img.phdrs_mapped
                     ? L("mapped at %x6\n")
                     : L("not all in a segment's file bytes: AT_PHDR %x6, as the kernel "
                         "computes it\n"),
                 args);
    print_layout(
        t, "  entry point %x7\n\n  step%|11start%|27end%|43size%|53prot%|59source%|74why\n", args);
}

void trace_step(OutStream& t, const Image& img, const Plan& plan, const MapStep& s,
                unsigned* next) {
    // Before the first step of a segment: the gap between it and the
    // segment before, which stays reserved.
    if (*next < img.load_count && s.segment == img.loads[*next].index &&
        s.kind != StepKind::reserve) {
        if (*next > 0) {
            U lo = page_ceil(plan.bias + img.loads[*next - 1].end());
            U hi = page_floor(plan.bias + img.loads[*next].vaddr);
            if (hi > lo) {
                row(t, "(gap)", lo, hi, 0);
                t << "-";
                pad_to(t, 74);
                t << "stays reserved: PROT_NONE, faults if touched\n";
            }
        }
        ++*next;
    }
    unsigned kind = static_cast<unsigned>(s.kind);
    row(t, nth(step_names, kind), s.addr, s.addr + s.len, s.prot);
    const U args[] = {s.offset};
    print_layout_unchecked(t, nth(sources, kind), args);
    pad_to(t, 74);
    const U seg[] = {s.segment};
    print_layout_unchecked(t, nth(whys, why_index(s)), seg);
    t << '\n';
}

void trace_stack(OutStream& t, const StackSpec& spec, const StackLayout& layout,
                 const unsigned char* buf, std::uint64_t addr) {
    auto word = [&](U a) {
        U v;
        __builtin_memcpy(&v, buf + (a - addr), 8);
        return v;
    };
    {
        const U args[] = {layout.sp, layout.top - layout.sp, spec.argc};
        print_layout(
            t,
            "\n  initial stack: rsp %x0 (16-byte aligned), %d1 bytes, below ring3-load's frames\n"
            "  %a0%|18argc%|40%d2\n",
            args);
    }
    constexpr std::size_t shown = 8;
    for (std::size_t i = 0; i < spec.argc; ++i) {
        U a = layout.argv + 8 * i;
        if (i == shown && spec.argc > shown + 1) {
            const U args[] = {a, i, spec.argc - 2, spec.argc - 1 - i};
            print_layout(t, "  %a0%|18argv[%d1..%d2]%|40%d3 more pointers to argument strings\n",
                         args);
            i = spec.argc - 2;
            continue;
        }
        const U args[] = {a, i, word(a), ptr(spec.argv[i])};
        print_layout(t, "  %a0%|18argv[%d1]%|40%a2  %q3\n", args);
    }
    const U args[] = {layout.argv + 8 * spec.argc, layout.envp, spec.envc, spec.envc - 1,
                      layout.envp + 8 * spec.envc, layout.auxv};
    print_layout(t, "  %a0%|18NULL%|40end of argv\n", args);
    if (spec.envc)
        print_layout(
            t, "  %a1%|18envp[0..%d3]%|40%d2 pointers to ring3-load's environment strings\n", args);
    print_layout(t,
                 "  %a4%|18NULL%|40end of envp\n"
                 "  %a5%|18auxv%|40ring3-load's, passed on but for the entries marked\n",
                 args);
    for (std::size_t i = 0; i < layout.auxc; ++i) {
        U a = layout.auxv + 16 * i, type = word(a);
        const U aux[] = {a, ptr(elf::aux_name(type)), word(a + 8)};
        print_layout(t,
                     aux_is_number(type) ? Layout<3>("  %a0%|18%s1%|40%d2")
                                         : Layout<3>("  %a0%|18%s1%|40%x2"),
                     aux);
        if (set_for_program(type)) {
            pad_to(t, 62);
            t << "set for the program";
        }
        t << '\n';
    }
    if (!spec.program.phdr && layout.phdrs) {
        const U args2[] = {layout.phdrs, spec.phdrs.size()};
        print_layout(t, "  %a0%|18program headers%|40%d1 bytes, copied: no segment maps them\n",
                     args2);
    }
    const U args3[] = {layout.random, layout.execfn, ptr(buf + (layout.execfn - addr))};
    print_layout(t, "  %a0%|18AT_RANDOM bytes%|40", args3);
    for (int i = 0; i < 16; ++i) {
        unsigned char b = buf[layout.random - addr + i];
        t << "0123456789abcdef"[b >> 4] << "0123456789abcdef"[b & 15];
    }
    print_layout(t, "\n  %a1%|18AT_EXECFN string%|40%q2\n\n", args3);
}

void trace_jump(OutStream& t, std::uint64_t entry, std::uint64_t sp) {
    const U args[] = {entry, sp};
    print_layout(t,
                 "  jump to the entry point %x0 with rsp %x1, rdx 0 (no exit hook), every other "
                 "register 0\n",
                 args);
}

} // namespace ring3::loader
