// errno for the math test program when libring3.a has no __errno_location
// of its own yet (ring3's C library surface provides it; this keeps the
// test about the math functions).
extern "C" int* __errno_location() noexcept {
    static int value;
    return &value;
}
