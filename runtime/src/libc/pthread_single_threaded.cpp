// The pthread functions libstdc++.a's objects call to guard shared state
// (shared_ptr.o's locks for atomic<shared_ptr>, memory_resource.o's
// synchronized pool) in a program that has one thread, which every ring3
// program is today: nothing can contend, so a lock has nothing to wait
// for and these do nothing but say "done".
//
// The threads issue replaces this file: libstdc++'s gthreads layer
// (bits/gthr-posix.h) calls exactly these names, so real ones over
// clone(2) and futex(2) slot in with no change to the library.
#include <pthread.h>

extern "C" {

int pthread_mutex_lock(pthread_mutex_t*) noexcept { return 0; }
int pthread_mutex_trylock(pthread_mutex_t*) noexcept { return 0; }
int pthread_mutex_unlock(pthread_mutex_t*) noexcept { return 0; }

int pthread_rwlock_rdlock(pthread_rwlock_t*) noexcept { return 0; }
int pthread_rwlock_wrlock(pthread_rwlock_t*) noexcept { return 0; }
int pthread_rwlock_unlock(pthread_rwlock_t*) noexcept { return 0; }

// One thread, so once means "if not done yet, now".
int pthread_once(pthread_once_t* once, void (*init)()) {
    if (*once == PTHREAD_ONCE_INIT) {
        *once = PTHREAD_ONCE_INIT + 1;
        init();
    }
    return 0;
}

} // extern "C"
