//! Edge cases and catalogue facts, checked against the functions themselves: limits at ±∞, no overflow
//! on finite input, subnormals, and that the page's "monotonic", "zero-centred" and "smoothness" claims
//! are true of the curves.

use activation_playground::activation::{Smoothness, SELU_ALPHA, SELU_SCALE};
use activation_playground::Activation;

fn parse(spec: &str) -> Activation {
    spec.parse().unwrap()
}

#[test]
fn limits_at_infinity() {
    let nan = f32::NAN;
    let inf = f32::INFINITY;
    let rrelu_slope = ((0.125f64 + f64::from(1.0f32 / 3.0)) / 2.0) as f32;
    // (spec, f(+∞), f′(+∞), f(−∞), f′(−∞))
    let table: [(&str, f32, f32, f32, f32); 28] = [
        ("identity", inf, 1.0, -inf, 1.0),
        ("binary_step", 1.0, 0.0, 0.0, 0.0),
        ("sigmoid", 1.0, 0.0, 0.0, 0.0),
        ("tanh", 1.0, 0.0, -1.0, 0.0),
        ("softsign", 1.0, 0.0, -1.0, 0.0),
        ("relu", inf, 1.0, 0.0, 0.0),
        ("leaky_relu", inf, 1.0, -inf, 0.01),
        ("prelu", inf, 1.0, -inf, 0.25),
        ("rrelu", inf, 1.0, -inf, rrelu_slope),
        ("elu", inf, 1.0, -1.0, 0.0),
        ("celu", inf, 1.0, -1.0, 0.0),
        (
            "selu",
            inf,
            SELU_SCALE as f32,
            -(SELU_SCALE * SELU_ALPHA) as f32,
            0.0,
        ),
        ("softplus", inf, 1.0, 0.0, 0.0),
        ("silu", inf, 1.0, 0.0, 0.0),
        ("gelu", inf, 1.0, 0.0, 0.0),
        ("mish", inf, 1.0, 0.0, 0.0),
        ("squareplus", inf, 1.0, 0.0, 0.0),
        ("relu6", 6.0, 0.0, 0.0, 0.0),
        ("threshold", inf, 1.0, 0.0, 0.0),
        ("hardtanh", 1.0, 0.0, -1.0, 0.0),
        ("hardsigmoid", 1.0, 0.0, 0.0, 0.0),
        ("hardswish", inf, 1.0, 0.0, 0.0),
        ("hardshrink", inf, 1.0, -inf, 1.0),
        ("softshrink", inf, 1.0, -inf, 1.0),
        ("tanhshrink", inf, 1.0, -inf, 1.0),
        ("logsigmoid", 0.0, 0.0, -inf, 1.0),
        ("sine", nan, nan, nan, nan), // no limit
        ("gaussian", 0.0, 0.0, 0.0, 0.0),
    ];
    let same = |a: f32, b: f32| (a.is_nan() && b.is_nan()) || a == b;
    for (spec, fp, dp, fm, dm) in table {
        let a = parse(spec);
        let got = [
            a.apply(inf),
            a.derivative(inf),
            a.apply(-inf),
            a.derivative(-inf),
        ];
        for (g, want) in got.iter().zip([fp, dp, fm, dm]) {
            assert!(
                same(*g, want),
                "{spec}: got {got:?}, want {:?}",
                [fp, dp, fm, dm]
            );
        }
    }
    assert!(Activation::ALL
        .iter()
        .all(|a| table.iter().any(|t| t.0 == a.name())));
    assert!(same(parse("gelu(approximate=tanh)").apply(-inf), 0.0));
    assert!(
        same(parse("leaky_relu(negative_slope=0)").apply(-inf), 0.0),
        "0·∞ must not give NaN"
    );
}

