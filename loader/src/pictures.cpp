// The pictures of ring3/loader/pictures.hpp, built from plain data.
#include <ring3/elf.hpp>
#include <ring3/format.hpp>
#include <ring3/loader/pictures.hpp>
#include <ring3/loader/plan.hpp>
#include <ring3/loader/print.hpp>
#include <ring3/loader/trace.hpp>

namespace ring3::loader {

namespace {

using U = std::uint64_t;

Formatted<U> hx(U v) { return hex(v).prefix(); }

Tint prot_tint(unsigned prot) {
    if (prot & prot_x) return Tint::exec;
    if (prot & prot_w) return Tint::write;
    return Tint::read;
}

// ---------------------------------------------------------------------------
// elfinfo --picture

struct ElfRows {
    Picture* p;
    const Image* img;
    unsigned next_segment; // segments whose first step was seen
    U last_file_lo, last_file_hi;
    bool last_from_file;
};

const Segment* segment_of(const Image& img, std::uint16_t index) {
    for (unsigned k = 0; k < img.load_count; ++k)
        if (img.loads[k].index == index) return &img.loads[k];
    return nullptr;
}

void elf_step(void* ctx, const MapStep& step) {
    auto* e = static_cast<ElfRows*>(ctx);
    const Segment* s = segment_of(*e->img, step.segment);
    if (step.kind == StepKind::reserve || step.kind == StepKind::protect || !s) return;
    Picture& p = *e->p;
    bool first = step.segment >= e->next_segment;
    if (first) e->next_segment = static_cast<unsigned>(step.segment) + 1;
    if (step.kind == StepKind::zero) {
        // The bss part of the last file page: said on the row of that page.
        if (p.n > 0) p.rows[p.n - 1].note << "; " << Size{step.len} << " past p_filesz zeroed: bss";
        return;
    }
    if (step.kind == StepKind::read) {
        if (p.n > 0) p.rows[p.n - 1].note << "; filled by pread from " << hx(step.offset);
        return;
    }
    PictureRow& r = p.add();
    r.tint =
        step.kind == StepKind::map_anon && step.why == Why::bss ? Tint::zero : prot_tint(step.prot);
    r.right << hx(step.addr) << '-' << hx(step.addr + step.len) << ' ' << Prot{step.prot};
    if (first) r.arrow << "PT_LOAD " << s->index << ' ' << Prot{s->prot()};
    if (step.kind == StepKind::map_file) {
        U lo = step.offset, hi = step.offset + step.len;
        U b_lo = s->offset > lo ? s->offset : lo;
        U b_hi = s->offset + s->filesz < hi ? s->offset + s->filesz : hi;
        bool again = e->last_from_file && lo < e->last_file_hi && hi > e->last_file_lo;
        r.new_box = !again;
        if (!again) r.left << hx(lo);
        r.box << (hi - lo > page_size ? "pages " : "page ") << hx(lo) << '-' << hx(hi) << ": bytes "
              << hx(b_lo) << '-' << hx(b_hi);
        if (first)
            r.note << "vaddr " << hx(s->vaddr) << " = offset " << hx(s->offset) << " (mod 4 KiB)";
        if (again) r.note << (first ? "; " : "") << "the same file page, mapped again";
        e->last_file_lo = lo;
        e->last_file_hi = hi;
        e->last_from_file = true;
        return;
    }
    e->last_from_file = false;
    if (step.why == Why::bss) {
        if (first) {
            r.box << "nothing: p_filesz is 0";
            r.note << "bss only: " << s->memsz << " bytes of zeros, from no file at all";
        } else {
            r.no_box = true;
            r.note << "the rest of the bss: anonymous zero pages";
        }
        return;
    }
    // A page assembled from several segments' bytes (ring3/loader/plan.hpp).
    r.no_box = true;
    r.note << "one page shared by two segments: anonymous, filled from the file";
}

// ---------------------------------------------------------------------------
// maps --picture

// 127.9 TiB, 8 MiB, 132 KiB: one decimal at most, for gap labels.
void print_span(OutStream& out, U bytes) {
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    U scaled = bytes * 10 / 1024; // tenths of KiB
    int u = 0;
    while (u < 3 && scaled >= 10240) {
        scaled = (scaled + 512) / 1024;
        ++u;
    }
    out << scaled / 10;
    if (scaled % 10 && scaled < 1000) out << '.' << scaled % 10;
    out << ' ' << units[u];
}

} // namespace

void elf_picture(Picture* p, Str name, U file_size, const Image& img) {
    p->title << name << ": " << file_size << " bytes of file, " << img.load_count
             << " PT_LOAD segments, mapped in pages of 4 KiB";
    p->left_head << "offset";
    p->box_head << "the file";
    p->right_head << "memory (addresses, protection)";
    ElfRows rows{p, &img, 0, 0, 0, false};
    Plan plan;
    plan_mappings(img, 0, &plan, elf_step, &rows);
}

Tint maps_tint(const char* perms, Str path) {
    if (path == "[stack]") return Tint::stack;
    if (path.starts_with("[v")) return Tint::special; // [vdso], [vvar], [vsyscall]
    if (perms[0] != 'r') return Tint::gap;
    if (perms[2] == 'x') return Tint::exec;
    if (perms[1] == 'w') return path.empty() ? Tint::zero : Tint::write;
    return Tint::read;
}

void maps_picture(Picture* p, const MapsEntry* e, int n) {
    p->title << "the address space, top to bottom (gaps squashed)";
    p->left_head << "start-end";
    p->box_head << "what it is";
    for (int i = n - 1; i >= 0; --i) {
        const MapsEntry& m = e[i];
        PictureRow& r = p->add();
        r.tint = m.tint;
        r.left << hex(m.lo).width(12).fill('0') << '-' << hex(m.hi).width(12).fill('0');
        r.box << m.role;
        StrBuf<24> size;
        size << Size{m.hi - m.lo};
        r.note << Str(m.perms, 4) << ' ' << fmt(size.str()).width(9).right() << "  @"
               << hex(m.offset).width(6).fill('0');
        if (!m.path.empty() && m.path[0] != '[') {
            std::size_t slash = m.path.size();
            while (slash > 0 && m.path[slash - 1] != '/') --slash;
            r.note << "  " << m.path.substr(slash);
        } else if (!m.path.empty()) {
            r.note << "  " << m.path;
        }
        if (i > 0 && e[i - 1].hi < m.lo) {
            PictureRow& g = p->add();
            g.gap = true;
            g.tint = Tint::gap;
            if (m.lo >= 0xffff800000000000) {
                // Past the end of user space (0x7fffffffffff) addresses are
                // non-canonical, then the kernel's: the vsyscall page is
                // the one kernel page user programs may still touch.
                g.box << "... the kernel's half of the address space ...";
            } else {
                g.box << "... ";
                print_span(g.box, m.lo - e[i - 1].hi);
                g.box << " unmapped ...";
            }
        }
    }
}

// ---------------------------------------------------------------------------
// ring3-load --stack-picture

void stack_picture(Picture* p, const StackSpec& spec, const StackLayout& layout,
                   const unsigned char* buf, U addr, bool path_on_top) {
    auto word = [&](U a) {
        U v;
        __builtin_memcpy(&v, buf + (a - addr), 8);
        return v;
    };
    auto at = [&](PictureRow& r, U a) { r.left << hex(a).prefix(); };
    p->title << "the stack at the entry point, high addresses at the top";
    p->left_head << "address";
    p->box_head << "what is there";
    auto strings_row = [&] {
        PictureRow& r = p->add();
        r.tint = Tint::stack;
        if (!path_on_top) r.left << "above";
        r.box << "argv and envp strings";
        r.note << "argv[] and envp[] point here";
    };
    auto execfn_row = [&] {
        PictureRow& r = p->add();
        r.tint = Tint::stack;
        at(r, layout.execfn);
        r.box << '"'
              << Str(reinterpret_cast<const char*>(buf + (layout.execfn - addr))).substr(0, 30)
              << '"';
        r.note << "AT_EXECFN: the program's path";
    };
    if (path_on_top) {
        execfn_row();
        strings_row();
    } else {
        strings_row();
        execfn_row();
    }
    {
        PictureRow& r = p->add();
        r.tint = Tint::stack;
        at(r, layout.random);
        r.box << "16 random bytes";
        r.note << "AT_RANDOM: seeds the stack canary";
    }
    U below_data = layout.random;
    if (!spec.program.phdr && layout.phdrs) {
        PictureRow& r = p->add();
        r.tint = Tint::stack;
        at(r, layout.phdrs);
        r.box << "program headers, " << spec.phdrs.size() << " bytes";
        r.note << "AT_PHDR: copied, as no segment maps them";
        below_data = layout.phdrs;
    }
    U auxv_end = layout.auxv + 16 * layout.auxc;
    if (below_data > auxv_end) {
        PictureRow& r = p->add();
        r.tint = Tint::zero;
        at(r, auxv_end);
        r.box << "padding, " << below_data - auxv_end << " bytes";
        r.note << "so that rsp ends 16-byte aligned (the ABI asks it)";
    }
    for (std::size_t k = layout.auxc; k-- > 0;) {
        U a = layout.auxv + 16 * k, type = word(a), value = word(a + 8);
        PictureRow& r = p->add();
        r.tint = Tint::read;
        r.new_box = k + 1 == layout.auxc;
        at(r, a);
        r.box << "auxv[" << k << "] " << elf::aux_name(type) << ' ';
        if (aux_is_number(type))
            r.box << value;
        else
            r.box << hx(value);
        if (k + 1 == layout.auxc) r.note << "the auxiliary vector: (type, value) pairs";
    }
    {
        PictureRow& r = p->add();
        r.tint = Tint::write;
        at(r, layout.envp + 8 * spec.envc);
        r.box << "NULL";
        r.note << "end of envp";
        if (spec.envc) {
            PictureRow& e = p->add();
            e.tint = Tint::write;
            e.new_box = false;
            at(e, layout.envp);
            e.box << "envp[0.." << spec.envc - 1 << "]";
            e.note << spec.envc << " pointers to \"NAME=value\" strings";
        }
    }
    {
        PictureRow& r = p->add();
        r.tint = Tint::exec;
        at(r, layout.argv + 8 * spec.argc);
        r.box << "NULL";
        r.note << "end of argv";
        for (std::size_t i = spec.argc; i-- > 0;) {
            if (p->n >= Picture::max_rows - 2) break;
            PictureRow& a = p->add();
            a.tint = Tint::exec;
            a.new_box = false;
            at(a, layout.argv + 8 * i);
            a.box << "argv[" << i << "] -> \"" << Str(spec.argv[i]).substr(0, 30) << '"';
        }
    }
    PictureRow& r = p->add();
    r.tint = Tint::special;
    r.marker = true;
    r.left << "rsp -> " << hex(layout.sp).prefix();
    r.box << "argc = " << spec.argc;
    r.note << "the first thing _start reads";
}

// ---------------------------------------------------------------------------
// pagefaults --picture

namespace {

// A page's character: touched (the program read or wrote it), mapped in
// the process without a touch (fault-around), only in the page cache, or
// nowhere.
const char* page_glyph(std::uint8_t s, bool unicode) {
    if (s & page_touched) return unicode ? "█" : "#";
    if (s & page_mapped) return unicode ? "▓" : "+";
    if (s & page_resident) return unicode ? "░" : "-";
    return unicode ? "·" : ".";
}

Tint page_tint(std::uint8_t s) {
    if (s & page_touched) return Tint::exec;
    if (s & page_mapped) return Tint::read;
    if (s & page_resident) return Tint::write;
    return Tint::gap;
}

} // namespace

void draw_fault_bars(OutStream& out, Str title, const FaultBar* bars, int n, std::size_t pages,
                     std::size_t chunk, PictureForm form) {
    constexpr std::size_t per_line = 64;
    if (form != PictureForm::svg) {
        bool u = form == PictureForm::unicode;
        out << title << '\n'
            << "  one character per page: " << page_glyph(page_touched, u) << " touched, "
            << page_glyph(page_mapped, u) << " mapped without a touch (fault-around), "
            << page_glyph(page_resident, u) << " only in the page cache, " << page_glyph(0, u)
            << " not in memory; " << (u ? "│" : "|") << " every " << chunk << " pages\n";
        for (int b = 0; b < n; ++b) {
            out << "  " << bars[b].label << '\n';
            for (std::size_t i = 0; i < pages; ++i) {
                if (i % per_line == 0)
                    out << "    " << fmt(i).width(5) << ' ';
                else if (i % chunk == 0)
                    out << (u ? "│" : "|");
                out << page_glyph(bars[b].states[i], u);
                if (i % per_line == per_line - 1 || i + 1 == pages) out << '\n';
            }
        }
        return;
    }
    // SVG: one 8x14 square per page, 64 to a line, a gap between chunks.
    constexpr unsigned cell = 8, gap = 3, line_h = 18;
    std::size_t lines = (pages + per_line - 1) / per_line;
    unsigned width = 90 + per_line * cell + (per_line / chunk) * gap + 20;
    unsigned height = 60;
    for (int b = 0; b < n; ++b) height += 22 + static_cast<unsigned>(lines) * line_h;
    if (width < 940) width = 940; // the legend
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << ' ' << height
        << "\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"13\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"10\" y=\"20\" "
           "font-weight=\"bold\">";
    svg_escape(out, title);
    out << "</text>\n<text x=\"10\" y=\"40\" fill=\"#333333\">squares: pages. ";
    const char* names[] = {"touched", "mapped by fault-around", "in the page cache only",
                           "not in memory"};
    const std::uint8_t kinds[] = {page_touched, page_mapped, page_resident, 0};
    for (int k = 0; k < 4; ++k)
        out << "<tspan fill=\"" << tint_colour(page_tint(kinds[k])) << "\">" << (k ? ", " : "")
            << "&#9632; " << names[k] << "</tspan>";
    out << "</text>\n";
    unsigned y = 60;
    for (int b = 0; b < n; ++b) {
        out << "<text x=\"10\" y=\"" << y + 12 << "\">";
        svg_escape(out, bars[b].label);
        out << "</text>\n";
        y += 18;
        for (std::size_t i = 0; i < pages; ++i) {
            std::size_t col = i % per_line, line = i / per_line;
            if (col == 0)
                out << "<text x=\"80\" y=\"" << y + static_cast<unsigned>(line) * line_h + 11
                    << "\" text-anchor=\"end\" fill=\"#777777\" font-size=\"11\">" << i
                    << "</text>\n";
            unsigned x =
                90 + static_cast<unsigned>(col) * cell + static_cast<unsigned>(col / chunk) * gap;
            std::uint8_t s = bars[b].states[i];
            out << "<rect id=\"page-" << b << '-' << i << "\" x=\"" << x << "\" y=\""
                << y + static_cast<unsigned>(line) * line_h << "\" width=\"" << cell - 1
                << "\" height=\"14\" fill=\"" << tint_colour(page_tint(s)) << "\"/>\n";
        }
        y += static_cast<unsigned>(lines) * line_h + 4;
    }
    out << "</svg>\n";
}

} // namespace ring3::loader
