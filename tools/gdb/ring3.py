# ring3.py: debug a program that ring3-load runs, with the program's own
# symbols and source lines.
#
#     gdb -x tools/gdb/ring3.py --args build/bin/ring3-load build/bin/readfile /etc/hosts
#     (gdb) break readfile.cpp:main
#     (gdb) run
#     (gdb) bt
#
# gdb knows only the file it started, ring3-load: the program is mapped
# later, by ring3-load itself, so gdb has never heard of its symbols. This
# script stops (invisibly) where ring3-load hands over to the program --
# ring3_jump(entry, sp) in loader/jump.asm -- reads the program's path and
# entry point from the auxiliary vector ring3-load has just built on the
# new stack (AT_EXECFN, AT_ENTRY), and loads the program's symbols at the
# load bias it was given:
#
#     add-symbol-file PROGRAM -o BIAS
#
# where BIAS = AT_ENTRY - e_entry: 0 for a static program, the random base
# for a static-PIE one. Breakpoints set before `run` on the program's
# functions stay pending until then, and resolve at that moment.
#
# ring3-load has a `main` of its own. A breakpoint on `main` gets the
# condition $_ring3_mapped() -- true once the program's symbols are loaded
# -- so that it stops in the program's main and not in ring3-load's. A
# backtrace ends at the program's main, as gdb's do for a program it
# started itself (`set backtrace past-main on` shows the startup frames).
#
# Without this script: `ring3-load --trace` prints the load bias of a
# static-PIE program ("load bias 0x..."); `add-symbol-file PROGRAM -o BIAS`
# by hand, once the program is mapped, does the same.

import os
import struct

import gdb

AT_NULL, AT_ENTRY, AT_EXECFN = 0, 9, 31
ET_DYN = 3
PT_LOAD, PT_INTERP = 1, 3


def _read_u64(inferior, addr):
    return struct.unpack("<Q", bytes(inferior.read_memory(addr, 8)))[0]


def _read_c_string(inferior, addr, limit=4096):
    out = bytearray()
    while len(out) < limit:
        chunk = bytes(inferior.read_memory(addr + len(out), 64))
        end = chunk.find(b"\0")
        if end >= 0:
            out += chunk[:end]
            break
        out += chunk
    return out.decode("utf-8", "surrogateescape")


def _auxv(inferior, sp):
    """The auxiliary vector on an initial stack: argc, argv..., NULL,
    envp..., NULL, then (type, value) pairs up to AT_NULL (System V
    x86_64 ABI, 3.4.1)."""
    argc = _read_u64(inferior, sp)
    p = sp + 8 * (argc + 2)
    while _read_u64(inferior, p) != 0:
        p += 8
    p += 8
    aux = {}
    while True:
        t, v = _read_u64(inferior, p), _read_u64(inferior, p + 8)
        if t == AT_NULL:
            return aux
        aux.setdefault(t, v)
        p += 16


