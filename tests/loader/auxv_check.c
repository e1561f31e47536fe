/* What a dynamically linked program sees of the way it was started,
   printed so that a run through ring3-load can be compared with a direct
   one byte for byte (tests/e2e/loader_corpus.sh builds it against glibc
   and musl). Every line is "ok" or shows what it found: the auxv
   (AT_PHDR, AT_ENTRY, AT_BASE, AT_EXECFN, AT_RANDOM), the process identity
   (/proc/self/exe, comm, cmdline, auxv) and the brk heap. */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

extern const Elf64_Ehdr __ehdr_start;
extern char _start[];
extern char _end[];

static int slurp(const char *path, char *buf, int size) {
    int fd = open(path, O_RDONLY), n = 0, r;
    if (fd < 0) return -1;
    while (n < size && (r = read(fd, buf + n, size - n)) > 0) n += r;
    close(fd);
    return n;
}

int main(int argc, char **argv) {
    const unsigned char *phdr = (const void *)getauxval(AT_PHDR);
    const unsigned char *want_phdr = (const unsigned char *)&__ehdr_start + __ehdr_start.e_phoff;
    printf("AT_PHDR: %s\n", phdr == want_phdr ? "ok" : "wrong");
    printf("AT_PHNUM: %s\n", getauxval(AT_PHNUM) == __ehdr_start.e_phnum ? "ok" : "wrong");
    printf("AT_ENTRY: %s\n", getauxval(AT_ENTRY) == (uintptr_t)_start ? "ok" : "wrong");
    /* The interpreter's base: its ELF header is there. */
    const unsigned char *base = (const void *)getauxval(AT_BASE);
    printf("AT_BASE: %s\n", base && memcmp(base, ELFMAG, SELFMAG) == 0 ? "ok" : "wrong");
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN: %s\n", execfn ? execfn : "(none)");
    const unsigned char *random = (const void *)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; random && i < 16; ++i) nonzero |= random[i];
    printf("AT_RANDOM: %s\n", nonzero ? "ok" : "missing or zero");
    printf("AT_SECURE: %lu\n", getauxval(AT_SECURE));

    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    printf("/proc/self/exe: %.*s\n", (int)(n < 0 ? 0 : n), buf);
    n = slurp("/proc/self/comm", buf, sizeof buf);
    printf("comm: %.*s", (int)(n < 0 ? 0 : n), buf);
    /* cmdline: the arguments, NUL-separated, exactly. */
    n = slurp("/proc/self/cmdline", buf, sizeof buf);
    int same = 1, off = 0;
    for (int i = 0; i < argc && same; ++i) {
        int len = (int)strlen(argv[i]) + 1;
        same = off + len <= n && memcmp(buf + off, argv[i], len) == 0;
        off += len;
    }
    printf("cmdline: %s\n", same && off == n ? "ok" : "differs from argv");
    /* /proc/self/auxv: the vector the process started with. */
    static unsigned long aux[512];
    n = slurp("/proc/self/auxv", (char *)aux, sizeof aux);
    int found = 0;
    for (int i = 0; i + 1 < n / (int)sizeof(long); i += 2)
        if (aux[i] == AT_ENTRY) found = aux[i + 1] == (uintptr_t)_start;
    printf("/proc/self/auxv: %s\n", found ? "ok" : "not this program's");
    /* The heap: start_brk (/proc/self/stat, field 47) right after the
       bss, within the kernel's 1 GiB of randomisation
       (arch_randomize_brk), and brk(2) grows it. */
    n = slurp("/proc/self/stat", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    char *field = strrchr(buf, ')');
    for (int i = 2; field && i < 47; ++i) field = strchr(field + 1, ' ');
    uintptr_t start_brk = 0, end = ((uintptr_t)_end + 4095) & ~(uintptr_t)4095;
    if (field) sscanf(field + 1, "%lu", &start_brk);
    printf("start_brk: %s\n", start_brk >= end && start_brk - end <= (1u << 30) ? "ok" : "elsewhere");
    uintptr_t brk = (uintptr_t)syscall(SYS_brk, 0);
    uintptr_t grown = (uintptr_t)syscall(SYS_brk, brk + (1 << 16));
    printf("brk grows: %s\n", brk >= start_brk && grown == brk + (1 << 16) ? "ok" : "no");
    for (int i = 1; i < argc; ++i) printf("argv[%d]: %s\n", i, argv[i]);
    return 3;
}
