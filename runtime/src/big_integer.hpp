// Unsigned big integers with a fixed capacity, just what exact decimal
// conversion needs in both directions: reading numbers
// (runtime/src/parse_float.cpp) and printing them with a precision
// (runtime/src/libc/stdio/). 83,200 bits: enough for 12,000 decimal digits
// times 5^17,000, the extremes of x87's long double.
#pragma once

#include <cstdint>

namespace ring3::detail {

class BigInteger {
public:
    // 83,200 bits: 12,000 digits times 5^17,000 and the shift, with room.
    static constexpr int capacity = 2600;

    void set(std::uint64_t v) {
        limbs_[0] = static_cast<std::uint32_t>(v);
        limbs_[1] = static_cast<std::uint32_t>(v >> 32);
        size_ = limbs_[1] ? 2 : (limbs_[0] ? 1 : 0);
    }
    bool is_zero() const { return size_ == 0; }

    // Divides by d (nonzero) in place; returns the remainder.
    std::uint32_t divide_small(std::uint32_t d) {
        std::uint64_t rem = 0;
        for (int i = size_ - 1; i >= 0; --i) {
            std::uint64_t cur = (rem << 32) | limbs_[i];
            limbs_[i] = static_cast<std::uint32_t>(cur / d);
            rem = cur % d;
        }
        trim();
        return static_cast<std::uint32_t>(rem);
    }

    void mul_add(std::uint32_t m, std::uint32_t add) {
        std::uint64_t carry = add;
        for (int i = 0; i < size_; ++i) {
            std::uint64_t v = std::uint64_t{limbs_[i]} * m + carry;
            limbs_[i] = static_cast<std::uint32_t>(v);
            carry = v >> 32;
        }
        if (carry) limbs_[size_++] = static_cast<std::uint32_t>(carry);
    }

    void mul_pow5(long k) {
        constexpr std::uint32_t five13 = 1220703125; // 5^13, the largest power of 5 in 32 bits
        for (; k >= 13; k -= 13) mul_add(five13, 0);
        std::uint32_t rest = 1;
        while (k-- > 0) rest *= 5;
        if (rest != 1) mul_add(rest, 0);
    }

    long bit_length() const {
        if (size_ == 0) return 0;
        return 32L * (size_ - 1) + (32 - __builtin_clz(limbs_[size_ - 1]));
    }

    void shift_left(long bits) {
        if (size_ == 0 || bits == 0) return;
        int limb_shift = static_cast<int>(bits / 32), bit_shift = static_cast<int>(bits % 32);
        int n = size_ + limb_shift + 1;
        for (int i = n - 1; i >= limb_shift; --i) {
            int src = i - limb_shift;
            std::uint32_t hi = src < size_ ? limbs_[src] : 0;
            std::uint32_t lo = (src - 1 >= 0 && src - 1 < size_) ? limbs_[src - 1] : 0;
            limbs_[i] = bit_shift ? (hi << bit_shift) | (lo >> (32 - bit_shift)) : hi;
        }
        for (int i = 0; i < limb_shift; ++i) limbs_[i] = 0;
        size_ = n;
        trim();
    }

    void shift_right_one() {
        for (int i = 0; i < size_; ++i) {
            std::uint32_t next = i + 1 < size_ ? limbs_[i + 1] : 0;
            limbs_[i] = (limbs_[i] >> 1) | (next << 31);
        }
        trim();
    }

    // Bits [from, from + count) as an integer (count <= 127), and whether any
    // bit below `from` is set.
    unsigned __int128 bits(long from, int count, bool& below) const {
        unsigned __int128 v = 0;
        for (int k = count - 1; k >= 0; --k) v = (v << 1) | bit(from + k);
        below = false;
        long full = from / 32;
        for (long i = 0; i < full && i < size_ && !below; ++i) below = limbs_[i] != 0;
        if (!below && from % 32 != 0 && full < size_)
            below = (limbs_[full] & ((std::uint32_t{1} << (from % 32)) - 1)) != 0;
        return v;
    }

    friend int compare(const BigInteger& a, const BigInteger& b) {
        if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
        for (int i = a.size_ - 1; i >= 0; --i)
            if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
        return 0;
    }
    // a -= b, for a >= b.
    void subtract(const BigInteger& b) {
        std::uint64_t borrow = 0;
        for (int i = 0; i < size_; ++i) {
            std::uint64_t sub = std::uint64_t{i < b.size_ ? b.limbs_[i] : 0} + borrow;
            borrow = limbs_[i] < sub;
            limbs_[i] = static_cast<std::uint32_t>(limbs_[i] - sub);
        }
        trim();
    }

private:
    unsigned bit(long b) const {
        long limb = b / 32;
        return limb < size_ ? (limbs_[limb] >> (b % 32)) & 1 : 0;
    }
    void trim() {
        while (size_ > 0 && limbs_[size_ - 1] == 0) --size_;
    }
    std::uint32_t limbs_[capacity];
    int size_ = 0;
};

} // namespace ring3::detail
