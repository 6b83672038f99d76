//! The core's one float-to-text path and one text-to-float path, for f32 and f64 alike.
//!
//! Text to float: [`parse_f32`] and [`parse_f64`] read what Rust's `str::parse` reads (an optional sign,
//! digits with an optional `.` and at least one digit, an optional `e`/`E` exponent; `inf`, `infinity` and
//! `nan` in any case) and round the exact decimal value to the nearest float, ties to even, as `str::parse`
//! does. Float to text: [`Plain`] writes what Rust's `{}` writes (the shortest decimal that reads back to the
//! same bits, never an exponent) and [`Exp`] what `{:e}` writes (`1.5e-7`). Both are exact: the decimal is
//! found with big-integer arithmetic (the shortest digits by the Steele & White / Burger & Dybvig method),
//! without the tables of powers core's own formatter and parser carry, which cost the wasm module more
//! than this code. The tests compare both paths with core's, bit for bit and character for character.

use std::cmp::Ordering;
use std::fmt;

/// Limbs of [`Big`]: 4,160 bits, above the largest number either path builds (a parsed decimal keeps at
/// most [`MAX_DIGITS`] digits, and its exponent is bounded before any arithmetic).
const LIMBS: usize = 130;

/// Significant digits a parsed decimal keeps; later non-zero digits only mark it as above the kept value.
/// Any decimal halfway between two f64 values has fewer than 770 significant digits, so the rounding
/// never depends on the digits dropped.
const MAX_DIGITS: usize = 800;

/// An unsigned big integer: little-endian 32-bit limbs, `len` of them in use. Its operations are never
/// inlined: both paths call them from many places, and one copy of each keeps the wasm smaller (about
/// 1.9 KB of it gzipped).
#[derive(Clone)]
struct Big {
    limbs: [u32; LIMBS],
    len: usize,
}

impl Big {
    #[inline(never)]
    fn from_u64(v: u64) -> Big {
        let mut b = Big {
            limbs: [0; LIMBS],
            len: 2,
        };
        b.limbs[0] = v as u32;
        b.limbs[1] = (v >> 32) as u32;
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.len > 0 && self.limbs[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    fn is_zero(&self) -> bool {
        self.len == 0
    }

    /// Bit length (0 for zero).
    fn bits(&self) -> u32 {
        match self.len {
            0 => 0,
            n => 32 * n as u32 - self.limbs[n - 1].leading_zeros(),
        }
    }

    #[inline(never)]
    fn mul_small(&mut self, m: u32) -> &mut Big {
        let mut carry = 0u64;
        for limb in &mut self.limbs[..self.len] {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 && self.len < LIMBS {
            self.limbs[self.len] = carry as u32;
            self.len += 1;
        }
        self
    }

    #[inline(never)]
    fn mul_pow10(&mut self, mut n: u32) -> &mut Big {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n))
    }

    #[inline(never)]
    fn shl(&mut self, n: u32) -> &mut Big {
        if self.is_zero() || n == 0 {
            return self;
        }
        let (words, bits) = ((n / 32) as usize, n % 32);
        let new_len = (self.len + words + 1).min(LIMBS);
        for i in (0..new_len).rev() {
            let hi = i
                .checked_sub(words)
                .and_then(|j| self.limbs.get(j))
                .copied();
            let lo = i
                .checked_sub(words + 1)
                .and_then(|j| self.limbs.get(j))
                .copied();
            let (hi, lo) = (hi.unwrap_or(0), lo.unwrap_or(0));
            self.limbs[i] = if bits == 0 {
                hi
            } else {
                (hi << bits) | (lo >> (32 - bits))
            };
        }
        self.len = new_len;
        self.trim();
        self
    }

    #[inline(never)]
    fn shr1(&mut self) {
        for i in 0..self.len {
            let next = self.limbs.get(i + 1).copied().unwrap_or(0);
            self.limbs[i] = (self.limbs[i] >> 1) | (next << 31);
        }
        self.trim();
    }

    /// `self += other`.
    #[inline(never)]
    fn add(&mut self, other: &Big) -> &mut Big {
        let n = self.len.max(other.len);
        let mut carry = 0u64;
        for i in 0..n {
            let v = u64::from(self.limbs[i]) + u64::from(other.limbs[i]) + carry;
            self.limbs[i] = v as u32;
            carry = v >> 32;
        }
        self.len = n;
        if carry > 0 && n < LIMBS {
            self.limbs[n] = 1;
            self.len += 1;
        }
        self
    }

    /// `self -= other`; `other` must not be larger.
    #[inline(never)]
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.len {
            let v = i64::from(self.limbs[i]) - i64::from(other.limbs[i]) - borrow;
            self.limbs[i] = v as u32;
            borrow = i64::from(v < 0);
        }
        self.trim();
    }

