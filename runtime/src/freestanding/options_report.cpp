// opt::report: a usage error on the program's stderr (io::err exists only
// in a ring3 program, so this is not part of the hosted options.cpp).
#include <ring3/options.hpp>
#include <ring3/process.hpp>
#include <ring3/stream.hpp>

namespace ring3::opt {

int report(const UsageError& e, const Option* table, std::size_t count, int status) {
    {
        OutChain line(io::err); // one write(2), at the end of the block
        io::err << program_name() << ": ";
        describe(io::err, e, table, count);
        io::err << '\n';
    }
    io::err << "Try '" << program_name() << " --help' for more information.\n";
    return status;
}

} // namespace ring3::opt