def _elf_facts(path):
    """e_type, e_entry and the span of the PT_LOAD segments [lo, hi)."""
    with open(path, "rb") as f:
        data = f.read(64)
        if len(data) < 64 or data[:4] != b"\x7fELF":
            raise gdb.GdbError("ring3: %s is not an ELF file" % path)
        e_type, _, _, e_entry, e_phoff = struct.unpack_from("<HHIQQ", data, 16)
        e_phentsize, e_phnum = struct.unpack_from("<HH", data, 54)
        f.seek(e_phoff)
        table = f.read(e_phentsize * e_phnum)
    lo, hi = None, None
    for i in range(len(table) // 56):
        p_type, _, _, p_vaddr, _, _, p_memsz, _ = struct.unpack_from("<IIQQQQQQ", table, 56 * i)
        if p_type == PT_LOAD and p_memsz:
            lo = p_vaddr if lo is None else min(lo, p_vaddr)
            hi = p_vaddr + p_memsz if hi is None else max(hi, p_vaddr + p_memsz)
    return e_type, e_entry, (lo or 0, hi or 0)


def _has_interpreter(path):
    """Whether the ELF file has a PT_INTERP (a dynamically linked program)."""
    with open(path, "rb") as f:
        head = f.read(64)
        e_phoff, = struct.unpack_from("<Q", head, 32)
        e_phentsize, e_phnum = struct.unpack_from("<HH", head, 54)
        f.seek(e_phoff)
        table = f.read(e_phentsize * e_phnum)
    return any(struct.unpack_from("<I", table, 56 * i)[0] == PT_INTERP for i in range(len(table) // 56))


def _quoted(path):
    """A file name as gdb's command parser reads it back."""
    if not any(c in path for c in " \t'\"\\"):
        return path
    return '"%s"' % path.replace("\\", "\\\\").replace('"', '\\"')


def _quiet(command):
    """Runs a gdb command that may ask for confirmation, answering yes."""
    confirm = gdb.parameter("confirm")
    gdb.execute("set confirm off")
    try:
        return gdb.execute(command, to_string=True)
    finally:
        gdb.execute("set confirm %s" % ("on" if confirm else "off"))


class Ring3Loader:
    """The hand-over, in two stops.

    At ring3_jump, ring3-load's image is still mapped, but the trampoline
    is about to unmap it: no breakpoint may stay there, or gdb cannot
    remove it ("Cannot remove breakpoints because program is no longer
    writable") and later writes its saved bytes, or an int3, into whatever
    the program maps at that address. So ring3-load's symbols are dropped
    (`symbol-file`) and the program's loaded (`add-symbol-file PROGRAM -o
    BIAS`): every breakpoint is set again from the program's symbols, none
    is left in ring3-load's, and the one on ring3_jump is temporary. A temporary breakpoint on the
    program's entry point (AT_ENTRY: mapped already) is the second stop.

    At the entry point the trampoline has set the process's auxiliary
    vector (prctl PR_SET_MM_MAP), so gdb's view of the process is the
    program's: `exec-file PROGRAM`, and, for a dynamically linked one
    (its interpreter has run: the libraries are mapped), `sharedlibrary`,
    which reads the dynamic loader's list and resolves breakpoints on
    library functions (`break write`).
    """

    def __init__(self):
        # The symbol files this script loaded, and where their images are
        # at run time: path -> (lo, hi).
        self.loaded = {}
        self.jump = None
        self.entry = None
        self.program = None
        self.loader = gdb.current_progspace().filename
        gdb.events.exited.connect(self._on_exit)
        gdb.events.breakpoint_created.connect(self._on_breakpoint_created)

    def arm(self):
        """The invisible breakpoint on the hand-over. ring3_jump is a local
        symbol of ring3-load (loader/jump.asm), present in every build."""
        if self.jump is not None and self.jump.is_valid():
            return
        self.jump = gdb.Breakpoint("ring3_jump", internal=True, temporary=True)
        self.jump.silent = True
        self.jump.commands = "python ring3_loader.on_jump()\ncontinue"

    def on_jump(self):
        inferior = gdb.selected_inferior()
        frame = gdb.selected_frame()
        sp = int(frame.read_register("rsi"))
        aux = _auxv(inferior, sp)
        if AT_EXECFN not in aux or AT_ENTRY not in aux:
            print("ring3: no AT_EXECFN or AT_ENTRY on the new stack: no symbols loaded")
            return
        path = _read_c_string(inferior, aux[AT_EXECFN])
        if not os.path.isabs(path):
            # Relative to ring3-load's working directory, not gdb's.
            path = os.path.join(os.readlink("/proc/%d/cwd" % inferior.pid), path)
        e_type, e_entry, (lo, hi) = _elf_facts(path)
        bias = (aux[AT_ENTRY] - e_entry) & 0xFFFFFFFFFFFFFFFF
        # ring3-load's symbols go, the program's come: breakpoints follow.
        # (Not `symbol-file PROGRAM`: gdb would relocate the main symbol
        # file by AT_ENTRY of the auxv it reads from /proc, ring3-load's
        # until the trampoline sets the program's.)
        # Dropping the symbols disables the breakpoints that had a location
        # in them (`break main`, ring3-load's first): enabled again, they
        # are set from the program's.
        enabled = [bp for bp in gdb.breakpoints() if bp.enabled]
        _quiet("symbol-file")
        command = "add-symbol-file %s -o %#x" % (_quoted(path), bias)
        _quiet(command)
        for bp in enabled:
            if bp.is_valid() and not bp.enabled:
                bp.enabled = True
        self.loaded = {path: (lo + bias, hi + bias)}
        self.program = path
        self.entry = gdb.Breakpoint("*%#x" % aux[AT_ENTRY], internal=True, temporary=True)
        self.entry.silent = True
        self.entry.commands = "python ring3_loader.on_entry()\ncontinue"
        kind = "static-PIE, load bias %#x" % bias if e_type == ET_DYN else "static"
        if _has_interpreter(path):
            kind = "dynamically linked, load bias %#x" % bias
        print("ring3: %s (%s): entry %#x; symbols loaded: %s" % (path, kind, aux[AT_ENTRY], command))

    def on_entry(self):
        self.entry = None
        _quiet("exec-file %s" % _quoted(self.program))
        if _has_interpreter(self.program):
            _quiet("sharedlibrary")
            print("ring3: shared libraries loaded: %d" % len(
                [o for o in gdb.objfiles() if o.filename and o.filename != self.program
                 and not o.filename.startswith("system-supplied")]))

    def _on_exit(self, event):
        # The next run starts ring3-load again, which maps the program
        # afresh (a static-PIE one elsewhere).
        if self.program is not None and self.loader:
            _quiet("file %s" % _quoted(self.loader))
        self.loaded = {}
        self.program = None
        self.arm()

    def _on_breakpoint_created(self, bp):
        # `break main` means the program's main: ring3-load's comes first.
        exe = os.path.basename(gdb.current_progspace().filename or "")
        if exe != "ring3-load":
            return
        if bp.type == gdb.BP_BREAKPOINT and bp.location == "main" and not bp.condition:
            bp.condition = "$_ring3_mapped()"
            print("ring3: breakpoint %d stops in the program's main, not ring3-load's "
                  "(condition $_ring3_mapped())" % bp.number)

    def in_program(self, frame):
        """Whether `frame` runs code of the program (not of ring3-load)."""
        pc = frame.pc()
        return any(lo <= pc < hi for lo, hi in self.loaded.values())


class Mapped(gdb.Function):
    """$_ring3_mapped(): 1 once the program ring3-load runs is mapped and
    its symbols are loaded, else 0."""

    def __init__(self):
        super().__init__("_ring3_mapped")

    def invoke(self):
        return 1 if ring3_loader.loaded else 0


class EndAtMain:
    """A frame filter: a backtrace ends at the program's main, as it would
    had gdb started the program itself (gdb's own past-main rule looks for
    ring3-load's main)."""

    def __init__(self):
        self.name = "ring3-end-at-main"
        self.priority = 100
        self.enabled = True
        gdb.frame_filters[self.name] = self

    def filter(self, frames):
        past_main = gdb.parameter("backtrace past-main")
        for f in frames:
            yield f
            frame = f.inferior_frame()
            if not past_main and frame.name() == "main" and ring3_loader.in_program(frame):
                return


ring3_loader = Ring3Loader()
Mapped()
EndAtMain()
# A breakpoint on the program's code waits, pending, until its symbols come.
gdb.execute("set breakpoint pending on")
ring3_loader.arm()
