#!/usr/bin/env python3
"""Differential runs: each damaged program runs through execve and through
ring3-load, and one verdict compares the two (the only one: the loader's
shell tests call it too).

    differential.py judge [--trace] LOAD DIR LIST
        judges the files of DIR named by LIST (lines NAME<TAB>ORIGIN), in
        DIR, each run as ./NAME with stdin from /dev/null
    differential.py campaign LOAD SEED COUNT DIR FILE...
        [--scripts N] [--seconds S] [--keep DIR]
        COUNT header mutants of each FILE (malformed.py's mutate()) and N
        `#!` scripts with a damaged first line, written to DIR and judged
        as they are made; with --seconds, rounds of them (SEED, SEED+1,
        ...) until S seconds have passed. A mismatch is copied to --keep.
    differential.py one SEED INDEX COUNT DIR FILE...
        writes mutant INDEX of a campaign (SEED, COUNT, FILE... as given
        to it) again, as DIR/mutant-SEED-INDEX: a reproducer

The rule (issue 20, point 3), verdicts:

    same-run       execve runs it; through ring3-load (which reached its
                   jump to the program) the same stdout and exit status
    same-refused   execve fails; ring3-load refuses cleanly: status 126,
                   one line "ring3-load: ./NAME: ...", nothing on stdout
    refused-crash  execve succeeds but the kernel kills the process before
                   or as the program starts (a signal: the kernel's own
                   verdict that the image cannot run); ring3-load refuses
    by-design      both run, outcomes differ, and ring3-load's plan maps a
                   page differently from the kernel on purpose (the bss of
                   a read-only segment, a page two segments share)
    bad ...        anything else: ring3-load dies by a signal before its
                   jump, refuses what the kernel runs, runs what the kernel
                   refuses, refuses without its one-line message, or the
                   run differs
"""
import errno
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import malformed  # noqa: E402

TIMEOUT = 5  # seconds: a mutant may loop forever
JUMP = "jump to the entry point"
BY_DESIGN = ("partial bss page of a read-only segment", "a page shared by segments")


class Outcome:
    """One run: `refused` holds execve's errno when execve itself failed;
    otherwise `status` is the exit status (128 + N for signal N, as a shell
    reports it) and `out`, `err` the bytes written."""

    def __init__(self, refused=None, status=None, out=b"", err=b""):
        self.refused, self.status, self.out, self.err = refused, status, out, err

    def signalled(self):
        return isinstance(self.status, int) and self.status > 128

    def describe(self):
        if self.refused is not None:
            return "execve fails: %s" % os.strerror(self.refused)
        if self.status == "timeout":
            return "still running after %d s" % TIMEOUT
        if self.signalled():
            return "killed by %s" % signal.Signals(self.status - 128).name
        return "status %d, %d bytes of output" % (self.status, len(self.out))


def run(argv, cwd):
    try:
        p = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except OSError as e:  # execve failed: the kernel refused the file
        return Outcome(refused=e.errno)
    except subprocess.TimeoutExpired as e:
        return Outcome(status="timeout", out=e.stdout or b"", err=e.stderr or b"")
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    return Outcome(status=status, out=p.stdout, err=p.stderr)


