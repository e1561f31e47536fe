#!/usr/bin/env python3
"""Derives the constant tables of ring3's math library with mpmath (arbitrary
precision) and writes runtime/src/libc/math/tables.inc:
  - the bits of 2/pi, for the Payne-Hanek argument reduction of sin/cos/tan;
  - for pow's logarithm: r_i ~ 128/i rounded to 11 bits (so m * r_i is exact
    in the x87's 64-bit significand) and -ln(r_i) as two long doubles;
  - ln 2, pi/2 and friends split so their products with small integers are exact.
Run: python3 tools/math/gen_tables.py"""
import pathlib
from mpmath import mp, mpf, log, pi, floor, ldexp, frexp

mp.prec = 2000
root = pathlib.Path(__file__).resolve().parents[2]
out = []

def ld_hex(x):
    """x rounded to a 64-bit significand, as a C hex long double literal."""
    if x == 0:
        return "0.0L"
    m, e = frexp(x)  # x = m * 2^e, 0.5 <= |m| < 1
    n = int(mp.nint(ldexp(m, 64)))
    if abs(n) == 1 << 64:
        n //= 2
        e += 1
    return f"{'-' if n < 0 else ''}0x{abs(n):x}p{e - 64}L"

def ld_round(x):
    m, e = frexp(x)
    return ldexp(mp.nint(ldexp(m, 64)), e - 64)

def split_bits(x, bits):
    """x truncated to `bits` significant bits."""
    m, e = frexp(x)
    return ldexp(floor(ldexp(m, bits)), e - bits)

# 2/pi as 64-bit words, most significant first: word k holds bits
# 64k+1 .. 64k+64 after the binary point.
two_over_pi = 2 / pi
words = []
frac = two_over_pi
for k in range(20):
    frac *= mpf(2) ** 64
    w = int(floor(frac))
    words.append(w)
    frac -= w
out.append("// 2/pi, 64 bits a word, most significant first (1280 bits).")
out.append("constexpr std::uint64_t two_over_pi_bits[] = {")
for i in range(0, len(words), 3):
    out.append("    " + ", ".join(f"0x{w:016x}ULL" for w in words[i:i + 3]) + ",")
out.append("};")

# pi/2 in three pieces: 39 + 39 bits, then the rest rounded.
p1 = split_bits(pi / 2, 39)
p2 = split_bits(pi / 2 - p1, 39)
p3 = pi / 2 - p1 - p2
out.append("// pi/2 = pio2_1 + pio2_2 + pio2_3: the first two have 39 bits, so k * pio2_i")
out.append("// is exact in 64 bits for k < 2^25.")
out.append(f"constexpr long double pio2_1 = {ld_hex(p1)};")
out.append(f"constexpr long double pio2_2 = {ld_hex(p2)};")
out.append(f"constexpr long double pio2_3 = {ld_hex(p3)};")
out.append(f"constexpr long double pio2 = {ld_hex(pi / 2)};")
out.append(f"constexpr long double two_over_pi = {ld_hex(2 / pi)};")

ln2 = log(2)
l1 = split_bits(ln2, 48)
out.append("// ln 2 = ln2_hi + ln2_lo; ln2_hi has 48 bits, so k * ln2_hi is exact for |k| < 2^16.")
out.append(f"constexpr long double ln2_hi = {ld_hex(l1)};")
out.append(f"constexpr long double ln2_lo = {ld_hex(ln2 - l1)};")
out.append(f"constexpr long double ln2 = {ld_hex(ln2)};")
out.append(f"constexpr long double log2_e = {ld_hex(1 / ln2)};")
out.append(f"constexpr long double log10_2 = {ld_hex(log(2, 10))};")
out.append(f"constexpr long double pi_ld = {ld_hex(pi)};")
out.append(f"constexpr long double ln_sqrt_2pi = {ld_hex(log(2 * pi) / 2)};")

