#!/usr/bin/env python3
"""Writes the malformed ELF files ring3-load must refuse, and the valid one
they are made from, into DIR; prints one line per file:

    NAME<TAB>EXPECTED MESSAGE

(a message ending in " ..." is a prefix: the rest varies between runs).

The valid file (NAME "valid", message "-") is a static x86_64 program
laid out as ld.lld lays out ring3's programs: PT_PHDR, a read-only
PT_LOAD with the headers, a read+execute PT_LOAD with the code, a
read+write PT_LOAD with data and bss, PT_GNU_STACK. Its code exits with
status 42. Each other file breaks it in exactly one way.

    malformed.py DIR
    malformed.py --mutate SEED COUNT DIR FILE...

The second form writes COUNT copies of each FILE, each with random damage
to its ELF header or program headers (from a fixed SEED, so a failure
reproduces), named mutant-N, and prints their names.
"""
import os
import struct
import sys

EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
PHDR = struct.Struct("<IIQQQQQQ")
PT_LOAD, PT_INTERP, PT_NOTE, PT_PHDR, PT_TLS = 1, 3, 4, 6, 7
PT_GNU_STACK = 0x6474E551
R, W, X = 4, 2, 1

# exit(42): mov edi, 42; mov eax, 60; syscall
CODE = bytes([0xBF, 42, 0, 0, 0, 0xB8, 60, 0, 0, 0, 0x0F, 0x05])


class Elf:
    def __init__(self):
        self.ident = bytearray(b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8))
        self.eh = dict(type=2, machine=62, version=1, entry=0x401000, phoff=64, shoff=0,
                       flags=0, ehsize=64, phentsize=56, phnum=None, shentsize=0, shnum=0,
                       shstrndx=0)
        # [type, flags, offset, vaddr, filesz, memsz, align]
        self.ph = [
            [PT_PHDR, R, 64, 0x400040, None, None, 8],
            [PT_LOAD, R, 0, 0x400000, 0x200, 0x200, 0x1000],
            [PT_LOAD, R | X, 0x1000, 0x401000, len(CODE), len(CODE), 0x1000],
            [PT_LOAD, R | W, 0x2000, 0x402000, 0x80, 0x3000, 0x1000],
            [PT_GNU_STACK, R | W, 0, 0, 0, 0, 16],
        ]
        self.size = 0x2100
        self.data = {0x1000: CODE}  # offset -> bytes placed in the file
        self.raw = None             # replaces everything when set
        self.table_at = None        # where the table is written, if not at e_phoff

    def build(self):
        if self.raw is not None:
            return self.raw
        out = bytearray(self.size)
        phnum = self.eh["phnum"] if self.eh["phnum"] is not None else len(self.ph)
        e = self.eh
        head = EHDR.pack(bytes(self.ident), e["type"], e["machine"], e["version"], e["entry"],
                         e["phoff"], e["shoff"], e["flags"], e["ehsize"], e["phentsize"], phnum,
                         e["shentsize"], e["shnum"], e["shstrndx"])
        out[0:64] = head
        table = b""
        for t, fl, off, va, fs, ms, al in self.ph:
            if t == PT_PHDR and fs is None:
                fs = ms = 56 * len(self.ph)
            table += PHDR.pack(t, fl, off, va, va, fs, ms, al)
        at = self.table_at if self.table_at is not None else e["phoff"]
        if at < len(out):
            out[at:at + len(table)] = table
        for off, b in self.data.items():
            out[off:off + len(b)] = b
        return bytes(out[: self.size])


def case(name, message):
    def register(mutate):
        CASES.append((name, message, mutate))
        return mutate
    return register


CASES = []
LOAD = "PT_LOAD segment %d: "


def interp(e, path, off=0x1D0):
    e.data[off] = path
    e.ph.append([PT_INTERP, R, off, 0x400000 + off, len(path), len(path), 1])


@case("empty", "not an ELF file")
def _(e): e.raw = b""

@case("text", "not an ELF file")
def _(e): e.raw = b"hello, world\n"

@case("script", "a #! script without an interpreter the kernel would run (fs/binfmt_script.c)")
def _(e): e.raw = b"#!  \necho hi\n"