def judge(load, directory, name, trace=False):
    """(verdict, detail) for ./NAME in DIRECTORY (see the module's text)."""
    prog = "./" + name
    flags = ["--trace"] if trace else []
    via = run([load] + flags + [prog], directory)
    err = via.err.decode("utf-8", "replace")
    lines = err.split("\n")[:-1] if err.endswith("\n") else err.split("\n")
    direct = run([prog], directory)
    # A refusal: 126, or 127 for a file that is not there (the interpreter
    # of a script: execve's ENOENT), as env(1) and the shells say; one
    # line naming the file (under --trace, the last one, with no jump).
    message = lines[-1] if lines else ""
    if via.status in (126, 127) and message.startswith("ring3-load: %s: " % prog) \
            and (len(lines) == 1 or trace and JUMP not in err):
        if via.out:
            return "bad", "refused, but wrote %d bytes on stdout" % len(via.out)
        if via.status == 127 and direct.refused != errno.ENOENT:
            return "bad", "refused with status 127 (%s) where %s" % (message, direct.describe())
        if direct.refused is not None:
            return "same-refused", ""
        if direct.signalled():
            return "refused-crash", ""
        why = "ring3-load refuses it (%s) where execve runs it (%s)" % (message, direct.describe())
        with open(os.path.join(directory, name), "rb") as f:
            if f.read(2) == b"#!":
                why = "#! script: " + why
        return "bad", why
    # Not a refusal: did ring3-load reach the jump? --trace says so last.
    trace_text = err
    if not trace:
        again = run([load, "--trace", prog], directory)
        trace_text = again.err.decode("utf-8", "replace")
    if JUMP not in trace_text:
        return "bad", "ring3-load ended with %s before its jump: %s" % (
            via.describe(), " | ".join(trace_text.splitlines()[-3:]))
    if direct.refused is not None:
        return "bad", "ring3-load runs it (%s) where %s" % (via.describe(), direct.describe())
    if via.status == direct.status and (via.signalled() or via.status == "timeout" or via.out == direct.out):
        return "same-run", ""
    if any(marker in trace_text for marker in BY_DESIGN):
        return "by-design", ""
    why = "through ring3-load %s, run directly %s%s" % (
        via.describe(), direct.describe(), ", outputs differ" if via.status == direct.status else "")
    if "mapped by no segment: copied onto the stack" in trace_text:
        why = "AT_PHDR of a copy: " + why
    with open(os.path.join(directory, name), "rb") as f:
        data = f.read()
    if data[:2] == b"#!":
        why = "#! script: " + why
    elif last_phdr_load_differs(data):
        why = "AT_PHDR of the last PT_LOAD holding e_phoff: " + why
    return "bad", why


def last_phdr_load_differs(data):
    """Whether two PT_LOAD segments whose file bytes hold e_phoff put the
    program headers at different addresses (load_elf_binary() takes the
    last one)."""
    try:
        phoff, = struct.unpack_from("<Q", data, 32)
        phnum, = struct.unpack_from("<H", data, 56)
        found = []
        for i in range(phnum):
            p_type, _, off, vaddr, _, filesz = struct.unpack_from("<IIQQQQ", data, phoff + 56 * i)
            if p_type == 1 and off <= phoff < off + filesz:
                found.append(phoff - off + vaddr)
        return len(set(found)) > 1
    except struct.error:
        return False


def known(detail):
    """The name of the reported class a mismatch belongs to, or None."""
    for name, pattern in KNOWN:
        if re.search(pattern, detail):
            return name
    return None


def tally(counts, bad, known_counts, detail, label):
    """Counts one mismatch: under its known class, or as a failure."""
    k = known(detail)
    if k:
        known_counts[k] = known_counts.get(k, 0) + 1
        counts["known"] = counts.get("known", 0) + 1
    else:
        bad.append("%s: %s" % (label, detail))
        counts["bad"] = counts.get("bad", 0) + 1


