// Variables glibc's and libstdc++'s headers make compiled code refer to.
//
// __libc_single_threaded (<sys/single_threaded.h>, glibc 2.32): libstdc++'s
// headers read it to skip atomic operations (shared_ptr's reference
// counts, __gnu_cxx::__is_single_threaded). A ring3 program has one thread:
// 1, so the counts are plain increments. The threads issue sets it to 0
// when a second thread starts, as glibc does.
extern "C" {
char __libc_single_threaded = 1;
}
