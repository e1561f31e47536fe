// The standard streams io::out and io::in, and the exit path's flush
// (runtime/src/freestanding/exit.cpp calls __ring3_flush_streams). io::err
// lives in stderr_stream.cpp: a program that only prints error messages
// needs neither stdout's buffer nor the exit hook.
//
// Both are constant-initialised: no constructor runs at startup, no
// destructor is registered, and the buffers are .bss, which costs nothing
// until touched. A program links this file only when it names one of them;
// exit() then finds the hook linked and flushes.
#include <ring3/detail/link_flags.hpp>
#include <ring3/process.hpp>
#include <ring3/stream.hpp>

// exit() calls __ring3_flush_streams only when this flag says it is linked.
RING3_DEFINE_LINK_FLAG(__ring3_streams_linked);

namespace ring3 {
namespace {

alignas(64) char out_buffer[OutStream::default_buffer_size];
alignas(64) char in_buffer[InStream::default_buffer_size];

} // namespace

namespace io {
[[clang::no_destroy]] constinit OutStream out(1, out_buffer, sizeof out_buffer,
                                              Buffering::automatic, OutStream::exit_on_epipe);
[[clang::no_destroy]] constinit InStream in(0, in_buffer, sizeof in_buffer, &out);

} // namespace io

} // namespace ring3

extern "C" int __ring3_flush_streams(int status) {
    using namespace ring3;
    return finish_output(io::out, io::err, program_name(), status);
}