@case("truncated-header", "truncated ELF header (40 of 64 bytes)")
def _(e): e.size = 40

@case("elfclass32", "not a 64-bit ELF file (EI_CLASS 1)")
def _(e): e.ident[4] = 1

@case("big-endian", "not a little-endian ELF file (EI_DATA 2)")
def _(e): e.ident[5] = 2

@case("ident-version", "unknown ELF identification version 0")
def _(e): e.ident[6] = 0

@case("osabi-freebsd", "unsupported OS ABI 9 (neither System V nor GNU/Linux)")
def _(e): e.ident[7] = 9

@case("relocatable", "not an executable program (e_type 1: ET_REL, a relocatable object file)")
def _(e): e.eh["type"] = 1

@case("core", "not an executable program (e_type 4: ET_CORE, a core dump)")
def _(e): e.eh["type"] = 4

@case("aarch64", "wrong architecture: AArch64 (e_machine 183), not x86_64")
def _(e): e.eh["machine"] = 183

@case("i386", "wrong architecture: i386 (e_machine 3), not x86_64")
def _(e): e.eh["machine"] = 3

@case("e-version", "unknown ELF version 0 in e_version")
def _(e): e.eh["version"] = 0

@case("e-ehsize", "e_ehsize is 52, not 64")
def _(e): e.eh["ehsize"] = 52

@case("no-phdrs", "no program headers")
def _(e): e.eh["phnum"] = 0

@case("e-phentsize", "e_phentsize is 32, not 56")
def _(e): e.eh["phentsize"] = 32

@case("pn-xnum", "65535 program headers, more than fit in a page (73)")
def _(e): e.eh["phnum"] = 0xFFFF

@case("phoff-in-header", "program headers at offset 0x8 overlap the ELF header")
def _(e): e.eh["phoff"], e.table_at = 8, 64

@case("phoff-misaligned", "program headers at offset 0x44 are not 8-byte aligned")
def _(e): e.eh["phoff"] = 0x44

@case("phoff-past-end", "program headers (offset 0x2000, 280 bytes) extend past the end of the file (8448 bytes)")
def _(e): e.eh["phoff"] = 0x2000

@case("filesz-over-memsz", LOAD % 3 + "p_filesz 0x80 exceeds p_memsz 0x40")
def _(e): e.ph[3][5] = 0x40

@case("segment-past-end", LOAD % 3 + "file bytes at offset 0x2000 (+0x200) extend past the end of the file (8448 bytes)")
def _(e): e.ph[3][4] = 0x200

@case("offset-overflow", LOAD % 3 + "file bytes at offset 0xffffffffffffffff (+0x80) extend past the end of the file (8448 bytes)")
def _(e): e.ph[3][2] = 0xFFFFFFFFFFFFFFFF

@case("align-not-power-of-two", LOAD % 2 + "p_align 0x3000 is not a power of two")
def _(e): e.ph[2][6] = 0x3000

@case("align-too-large", LOAD % 2 + "p_align 0x80000000 exceeds 1 GiB")
def _(e): e.ph[2][6] = 1 << 31

@case("vaddr-offset-page", LOAD % 2 + "p_vaddr 0x401010 and p_offset 0x1000 differ modulo the page size")
def _(e): e.ph[2][3] = 0x401010

@case("vaddr-offset-align", LOAD % 3 + "p_vaddr 0x502000 and p_offset 0x2000 differ modulo p_align 0x200000")
def _(e): e.ph[3][3], e.ph[3][6] = 0x502000, 0x200000

@case("segment-wraps", LOAD % 3 + "p_vaddr 0xfffffffffffff000 + p_memsz 0x3000 wraps around the address space")
def _(e): e.ph[3][2:5] = [0, 0xFFFFFFFFFFFFF000, 0]

@case("beyond-user-space", LOAD % 3 + "ends at 0x800000000000, beyond the end of user space (0x7ffffffff000)")
def _(e): e.ph[3][3] = 0x7FFFFFFFD000

@case("below-min-address", LOAD % 1 + "starts at 0x1000, below the lowest mappable address (0x10000)")
def _(e): e.ph[1][3] = 0x1000

