//! Numerically stable f64 building blocks for the smooth activations.
//!
//! Each helper is written so that it neither overflows nor cancels for any finite input: exponentials
//! are only ever taken of −|x| (so they lie in (0, 1]), and differences such as 1 − tanh² or x − tanh x
//! are rewritten into forms without subtraction of nearly equal numbers. Results are rounded to f32 by
//! the caller, once.

/// √(2/π), the constant of GELU's tanh approximation.
pub(super) const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;
/// 1/√(2π), the peak of the standard normal density.
const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// Rounds to the nearest f32 (ties to even); ±inf and NaN pass through.
#[inline(always)]
pub(super) fn f64_to_f32(v: f64) -> f32 {
    v as f32
}

/// e^x for x ≤ 0 (what every helper here takes: exponentials of −|x|), in straight-line code.
///
/// No branches and no calls, so a slice loop over an activation built on it vectorises (libm's `exp` is
/// a call with branches). x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2 (ln 2 split in two
/// parts, so r is exact to about 2⁻⁶⁰); e^r by its Taylor polynomial to degree 11 (remainder < 7e-15
/// relative); 2^k put straight into the exponent bits. The relative error is below 1e-14, some 10⁶
/// times finer than the f32 rounding applied afterwards. Below x = −708 (where 2^k would leave the normal
/// range) the argument is clamped: e^(−708) ≈ 3e-308 is zero in every f32 result it feeds. Not for NaN
/// (the callers return NaN before getting here).
#[inline]
pub(super) fn exp_nonpositive(x: f64) -> f64 {
    const LOG2_E: f64 = core::f64::consts::LOG2_E;
    // ln 2 = LN2_HI + LN2_LO (6.93147180369123816490e-1 + 1.90821492927058770002e-10), LN2_HI with its
    // low 32 bits zero, so k·LN2_HI is exact for |k| < 2^21.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // Adding 1.5·2^52 rounds to an integer (ties to even) and leaves it in the low mantissa bits.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    // A compare and select, not `f64::max`: its NaN rule has no single wasm SIMD instruction.
    let x = if x < -708.0 { -708.0 } else { x };
    let shifted = x * LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // e^r = Σ r^n / n!, n ≤ 11, in Horner form.
    let mut p = 1.0 / 39_916_800.0;
    for inv_fact in [
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
        1.0,
        1.0,
    ] {
        p = p * r + inv_fact;
    }
    // The low bits of `shifted` hold k in two's complement; k + 1023 is the biased exponent of 2^k.
    let two_k = f64::from_bits(shifted.to_bits().wrapping_add(1023) << 52);
    p * two_k
}

/// tanh(x) in straight-line code (see [`exp_nonpositive`]): (1 − e)/(1 + e) with e = e^(−2|x|), and
/// below |x| = 1/16, where 1 − e would cancel, the Taylor series x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835
/// (next term < 1e-14 relative). ±1 at ±∞; keeps the sign of ±0.
#[inline(always)]
pub(super) fn tanh(x: f64) -> f64 {
    tanh_and_sech2(x).0
}

/// tanh′(x) = sech²(x) = 4·e^(−2|x|) / (1 + e^(−2|x|))², accurate in the tails.
#[inline(always)]
pub(super) fn sech2(x: f64) -> f64 {
    tanh_and_sech2(x).1
}

/// ([`tanh`], [`sech2`]) from one exponential; each is bit for bit what the single functions give
/// (they are this function, with the unused half left out by the compiler).
#[inline(always)]
pub(super) fn tanh_and_sech2(x: f64) -> (f64, f64) {
    let t = x.abs();
    let e = exp_nonpositive(-2.0 * t);
    let far = (1.0 - e) / (1.0 + e);
    let t2 = t * t;
    let near =
        t - t * t2 * (1.0 / 3.0 - t2 * (2.0 / 15.0 - t2 * (17.0 / 315.0 - t2 * (62.0 / 2835.0))));
    let magnitude = if t < 0.0625 { near } else { far };
    (magnitude.copysign(x), 4.0 * e / ((1.0 + e) * (1.0 + e)))
}

