// The stack protector's failure path. Linked in only when some code was
// compiled with -fstack-protector*, which is what tells the startup code to
// set up a canary (runtime/src/start.cpp).
#include <ring3/fdio.hpp>
#include <ring3/startup.hpp>

extern "C" [[noreturn]] void __stack_chk_fail() {
    // The stack is corrupt: no formatting, no exit handlers, one write.
    (void)ring3::write_all(2, "*** stack smashing detected ***: terminated\n");
    abort();
}