    #[inline(never)]
    fn cmp(&self, other: &Big) -> Ordering {
        let n = self.len.max(other.len);
        for i in (0..n).rev() {
            match self.limbs[i].cmp(&other.limbs[i]) {
                Ordering::Equal => {}
                unequal => return unequal,
            }
        }
        Ordering::Equal
    }

    /// `(self + other).cmp(than)`, without changing either.
    #[inline(never)]
    fn sum_cmp(&self, other: &Big, than: &Big) -> Ordering {
        self.clone().add(other).cmp(than)
    }
}

/// A binary float format: f32 or f64.
#[derive(Clone, Copy)]
struct Format {
    /// Significand bits, the implicit one included.
    precision: u32,
    /// Exponent of the smallest normal number, as in `1.0 × 2^min_exp`.
    min_exp: i32,
    /// Exponent of the largest finite number.
    max_exp: i32,
    /// A decimal with its first digit in the 10^`max_e10` place or above is infinite.
    max_e10: i64,
    /// A decimal below 10^`min_e10` rounds to zero.
    min_e10: i64,
}

const F32: Format = Format {
    precision: 24,
    min_exp: -126,
    max_exp: 127,
    max_e10: 39,
    min_e10: -46,
};

const F64: Format = Format {
    precision: 53,
    min_exp: -1022,
    max_exp: 1023,
    max_e10: 309,
    min_e10: -324,
};

impl Format {
    /// Bits of the float `m × 2^e2` (exactly representable, or too large: infinity), without sign.
    fn pack(self, m: u64, e2: i32) -> u64 {
        if m == 0 {
            return 0;
        }
        let p = self.precision;
        let length = 64 - m.leading_zeros();
        let top = length as i32 - 1 + e2;
        let infinity = ((self.max_exp - self.min_exp + 2) as u64) << (p - 1);
        if top > self.max_exp {
            infinity
        } else if top >= self.min_exp {
            let m = if length > p {
                m >> (length - p)
            } else {
                m << (p - length)
            };
            let biased = (top - self.min_exp + 1) as u64;
            (biased << (p - 1)) | (m & ((1 << (p - 1)) - 1))
        } else {
            m << (e2 - (self.min_exp - p as i32 + 1))
        }
    }

