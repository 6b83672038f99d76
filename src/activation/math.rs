//! Numerically stable building blocks for the smooth activations.
//!
//! Each helper is written so that it neither overflows nor cancels for any finite input: exponentials
//! are only ever taken of −|x| (so they lie in (0, 1]), and differences such as 1 − tanh² or x − tanh x
//! are rewritten into forms without subtraction of nearly equal numbers.
//!
//! Two precisions. The f64 helpers feed the rarer smooth activations, whose results the caller rounds to
//! f32 once. Tanh and sigmoid, which training evaluates millions of times a second, have f32 routes of
//! their own ([`tanh_and_sech2_f32`], [`sigmoid_and_derivative_f32`]): within a few ulp, four lanes per
//! SIMD instruction. Both are plain IEEE arithmetic without fused operations, so every target gives the
//! same bits.

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

/// tanh(x) in f64 for the activations built on it (tanhshrink, x − tanh x), in straight-line code (see
/// [`exp_nonpositive`]): (1 − e)/(1 + e) with e = e^(−2|x|), and below |x| = 1/16, where 1 − e would
/// cancel, the Taylor series x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 (next term < 1e-14 relative). ±1 at
/// ±∞; keeps the sign of ±0. (The tanh activation itself runs on [`tanh_and_sech2_f32`].)
#[inline(always)]
pub(super) fn tanh(x: f64) -> f64 {
    let t = x.abs();
    let e = exp_nonpositive(-2.0 * t);
    let far = (1.0 - e) / (1.0 + e);
    let t2 = t * t;
    let near =
        t - t * t2 * (1.0 / 3.0 - t2 * (2.0 / 15.0 - t2 * (17.0 / 315.0 - t2 * (62.0 / 2835.0))));
    let magnitude = if t < 0.0625 { near } else { far };
    magnitude.copysign(x)
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

/// e^y for y ≤ 0 in f32 arithmetic, as three factors: (q, s₁, s₂) with e^y = (1 + q)·s₁·s₂ and
/// e^y − 1 = q·s₁·s₂ + (s₁·s₂ − 1), for [`tanh_and_sech2_f32`] and [`sigmoid_and_derivative_f32`].
///
/// y = k·ln 2 + r with k = round(y / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split so that k·LN2_HI
/// is exact for |k| < 2⁹); q = e^r − 1 by its Taylor polynomial to degree 7 (remainder below 2e-8
/// relative, a third of an f32 ulp), so q keeps its relative accuracy as r → 0; 2^k = s₁·s₂ with
/// s₁ = 2^⌊k/2⌋ and s₂ = 2^(k − ⌊k/2⌋), both normal for the k ≥ −160 the callers' clamps give. Multiplying
/// a value near 1 by s₁ is exact, so a result that falls below f32's normal range is rounded once, by the
/// multiplication by s₂. Straight-line code (the rounding to k is the add-and-subtract of 1.5·2²³), so the
/// slice loops vectorise four lanes wide.
#[inline(always)]
fn exp_parts_f32(y: f32) -> (f32, f32, f32) {
    const LOG2_E: f32 = core::f32::consts::LOG2_E;
    // ln 2 = LN2_HI + LN2_LO (0.693145751953125 + 1.4286068e-6); LN2_HI has 15 significant bits.
    const LN2_HI: f32 = f32::from_bits(0x3f31_7200);
    const LN2_LO: f32 = f32::from_bits(0x35bf_be8e);
    // Adding 1.5·2²³ rounds to an integer (ties to even) and leaves it in the low mantissa bits.
    const ROUND: f32 = 12_582_912.0;
    let shifted = y * LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (y - k * LN2_HI) - k * LN2_LO;
    // e^r − 1 = r + r²·(1/2 + r/6 + r²/24 + … + r⁵/5040), in Estrin form.
    let r2 = r * r;
    let a = 0.5 + r * (1.0 / 6.0);
    let b = 1.0 / 24.0 + r * (1.0 / 120.0);
    let c = 1.0 / 720.0 + r * (1.0 / 5_040.0);
    let p = (a + r2 * b) + (r2 * r2) * c;
    let q = r + r2 * p;
    // `shifted` is 1.5·2²³ + k, whose bits are 0x4b40_0000 + k.
    let k = shifted.to_bits() as i32 - 0x4b40_0000;
    let k1 = k >> 1;
    let k2 = k - k1;
    let power = |e: i32| f32::from_bits(((e + 127) as u32) << 23);
    (q, power(k1), power(k2))
}

/// (tanh x, tanh′ x = sech² x) in f32 arithmetic: tanh within 2.5 ulp of the exact value and sech² within
/// 4.5 ulp (relative error below 3e-7, under a third of the 1e-6 the reference table allows; measured
/// against libm's f64 on every 7th f32 up to 60: 95 % of the derivatives are exact to the ulp, 3 in 10⁵
/// are off by 3 or more). With a = |x|, e = e^(−2a) and m = e − 1:
/// tanh a = −m / (2 + m), with m from [`exp_parts_f32`] so nothing cancels near 0; sech² a = 4e / (1 + e)²,
/// exact in the tails down to the smallest subnormal. ±1 and 0 at ±∞; keeps the sign of ±0; not for NaN
/// (the callers pass NaN through before).
///
/// This is what training runs for tanh, and it costs about a quarter of the f64 route: four lanes per
/// SIMD operation instead of two, and a degree-7 polynomial instead of degree 11.
#[inline(always)]
pub(super) fn tanh_and_sech2_f32(x: f32) -> (f32, f32) {
    let a = x.abs();
    // Below −110 (a > 55), e^y < 2⁻¹⁵⁸ and 4e rounds to 0: clamp there, with a compare and select
    // (`f32::max` has no single wasm SIMD instruction for its NaN rule).
    let y = -2.0 * a;
    let y = if y < -110.0 { -110.0 } else { y };
    let (q, s1, s2) = exp_parts_f32(y);
    let m = q * s1 * s2 + (s1 * s2 - 1.0);
    let t = -m / (2.0 + m);
    // (1 + q)·s₁ is exact (s₁ and the product are normal), so 4e = (4·(1 + q))·s₁·s₂ comes from it, and
    // d = 1 + (1 + q)·s₁·s₂ is 1 + 4e/4 bit for bit (equal where 4e is normal, both 1 below): the same
    // numbers, with two multiplications fewer before d (checked on every f32).
    let e1 = (1.0 + q) * s1;
    let four_e = (4.0 * e1) * s2;
    let d = 1.0 + e1 * s2;
    (t.copysign(x), four_e / (d * d))
}

/// (σ(x), σ′(x)) in f32 arithmetic: σ within 2.5 ulp and σ′ within 4.5 ulp of the exact values (see
/// [`tanh_and_sech2_f32`] and the unit tests). With
/// e = e^(−|x|): σ(x) = 1 / (1 + e) for x ≥ 0 and e / (1 + e) below, σ′(x) = e / (1 + e)²; the left tail
/// keeps its relative accuracy down to the smallest subnormal. 0 at −∞, 1 at +∞; not for NaN.
#[inline(always)]
pub(super) fn sigmoid_and_derivative_f32(x: f32) -> (f32, f32) {
    // Below −104, e^y is less than half the smallest subnormal: clamp (compare and select, as above).
    let y = -x.abs();
    let y = if y < -104.0 { -104.0 } else { y };
    let (q, s1, s2) = exp_parts_f32(y);
    let e = (1.0 + q) * s1 * s2;
    let d = 1.0 + e;
    let f = if x >= 0.0 { 1.0 / d } else { e / d };
    (f, e / (d * d))
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

    /// |ours − exact| in units of the f32 ulp at the exact value (the subnormal spacing 2⁻¹⁴⁹ below the
    /// normal range, so a tail value is judged by what f32 can hold there).
    fn ulps(ours: f32, exact: f64) -> f64 {
        let rounded = exact as f32;
        let ulp = if rounded.abs() < f32::MIN_POSITIVE {
            f64::from(f32::from_bits(1))
        } else {
            f64::from(f32::from_bits(rounded.abs().to_bits() + 1) - rounded.abs())
        };
        (f64::from(ours) - exact).abs() / ulp
    }

    /// Every 61st f32 from 0 up to `limit`, both signs, plus the edges where the f32 routes switch.
    fn f32_grid(limit: f32) -> impl Iterator<Item = f32> {
        let edges = [
            0.0,
            f32::from_bits(1),
            f32::MIN_POSITIVE,
            1e-4,
            0.3466,
            0.3467,
            55.0,
            55.1,
            103.9,
            104.1,
        ];
        (0..limit.to_bits())
            .step_by(61)
            .map(f32::from_bits)
            .chain(edges)
            .flat_map(|x| [x, -x])
    }

    #[test]
    fn f32_tanh_and_sech2_are_within_2_5_and_4_5_ulp() {
        let (mut worst_t, mut worst_d) = (0.0f64, 0.0f64);
        for x in f32_grid(60.0) {
            let x64 = f64::from(x);
            let (t, d) = tanh_and_sech2_f32(x);
            let e = libm::exp(-2.0 * x64.abs());
            worst_t = worst_t.max(ulps(t, libm::tanh(x64)));
            worst_d = worst_d.max(ulps(d, 4.0 * e / ((1.0 + e) * (1.0 + e))));
            assert_eq!(
                t.is_sign_negative(),
                x.is_sign_negative(),
                "sign of tanh({x})"
            );
        }
        assert!(
            worst_t <= 2.5 && worst_d <= 4.5,
            "tanh {worst_t} ulp, sech² {worst_d} ulp"
        );
        assert_eq!(tanh_and_sech2_f32(f32::INFINITY), (1.0, 0.0));
        assert_eq!(tanh_and_sech2_f32(f32::NEG_INFINITY), (-1.0, 0.0));
        assert_eq!(tanh_and_sech2_f32(0.0), (0.0, 1.0));
        assert!(tanh_and_sech2_f32(-0.0).0.is_sign_negative());
    }

    #[test]
    fn f32_sigmoid_and_derivative_are_within_2_5_and_4_5_ulp() {
        let (mut worst_f, mut worst_d) = (0.0f64, 0.0f64);
        for x in f32_grid(110.0) {
            let x64 = f64::from(x);
            let (f, d) = sigmoid_and_derivative_f32(x);
            let e = libm::exp(-x64.abs());
            let exact_f = if x >= 0.0 {
                1.0 / (1.0 + e)
            } else {
                e / (1.0 + e)
            };
            worst_f = worst_f.max(ulps(f, exact_f));
            worst_d = worst_d.max(ulps(d, e / ((1.0 + e) * (1.0 + e))));
        }
        assert!(
            worst_f <= 2.5 && worst_d <= 4.5,
            "σ {worst_f} ulp, σ′ {worst_d} ulp"
        );
        assert_eq!(sigmoid_and_derivative_f32(f32::INFINITY), (1.0, 0.0));
        assert_eq!(sigmoid_and_derivative_f32(f32::NEG_INFINITY), (0.0, 0.0));
        assert_eq!(sigmoid_and_derivative_f32(0.0), (0.5, 0.25));
    }

    #[test]
    fn tails_do_not_overflow() {
        for x in [-1e308, -800.0, 800.0, 1e308] {
            assert!(sigmoid(x).is_finite() && sigmoid_derivative(x).is_finite());
            assert!(tanh(x).is_finite() && softplus(x).is_finite());
            let (t, s) = mish_parts(x);
            assert!(t.is_finite() && s.is_finite(), "mish parts at {x}");
        }
    }
}