/// The logistic function 1 / (1 + e^(−x)); 0 at −∞, 1 at +∞.
#[inline(always)]
pub(super) fn sigmoid(x: f64) -> f64 {
    sigmoid_and_derivative(x).0
}

/// sigmoid′(x) = sigmoid(x)·(1 − sigmoid(x)) = e^(−|x|) / (1 + e^(−|x|))², accurate in the tails.
#[inline(always)]
pub(super) fn sigmoid_derivative(x: f64) -> f64 {
    sigmoid_and_derivative(x).1
}

/// ([`sigmoid`], [`sigmoid_derivative`]) from one exponential, bit for bit the single functions.
#[inline(always)]
pub(super) fn sigmoid_and_derivative(x: f64) -> (f64, f64) {
    let e = exp_nonpositive(-x.abs());
    let inv = 1.0 / (1.0 + e);
    let f = if x >= 0.0 { inv } else { e * inv };
    (f, e / ((1.0 + e) * (1.0 + e)))
}

/// softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^(−|x|)); x at +∞, 0 at −∞.
#[inline]
pub(super) fn softplus(x: f64) -> f64 {
    let positive = if x > 0.0 { x } else { 0.0 };
    positive + libm::log1p(exp_nonpositive(-x.abs()))
}

/// Φ(x), the standard normal CDF, as erfc(−x/√2)/2 so the left tail keeps its relative accuracy.
#[inline]
pub(super) fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * core::f64::consts::FRAC_1_SQRT_2)
}

/// φ(x), the standard normal density.
#[inline]
pub(super) fn normal_pdf(x: f64) -> f64 {
    INV_SQRT_2PI * libm::exp(-0.5 * x * x)
}

/// x − tanh(x) without cancellation near 0: its Taylor series x³/3 − 2x⁵/15 + 17x⁷/315 − 62x⁹/2835
/// below |x| = 1/16 (next term < 1e-11 relative), the plain difference above (no longer cancelling).
#[inline]
pub(super) fn x_minus_tanh(x: f64) -> f64 {
    if x.abs() < 0.0625 {
        let x2 = x * x;
        x * x2 * (1.0 / 3.0 - x2 * (2.0 / 15.0 - x2 * (17.0 / 315.0 - x2 * (62.0 / 2835.0))))
    } else {
        x - tanh(x)
    }
}

/// Mish's pieces for finite x: (t, s) with t = tanh(softplus(x)) and s = x·sigmoid(x)·sech²(softplus(x)),
/// so mish(x) = x·t and mish′(x) = t + s.
///
/// With n = e^x·(e^x + 2): t = n / (n + 2) and sech²(softplus x) = 4(n + 1) / (n + 2)². For x > 0 the
/// same quantities are written in e = e^(−x), so nothing overflows and nothing cancels.
#[inline]
pub(super) fn mish_parts(x: f64) -> (f64, f64) {
    if x > 0.0 {
        let e = libm::exp(-x);
        let d = 1.0 + 2.0 * e * (1.0 + e);
        let t = (1.0 + 2.0 * e) / d;
        // x·sigmoid(x)·sech² = x·(1/(1+e))·4e²(1+e)²/d² = 4x·e²(1+e)/d².
        (t, 4.0 * e * e * (1.0 + e) / (d * d) * x)
    } else {
        let e = libm::exp(x);
        let n = e * (e + 2.0);
        let t = n / (n + 2.0);
        // x·(e/(1+e))·4(1+e)²/(n+2)² = 4x·e(1+e)/(n+2)².
        (t, 4.0 * e * (1.0 + e) / ((n + 2.0) * (n + 2.0)) * x)
    }
}