# Mismatches already reported (issue 20), by the text of the verdict: each
# is counted under its name and does not fail a campaign; any other does.
# A class fixed in the loader stops matching anything: remove it here.
KNOWN = [
    # ring3-load refuses on purpose what would be writable and executable.
    ("refused by design: W+X", r"refuses it \(.*(writable and executable|executable stack)"),
    # Header fields the kernel's load_elf_binary never reads or checks.
    ("stricter: ELF identification and header fields",
     r"refuses it \(.*(not a 64-bit ELF file|not a little-endian ELF file|unknown ELF identification"
     r" version|unsupported OS ABI|unknown ELF version .* in e_version|e_ehsize is)"),
    ("stricter: PT_PHDR, PT_TLS, PT_INTERP checks",
     r"refuses it \(.*(PT_PHDR \(program header|PT_TLS \(program header|interpreter path has a NUL)"),
    ("stricter: p_align (power of two, 1 GiB, congruence)",
     r"refuses it \(.*(is not a power of two|exceeds 1 GiB|differ modulo p_align)"),
    ("stricter: segment layout, entry point, e_phnum",
     r"refuses it \(.*(inside PT_LOAD segment|segments must ascend|more than fit in a page|entry point .* (zero-filled|outside))"),
    ("stricter: file bytes past the end of the file, a segment below 0x10000",
     r"refuses it \(.*(extend past the end of the file|below the lowest mappable address)"),
    # fs/binfmt_script.c: next_terminator() and next_non_spacetab() look
    # at the buffer's last byte too; and blanks then the end of a short
    # file without a newline give an empty argument ("").
    ("#! line: the last byte of the 256, an empty argument",
     r"^#! script: (ring3-load refuses it \(.*a #! script without an interpreter|through ring3-load)"),
    # The program headers outside the file bytes of every PT_LOAD: AT_PHDR
    # points to a copy (issue 20, point 2).
    ("AT_PHDR of a copy", r"AT_PHDR of a copy"),
    # load_elf_binary() takes the last PT_LOAD whose file bytes hold
    # e_phoff for AT_PHDR; ring3-load the first.
    ("AT_PHDR: the last PT_LOAD holding the headers", r"AT_PHDR of the last PT_LOAD"),
    # Both die by a signal after the hand-over (the entry point moved into
    # the middle of the code), by different ones: the registers and stack
    # the code finds are not all execve's.
    ("both killed, by different signals", r"through ring3-load killed by .*, run directly killed by"),
]


# --- #! scripts ------------------------------------------------------------

# Interpreters that show the argv they get: printf prints each argument in
# brackets (its format is the #! line's argument), echo joins them.
SCRIPT_LINES = [
    b"#!/usr/bin/printf [%s]\\n",
    b"#!/bin/echo",
    b"#!/bin/echo one  two\tthree",
    b"#! /usr/bin/printf <%s>\\n",
]


def script_mutant(rng):
    """A #! script whose first line is damaged in one to three ways, the
    line's length often near the kernel's 256-byte buffer
    (BINPRM_BUF_SIZE, fs/binfmt_script.c)."""
    line = bytearray(rng.choice(SCRIPT_LINES))
    body = b"\nsecond line\n"
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(9)
        target = rng.choice([rng.randint(240, 270), rng.randint(250, 258), rng.randint(2, 300)])
        if kind == 0:  # a longer interpreter path: /usr////bin/printf
            at = line.find(b"/", 3)
            if at > 0:
                line[at:at] = b"/" * max(0, target - len(line))
        elif kind == 1:  # blanks after #!
            line[2:2] = bytes(rng.choice(b" \t") for _ in range(max(1, target - len(line))))
        elif kind == 2:  # blanks at the end of the line
            line += bytes(rng.choice(b" \t") for _ in range(max(1, target - len(line))))
        elif kind == 3:  # a longer argument
            line += b" " + b"a" * max(0, target - len(line) - 1)
        elif kind == 4:  # no newline: the file ends with the line
            body = b""
        elif kind == 5:  # cut somewhere in the line
            line = line[:rng.randint(0, len(line))]
            body = b""
        elif kind == 6:  # a byte replaced: NUL, CR, a blank, a newline
            if len(line) > 2:
                line[rng.randrange(2, len(line))] = rng.choice(b"\0\r \t\nx")
        elif kind == 7:  # a carriage return before the newline
            line += b"\r"
        else:  # the newline moved past 256 bytes by the body
            body = b" " + b"b" * rng.randint(0, 300) + body
    return bytes(line) + body


# --- campaigns -------------------------------------------------------------

