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
#pragma once

#include <cstddef>
#include <ring3/str.hpp>

namespace cat {

// Writes the quoted form of `name` into buf and returns a view of it. A
// result longer than `size` is cut (names that long cannot be opened).
ring3::Str quote_name(ring3::Str name, char* buf, std::size_t size);

} // namespace cat