/// Squareplus (x + √(x² + b)) / 2 and its derivative (1 + x/√(x² + b)) / 2, in f32.
///
/// For x < 0 both are rewritten with b / (√(x² + b) − x), which has no cancellation. b = 0 is ReLU
/// (with ReLU's f′(0) = 0); the limits are used at ±∞.
pub(super) fn squareplus(x: f64, b: f64) -> (f32, f32) {
    if x == f64::INFINITY {
        return (f32::INFINITY, 1.0);
    }
    if x == f64::NEG_INFINITY || (b == 0.0 && x <= 0.0) {
        return (0.0, 0.0);
    }
    let root = libm::sqrt(x * x + b);
    let (f, df) = if x >= 0.0 {
        (0.5 * (x + root), 0.5 * (1.0 + x / root))
    } else {
        let gap = root - x; // = √(x² + b) + |x|
        (0.5 * b / gap, 0.5 * b / (root * gap))
    };
    (f64_to_f32(f), f64_to_f32(df))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_minus_tanh_series_meets_the_difference_at_the_switch() {
        let x = 0.0625f64;
        let below = x_minus_tanh(x - 1e-12);
        let above = x - libm::tanh(x);
        assert!(((below - above) / above).abs() < 1e-9, "{below} vs {above}");
    }

    #[test]
    fn mish_parts_agree_on_both_sides_of_zero() {
        let (t_left, s_left) = mish_parts(-1e-300);
        let (t_right, s_right) = mish_parts(1e-300);
        let t0 = libm::tanh(core::f64::consts::LN_2);
        assert!((t_left - t0).abs() < 1e-15 && (t_right - t0).abs() < 1e-15);
        assert!(s_left.abs() < 1e-299 && s_right.abs() < 1e-299);
    }

    #[test]
    fn exp_nonpositive_matches_libm_to_1e_14() {
        let mut worst = 0.0f64;
        let mut x = 0.0f64;
        while x > -700.0 {
            let (ours, reference) = (exp_nonpositive(x), libm::exp(x));
            worst = worst.max(((ours - reference) / reference).abs());
            x -= 0.000_731;
        }
        for x in [
            -0.0,
            -1e-300,
            -f64::MIN_POSITIVE,
            -0.346_573_590_279_972_6,
            -708.0,
        ] {
            let (ours, reference) = (exp_nonpositive(x), libm::exp(x));
            worst = worst.max(((ours - reference) / reference).abs());
        }
        assert!(worst < 1e-14, "worst relative error {worst:e}");
        assert_eq!(exp_nonpositive(0.0), 1.0);
        assert!(exp_nonpositive(f64::NEG_INFINITY) < 1e-307);
    }

    #[test]
    fn tanh_matches_libm_to_5e_14_and_keeps_signs() {
        let mut worst = 0.0f64;
        for i in 0..200_000 {
            let x = (i as f64 - 100_000.0) * 2.0e-4 + 1e-9;
            let (ours, reference) = (tanh(x), libm::tanh(x));
            worst = worst.max(((ours - reference) / reference).abs());
        }
        for x in [1e-300, 1e-20, 0.0625, 0.062_499_999, 20.0, 1e300] {
            for x in [x, -x] {
                let (ours, reference) = (tanh(x), libm::tanh(x));
                worst = worst.max(((ours - reference) / reference).abs());
            }
        }
        // Worst just above |x| = 1/16, where 1 − e loses a few bits: still 10⁶ times below f32's ulp.
        assert!(worst < 5e-14, "worst relative error {worst:e}");
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert!(tanh(-0.0).is_sign_negative() && tanh(0.0).is_sign_positive());
    }

    #[test]
    fn tails_do_not_overflow() {
        for x in [-1e308, -800.0, 800.0, 1e308] {
            assert!(sigmoid(x).is_finite() && sigmoid_derivative(x).is_finite());
            assert!(sech2(x).is_finite() && softplus(x).is_finite());
            let (t, s) = mish_parts(x);
            assert!(t.is_finite() && s.is_finite(), "mish parts at {x}");
        }
    }
}
