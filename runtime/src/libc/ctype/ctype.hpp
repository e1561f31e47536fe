// ring3's <ctype.h>, as ring3::libc functions (c_name.hpp): the C locale's
// classes, the only locale a ring3 program has, and the table entry points
// glibc's headers make compiled code call (__ctype_b_loc and its
// siblings), with glibc's table layout.
#pragma once

#include "../c_name.hpp"

#include <cstdint>

namespace ring3::libc {

int isalnum(int c) noexcept RING3_C_NAME(isalnum);
int isalpha(int c) noexcept RING3_C_NAME(isalpha);
int isblank(int c) noexcept RING3_C_NAME(isblank);
int iscntrl(int c) noexcept RING3_C_NAME(iscntrl);
int isdigit(int c) noexcept RING3_C_NAME(isdigit);
int isgraph(int c) noexcept RING3_C_NAME(isgraph);
int islower(int c) noexcept RING3_C_NAME(islower);
int isprint(int c) noexcept RING3_C_NAME(isprint);
int ispunct(int c) noexcept RING3_C_NAME(ispunct);
int isspace(int c) noexcept RING3_C_NAME(isspace);
int isupper(int c) noexcept RING3_C_NAME(isupper);
int isxdigit(int c) noexcept RING3_C_NAME(isxdigit);
int isascii(int c) noexcept RING3_C_NAME(isascii);
int toascii(int c) noexcept RING3_C_NAME(toascii);
int tolower(int c) noexcept RING3_C_NAME(tolower);
int toupper(int c) noexcept RING3_C_NAME(toupper);

// Pointers to pointers to tables indexed by any value from -128 to 255
// (a signed or unsigned char, or EOF), as glibc's <ctype.h> expects.
const unsigned short** ctype_b_loc() noexcept RING3_C_NAME(__ctype_b_loc);
const std::int32_t** ctype_tolower_loc() noexcept RING3_C_NAME(__ctype_tolower_loc);
const std::int32_t** ctype_toupper_loc() noexcept RING3_C_NAME(__ctype_toupper_loc);

} // namespace ring3::libc