def mutant_bytes(seed, index, sources, scripts):
    """Mutant INDEX of a campaign with SEED: a header mutant of one of the
    sources (COUNT each, in turn), then the scripts. Each has its own
    random generator, so that one mutant can be made again alone."""
    rng = random.Random("%d/%d" % (seed, index))
    if index < len(sources):
        return malformed.mutate(sources[index], rng)
    return script_mutant(rng)


def campaign(load, seed, count, directory, files, scripts, seconds, keep):
    datas = [open(f, "rb").read() for f in files]
    os.makedirs(directory, exist_ok=True)
    start = time.monotonic()
    counts, bad, known_counts, total, rounds = {}, [], {}, 0, 0
    while True:
        sources = [d for d in datas for _ in range(count)]
        origins = [os.path.basename(f) for f in files for _ in range(count)]
        for index in range(len(sources) + scripts):
            name = "mutant-%d-%d" % (seed, index)
            path = os.path.join(directory, name)
            with open(path, "wb") as f:
                f.write(mutant_bytes(seed, index, sources, scripts))
            os.chmod(path, 0o755)
            origin = origins[index] if index < len(sources) else "#! script"
            verdict, detail = judge(load, directory, name)
            total += 1
            if verdict != "bad":
                counts[verdict] = counts.get(verdict, 0) + 1
                os.unlink(path)
                continue
            failures = len(bad)
            tally(counts, bad, known_counts, detail, "seed %d mutant %d (from %s)" % (seed, index, origin))
            if keep and len(bad) > failures:
                os.makedirs(keep, exist_ok=True)
                shutil.copy(path, os.path.join(keep, name))
            os.unlink(path)
        rounds += 1
        seed += 1
        if seconds is None or time.monotonic() - start >= seconds:
            break
    return total, rounds, counts, bad, known_counts, time.monotonic() - start


def report(total, counts, bad, known_counts):
    print("%d mutants: %s" % (total, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    for name, n in sorted(known_counts.items()):
        print("  known (reported) %d: %s" % (n, name))
    for line in bad:
        print("MISMATCH: " + line)


def main(argv):
    command = argv[0] if argv else ""
    if command == "judge":
        trace = len(argv) > 1 and argv[1] == "--trace"
        load, directory, listing = argv[1 + trace:4 + trace]
        counts, bad, known_counts, total = {}, [], {}, 0
        for row in open(listing):
            name, _, origin = row.rstrip("\n").partition("\t")
            verdict, detail = judge(load, directory, name, trace)
            total += 1
            if verdict == "bad":
                tally(counts, bad, known_counts, detail, "%s (from %s)" % (name, origin))
            else:
                counts[verdict] = counts.get(verdict, 0) + 1
        report(total, counts, bad, known_counts)
        return 1 if bad else 0
    if command == "campaign":
        args, opts = [], {"--scripts": "0", "--seconds": None, "--keep": None}
        it = iter(argv[1:])
        for a in it:
            if a in opts:
                opts[a] = next(it)
            else:
                args.append(a)
        load, seed, count, directory, files = args[0], int(args[1]), int(args[2]), args[3], args[4:]
        seconds = float(opts["--seconds"]) if opts["--seconds"] else None
        total, rounds, counts, bad, known_counts, elapsed = campaign(
            load, seed, count, directory, files, int(opts["--scripts"]), seconds, opts["--keep"])
        print("seeds %d..%d, %.1f s" % (int(args[1]), int(args[1]) + rounds - 1, elapsed))
        report(total, counts, bad, known_counts)
        return 1 if bad else 0
    if command == "one":
        seed, index, count, directory, files = int(argv[1]), int(argv[2]), int(argv[3]), argv[4], argv[5:]
        scripts = 0
        datas = [open(f, "rb").read() for f in files]
        sources = [d for d in datas for _ in range(count)]
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "mutant-%d-%d" % (seed, index))
        with open(path, "wb") as f:
            f.write(mutant_bytes(seed, index, sources, scripts))
        os.chmod(path, 0o755)
        print(path)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
