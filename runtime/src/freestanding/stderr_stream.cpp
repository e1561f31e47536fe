// io::err, the standard error stream: unbuffered, so every statement that
// writes to it is one write(2) and nothing is left to flush at exit; what
// io::out holds is written first.
#include <ring3/stream.hpp>

namespace ring3 {
namespace {

// The buffer only has to hold one statement's message: a path as long as
// PATH_MAX (4096) and its decorations. A longer one is written in pieces.
alignas(64) char err_buffer[8192];

} // namespace

namespace io {
// Tied to io::out (GNU's order: stdout is flushed before a diagnostic).
// The reference is weak (this redeclaration adds the attribute): a program
// that only prints errors links neither stdout's buffer nor its exit hook,
// and its tie is null.
// NOLINTNEXTLINE(readability-redundant-declaration)
extern OutStream out [[gnu::weak]];
[[clang::no_destroy]] constinit OutStream err(2, err_buffer, sizeof err_buffer, Buffering::none, 0,
                                              &out);
} // namespace io

} // namespace ring3
