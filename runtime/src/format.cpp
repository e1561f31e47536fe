// Number conversions: integers to text (eight digits at a time in one
// register), floating point to decimal digits (exact integer arithmetic, in
// the manner of Steele & White's and Burger & Dybvig's free-format
// printing, with fast paths for everyday magnitudes), and text to integers
// with overflow detection.
#include <ring3/format.hpp>

namespace ring3 {
namespace {

constexpr std::uint64_t pow10_u64[20] = {1ULL,
                                         10ULL,
                                         100ULL,
                                         1000ULL,
                                         10000ULL,
                                         100000ULL,
                                         1000000ULL,
                                         10000000ULL,
                                         100000000ULL,
                                         1000000000ULL,
                                         10000000000ULL,
                                         100000000000ULL,
                                         1000000000000ULL,
                                         10000000000000ULL,
                                         100000000000000ULL,
                                         1000000000000000ULL,
                                         10000000000000000ULL,
                                         100000000000000000ULL,
                                         1000000000000000000ULL,
                                         10000000000000000000ULL};

inline int bit_width(std::uint64_t v) { return v ? 64 - __builtin_clzll(v) : 0; }

// floor(log10(v)) + 1 for v > 0, and 1 for 0: the bit width gives
// floor(log10) up to one (1233/4096 is just above log10(2)), one
// comparison settles it.
inline std::size_t count_digits(std::uint64_t v) {
    int t = (bit_width(v | 1) * 1233) >> 12;
    return static_cast<std::size_t>(t) + ((v | 1) >= pow10_u64[t] ? 1 : 0);
}

} // namespace

namespace {

// The eight decimal digits of y < 10^8, leading zeros included, as the
// bytes of one little-endian word (first digit in the low byte), computed
// in all lanes of the word at once: split into two 4-digit halves (32-bit
// lanes), each into two 2-digit quarters (16-bit lanes), each into two
// digits (bytes). Division by 100 and by 10 is a multiply and a shift,
// exact in the lane's range (checked exhaustively: a * 10486 >> 20 == a /
// 100 for a < 10^4, a * 103 >> 10 == a / 10 for a < 100), and no lane's
// product reaches into the next.
inline std::uint64_t eight_digits(std::uint32_t y) {
    std::uint64_t hi = y / 10000;
    std::uint64_t v = hi | ((y - hi * 10000) << 32);
    std::uint64_t q = ((v * 10486) >> 20) & 0x0000007f0000007fULL;
    v = q | ((v - q * 100) << 16);
    q = ((v * 103) >> 10) & 0x000f000f000f000fULL;
    v = q | ((v - q * 10) << 8);
    return v + 0x3030303030303030ULL;
}

inline void store8(char* out, std::uint64_t w) { __builtin_memcpy(out, &w, 8); }

// The first chunk of a number: its d (1..8) digits without leading zeros,
// stored as a whole word (the bytes past d are overwritten by what follows
// or lie in the scratch room).
inline void leading_chunk(char* out, std::uint32_t y, std::size_t d) {
    store8(out, eight_digits(y) >> (8 * (8 - d)));
}

// Digits of v at out, most significant first: the chunks of eight digits
// below the first are stored whole, the first without its leading zeros.
[[gnu::always_inline]] inline std::size_t dec_digits(char* out, std::uint64_t v) {
    constexpr std::uint64_t e8 = 100000000, e16 = e8 * e8;
    std::size_t n = count_digits(v);
    if (v < e8) {
        leading_chunk(out, static_cast<std::uint32_t>(v), n);
    } else if (v < e16) {
        std::uint64_t hi = v / e8;
        leading_chunk(out, static_cast<std::uint32_t>(hi), n - 8);
        store8(out + n - 8, eight_digits(static_cast<std::uint32_t>(v - hi * e8)));
    } else {
        std::uint64_t top = v / e16, rest = v - top * e16, mid = rest / e8;
        leading_chunk(out, static_cast<std::uint32_t>(top), n - 16);
        store8(out + n - 16, eight_digits(static_cast<std::uint32_t>(mid)));
        store8(out + n - 8, eight_digits(static_cast<std::uint32_t>(rest - mid * e8)));
    }
    return n;
}

} // namespace

std::size_t format_dec_wide(char* out, std::uint64_t v) { return dec_digits(out, v); }

std::size_t format_dec_wide(char* out, std::int64_t v) {
    // Without a branch on the sign, which mixed data would mispredict: the
    // '-' is always stored and kept or overwritten. 0 - u is the magnitude
    // even for INT64_MIN, whose negation overflows.
    bool negative = v < 0;
    *out = '-';
    auto u = static_cast<std::uint64_t>(v);
    return negative + dec_digits(out + negative, negative ? 0 - u : u);
}

std::size_t format_dec(char* out, std::uint64_t v) {
    char tmp[dec_scratch_chars];
    std::size_t n = format_dec_wide(tmp, v);
    __builtin_memcpy(out, tmp, n);
    return n;
}

std::size_t format_dec(char* out, std::int64_t v) {
    char tmp[dec_scratch_chars];
    std::size_t n = format_dec_wide(tmp, v);
    __builtin_memcpy(out, tmp, n);
    return n;
}

std::size_t format_base(char* out, std::uint64_t v, unsigned base, bool upper) {
    if (base == 10) return format_dec(out, v);
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int shift = base == 16 ? 4 : base == 8 ? 3 : 1;
    int bits = bit_width(v | 1);
    std::size_t n = static_cast<std::size_t>((bits + shift - 1) / shift);
    unsigned mask = base - 1;
    for (std::size_t i = n; i > 0; --i) {
        out[i - 1] = digits[v & mask];
        v >>= shift;
    }
    return n;
}

// ---------------------------------------------------------------------------
// Floating point.

namespace {

// A non-negative integer of up to 40 * 32 = 1280 bits: enough for every
// quantity below. The largest is 10 * s with s up to 2^1077 (a subnormal's
// denominator, doubled for the margins).
class Big {
public:
    static constexpr int capacity = 40;

