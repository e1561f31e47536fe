// What a program can observe of how it was started. tests/e2e/loader_peers.sh
// builds it with glibc -static and -static-pie, runs it directly and through
// ring3-load, and requires the same output and exit status: so every line
// is a fact that does not depend on where ASLR put things.
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern const ElfW(Ehdr) __ehdr_start;
extern void _start(void);

static char bss[1 << 20]; // must be zero, all of it
static int data = 42;
static __thread int tls = 7;

int main(int argc, char** argv) {
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; ++i) printf("argv[%d] %s\n", i, argv[i]);
    const char* v = getenv("RING3_PEER");
    printf("RING3_PEER %s\n", v ? v : "(unset)");

    const char* phdr = (const char*)&__ehdr_start + __ehdr_start.e_phoff;
    printf("AT_PHDR is this program's headers: %s\n", getauxval(AT_PHDR) == (unsigned long)phdr ? "yes" : "no");
    printf("AT_PHENT %lu AT_PHNUM %lu (e_phnum %u)\n", getauxval(AT_PHENT), getauxval(AT_PHNUM), __ehdr_start.e_phnum);
    printf("AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long)&_start ? "yes" : "no");
    // AT_BASE: 0 without an interpreter, else where ASLR put it.
    printf("AT_BASE %s AT_SECURE %lu AT_PAGESZ %lu\n", getauxval(AT_BASE) ? "(the interpreter's)" : "0",
           getauxval(AT_SECURE), getauxval(AT_PAGESZ));
    printf("AT_EXECFN %s\n", (const char*)getauxval(AT_EXECFN));
    const unsigned char* r = (const unsigned char*)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; r && i < 16; ++i) nonzero |= r[i];
    printf("AT_RANDOM: %s\n", r && nonzero ? "16 bytes" : "missing");
    printf("AT_SYSINFO_EHDR (vDSO): %s\n", getauxval(AT_SYSINFO_EHDR) ? "present" : "absent");
    printf("AT_HWCAP %lx AT_HWCAP2 %lx\n", getauxval(AT_HWCAP), getauxval(AT_HWCAP2));

    int dirty = 0;
    for (size_t i = 0; i < sizeof bss; ++i) dirty |= bss[i];
    printf("bss zero: %s, data %d, tls %d\n", dirty ? "no" : "yes", data, tls);
    char* p = malloc(1 << 20);
    memset(p, 1, 1 << 20);
    printf("malloc: %s\n", p && p[12345] == 1 ? "ok" : "failed");
    return argc + 10;
}