    /// Bits of the float nearest `digits × 10^e10` (ties to even), without sign; `above` says the true
    /// value is a little above that (digits were dropped).
    fn round(self, digits: &[u8], e10: i64, above: bool) -> u64 {
        let Some(first) = digits.iter().position(|&d| d != 0) else {
            return 0;
        };
        let digits = &digits[first..];
        let n = digits.len() as i64;
        if n - 1 + e10 >= self.max_e10 {
            return self.pack(1, self.max_exp + 1);
        }
        if n + e10 <= self.min_e10 {
            return 0;
        }
        let p = self.precision;
        // Exact when the digits and the power of ten are both exact floats: one rounding.
        if !above && n <= 15 && e10.abs() <= 22 {
            let whole = digits.iter().fold(0u64, |a, &d| a * 10 + u64::from(d));
            if p == 53 || (whole < 1 << 24 && e10.abs() <= 10) {
                let pow = (0..e10.abs()).fold(1.0f64, |a, _| a * 10.0);
                return if p == 53 {
                    let v = whole as f64;
                    (if e10 < 0 { v / pow } else { v * pow }).to_bits()
                } else {
                    let (v, pow) = (whole as f32, pow as f32);
                    u64::from((if e10 < 0 { v / pow } else { v * pow }).to_bits())
                };
            }
        }
        let mut num = Big::from_u64(0);
        for chunk in digits.chunks(9) {
            let v = chunk.iter().fold(0u32, |a, &d| a * 10 + u32::from(d));
            num.mul_pow10(chunk.len() as u32);
            num.add(&Big::from_u64(u64::from(v)));
        }
        let mut den = Big::from_u64(1);
        if e10 >= 0 {
            num.mul_pow10(e10 as u32);
        } else {
            den.mul_pow10((-e10) as u32);
        }
        // Scale so that the quotient has p + 2 or p + 3 bits.
        let k = num.bits() as i32 - den.bits() as i32;
        let s = p as i32 + 2 - k;
        if s >= 0 {
            num.shl(s as u32);
        } else {
            den.shl((-s) as u32);
        }
        let mut q = 0u64;
        den.shl(p + 2);
        for i in (0..=p + 2).rev() {
            if num.cmp(&den) != Ordering::Less {
                num.sub(&den);
                q |= 1 << i;
            }
            den.shr1();
        }
        let above = above || !num.is_zero();
        let length = 64 - q.leading_zeros() as i32;
        let exp = length - 1 - s;
        let keep = if exp >= self.min_exp {
            p as i32
        } else {
            p as i32 - (self.min_exp - exp)
        };
        let drop = (length - keep) as u32;
        let q = u128::from(q);
        let (m, rest, half) = if drop >= 100 {
            (0, q, u128::MAX)
        } else {
            (q >> drop, q & ((1 << drop) - 1), 1u128 << (drop - 1))
        };
        let up = rest > half || (rest == half && (above || m & 1 == 1));
        self.pack((m + u128::from(up)) as u64, exp + 1 - keep)
    }
}

/// What a float's text says, before rounding.
enum Parsed {
    Infinity,
    NaN,
    Decimal {
        /// The significant digits, at most [`MAX_DIGITS`] of them.
        digits: Vec<u8>,
        /// The value is `digits × 10^e10`.
        e10: i64,
        /// Non-zero digits were dropped.
        above: bool,
    },
}

/// Reads `text` as `str::parse` reads a float; `None` when it is not a number.
fn scan(text: &str) -> Option<(bool, Parsed)> {
    // `strip_prefix`, not `&text[1..]`: a slice by index brings core's slicing panic message (with its
    // char escaping and Unicode tables) into the wasm.
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    for (word, parsed) in [
        ("inf", Parsed::Infinity),
        ("infinity", Parsed::Infinity),
        ("nan", Parsed::NaN),
    ] {
        if body.eq_ignore_ascii_case(word) {
            return Some((negative, parsed));
        }
    }
    let bytes = body.as_bytes();
    let mut at = 0;
    let mut digits = Vec::new();
    let mut e10 = 0i64;
    let mut above = false;
    let mut seen = false;
    let mut point = false;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                seen = true;
                let d = b - b'0';
                if digits.len() < MAX_DIGITS {
                    if d != 0 || !digits.is_empty() {
                        digits.push(d);
                    }
                    if point {
                        e10 -= 1;
                    }
                } else {
                    above |= d != 0;
                    if !point {
                        e10 += 1;
                    }
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        at += 1;
    }
    if !seen {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        let negative_exp = match bytes.get(at) {
            Some(b'-') => {
                at += 1;
                true
            }
            Some(b'+') => {
                at += 1;
                false
            }
            _ => false,
        };
        let start = at;
        let mut exp = 0i64;
        while let Some(&b @ b'0'..=b'9') = bytes.get(at) {
            exp = (exp * 10 + i64::from(b - b'0')).min(1 << 40);
            at += 1;
        }
        if at == start {
            return None;
        }
        e10 += if negative_exp { -exp } else { exp };
    }
    if at != bytes.len() {
        return None;
    }
    Some((negative, Parsed::Decimal { digits, e10, above }))
}

fn parse_bits(text: &str, format: Format) -> Option<(bool, Option<u64>)> {
    let (negative, parsed) = scan(text)?;
    let bits = match parsed {
        Parsed::Infinity => Some(format.pack(1, format.max_exp + 1)),
        Parsed::NaN => None,
        Parsed::Decimal { digits, e10, above } => Some(format.round(&digits, e10, above)),
    };
    Some((negative, bits))
}

