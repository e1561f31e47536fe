// File names in messages, quoted as GNU coreutils quotes them
// (gnulib's quotef: the shell-escape style, ':' quoted too), so that
// "cat: NAME: message" matches GNU cat byte for byte in the C locale:
//
//     a.txt        a.txt
//     a b          'a b'
//     it's         "it's"
//     it's $5      'it'\''s $5'
//     tab<TAB>     'tab'$'\t'
//     (empty)      ''
//
// ring3 has no locale: every byte outside printable ASCII is escaped as
// GNU does in the C locale ($'\303\251' for "é").
//
//     io::err << "cat: " << Quoted{name} << ": " << message << '\n';
#pragma once

#include <ring3/str.hpp>
#include <ring3/stream.hpp>

namespace cat {

// A file name as a message shows it.
struct Quoted {
    ring3::Str name;
};

// Prints the quoted form of the name, however long (found by
// argument-dependent lookup from `<<`).
void print_to(ring3::OutStream& s, const Quoted& q);

} // namespace cat
