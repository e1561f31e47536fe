// The process identity execve leaves (loader/src/identity.cpp), against
// fs/binfmt_elf.c, load_elf_binary.
#include <doctest/doctest.h>

#include <cstring>

#include <ring3/loader/identity.hpp>

using namespace ring3;
using namespace ring3::loader;

namespace {
Image three_segments() {
    Image img{};
    img.header.type = elf::ET_EXEC;
    img.load_count = 3;
    // r--, r-x, rw- with bss: as ld lays out a static program.
    img.loads[0] = Segment{};
    img.loads[0].vaddr = 0x400000;
    img.loads[0].filesz = img.loads[0].memsz = 0x200;
    img.loads[0].flags = elf::PF_R;
    img.loads[1] = Segment{};
    img.loads[1].vaddr = 0x401000;
    img.loads[1].filesz = img.loads[1].memsz = 0x123;
    img.loads[1].flags = elf::PF_R | elf::PF_X;
    img.loads[2] = Segment{};
    img.loads[2].vaddr = 0x402000;
    img.loads[2].filesz = 0x80;
    img.loads[2].memsz = 0x3000;
    img.loads[2].flags = elf::PF_R | elf::PF_W;
    img.lo = 0x400000;
    img.hi = 0x405000;
    return img;
}
} // namespace

TEST_CASE("code and data bounds: executable segments for code, file bytes for the ends") {
    CodeDataBounds b = code_data_bounds(three_segments(), 0);
    CHECK(b.start_code == 0x401000);
    CHECK(b.end_code == 0x401123);
    // start_data is the highest segment start, end_data the end of its file bytes.
    CHECK(b.start_data == 0x402000);
    CHECK(b.end_data == 0x402080);
    CodeDataBounds biased = code_data_bounds(three_segments(), 0x10000);
    CHECK(biased.start_code == 0x411000);
    CHECK(biased.end_data == 0x412080);
}

TEST_CASE("code bounds without an executable segment stay as the kernel starts them") {
    Image img = three_segments();
    img.loads[1].flags = elf::PF_R;
    CodeDataBounds b = code_data_bounds(img, 0);
    CHECK(b.start_code == ~0ULL);
    CHECK(b.end_code == 0);
}

TEST_CASE("strings_range: from the lowest string to past the highest NUL") {
    char block[] = "A=1\0BB=22\0C=3";
    const char* strings[] = {block + 4, block, block + 10};
    auto base = reinterpret_cast<std::uint64_t>(block);
    AddressRange r = strings_range(strings, 3, 7);
    CHECK(r.lo == base);
    CHECK(r.hi == base + sizeof block);
    AddressRange none = strings_range(strings, 0, 7);
    CHECK(none.lo == 7);
    CHECK(none.hi == 7);
}

TEST_CASE("brk start: after the image, with a gap and a random offset when randomised") {
    // setarch -R: right after the last segment, page-rounded.
    CHECK(brk_start(0x404fff, false, false, 12345) == 0x405000);
    CHECK(brk_start(0x405000, false, false, 12345) == 0x405000);
    // Randomised: a page further, then up to 1 GiB in pages.
    CHECK(brk_start(0x405000, false, true, 0) == 0x406000);
    CHECK(brk_start(0x405000, false, true, 3) == 0x409000);
    CHECK(brk_start(0x405000, false, true, (1ULL << 18) + 3) == 0x409000);
    // A static-PIE program: from ELF_ET_DYN_BASE, rounded up to a page,
    // without the gap.
    CHECK(elf_et_dyn_base == 0x555555554aaa);
    CHECK(brk_start(0x7f0000001000, true, true, 0) == 0x555555555000);
    CHECK(brk_start(0x7f0000001000, true, true, 2) == 0x555555557000);
    std::uint64_t highest = brk_start(0x7f0000001000, true, true, ~0ULL);
    CHECK(highest >= 0x555555555000);
    CHECK(highest < 0x555555555000 + (1ULL << 30));
    // Moved to ELF_ET_DYN_BASE even without randomisation.
    CHECK(brk_start(0x7f0000001000, true, false, 5) == 0x555555555000);
}
