/* What libstdc++.a, compiled against glibc, asks of the C library beyond
 * what musl has: the musl build of bench/cxx.sh links this. Not part of
 * ring3. __libc_single_threaded is 0 (glibc's meaning: "maybe threads"),
 * so shared_ptr's counts stay atomic as in the glibc builds; without
 * _dl_find_object the unwinder falls back to dl_iterate_phdr. */
#include <stdint.h>
#include <sys/random.h>

char __libc_single_threaded = 0;

int _dl_find_object(void *pc, void *result) {
    (void)pc;
    (void)result;
    return -1;
}

uint32_t arc4random(void) {
    uint32_t v = 0;
    (void)getrandom(&v, sizeof v, 0);
    return v;
}