@case("writable-executable", LOAD % 2 + "writable and executable at once")
def _(e): e.ph[2][1] = R | W | X

@case("unsorted", LOAD % 3 + "at 0x3ff000 follows a segment at 0x401000: PT_LOAD segments must ascend")
def _(e): e.ph[3][3] = 0x3FF000

@case("overlapping", LOAD % 3 + "starts at 0x401000, inside PT_LOAD segment 2 (which ends at 0x40100c)")
def _(e): e.ph[3][2:4] = [0x2000, 0x401000]

@case("shared-page-wx", LOAD % 3 + "shares the page at 0x401000 with PT_LOAD segment 2: that page would be writable and executable")
def _(e): e.ph[3][2:5] = [0x1100, 0x401100, 0]

@case("17-loads", LOAD % 18 + "one PT_LOAD segment too many: ring3-load maps 16 at most")
def _(e):
    e.size = 0x2200
    e.ph += [[PT_LOAD, R, 0x2100, 0x410100 + k * 0x1000, 0x10, 0x10, 0x1000] for k in range(14)]

@case("no-load", "no PT_LOAD segment: nothing to map")
def _(e):
    for i in (1, 2, 3):
        e.ph[i][0] = PT_NOTE

@case("pie-too-large", "the segments span 0x200000002000 bytes, more than ring3-load places (0x100000000000)")
def _(e): e.eh["type"], e.ph[3][5] = 3, 1 << 45

@case("entry-outside", "entry point 0x500000 is outside every PT_LOAD segment")
def _(e): e.eh["entry"] = 0x500000

@case("entry-not-executable", "entry point 0x402010 is in PT_LOAD segment 3, which is not executable")
def _(e): e.eh["entry"] = 0x402010

@case("entry-in-bss", "entry point 0x401400 is in the zero-filled part of PT_LOAD segment 2")
def _(e): e.ph[2][5], e.eh["entry"] = 0x800, 0x401400

@case("two-interp", "PT_INTERP (program header 6): more than one PT_INTERP")
def _(e):
    interp(e, b"/ba\0")
    interp(e, b"/ba\0")

@case("interp-past-end", "PT_INTERP (program header 5): path at offset 0x2100 (+0x4) extends past the end of the file (8448 bytes)")
def _(e): e.ph.append([PT_INTERP, R, 0x2100, 0, 4, 4, 1])

@case("interp-empty", "PT_INTERP (program header 5): empty interpreter path")
def _(e): e.ph.append([PT_INTERP, R, 0x1D0, 0, 0, 0, 1])

@case("interp-too-long", "PT_INTERP (program header 5): interpreter path of 4097 bytes, longer than PATH_MAX")
def _(e):
    e.size = 0x4000
    e.ph.append([PT_INTERP, R, 0x2100, 0, 4097, 4097, 1])

@case("interp-unterminated", "PT_INTERP (program header 5): interpreter path not NUL-terminated")
def _(e): interp(e, b"/lib")

@case("interp-inner-nul", "PT_INTERP (program header 5): interpreter path has a NUL byte at 4")
def _(e): interp(e, b"/lib\0ld.so\0")

# An interpreter (opened relative to the working directory: the test runs
# in DIR) must be ET_DYN, without an interpreter of its own.
@case("interp-not-dyn", "interpreter ./valid: not a shared object (ET_DYN)")
def _(e): interp(e, b"./valid\0")

@case("interp-has-interp", "interpreter ./interp-not-dyn: has an interpreter (PT_INTERP) of its own")
def _(e): interp(e, b"./interp-not-dyn\0")

@case("two-phdr", "PT_PHDR (program header 4): more than one PT_PHDR")
def _(e): e.ph[4] = list(e.ph[0])

@case("phdr-after-load", "PT_PHDR (program header 1): follows a PT_LOAD segment")
def _(e): e.ph[0], e.ph[1] = e.ph[1], e.ph[0]

@case("phdr-mismatch", "PT_PHDR (program header 0): offset 0x80 size 0x118 is not the program header table (offset 0x40)")
def _(e): e.ph[0][2] = 0x80