/// Reads an f32 as `text.parse::<f32>()` does; `None` where that returns an error.
pub fn parse_f32(text: &str) -> Option<f32> {
    let (negative, bits) = parse_bits(text, F32)?;
    let v = bits.map_or(f32::NAN, |b| f32::from_bits(b as u32));
    Some(if negative { -v } else { v })
}

/// Reads an f64 as `text.parse::<f64>()` does; `None` where that returns an error.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, bits) = parse_bits(text, F64)?;
    let v = bits.map_or(f64::NAN, f64::from_bits);
    Some(if negative { -v } else { v })
}

/// The shortest decimal `0.d₁d₂… × 10^exp` that reads back to a finite, non-zero float.
struct Shortest {
    digits: [u8; 17],
    len: usize,
    exp: i32,
}

/// The shortest digits for `mantissa × 2^e`, a float of `format` (Burger & Dybvig's free-format method).
fn shortest(mantissa: u64, e: i32, format: Format) -> Shortest {
    let p = format.precision;
    let even = mantissa & 1 == 0;
    // The gap below is half the gap above at a power of two (except the smallest normal's).
    let uneven = mantissa == 1 << (p - 1) && e > format.min_exp - p as i32 + 1;
    let (mut r, mut s, mut plus, mut minus);
    if e >= 0 {
        let mut gap = Big::from_u64(1);
        gap.shl(e as u32);
        minus = gap.clone();
        r = Big::from_u64(mantissa);
        r.shl(e as u32 + 1 + u32::from(uneven));
        s = Big::from_u64(2 << u32::from(uneven));
        plus = gap;
        plus.shl(u32::from(uneven));
    } else {
        r = Big::from_u64(mantissa);
        r.shl(1 + u32::from(uneven));
        s = Big::from_u64(1);
        s.shl((1 - e) as u32 + u32::from(uneven));
        plus = Big::from_u64(1 << u32::from(uneven));
        minus = Big::from_u64(1);
    }
    // An estimate of ⌈log₁₀ v⌉, never too large and at most one too small.
    let top = e + 63 - mantissa.leading_zeros() as i32;
    let mut k = (f64::from(top) * std::f64::consts::LOG10_2 - 1e-10).ceil() as i32;
    if k >= 0 {
        s.mul_pow10(k as u32);
    } else {
        let n = (-k) as u32;
        r.mul_pow10(n);
        plus.mul_pow10(n);
        minus.mul_pow10(n);
    }
    let high = |r: &Big, plus: &Big, s: &Big| match r.sum_cmp(plus, s) {
        Ordering::Greater => true,
        Ordering::Equal => even,
        Ordering::Less => false,
    };
    if high(&r, &plus, &s) {
        s.mul_small(10);
        k += 1;
    }
    let mut out = Shortest {
        digits: [0; 17],
        len: 0,
        exp: k,
    };
    loop {
        r.mul_small(10);
        plus.mul_small(10);
        minus.mul_small(10);
        let mut d = 0u8;
        while r.cmp(&s) != Ordering::Less {
            r.sub(&s);
            d += 1;
        }
        let low = match r.cmp(&minus) {
            Ordering::Less => true,
            Ordering::Equal => even,
            Ordering::Greater => false,
        };
        let up = high(&r, &plus, &s);
        if (!low && !up) && out.len < 16 {
            out.digits[out.len] = d;
            out.len += 1;
            continue;
        }
        let round_up = if low && up {
            r.clone().add(&r.clone()).cmp(&s) != Ordering::Less
        } else {
            up
        };
        out.digits[out.len] = d + u8::from(round_up);
        out.len += 1;
        break;
    }
    // A last digit rounded up to 10 carries.
    while out.len > 1 && out.digits[out.len - 1] == 10 {
        out.len -= 1;
        out.digits[out.len - 1] += 1;
    }
    if out.digits[0] == 10 {
        out.digits[0] = 1;
        out.exp += 1;
    }
    while out.len > 1 && out.digits[out.len - 1] == 0 {
        out.len -= 1;
    }
    out
}

