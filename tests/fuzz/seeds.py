#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/fuzz_*.cpp).

    seeds.py elf DIR FILE...   one seed per FILE (real programs, malformed
                               files): its first 64 KiB behind the 4-byte
                               count of the bytes left out (fuzz_elf.cpp)
    seeds.py stack DIR [ELF...]  initial stacks as ring3-load meets them:
                               this process's auxv, argv and environment,
                               the program header tables of the ELF files

Files that are not regular or cannot be read are skipped; the names of the
seeds are their contents' hashes, so writing them twice is harmless.
"""
import hashlib
import os
import struct
import sys

HEAD = 64 * 1024


def write(out, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def elf_seeds(out, files):
    n = 0
    for path in files:
        try:
            if not os.path.isfile(path):
                continue
            size = os.path.getsize(path)
            with open(path, "rb") as f:
                head = f.read(HEAD)
        except OSError:
            continue
        if size - len(head) >= 1 << 32:
            continue
        write(out, struct.pack("<I", size - len(head)) + head)
        n += 1
    return n


def record(tag, data):
    return bytes([ord(tag)]) + struct.pack("<H", len(data)) + data


def phdr_table(path):
    try:
        with open(path, "rb") as f:
            data = f.read(HEAD)
    except OSError:
        return None
    if len(data) < 64 or data[:4] != b"\x7fELF":
        return None
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    table = data[phoff:phoff + phentsize * phnum]
    return table if table else None


def stack_seeds(out, files):
    with open("/proc/self/auxv", "rb") as f:
        auxv = f.read()
    env = [f"{k}={v}".encode() for k, v in list(os.environ.items())[:64]]
    argv = [b"/usr/bin/prog", b"-l", b"--color=auto", b"a file with spaces", b""]
    rnd = bytes(range(16))
    program = struct.pack("<5Q", 0x400040, 56, 9, 0x401000, 0)
    base = b"".join(record("a", a) for a in argv) + b"".join(record("e", e) for e in env)
    n = 0

    def seed(data):
        nonlocal n
        write(out, data)
        n += 1

    # The common case: the kernel's auxv, program headers mapped.
    seed(base + record("x", auxv) + record("f", b"/usr/bin/prog") + record("r", rnd)
         + record("p", program) + record("s", struct.pack("<II", 0, 0)))
    # Program headers copied onto the stack, from real programs.
    for path in files:
        table = phdr_table(path)
        if table is None:
            continue
        seed(record("a", path.encode()) + record("x", auxv) + record("f", path.encode())
             + record("r", rnd) + record("h", table)
             + record("p", struct.pack("<5Q", 0, 56, len(table) // 56, 0x1000, 0))
             + record("s", struct.pack("<II", 40, 8)))
    # An auxv without the entries the loader sets, with AT_EXECFD and
    # duplicates; no arguments, no environment, short random bytes.
    odd = struct.pack("<12Q", 2, 3, 6, 4096, 3, 0x1234, 3, 0x5678, 25, 0x7000, 0, 0)
    seed(record("x", odd) + record("f", b"") + record("r", b"\x01\x02"))
    # Many arguments: past the eight the --trace table shows one by one.
    seed(b"".join(record("a", b"arg%d" % i) for i in range(40)) + record("x", auxv)
         + record("f", b"./p") + record("r", rnd) + record("p", program))
    return n


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("elf", "stack"):
        sys.exit(__doc__)
    kind, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    n = elf_seeds(out, files) if kind == "elf" else stack_seeds(out, files)
    print(f"{n} {kind} seeds in {out}")


if __name__ == "__main__":
    main()
