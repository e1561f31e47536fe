// A dynamically linked glibc program for the debugger test
// (tests/e2e/gdb.sh): gdb must resolve a breakpoint on a library
// function (puts) once the dynamic loader has mapped libc, and leave the
// program's memory alone: 32 fresh pages mapped one at a time (the first
// where ring3-load's image was) stay zero across the stops, and its own
// code reads the same as in a run without gdb.
#include <stdio.h>
#include <sys/mman.h>

static unsigned long fnv1a(const unsigned char* p, int n, unsigned long h) {
    for (int i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3UL;
    return h;
}

int main(int argc, char** argv) {
    enum { pages = 32 };
    unsigned char* page[pages];
    for (int i = 0; i < pages; ++i) {
        page[i] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page[i] == MAP_FAILED) return 99;
    }
    puts("between the mappings and the check"); // gdb: the call to puts
    long dirty = 0;
    for (int i = 0; i < pages; ++i)
        for (int j = 0; j < 4096; ++j) dirty += page[i][j] != 0;
    unsigned long sum = fnv1a((const unsigned char*)&main, 128, 0xcbf29ce484222325UL);
    printf("argc %d, %s; %d fresh pages, %ld bytes not zero; code checksum %lu\n", argc, argv[argc - 1],
           pages, dirty, sum);
    return dirty == 0 ? 0 : 1;
}