/// A float either path can write.
pub trait Float: Copy {
    /// Whether it is negative (−0 included), and its shortest decimal when finite and non-zero;
    /// `Err(true)` for zero, `Err(false)` for infinity or NaN (written as `NaN`, `inf`).
    #[doc(hidden)]
    fn decimal(self) -> (bool, Result<ShortestDigits, Special>);
}

/// Opaque: the shortest digits of a float.
#[doc(hidden)]
pub struct ShortestDigits(Shortest);

/// A float without digits.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Special {
    Zero,
    Infinity,
    NaN,
}

fn decode(bits: u64, negative: bool, format: Format) -> (bool, Result<ShortestDigits, Special>) {
    let p = format.precision;
    let fraction = bits & ((1 << (p - 1)) - 1);
    let biased = (bits >> (p - 1)) as i32;
    let all_ones = format.max_exp - format.min_exp + 2;
    let special = if biased == all_ones {
        Some(if fraction == 0 {
            Special::Infinity
        } else {
            Special::NaN
        })
    } else if biased == 0 && fraction == 0 {
        Some(Special::Zero)
    } else {
        None
    };
    if let Some(special) = special {
        return (negative && !matches!(special, Special::NaN), Err(special));
    }
    let (mantissa, e) = if biased == 0 {
        (fraction, format.min_exp - p as i32 + 1)
    } else {
        (
            fraction | 1 << (p - 1),
            biased - 1 + format.min_exp - p as i32 + 1,
        )
    };
    (negative, Ok(ShortestDigits(shortest(mantissa, e, format))))
}

impl Float for f32 {
    fn decimal(self) -> (bool, Result<ShortestDigits, Special>) {
        let bits = self.to_bits();
        decode(u64::from(bits & 0x7fff_ffff), bits >> 31 == 1, F32)
    }
}

impl Float for f64 {
    fn decimal(self) -> (bool, Result<ShortestDigits, Special>) {
        let bits = self.to_bits();
        decode(bits & (u64::MAX >> 1), bits >> 63 == 1, F64)
    }
}

/// Writes `sign` and the special value's text, or returns the digits.
fn prefix(
    f: &mut fmt::Formatter<'_>,
    (negative, decimal): (bool, Result<ShortestDigits, Special>),
    zero: &str,
) -> Result<Option<Shortest>, fmt::Error> {
    if negative {
        f.write_str("-")?;
    }
    match decimal {
        Ok(ShortestDigits(d)) => Ok(Some(d)),
        Err(special) => {
            f.write_str(match special {
                Special::Zero => zero,
                Special::Infinity => "inf",
                Special::NaN => "NaN",
            })?;
            Ok(None)
        }
    }
}

/// Writes the digits (0–9 each) in one piece.
fn write_digits(f: &mut fmt::Formatter<'_>, digits: &[u8]) -> fmt::Result {
    let mut text = [b'0'; 17];
    for (t, &d) in text.iter_mut().zip(digits) {
        *t = b'0' + d.min(9);
    }
    let n = digits.len().min(text.len());
    f.write_str(std::str::from_utf8(&text[..n]).unwrap_or_default())
}

fn write_zeros(f: &mut fmt::Formatter<'_>, mut n: i32) -> fmt::Result {
    const ZEROS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    while n > 0 {
        let k = (n as usize).min(ZEROS.len());
        f.write_str(&ZEROS[..k])?;
        n -= k as i32;
    }
    Ok(())
}

/// Displays a float as Rust's `{}` does: the shortest decimal that reads back to the same bits, with no
/// exponent (`0.0001`, `1`, `-0`, `1000000`, `NaN`, `inf`).
#[derive(Clone, Copy, Debug)]
pub struct Plain<F>(pub F);

impl<F: Float> fmt::Display for Plain<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_plain(f, self.0.decimal())
    }
}

/// [`Plain`]'s text, one copy for both float types.
fn write_plain(
    f: &mut fmt::Formatter<'_>,
    decimal: (bool, Result<ShortestDigits, Special>),
) -> fmt::Result {
    let Some(d) = prefix(f, decimal, "0")? else {
        return Ok(());
    };
    let digits = &d.digits[..d.len];
    if d.exp <= 0 {
        f.write_str("0.")?;
        write_zeros(f, -d.exp)?;
        write_digits(f, digits)
    } else if (d.exp as usize) < d.len {
        let (whole, fraction) = digits.split_at(d.exp as usize);
        write_digits(f, whole)?;
        f.write_str(".")?;
        write_digits(f, fraction)
    } else {
        write_digits(f, digits)?;
        write_zeros(f, d.exp - d.len as i32)
    }
}

