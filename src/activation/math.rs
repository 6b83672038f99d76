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

/// The logistic function 1 / (1 + e^(−x)); 0 at −∞, 1 at +∞.
#[inline]
pub(super) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + libm::exp(-x))
    } else {
        let e = libm::exp(x);
        e / (1.0 + e)
    }
}

/// sigmoid′(x) = sigmoid(x)·(1 − sigmoid(x)) = e^(−|x|) / (1 + e^(−|x|))², accurate in the tails.
#[inline]
pub(super) fn sigmoid_derivative(x: f64) -> f64 {
    let e = libm::exp(-x.abs());
    e / ((1.0 + e) * (1.0 + e))
}

/// tanh′(x) = sech²(x) = 4·e^(−2|x|) / (1 + e^(−2|x|))², accurate in the tails.
#[inline]
pub(super) fn sech2(x: f64) -> f64 {
    let e = libm::exp(-2.0 * x.abs());
    4.0 * e / ((1.0 + e) * (1.0 + e))
}

/// softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^(−|x|)); x at +∞, 0 at −∞.
#[inline]
pub(super) fn softplus(x: f64) -> f64 {
    let positive = if x > 0.0 { x } else { 0.0 };
    positive + libm::log1p(libm::exp(-x.abs()))
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
        x - libm::tanh(x)
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
    fn tails_do_not_overflow() {
        for x in [-1e308, -800.0, 800.0, 1e308] {
            assert!(sigmoid(x).is_finite() && sigmoid_derivative(x).is_finite());
            assert!(sech2(x).is_finite() && softplus(x).is_finite());
            let (t, s) = mish_parts(x);
            assert!(t.is_finite() && s.is_finite(), "mish parts at {x}");
        }
    }
}