    void set(std::uint64_t v) {
        n_ = 0;
        while (v) {
            d_[n_++] = static_cast<std::uint32_t>(v);
            v >>= 32;
        }
    }
    bool is_zero() const { return n_ == 0; }

    void mul_small(std::uint32_t f) {
        std::uint64_t carry = 0;
        for (int i = 0; i < n_; ++i) {
            std::uint64_t t = std::uint64_t{d_[i]} * f + carry;
            d_[i] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        if (carry) d_[n_++] = static_cast<std::uint32_t>(carry);
    }

    void mul_pow10(int k) {
        for (; k >= 9; k -= 9) mul_small(1000000000u);
        if (k > 0) mul_small(static_cast<std::uint32_t>(pow10_u64[k]));
    }

    void shl(int bits) {
        if (n_ == 0 || bits == 0) return;
        int limbs = bits / 32, b = bits % 32;
        if (b) {
            std::uint32_t carry = 0;
            for (int i = 0; i < n_; ++i) {
                std::uint32_t next = d_[i] >> (32 - b);
                d_[i] = (d_[i] << b) | carry;
                carry = next;
            }
            if (carry) d_[n_++] = carry;
        }
        if (limbs) {
            for (int i = n_ - 1; i >= 0; --i) d_[i + limbs] = d_[i];
            for (int i = 0; i < limbs; ++i) d_[i] = 0;
            n_ += limbs;
        }
    }

    // this -= b; requires this >= b.
    void sub(const Big& b) {
        std::int64_t borrow = 0;
        for (int i = 0; i < n_; ++i) {
            std::int64_t t = std::int64_t{d_[i]} - (i < b.n_ ? std::int64_t{b.d_[i]} : 0) - borrow;
            borrow = t < 0;
            d_[i] = static_cast<std::uint32_t>(t);
        }
        trim();
    }

    // this -= q * b; requires this >= q * b.
    void sub_mul(const Big& b, std::uint32_t q) {
        std::uint64_t carry = 0;
        std::int64_t borrow = 0;
        for (int i = 0; i < n_; ++i) {
            std::uint64_t prod = (i < b.n_ ? std::uint64_t{b.d_[i]} * q : 0) + carry;
            carry = prod >> 32;
            std::int64_t t = std::int64_t{d_[i]} - static_cast<std::uint32_t>(prod) - borrow;
            borrow = t < 0;
            d_[i] = static_cast<std::uint32_t>(t);
        }
        trim();
    }

    friend int compare(const Big& a, const Big& b) {
        if (a.n_ != b.n_) return a.n_ < b.n_ ? -1 : 1;
        for (int i = a.n_ - 1; i >= 0; --i)
            if (a.d_[i] != b.d_[i]) return a.d_[i] < b.d_[i] ? -1 : 1;
        return 0;
    }

    // Compares a + b with c in one pass over the limbs, keeping only the
    // running carry of a + b - c (floor division by 2^32 of a signed value).
    friend int compare_sum(const Big& a, const Big& b, const Big& c) {
        int n = a.n_ > b.n_ ? a.n_ : b.n_;
        if (c.n_ > n) n = c.n_;
        std::int64_t acc = 0;
        std::uint32_t any = 0;
        for (int i = 0; i < n; ++i) {
            acc += std::int64_t{i < a.n_ ? a.d_[i] : 0u} + std::int64_t{i < b.n_ ? b.d_[i] : 0u} -
                   std::int64_t{i < c.n_ ? c.d_[i] : 0u};
            any |= static_cast<std::uint32_t>(acc);
            acc >>= 32;
        }
        if (acc != 0) return acc < 0 ? -1 : 1;
        return any != 0 ? 1 : 0;
    }

    // Compares 2a with c.
    friend int compare_twice(const Big& a, const Big& c) { return compare_sum(a, a, c); }

    Big() = default;
    // Copies only the limbs in use.
    Big(const Big& o) : n_(o.n_) {
        for (int i = 0; i < n_; ++i) d_[i] = o.d_[i];
    }
    Big& operator=(const Big& o) {
        if (this == &o) return *this;
        n_ = o.n_;
        for (int i = 0; i < n_; ++i) d_[i] = o.d_[i];
        return *this;
    }

    void add(const Big& b) {
        int n = n_ > b.n_ ? n_ : b.n_;
        std::uint64_t carry = 0;
        for (int i = 0; i < n; ++i) {
            std::uint64_t t = carry + (i < n_ ? d_[i] : 0) + (i < b.n_ ? b.d_[i] : 0);
            d_[i] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        n_ = n;
        if (carry) d_[n_++] = static_cast<std::uint32_t>(carry);
    }

    // floor(this / s) for a quotient below 2^32, leaving the remainder in
    // this. s must be normalised (top limb >= 2^28): the estimate from the
    // top limbs is then at most one short.
    std::uint32_t divmod(const Big& s) {
        if (compare(*this, s) < 0) return 0;
        int t = s.n_ - 1;
        std::uint64_t top = d_[t];
        if (n_ > s.n_) top |= std::uint64_t{d_[t + 1]} << 32;
        auto q = static_cast<std::uint32_t>(top / (std::uint64_t{s.d_[t]} + 1));
        if (q) sub_mul(s, q);
        while (compare(*this, s) >= 0) {
            sub(s);
            ++q;
        }
        return q;
    }

    // Shifts so that the top limb is at least 2^28; returns the shift.
    int normalise_shift() const {
        int lead = __builtin_clz(d_[n_ - 1]);
        return lead > 3 ? lead - 3 : 0;
    }

private:
    void trim() {
        while (n_ > 0 && d_[n_ - 1] == 0) --n_;
    }

    std::uint32_t d_[capacity];
    int n_ = 0;
};

// The same interface over one 128-bit integer: the fast path, for values
// whose quantities all fit (|v| from about 1e-21 to 1e36; fits_128 below
// decides). No division: a digit (a quotient below 16) comes from four
// compare-and-subtract steps.
class U128 {
public:
    void set(std::uint64_t v) { v_ = v; }
    bool is_zero() const { return v_ == 0; }
    void mul_small(std::uint32_t f) { v_ *= f; }
    void mul_pow10(int k) {
        for (; k >= 19; k -= 19) v_ *= pow10_u64[19];
        if (k > 0) v_ *= pow10_u64[k];
    }
    void shl(int bits) { v_ <<= bits; }
    // Without branches: the digits are random, a branch per step would be
    // mispredicted half the time.
    std::uint32_t divmod(const U128& s) {
        std::uint32_t q = 0;
        for (int b = 3; b >= 0; --b) {
            unsigned __int128 t = s.v_ << b;
            unsigned __int128 ge = v_ >= t;
            v_ -= t & (0 - ge);
            q |= static_cast<std::uint32_t>(ge) << b;
        }
        return q;
    }
    int normalise_shift() const { return 0; }
    friend int compare(const U128& a, const U128& b) { return a.v_ < b.v_ ? -1 : a.v_ > b.v_; }
    friend int compare_sum(const U128& a, const U128& b, const U128& c) {
        unsigned __int128 sum = a.v_ + b.v_;
        return sum < c.v_ ? -1 : sum > c.v_;
    }
    friend int compare_twice(const U128& a, const U128& c) { return compare_sum(a, a, c); }

private:
    unsigned __int128 v_ = 0;
};

struct Decomposed {
    std::uint64_t mant; // the integer significand
    int exp2;           // value = mant * 2^exp2
    bool lower_closer;  // a power of two: the gap below is half the gap above
};

// ceil(x * log10(2)) - 1: never above floor(log10) of a value whose binary
// exponent (value in [2^x, 2^(x+1))) is x, and at most two below it.
int estimate_k(int x) {
    double l = x * 0.30102999566398114;
    int k = static_cast<int>(l);
    if (l > k) ++k;
    return k - 1;
}

char* round_up(char* digits, int* n, int* k) {
    int i = *n - 1;
    while (i >= 0 && digits[i] == '9') --i;
    if (i < 0) {
        digits[0] = '1';
        *n = 1;
        ++*k;
    } else {
        ++digits[i];
        *n = i + 1;
    }
    return digits;
}

void trim_zeros(const char* digits, int* n) {
    while (*n > 0 && digits[*n - 1] == '0') --*n;
}

// Shortest digits that read back as the value (Burger & Dybvig, "Printing
// Floating-Point Numbers Quickly and Accurately", free-format algorithm):
// generate digits of r/s until the rest falls within the rounding interval
// [v - m-, v + m+]; the interval's ends count when the significand is even,
// because round-to-nearest-even reading takes a tie to the even neighbour.
template <class N>
void shortest_digits(const Decomposed& v, char* digits, FloatDigits* out) {
    N r, s, mp, mm;
    bool even = (v.mant & 1) == 0;
    // Scale everything by 2 (by 4 when the lower gap is half the upper one)
    // so the half-gaps m+ and m- are integers.
    int extra = v.lower_closer ? 2 : 1;
    r.set(v.mant);
    s.set(1);
    mp.set(1);
    mm.set(1);
    if (v.exp2 >= 0) {
        r.shl(v.exp2 + extra);
        s.shl(extra);
        mp.shl(v.exp2 + extra - 1);
        mm.shl(v.exp2);
    } else {
        r.shl(extra);
        s.shl(-v.exp2 + extra);
        mp.shl(extra - 1);
    }
    int k = estimate_k(v.exp2 + bit_width(v.mant) - 1);
    if (k >= 0) {
        s.mul_pow10(k);
    } else {
        r.mul_pow10(-k);
        mp.mul_pow10(-k);
        mm.mul_pow10(-k);
    }
    // Make (v + m+) / 10^k < 1 (<= 1 when the end counts).
    for (;;) {
        int c = compare_sum(r, mp, s);
        if (c > 0 || (c == 0 && even)) {
            s.mul_small(10);
            ++k;
        } else {
            break;
        }
    }
    int sh = s.normalise_shift();
    r.shl(sh);
    s.shl(sh);
    mp.shl(sh);
    mm.shl(sh);

    // Unless the lower gap is the smaller one, m- equals m+: one of them.
    const N& low_margin = v.lower_closer ? mm : mp;
    int n = 0;
    for (;;) {
        r.mul_small(10);
        mp.mul_small(10);
        if (v.lower_closer) mm.mul_small(10);
        std::uint32_t d = r.divmod(s);
        int lo = compare(r, low_margin);
        bool low = lo < 0 || (lo == 0 && even);
        int hi = compare_sum(r, mp, s);
        bool high = hi > 0 || (hi == 0 && even);
        if (!low && !high) {
            digits[n++] = static_cast<char>('0' + d);
            continue;
        }
        if (low && high) {
            // Both d and d + 1 read back: take the closer, ties to even.
            int c = compare_twice(r, s);
            if (c > 0 || (c == 0 && (d & 1))) ++d;
        } else if (high) {
            ++d;
        }
        if (d == 10) {
            round_up(digits, &n, &k);
        } else {
            digits[n++] = static_cast<char>('0' + d);
        }
        break;
    }
    trim_zeros(digits, &n);
    out->count = n;
    out->exp10 = k;
}

// Digits rounded at a fixed position: 10^-precision (fixed) or the
// (precision + 1)th significant digit (scientific). Exact: r/s is the value.
template <class N>
void exact_digits(const Decomposed& v, FloatStyle style, int precision, char* digits,
                  FloatDigits* out) {
    N r, s;
    r.set(v.mant);
    s.set(1);
    if (v.exp2 >= 0) {
        r.shl(v.exp2);
    } else {
        s.shl(-v.exp2);
    }
    int k = estimate_k(v.exp2 + bit_width(v.mant) - 1);
    if (k >= 0) {
        s.mul_pow10(k);
    } else {
        r.mul_pow10(-k);
    }
    // Now make r/s lie in [0.1, 1): value = 0.d1d2... * 10^k.
    while (compare(r, s) >= 0) {
        s.mul_small(10);
        ++k;
    }
    int sh = s.normalise_shift();
    r.shl(sh);
    s.shl(sh);

    long count = style == FloatStyle::fixed ? long{k} + precision : long{precision} + 1;
    int n = 0;
    if (count < 0) {
        // Below a tenth of the last place: rounds to zero.
        out->count = 0;
        out->exp10 = 0;
        return;
    }
    while (n < count && !r.is_zero() && n < static_cast<int>(max_float_digits) - 1) {
        r.mul_small(10);
        digits[n++] = static_cast<char>('0' + r.divmod(s));
    }
    if (n == count && !r.is_zero()) {
        r.shl(1);
        int c = compare(r, s);
        bool odd = n > 0 && ((digits[n - 1] - '0') & 1);
        if (c > 0 || (c == 0 && odd)) round_up(digits, &n, &k);
    }
    trim_zeros(digits, &n);
    out->count = n;
    out->exp10 = n ? k : 0;
}

// ---------------------------------------------------------------------------
// Fast paths for everyday magnitudes (|v| from about 5e-4 to 9e15): after
// scaling, the denominator s fits in 64 bits, so eighteen digits at a time
// come from one 128-by-64-bit division (x86_64 `div`).

// n / d and n % d, for a quotient below 2^64 (n < d * 2^64).
inline std::uint64_t div128(unsigned __int128 n, std::uint64_t d, std::uint64_t* rem) {
    std::uint64_t q, r;
    asm("divq %4"
        : "=a"(q), "=d"(r)
        : "a"(static_cast<std::uint64_t>(n)), "d"(static_cast<std::uint64_t>(n >> 64)), "r"(d));
    *rem = r;
    return q;
}

// The m (<= 24) decimal digits of q < 10^m, leading zeros included.
inline void digits_of(char* out, std::uint64_t q, int m) {
    constexpr std::uint64_t e8 = 100000000;
    char tmp[24];
    std::uint64_t top = q / (e8 * e8), rest = q - top * (e8 * e8), mid = rest / e8;
    std::uint64_t w[3] = {eight_digits(static_cast<std::uint32_t>(top)),
                          eight_digits(static_cast<std::uint32_t>(mid)),
                          eight_digits(static_cast<std::uint32_t>(rest - mid * e8))};
    __builtin_memcpy(tmp, w, 24);
    for (int i = 0; i < m; ++i) out[i] = tmp[24 - m + i];
}

struct Scaled {
    unsigned __int128 r, s; // the value is r / s * 10^k, r / s in [0.1, 1)
    int k;
};

// v as r / s * 10^k with r / s in [0.1, 1), when that fits 128 bits
// (fits_128(v, 0) has been checked).
Scaled scale_exact(const Decomposed& v) {
    Scaled x{v.mant, 1, estimate_k(v.exp2 + bit_width(v.mant) - 1)};
    if (v.exp2 >= 0)
        x.r <<= v.exp2;
    else
        x.s <<= -v.exp2;
    for (int j = x.k; j > 0; --j) x.s *= 10;
    for (int j = x.k; j < 0; ++j) x.r *= 10;
    while (x.r >= x.s) {
        x.s *= 10;
        ++x.k;
    }
    return x;
}

// exact_digits for a denominator below 2^64. false: not applicable.
bool exact_digits_fast(const Decomposed& v, FloatStyle style, int precision, char* digits,
                       FloatDigits* out) {
    Scaled x = scale_exact(v);
    if (x.s >> 64) return false;
    auto s = static_cast<std::uint64_t>(x.s);
    auto r = static_cast<std::uint64_t>(x.r);
    int k = x.k;
    long count = style == FloatStyle::fixed ? long{k} + precision : long{precision} + 1;
    if (count < 0) {
        out->count = 0;
        out->exp10 = 0;
        return true;
    }
    int n = 0;
    while (n < count && r != 0 && n < static_cast<int>(max_float_digits) - 18) {
        int m = count - n < 18 ? static_cast<int>(count - n) : 18;
        std::uint64_t q = div128(static_cast<unsigned __int128>(r) * pow10_u64[m], s, &r);
        digits_of(digits + n, q, m);
        n += m;
    }
    if (n == count && r != 0) {
        unsigned __int128 twice = static_cast<unsigned __int128>(r) * 2;
        bool odd = n > 0 && ((digits[n - 1] - '0') & 1);
        if (twice > s || (twice == s && odd)) round_up(digits, &n, &k);
    }
    trim_zeros(digits, &n);
    out->count = n;
    out->exp10 = n ? k : 0;
    return true;
}

// shortest_digits for a denominator below 2^64. Instead of digit by digit,
// for a length n the candidates are v rounded to n digits and its other
// neighbour; the shortest n that has one inside the rounding interval is
// found by bisection (if n digits work, so do n + 1). The digits come from
// one division: 18 digits of r / s and the remainder decide every rounding
// exactly. false: not applicable.
bool shortest_digits_fast(const Decomposed& v, char* digits, FloatDigits* out) {
    bool even = (v.mant & 1) == 0;
    int extra = v.lower_closer ? 2 : 1;
    unsigned __int128 r = static_cast<unsigned __int128>(v.mant) << extra, s = 1, mp = 1, mm = 1;
    s <<= extra;
    if (v.exp2 >= 0) {
        r <<= v.exp2;
        mp <<= v.exp2 + extra - 1;
        mm <<= v.exp2;
    } else {
        s <<= -v.exp2;
        mp <<= extra - 1;
    }
    int k = estimate_k(v.exp2 + bit_width(v.mant) - 1);
    for (int j = k; j > 0; --j) s *= 10;
    for (int j = k; j < 0; ++j) {
        r *= 10;
        mp *= 10;
        mm *= 10;
    }
    while (r + mp > s || (r + mp == s && even)) {
        s *= 10;
        ++k;
    }
    if (s >> 64) return false;
    // r * 10^18 = q * s + rem: the first 18 digits of r / s (the first may
    // be 0: r / s can be just below 0.1).
    std::uint64_t rem;
    std::uint64_t q = div128(r * pow10_u64[18], static_cast<std::uint64_t>(s), &rem);
    auto inside = [&](unsigned __int128 d, int n) {
        unsigned __int128 ds = d * s, scale = pow10_u64[n];
        unsigned __int128 lo = (r - mm) * scale, hi = (r + mp) * scale;
        return (even ? ds >= lo : ds > lo) && (even ? ds <= hi : ds < hi);
    };
    // The candidate of n digits inside the interval, or -1.
    auto candidate = [&](int n) -> std::int64_t {
        std::uint64_t p = pow10_u64[18 - n];
        std::uint64_t f = q / p;
        // r * 10^n / s = f + t / (p * s)
        unsigned __int128 t = static_cast<unsigned __int128>(q - f * p) * s + rem;
        unsigned __int128 half = static_cast<unsigned __int128>(p) * s;
        bool up = 2 * t > half || (2 * t == half && (f & 1));
        std::uint64_t near = f + up, other = up ? f : f + 1;
        if (inside(near, n)) return static_cast<std::int64_t>(near);
        if (inside(other, n)) return static_cast<std::int64_t>(other);
        return -1;
    };
    // Most doubles with a full significand need 16 or 17 digits: try
    // those first, then bisect below (if n digits work, so do n + 1).
    int n = 16;
    std::int64_t best = candidate(16);
    if (best < 0) {
        for (n = 17; n <= 18 && best < 0; ++n) best = candidate(n);
        --n;
    } else if (std::int64_t c15 = candidate(15); c15 >= 0) {
        best = c15;
        int lo = 1, hi = 15;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            std::int64_t c = candidate(mid);
            if (c >= 0) {
                hi = mid;
                best = c;
            } else {
                lo = mid + 1;
            }
        }
        n = hi;
    }
    if (best < 0) return false; // never for a double; the slow path decides
    // best has n digits after the point: 0.ddd * 10^k; it may start with
    // zeros (r / s below 0.1) or be 10^n (rounded up past all nines).
    auto d = static_cast<std::uint64_t>(best);
    if (d == pow10_u64[n]) {
        digits[0] = '1';
        out->count = 1;
        out->exp10 = k + 1;
        return true;
    }
    digits_of(digits, d, n);
    int lead = 0;
    while (lead < n && digits[lead] == '0') ++lead;
    for (int i = lead; i < n; ++i) digits[i - lead] = digits[i];
    n -= lead;
    trim_zeros(digits, &n);
    out->count = n;
    out->exp10 = k - lead;
    return true;
}

// Whether every quantity of the algorithms above stays below 2^128 for v:
// r, s and the margins start below 2^116 by this bound (10^k has at most
// k * 1701 / 512 + 1 bits), the scaling loops multiply s by 10 at most
// twice (+7 bits), and a digit step multiplies r < s by 10 and compares it
// with 8s (+4 bits).
bool fits_128(const Decomposed& v, int extra) {
    int k = estimate_k(v.exp2 + bit_width(v.mant) - 1);
    auto pow10_bits = [](int j) { return j > 0 ? j * 1701 / 512 + 1 : 0; };
    int r_bits = bit_width(v.mant) + extra + (v.exp2 > 0 ? v.exp2 : 0) + pow10_bits(-k);
    int s_bits = extra + 1 + (v.exp2 < 0 ? -v.exp2 : 0) + pow10_bits(k);
    return r_bits <= 116 && s_bits <= 116;
}

} // namespace

FloatDigits float_digits(double value, FloatStyle style, int precision, char* digits,
                         bool is_float) {
    FloatDigits out;
    std::uint64_t bits = __builtin_bit_cast(std::uint64_t, value);
    out.negative = bits >> 63;
    int biased = static_cast<int>((bits >> 52) & 0x7ff);
    std::uint64_t frac = bits & ((1ULL << 52) - 1);
    if (biased == 0x7ff) {
        out.kind = frac ? FloatDigits::Kind::nan : FloatDigits::Kind::infinity;
        return out;
    }
    if (biased == 0 && frac == 0) return out; // zero: no digits
    if (precision < 0) precision = 0;

    Decomposed d;
    if (biased == 0) {
        d = {frac, -1074, false};
    } else {
        d = {frac | (1ULL << 52), biased - 1075, frac == 0 && biased > 1};
    }
    if (style == FloatStyle::shortest && is_float) {
        // The same value as a float: 24-bit significand, exponents from
        // -149 (subnormal) up. Every float is exactly a double, so the
        // conversion back is exact; only the rounding interval differs.
        while ((d.mant & 1) == 0) {
            d.mant >>= 1;
            ++d.exp2;
        }
        // Normalise to the float's 24-bit significand where possible.
        while (d.mant < (1ULL << 23) && d.exp2 > -149) {
            d.mant <<= 1;
            --d.exp2;
        }
        d.lower_closer = d.mant == (1ULL << 23) && d.exp2 > -149;
    }
    if (style == FloatStyle::shortest) {
        if (fits_128(d, 2)) {
            if (!shortest_digits_fast(d, digits, &out)) shortest_digits<U128>(d, digits, &out);
        } else {
            shortest_digits<Big>(d, digits, &out);
        }
    } else {
        if (fits_128(d, 0)) {
            if (!exact_digits_fast(d, style, precision, digits, &out))
                exact_digits<U128>(d, style, precision, digits, &out);
        } else {
            exact_digits<Big>(d, style, precision, digits, &out);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------
// Parsing.

namespace {

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// The digits of text as a magnitude no larger than limit. Every character
// is checked before overflow is reported: "99999999999999999999x" is not a
// number at all (EINVAL), "99999999999999999999" is one too large (ERANGE).
Result<std::uint64_t> parse_magnitude(Str text, unsigned base, std::uint64_t limit) {
    if (base < 2 || base > 36 || text.empty()) return Error{err::INVAL};
    std::uint64_t v = 0;
    bool overflow = false;
    for (char c : text) {
        auto d = static_cast<unsigned>(digit_value(c));
        if (d >= base) return Error{err::INVAL};
        if (overflow) continue;
        if (v > (limit - d) / base) {
            overflow = true;
            continue;
        }
        v = v * base + d;
    }
    if (overflow) return Error{err::RANGE};
    return v;
}

} // namespace

Result<std::uint64_t> parse_u64(Str text, unsigned base, std::uint64_t max) {
    if (!text.empty() && text[0] == '+') text = text.substr(1);
    return parse_magnitude(text, base, max);
}

Result<std::int64_t> parse_i64(Str text, unsigned base, std::int64_t min, std::int64_t max) {
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text = text.substr(1);
    }
    // The most negative value's magnitude is one more than the largest
    // positive; computed in unsigned arithmetic so it never overflows.
    std::uint64_t limit =
        negative ? 0 - static_cast<std::uint64_t>(min) : static_cast<std::uint64_t>(max);
    auto m = parse_magnitude(text, base, limit);
    if (!m) return Error{m.error()};
    if (negative) return static_cast<std::int64_t>(0 - *m);
    return static_cast<std::int64_t>(*m);
}

} // namespace ring3