/// Displays a float as Rust's `{:e}` does: the shortest digits, one before the point (`1.5e-7`, `1e0`,
/// `0e0`, `NaN`, `inf`).
#[derive(Clone, Copy, Debug)]
pub struct Exp<F>(pub F);

impl<F: Float> fmt::Display for Exp<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_exp(f, self.0.decimal())
    }
}

/// [`Exp`]'s text, one copy for both float types.
fn write_exp(
    f: &mut fmt::Formatter<'_>,
    decimal: (bool, Result<ShortestDigits, Special>),
) -> fmt::Result {
    let Some(d) = prefix(f, decimal, "0e0")? else {
        return Ok(());
    };
    write_digits(f, &d.digits[..1])?;
    if d.len > 1 {
        f.write_str(".")?;
        write_digits(f, &d.digits[1..d.len])?;
    }
    write!(f, "e{}", d.exp - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random bit patterns, edge values and short decimals.
    fn f32_cases() -> Vec<f32> {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut out: Vec<f32> = (0..30_000).map(|_| f32::from_bits(rng.u32(..))).collect();
        out.extend((0..10_000).map(|_| rng.f32() * 10f32.powi(rng.i32(-8..8))));
        for bits in [
            0u32,
            1,
            2,
            0x007f_ffff,
            0x0080_0000,
            0x0080_0001,
            0x7f7f_ffff,
            0x7f80_0000,
        ] {
            out.push(f32::from_bits(bits));
            out.push(-f32::from_bits(bits));
        }
        out.extend([
            0.1, 0.2, 0.3, 1.0, 1e-5, 1e-4, 1e7, 1e9, 0.03, 16777216.0, 16777217.0,
        ]);
        out.extend((0..256).map(|e| f32::from_bits(e << 23)));
        out
    }

    fn f64_cases() -> Vec<f64> {
        let mut rng = fastrand::Rng::with_seed(8);
        let mut out: Vec<f64> = (0..20_000).map(|_| f64::from_bits(rng.u64(..))).collect();
        out.extend((0..5_000).map(|_| f64::from(f32::from_bits(rng.u32(..)))));
        out.extend((0..5_000).map(|_| rng.f64() * 10f64.powi(rng.i32(-20..20))));
        for bits in [
            0u64,
            1,
            2,
            0x000f_ffff_ffff_ffff,
            0x0010_0000_0000_0000,
            0x7fef_ffff_ffff_ffff,
        ] {
            out.push(f64::from_bits(bits));
            out.push(-f64::from_bits(bits));
        }
        out.extend([
            0.1,
            0.2,
            0.3,
            1e-5,
            1e16,
            1e21,
            1e22,
            1e23,
            5e-324,
            9007199254740993.0,
        ]);
        out.extend((0..2048).map(|e| f64::from_bits(e << 52)));
        out
    }

    #[test]
    fn f32_text_is_cores() {
        for v in f32_cases() {
            let plain = Plain(v).to_string();
            assert_eq!(plain, v.to_string(), "{:#x}", v.to_bits());
            assert_eq!(Exp(v).to_string(), format!("{v:e}"), "{:#x}", v.to_bits());
            let back = parse_f32(&plain).unwrap();
            assert!(back.to_bits() == v.to_bits() || v.is_nan(), "{plain}");
        }
    }

    #[test]
    fn f64_text_is_cores() {
        for v in f64_cases() {
            let plain = Plain(v).to_string();
            assert_eq!(plain, v.to_string(), "{:#x}", v.to_bits());
            let exp = Exp(v).to_string();
            assert_eq!(exp, format!("{v:e}"), "{:#x}", v.to_bits());
            let back = parse_f64(&exp).unwrap();
            assert!(back.to_bits() == v.to_bits() || v.is_nan(), "{exp}");
        }
    }

    /// Decimals with few and many digits, near halfway points, huge and tiny exponents.
    fn texts(rng: &mut fastrand::Rng) -> String {
        let digits = |rng: &mut fastrand::Rng, n: usize| -> String {
            (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
        };
        let n = [1, 2, 5, 9, 12, 17, 20, 30, 60][rng.usize(..9)];
        let mut text = String::new();
        if rng.bool() {
            text.push('-');
        }
        let lead = rng.usize(0..4);
        text += &digits(rng, lead);
        if rng.bool() {
            text.push('.');
        }
        text += &digits(rng, n);
        if text.trim_start_matches('-').is_empty() || text.ends_with('-') {
            text.push('7');
        }
        if rng.u8(..3) > 0 {
            text.push(if rng.bool() { 'e' } else { 'E' });
            let e = rng.i32(-360..340);
            text += &e.to_string();
        }
        text
    }

    #[test]
    fn parsing_is_cores() {
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..30_000 {
            let text = texts(&mut rng);
            let ours = parse_f64(&text).map(f64::to_bits);
            assert_eq!(ours, text.parse::<f64>().ok().map(f64::to_bits), "{text}");
            let ours = parse_f32(&text).map(f32::to_bits);
            assert_eq!(ours, text.parse::<f32>().ok().map(f32::to_bits), "{text}");
        }
        // Halfway points between neighbouring floats, written out exactly, and a hair either side.
        let check = |text: String| {
            for t in [
                text.clone(),
                format!("{text}1"),
                text[..text.len() - 1].to_string(),
            ] {
                assert_eq!(
                    parse_f64(&t).map(f64::to_bits),
                    t.parse::<f64>().ok().map(f64::to_bits),
                    "{t}"
                );
                assert_eq!(
                    parse_f32(&t).map(f32::to_bits),
                    t.parse::<f32>().ok().map(f32::to_bits),
                    "{t}"
                );
            }
        };
        for v in f32_cases()
            .into_iter()
            .filter(|v| v.is_finite() && *v > 0.0)
            .take(10_000)
        {
            let next = f32::from_bits(v.to_bits() + 1);
            // Exact in f64, and written out in full.
            let mid = (f64::from(v) + f64::from(next)) / 2.0;
            check(format!("{mid:.200e}"));
        }
        // f64 midpoints (2m + 1) × 2^(e − 1) for exponents whose exact decimal fits a u128.
        for i in 0..20_000u64 {
            let m = (1u64 << 52) | rng.u64(..1 << 52);
            let e = rng.i32(-29..=71) - 52 + 52 * i32::from(i % 2 == 0);
            let twice = u128::from(2 * m + 1);
            let text = if e > 0 {
                if e - 1 > 73 {
                    continue;
                }
                (twice << (e - 1)).to_string()
            } else {
                let n = (1 - e) as u32;
                if n > 30 {
                    continue;
                }
                format!("{}e-{n}", twice * 5u128.pow(n))
            };
            check(text);
        }
        for text in [
            "",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1..2",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "1_0",
            "in",
            "nana",
            "INF",
            "-Infinity",
            "NaN",
            "+nan",
            ".5",
            "5.",
            "-.5e-3",
            "1E400",
            "1e-400",
            "-0",
            "0e999999999999",
            "1e99999999999999999999",
            "000000000000000000000000001",
            "4.9406564584124654e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "3.4028235e38",
            "3.4028236e38",
            "1.4e-45",
            "7e-46",
            "7.1e-46",
        ] {
            assert_eq!(
                parse_f64(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{text}"
            );
            assert_eq!(
                parse_f32(text).map(f32::to_bits),
                text.parse::<f32>().ok().map(f32::to_bits),
                "{text}"
            );
        }
    }

    #[test]
    fn every_f32_of_some_binades_round_trips() {
        // Every float in binades around 1 (the config's values) and the subnormals' start.
        for bits in (0x3c00_0000u32..0x3c01_0000)
            .chain(0x3f80_0000..0x3f81_0000)
            .chain(0..0x0001_0000)
        {
            let v = f32::from_bits(bits);
            let text = Plain(v).to_string();
            assert_eq!(text, v.to_string());
            assert_eq!(parse_f32(&text).map(f32::to_bits), Some(bits), "{text}");
        }
    }
}
