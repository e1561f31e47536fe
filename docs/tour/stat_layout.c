/* The layout of struct stat that programs/asm/mmapfile.asm relies on,
   as glibc's header (and the kernel's, for x86_64) declares it. */
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

int main(void) {
    printf("struct stat: %zu bytes, st_size at offset %zu\n", sizeof(struct stat),
           offsetof(struct stat, st_size));
    return 0;
}