# pow's logarithm table: m in [sqrt(1/2), sqrt(2)) is matched to i = round(128 m).
lo_i, hi_i = 90, 182
out.append("// For ln(m), m in [sqrt(1/2), sqrt(2)): i = round(128 m) from 90 to 181;")
out.append("// r = log_r[i - 90].r ~ 1/m has 11 bits; ln(m) = ln(m r) + neg_ln_r.")
out.append("struct LogEntry {")
out.append("    long double r;")
out.append("    long double neg_ln_r_hi;")
out.append("    long double neg_ln_r_lo;")
out.append("};")
out.append("constexpr LogEntry log_r[] = {")
for i in range(lo_i, hi_i):
    r = mp.nint(mpf(1024) * 128 / i) / 1024
    v = -log(r)
    hi = ld_round(v)
    lo = v - hi
    out.append(f"    {{{ld_hex(r)}, {ld_hex(hi)}, {ld_hex(lo)}}},")
out.append("};")

# lgamma(2 + e) = (1 - gamma) e + sum_{k>=2} (-1)^k (zeta(k) - 1) / k e^k,
# for |e| <= 1/2 (its radius of convergence is 2); 40 terms.
from mpmath import zeta, euler, bernoulli
coeffs = [1 - euler] + [(-1) ** k * (zeta(k) - 1) / k for k in range(2, 42)]
out.append("// lgamma(2 + e) = sum of lgamma2_series[k - 1] e^k, k = 1..41.")
out.append("constexpr long double lgamma2_series[] = {")
for c in coeffs:
    out.append(f"    {ld_hex(c)},")
out.append("};")
# Stirling's series: lgamma(x) = (x - 1/2) ln x - x + ln sqrt(2 pi) + sum B_2k / (2k (2k - 1) x^(2k-1)).
out.append("// Stirling: B_2k / (2k (2k - 1)), k = 1..14.")
out.append("constexpr long double stirling_series[] = {")
for k in range(1, 15):
    out.append(f"    {ld_hex(bernoulli(2 * k) / (2 * k * (2 * k - 1)))},")
out.append("};")
out.append(f"constexpr long double two_over_sqrt_pi = {ld_hex(2 / mp.sqrt(pi))};")
out.append(f"constexpr long double one_over_sqrt_pi = {ld_hex(1 / mp.sqrt(pi))};")

# exp: 2^(j/32) for j = 0..31 as two long doubles; ln 2 / 32 split so that
# k * ln2_32_hi is exact for |k| < 2^20.
out.append("// 2^(j/32) = exp2_32[j].hi + exp2_32[j].lo, j = 0..31.")
out.append("struct Exp2Entry {")
out.append("    long double hi;")
out.append("    long double lo;")
out.append("};")
out.append("constexpr Exp2Entry exp2_32[] = {")
for j in range(32):
    v = mpf(2) ** (mpf(j) / 32)
    hi = ld_round(v)
    out.append(f"    {{{ld_hex(hi)}, {ld_hex(v - hi)}}},")
out.append("};")
l32 = ln2 / 32
l32h = split_bits(l32, 44)
out.append(f"constexpr long double ln2_32_hi = {ld_hex(l32h)};")
out.append(f"constexpr long double ln2_32_lo = {ld_hex(l32 - l32h)};")
out.append(f"constexpr long double inv_ln2_32 = {ld_hex(32 / ln2)};")
out.append(f"constexpr long double pi_over_4 = {ld_hex(pi / 4)};")
out.append(f"constexpr long double log10_e = {ld_hex(1 / log(10))};")
# 1/n! for the Taylor series of e^r - 1, sin and cos.
from mpmath import factorial
out.append("// 1/n!, n = 0..24.")
out.append("constexpr long double inv_factorial[] = {")
for n in range(25):
    out.append(f"    {ld_hex(1 / factorial(n))},")
out.append("};")

(root / "runtime/src/libc/math/tables.inc").write_text(
    "// Generated by tools/math/gen_tables.py (mpmath, 2000 bits); do not edit.\n" + "\n".join(out) + "\n")