#[test]
fn finite_input_never_overflows_where_the_true_value_is_finite() {
    let mut xs = vec![
        f32::MAX,
        1e38,
        1e30,
        1e10,
        1000.0,
        710.0,
        100.0,
        89.0,
        88.7,
        88.0,
        50.0,
        20.0,
    ];
    xs.extend(xs.clone().iter().map(|x| -x));
    for a in Activation::ALL.iter().chain(&[
        parse("softplus(beta=0.5, threshold=100)"),
        parse("gelu(approximate=tanh)"),
    ]) {
        for &x in &xs {
            let (f, df) = (a.apply(x), a.derivative(x));
            // SELU's λ·x is beyond f32 for x > f32::MAX / λ: inf is the correctly rounded value there.
            let too_big = matches!(a, Activation::Selu) && x > f32::MAX / 1.0508;
            assert!(f.is_finite() || too_big, "{a}({x:e}) = {f}");
            assert!(df.is_finite(), "{a}'({x:e}) = {df}");
        }
    }
    // The classic overflow spots, with their true values.
    assert_eq!(parse("softplus(beta=1, threshold=100)").apply(89.0), 89.0);
    assert_eq!(
        parse("softplus(beta=1, threshold=100)").derivative(89.0),
        1.0
    );
    assert_eq!(parse("logsigmoid").apply(-1000.0), -1000.0);
    // σ(−89) = e^−89/(1 + e^−89) is the subnormal 2.227364e-39 (bits 1589500, from mpmath), not 0.
    assert_eq!(parse("sigmoid").apply(-89.0).to_bits(), 1_589_500);
    assert_eq!(parse("mish").apply(1000.0), 1000.0);
    assert_eq!(parse("silu").apply(-1000.0), 0.0);
    assert_eq!(parse("gelu").derivative(-1000.0), 0.0);
    assert_eq!(parse("hardswish").apply(f32::MAX), f32::MAX);
    // (x + √(x² + 4))/2 at x = −f32::MAX is 4/(4·|x|) = 1/f32::MAX, a subnormal: no cancellation to 0.
    assert_eq!(
        parse("squareplus").apply(f32::MIN),
        (1.0 / f64::from(f32::MAX)) as f32
    );
}

#[test]
fn subnormals_and_signed_zeros() {
    let tiny = f32::from_bits(1); // 1.4e-45
    for a in Activation::ALL {
        for z in [0.0f32, -0.0] {
            assert!(
                a.apply(z).is_finite() && a.derivative(z).is_finite(),
                "{a} at {z}"
            );
        }
        // Smooth curves: f′ at a subnormal is f′(0), to within a few subnormal steps.
        if a.info().smoothness == Smoothness::CInfinity {
            for x in [tiny, -tiny] {
                assert!(
                    (a.derivative(x) - a.derivative(0.0)).abs() < 1e-40,
                    "{a}′({x:e})"
                );
            }
        }
    }
    // f(x) ≈ f′(0)·x for tiny x when f(0) = 0, to the last bit of the subnormal.
    assert_eq!(parse("tanh").apply(tiny), tiny);
    assert_eq!(parse("gelu").apply(2.0 * tiny), tiny);
    assert_eq!(parse("silu").apply(-4.0 * tiny), -2.0 * tiny);
    assert_eq!(parse("sine").apply(-tiny), -tiny);
    assert_eq!(parse("elu").apply(-tiny), -tiny);
    assert_eq!(parse("leaky_relu").apply(-1e-38), -1e-40);
    assert_eq!(
        parse("tanhshrink").apply(1e-3),
        3.333_332_4e-10,
        "x³/3 without cancellation"
    );
}

#[test]
fn one_ulp_either_side_of_every_kink() {
    let up = |x: f32| {
        if x >= 0.0 {
            f32::from_bits(x.to_bits() + 1)
        } else {
            f32::from_bits(x.to_bits() - 1)
        }
    };
    let down = |x: f32| {
        if x > 0.0 {
            f32::from_bits(x.to_bits() - 1)
        } else if x == 0.0 {
            -f32::from_bits(1)
        } else {
            f32::from_bits(x.to_bits() + 1)
        }
    };
    // (spec, kink, f′ just below, f′ at, f′ just above)
    for (spec, k, below, at, above) in [
        ("relu", 0.0, 0.0, 0.0, 1.0),
        ("leaky_relu", 0.0, 0.01, 0.01, 1.0),
        ("relu6", 6.0, 1.0, 0.0, 0.0),
        ("relu6", 0.0, 0.0, 0.0, 1.0),
        ("hardtanh", -1.0, 0.0, 0.0, 1.0),
        ("hardtanh", 1.0, 1.0, 0.0, 0.0),
        ("hardsigmoid", -3.0, 0.0, 0.0, 1.0 / 6.0),
        ("hardsigmoid", 3.0, 1.0 / 6.0, 0.0, 0.0),
        ("hardshrink", 0.5, 0.0, 0.0, 1.0),
        ("softshrink", -0.5, 1.0, 0.0, 0.0),
        ("threshold", 1.0, 0.0, 0.0, 1.0),
        ("elu(alpha=2)", 0.0, 2.0, 2.0, 1.0),
        ("binary_step", 0.0, 0.0, 0.0, 0.0),
    ] {
        let a = parse(spec);
        let got = [a.derivative(down(k)), a.derivative(k), a.derivative(up(k))];
        assert_eq!(got, [below, at, above], "{spec} around {k}");
    }
    let h = parse("hardswish");
    assert_eq!(
        h.derivative(down(3.0)),
        (f64::from(down(3.0)) / 3.0 + 0.5) as f32
    );
    assert_eq!(
        h.derivative(up(-3.0)),
        (f64::from(up(-3.0)) / 3.0 + 0.5) as f32
    );
    assert_eq!(parse("binary_step").apply(-0.0), 1.0);
    assert_eq!(parse("binary_step").apply(down(0.0)), 0.0);
}