@case("phdr-not-loaded", "PT_PHDR (program header 0): address 0x408000 is not mapped from the program headers by any PT_LOAD")
def _(e): e.ph[0][3] = 0x408000

@case("two-tls", "PT_TLS (program header 6): more than one PT_TLS")
def _(e): e.ph += [[PT_TLS, R, 0x2000, 0x402000, 8, 16, 8]] * 2

@case("tls-filesz", "PT_TLS (program header 5): p_filesz 0x10 exceeds p_memsz 0x8")
def _(e): e.ph.append([PT_TLS, R, 0x2000, 0x402000, 16, 8, 8])

@case("tls-align", "PT_TLS (program header 5): p_align 0x18 is not a power of two")
def _(e): e.ph.append([PT_TLS, R, 0x2000, 0x402000, 8, 16, 24])

@case("tls-not-loaded", "PT_TLS (program header 5): initialisation image at 0x402040 (+0x80) is not mapped from the file by any PT_LOAD")
def _(e): e.ph.append([PT_TLS, R, 0x2000, 0x402040, 0x80, 0x80, 8])

@case("two-gnu-stack", "PT_GNU_STACK (program header 5): more than one PT_GNU_STACK")
def _(e): e.ph.append(list(e.ph[4]))

@case("exec-stack", "PT_GNU_STACK (program header 4): asks for an executable stack, which would be writable and executable")
def _(e): e.ph[4][1] = R | W | X

@case("covers-the-loader", "its segments [0x10000, 0x7fff00000000) would overlap ring3-load itself ...")
def _(e):
    # Linked low, with a bss up to near the top of user space: wherever
    # ASLR put ring3-load, this covers it. (The message goes on with
    # ring3-load's own address range, different on every run.)
    e.ph[0][3], e.ph[1][3], e.ph[2][3], e.ph[3][3] = 0x10040, 0x10000, 0x11000, 0x12000
    e.ph[3][5] = 0x7FFF00000000 - 0x12000
    e.eh["entry"] = 0x11000


INTERESTING = [0, 1, 2, 3, 0x38, 0x40, 0xFFF, 0x1000, 0x1001, 0x200000, 0x400000,
               0x7FFFFFFFF000, 0x800000000000, 1 << 63, (1 << 64) - 1]


def mutate(data, rng):
    """One to three random changes in the headers, some to values that
    sit on the boundaries the validator checks."""
    b = bytearray(data)
    phoff, phnum = struct.unpack_from("<QH", b, 32)[0], struct.unpack_from("<H", b, 56)[0]
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.3:  # a byte of the ELF header
            b[rng.randrange(64)] = rng.randrange(256)
        elif kind < 0.5 or phnum == 0:  # a byte of the program headers
            at = phoff + rng.randrange(max(1, phnum * 56))
            if at < len(b):
                b[at] = rng.randrange(256)
        else:  # a whole 8-byte field of a program header
            at = phoff + rng.randrange(phnum) * 56 + 8 * rng.randrange(1, 7)
            if at + 8 <= len(b):
                old = struct.unpack_from("<Q", b, at)[0]
                new = rng.choice(INTERESTING + [old + rng.randint(-0x1000, 0x1000), rng.getrandbits(64)])
                struct.pack_into("<Q", b, at, new % (1 << 64))
    return bytes(b)


def mutants(seed, count, out, files):
    import random
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    n = 0
    for src in files:
        with open(src, "rb") as f:
            data = f.read()
        for _ in range(count):
            path = os.path.join(out, f"mutant-{n}")
            with open(path, "wb") as f:
                f.write(mutate(data, rng))
            os.chmod(path, 0o755)
            print(f"mutant-{n}\t{os.path.basename(src)}")
            n += 1


def main():
    if sys.argv[1] == "--mutate":
        mutants(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:])
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, message, mutate in [("valid", "-", lambda e: None)] + CASES:
        e = Elf()
        mutate(e)
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(e.build())
        os.chmod(path, 0o755)  # executable, as execve and ring3-load require
        print(f"{name}\t{message}")


if __name__ == "__main__":
    main()
