// The pictures' layouts (loader/src/picture.cpp, loader/src/pictures.cpp):
// the same rows as Unicode, ASCII and SVG.
#include "elf_builder.hpp"

#include <doctest/doctest.h>
#include <ring3/loader/pictures.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace ring3;
using namespace ring3::loader;
using namespace testelf;

namespace {

std::string drawn(const Picture& p, PictureForm form) {
    static char storage[1 << 16];
    OutStream s(storage, sizeof storage);
    draw(s, p, form);
    CHECK(s.error() == 0);
    return {s.buffered().data(), s.buffered().size()};
}

std::string s(Str v) { return {v.data(), v.size()}; }

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("picture options: Unicode on a terminal, ASCII elsewhere, SVG when asked") {
    PictureForm f{};
    CHECK(parse_picture_option("--picture", true, &f));
    CHECK(f == PictureForm::unicode);
    CHECK(parse_picture_option("--picture", false, &f));
    CHECK(f == PictureForm::ascii);
    CHECK(parse_picture_option("--picture=unicode", false, &f));
    CHECK(f == PictureForm::unicode);
    CHECK(parse_picture_option("--svg", true, &f));
    CHECK(f == PictureForm::svg);
    CHECK(parse_picture_option("--picture=svg", true, &f));
    CHECK(f == PictureForm::svg);
    CHECK_FALSE(parse_picture_option("--picture=png", true, &f));
    CHECK_FALSE(parse_picture_option("--pic", true, &f));
}

TEST_CASE("two columns: boxes, one arrow per row that has one, a shared box") {
    auto holder = std::make_unique<Picture>();
    Picture& p = *holder;
    p.title << "t";
    PictureRow& a = p.add();
    a.left << "0x0";
    a.box << "page A";
    a.arrow << "1";
    a.right << "0x400000";
    a.note << "n";
    PictureRow& b = p.add();
    b.new_box = false;
    b.box << "page A";
    b.arrow << "2";
    b.right << "0x401000";
    PictureRow& c = p.add();
    c.no_box = true;
    c.right << "0x402000";
    CHECK(drawn(p, PictureForm::ascii) == "t\n"
                                          "     +--------+       +----------+\n"
                                          "0x0  | page A | - 1 > | 0x400000 |  n\n"
                                          "     |        |       +----------+\n"
                                          "     | page A | - 2 > | 0x401000 |\n"
                                          "     +--------+       +----------+\n"
                                          "                      | 0x402000 |\n"
                                          "                      +----------+\n");
    std::string u = drawn(p, PictureForm::unicode);
    CHECK(count(u, "┌") == 2);
    CHECK(count(u, "▶") == 2);
    std::string svg = drawn(p, PictureForm::svg);
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(count(svg, "<line id=\"arrow-") == 2);
    CHECK(count(svg, "<rect id=\"box-") == 1); // rows 0 and 1 share one box; row 2 has none
    CHECK(count(svg, "<rect id=\"right-") == 3);
    CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
}

TEST_CASE("SVG text is escaped") {
    auto holder = std::make_unique<Picture>();
    Picture& p = *holder;
    p.title << "a<b & \"c\">";
    std::string svg = drawn(p, PictureForm::svg);
    CHECK(svg.find("a&lt;b &amp; &quot;c&quot;&gt;") != std::string::npos);
    CHECK(svg.find("a<b") == std::string::npos);
}

TEST_CASE("elfinfo's picture: one arrow per PT_LOAD, page rounding, bss") {
    File f = static_exec();
    Image img;
    REQUIRE(validate_elf(f.view(), {}, &img).ok());
    auto holder = std::make_unique<Picture>();
    Picture& p = *holder;
    elf_picture(&p, "prog", f.bytes.size(), img);
    std::string text = drawn(p, PictureForm::ascii);
    CHECK(count(text, "- PT_LOAD ") == 3);
    CHECK(text.find("PT_LOAD 1 r--") != std::string::npos);
    CHECK(text.find("PT_LOAD 2 r-x") != std::string::npos);
    CHECK(text.find("page 0x2000-0x3000: bytes 0x2000-0x2080") != std::string::npos);
    CHECK(text.find("0x402000-0x403000 rw-") != std::string::npos);
    CHECK(text.find("3968 B past p_filesz zeroed: bss") != std::string::npos);
    CHECK(text.find("0x403000-0x405000 rw-") != std::string::npos);
    CHECK(text.find("anonymous zero pages") != std::string::npos);
    CHECK(text.find("vaddr 0x401000 = offset 0x1000 (mod 4 KiB)") != std::string::npos);
    CHECK(p.rows[3].tint == Tint::zero);
    CHECK(p.rows[3].no_box);
    CHECK(count(drawn(p, PictureForm::svg), "<line id=\"arrow-") == 3);
}

TEST_CASE("elfinfo's picture: a file page mapped twice") {
    File f = static_exec();
    // The code segment moves into the first file page, as ld.lld packs a
    // small program: the same page is mapped r-- and then r-x.
    f.ph(2, [](Phdr& p) {
        p.p_offset = 0x300;
        p.p_vaddr = 0x401300;
        p.p_paddr = 0x401300;
    });
    f.eh([](Ehdr& e) { e.e_entry = 0x401300; });
    Image img;
    REQUIRE(validate_elf(f.view(), {}, &img).ok());
    auto holder = std::make_unique<Picture>();
    Picture& p = *holder;
    elf_picture(&p, "prog", f.bytes.size(), img);
    REQUIRE(p.n >= 2);
    CHECK_FALSE(p.rows[1].new_box);
    CHECK(std::string(p.rows[1].note.str().data(), p.rows[1].note.str().size())
              .find("the same file page, mapped again") != std::string::npos);
    CHECK(p.rows[1].tint == Tint::exec);
}

TEST_CASE("the maps picture: top to bottom, gaps squashed with their size") {
    MapsEntry e[] = {
        {0x400000, 0x401000, 0, "/bin/x", "headers", "r--p", Tint::read},
        {0x401000, 0x403000, 0x1000, "/bin/x", "code", "r-xp", Tint::exec},
        {0x7ffd00000000, 0x7ffd00021000, 0, "[stack]", "the stack", "rw-p", Tint::stack},
    };
    auto holder = std::make_unique<Picture>();
    Picture& p = *holder;
    maps_picture(&p, e, 3);
    REQUIRE(p.n == 4);
    CHECK(s(p.rows[0].box.str()) == "the stack");
    CHECK(p.rows[1].gap);
    CHECK(s(p.rows[1].box.str()) == "... 128 TiB unmapped ...");
    CHECK(s(p.rows[2].box.str()) == "code");
    CHECK(s(p.rows[2].note.str()) == "r-xp     8 KiB  @001000  x");
    CHECK(s(p.rows[3].left.str()) == "000000400000-000000401000");
    std::string u = drawn(p, PictureForm::unicode);
    CHECK(count(u, "┆") == 2); // the gap's sides
    CHECK(maps_tint("r-xp", "/bin/x") == Tint::exec);
    CHECK(maps_tint("rw-p", "") == Tint::zero);
    CHECK(maps_tint("rw-p", "[stack]") == Tint::stack);
    CHECK(maps_tint("---p", "") == Tint::gap);
}

TEST_CASE("the stack picture: high to low, rsp at argc") {
    const char* const argv[] = {"prog", "a"};
    const char* const envp[] = {"X=1", "Y=2"};
    const AuxEntry auxv[] = {{elf::AT_PAGESZ, 4096}, {elf::AT_NULL, 0}};
    unsigned char random[16] = {};
    StackSpec spec;
    spec.argv = argv;
    spec.argc = 2;
    spec.envp = envp;
    spec.envc = 2;
    spec.auxv = auxv;
    spec.program = {0x400040, 56, 5, 0x401000, 0};
    spec.execfn = "prog";
    spec.random = Bytes(random, 16);
    std::vector<unsigned char> buf(stack_bytes(spec));
    StackLayout l;
    REQUIRE(build_stack(spec, buf.data(), buf.size(), 0x7ffc0000, &l));
    auto holder = std::make_unique<Picture>();
    Picture& p = *holder;
    stack_picture(&p, spec, l, buf.data(), 0x7ffc0000);
    std::string text = drawn(p, PictureForm::ascii);
    // High to low: the path, the random bytes, ..., argv, argc last.
    std::size_t execfn = text.find("\"prog\""), random_at = text.find("16 random bytes"),
                pagesz = text.find("AT_PAGESZ 4096"), envs = text.find("envp[0..1]"),
                argv1 = text.find("argv[1] -> \"a\""), argv0 = text.find("argv[0] -> \"prog\""),
                argc = text.find("argc = 2");
    CHECK(execfn < random_at);
    CHECK(random_at < pagesz);
    CHECK(pagesz < envs);
    CHECK(envs < argv1);
    CHECK(argv1 < argv0);
    CHECK(argv0 < argc);
    CHECK(argc != std::string::npos);
    CHECK(p.rows[p.n - 1].marker);
    std::string rsp = "rsp -> 0x" + [&] {
        char b[32];
        std::snprintf(b, sizeof b, "%llx", static_cast<unsigned long long>(l.sp));
        return std::string(b);
    }();
    CHECK(text.find(rsp) != std::string::npos);
    CHECK(text.find("above") < execfn); // ring3-load's layout: the path below the strings

    // The kernel's layout: the path above the strings.
    auto kernel = std::make_unique<Picture>();
    stack_picture(kernel.get(), spec, l, buf.data(), 0x7ffc0000, true);
    CHECK(s(kernel->rows[0].box.str()) == "\"prog\"");
    CHECK(s(kernel->rows[1].box.str()) == "argv and envp strings");
}

TEST_CASE("page-fault bars: one character per page, chunks marked") {
    std::vector<std::uint8_t> s(20, 0);
    for (int i = 0; i < 16; ++i) s[i] = page_mapped | page_resident;
    s[0] |= page_touched;
    for (int i = 16; i < 20; ++i) s[i] = page_resident;
    s[19] = 0;
    FaultBar bar{"after reading page 0", s.data()};
    char storage[4096];
    OutStream out(storage, sizeof storage);
    draw_fault_bars(out, "f", &bar, 1, 20, 16, PictureForm::ascii);
    std::string text(out.buffered().data(), out.buffered().size());
    CHECK(text.find("  after reading page 0\n        0 #+++++++++++++++|---.\n") !=
          std::string::npos);
    OutStream svg_out(storage, sizeof storage);
    draw_fault_bars(svg_out, "f", &bar, 1, 20, 16, PictureForm::svg);
    std::string svg(svg_out.buffered().data(), svg_out.buffered().size());
    CHECK(count(svg, "<rect id=\"page-0-") == 20);
    CHECK(svg.find("id=\"page-0-0\" x=\"90\"") != std::string::npos);
    CHECK(svg.find(std::string("fill=\"") + tint_colour(Tint::exec)) != std::string::npos);
}