/// A grid of multiples of 1/256 over [-20, 20]: every default kink lies on it.
fn grid() -> Vec<f32> {
    (-5120..=5120).map(|i| i as f32 / 256.0).collect()
}

#[test]
fn monotonic_claims_are_true() {
    let xs = grid();
    for a in Activation::ALL {
        let ys: Vec<f32> = xs.iter().map(|&x| a.apply(x)).collect();
        let non_decreasing = ys.windows(2).all(|w| w[1] >= w[0]);
        assert_eq!(
            non_decreasing,
            a.info().monotonic,
            "{a}: catalogue says monotonic = {}",
            a.info().monotonic
        );
    }
}

#[test]
fn zero_centred_claims_are_true() {
    for a in Activation::ALL {
        let odd = grid().iter().all(|&x| a.apply(-x) == -a.apply(x));
        assert_eq!(odd, a.info().zero_centred, "{a}");
    }
}

#[test]
fn smoothness_claims_are_true() {
    const D: f32 = 1.0 / 1024.0;
    for a in Activation::ALL {
        let (mut f_jump, mut d_jump, mut dd_jump) = (0.0f32, 0.0f32, 0.0f32);
        for x in grid() {
            let (f, d) = (|x: f32| a.apply(x), |x: f32| a.derivative(x));
            f_jump = f_jump.max((f(x + D) - f(x - D)).abs());
            d_jump = d_jump.max((d(x + D) - d(x - D)).abs());
            let right = (d(x + 2.0 * D) - d(x + D)) / D;
            let left = (d(x - D) - d(x - 2.0 * D)) / D;
            dd_jump = dd_jump.max((right - left).abs());
        }
        let measured = if f_jump > 0.05 {
            Smoothness::Discontinuous
        } else if d_jump > 0.05 {
            Smoothness::C0
        } else if dd_jump > 0.5 {
            Smoothness::C1
        } else {
            Smoothness::CInfinity
        };
        assert_eq!(
            measured,
            a.info().smoothness,
            "{a}: jumps f {f_jump}, f′ {d_jump}, f″ {dd_jump}"
        );
    }
}

#[test]
fn output_bounds_match_the_catalogue_range() {
    for a in Activation::ALL {
        let range = a.info().range;
        match a.output_bounds() {
            Some((lo, hi)) => {
                let far = [-1e6, -1e3, 1e3, 1e6];
                let ys: Vec<f32> = grid().iter().chain(&far).map(|&x| a.apply(x)).collect();
                let (min, max) = ys
                    .iter()
                    .fold((f32::MAX, f32::MIN), |(m, n), &y| (m.min(y), n.max(y)));
                assert!(
                    min >= lo && max <= hi,
                    "{a}: [{min}, {max}] outside ({lo}, {hi})"
                );
                assert!(
                    min - lo < 0.01 * (hi - lo) && hi - max < 0.01 * (hi - lo),
                    "{a}: bounds not approached"
                );
                assert!(!range.contains('∞'), "{a}: bounded but range says {range}");
            }
            None => assert!(range.contains('∞'), "{a}: unbounded but range says {range}"),
        }
    }
}
