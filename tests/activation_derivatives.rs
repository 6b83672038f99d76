//! Every derivative against a finite difference of its own function, away from kinks.
//!
//! The difference is computed in f64 from f32 evaluations at f32 points x ± h and x ± h/2, with the
//! true spacing of those points as denominator, then Richardson-extrapolated:
//! R = (4·D(h/2) − D(h)) / 3, whose truncation error is h⁴·f⁽⁵⁾/480 (≈ 3e-8·f⁽⁵⁾ for h = 1/16).
//! The tolerance is that plus the worst rounding noise of the f32 values (1.5 ulp(|f|) / h) — tight
//! enough that a derivative off by 5e-5 + 1e-4·|f′| fails (a wrong Mish derivative is off by far more).

use activation_playground::Activation;

const H: f64 = 1.0 / 16.0;

fn specs() -> Vec<Activation> {
    let mut all: Vec<Activation> = Activation::ALL.to_vec();
    for spec in [
        "leaky_relu(negative_slope=0.2)",
        "prelu(weight=-0.5)",
        "rrelu(lower=0.1, upper=0.5)",
        "elu(alpha=0.5)",
        "elu(alpha=2)",
        "celu(alpha=0.5)",
        "celu(alpha=2)",
        "softplus(beta=2, threshold=10)",
        "softplus(beta=0.5, threshold=20)",
        "gelu(approximate=tanh)",
        "squareplus(b=1)",
        "squareplus(b=0)",
        "threshold(threshold=0.1, value=20)",
        "hardtanh(min_val=-2, max_val=3)",
        "hardshrink(lambd=1)",
        "softshrink(lambd=1.5)",
    ] {
        all.push(spec.parse().unwrap());
    }
    all
}

/// Where f or f′ jumps: the finite difference is meaningless within 2h of these.
fn kinks(a: &Activation) -> Vec<f64> {
    let k = |v: f32| f64::from(v);
    match *a {
        Activation::BinaryStep
        | Activation::Relu
        | Activation::LeakyRelu { .. }
        | Activation::Prelu { .. }
        | Activation::Rrelu { .. }
        | Activation::Elu { .. }
        | Activation::Celu { .. }
        | Activation::Selu
        | Activation::Softsign => vec![0.0], // softsign is C1: f″ jumps at 0
        Activation::Squareplus { b: 0.0 } => vec![0.0],
        Activation::Softplus { beta, threshold } => vec![k(threshold) / k(beta)],
        Activation::Relu6 => vec![0.0, 6.0],
        Activation::Threshold { threshold, .. } => vec![k(threshold)],
        Activation::Hardtanh { min_val, max_val } => vec![k(min_val), k(max_val)],
        Activation::Hardsigmoid | Activation::Hardswish => vec![-3.0, 3.0],
        Activation::Hardshrink { lambd } | Activation::Softshrink { lambd } => {
            vec![-k(lambd), k(lambd)]
        }
        _ => vec![],
    }
}

/// f at the f32 nearest to x, and that f32.
fn at(a: &Activation, x: f64) -> (f64, f64) {
    let x32 = x as f32;
    (f64::from(x32), f64::from(a.apply(x32)))
}

fn difference(a: &Activation, x: f64, h: f64) -> (f64, f64) {
    let (xp, fp) = at(a, x + h);
    let (xm, fm) = at(a, x - h);
    ((fp - fm) / (xp - xm), fp.abs().max(fm.abs()))
}

/// Richardson-extrapolated central difference and its tolerance at x.
fn finite_difference(a: &Activation, x: f64) -> (f64, f64) {
    let (d1, m1) = difference(a, x, H);
    let (d2, m2) = difference(a, x, H / 2.0);
    let fd = (4.0 * d2 - d1) / 3.0;
    let ulp = m1.max(m2) * f64::from(f32::EPSILON);
    let tol = 1e-5 * (1.0 + fd.abs()) + 1.5 * ulp / H;
    (fd, tol)
}

fn grid() -> impl Iterator<Item = f64> {
    // An irregular step so points do not sit on round numbers; [-12, 12].
    (0..=1750).map(|i| -12.0 + f64::from(i) * 0.013_717)
}

#[test]
fn every_derivative_matches_a_finite_difference_away_from_kinks() {
    let mut failures = Vec::new();
    let mut n_checked = 0;
    for a in specs() {
        let kinks = kinks(&a);
        for x in grid() {
            if kinks.iter().any(|k| (x - k).abs() < 2.0 * H) {
                continue;
            }
            let (fd, tol) = finite_difference(&a, x);
            let d = f64::from(a.derivative(x as f32));
            if (d - fd).abs() > tol {
                failures.push(format!("{a}'({x}) = {d}, finite difference {fd} ± {tol:e}"));
            }
            n_checked += 1;
        }
    }
    assert!(n_checked > 70_000, "{n_checked}");
    assert!(
        failures.is_empty(),
        "{} of {n_checked} off:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn finite_difference_is_sharp_enough_to_catch_a_small_error() {
    // The tolerance must reject a derivative off by 5e-5 + 1e-4·|f′| at ordinary points (|f| ≤ 5;
    // the allowance for rounding noise grows with |f|).
    for a in specs() {
        let kinks = kinks(&a);
        for x in [-2.3, -0.7, 0.4, 1.9, 4.1] {
            if kinks.iter().any(|k| (x - k).abs() < 2.0 * H) {
                continue;
            }
            let (fd, tol) = finite_difference(&a, x);
            let d = f64::from(a.derivative(x as f32));
            if a.apply(x as f32).abs() <= 5.0 {
                assert!(
                    tol < 5e-5 + 1e-4 * d.abs(),
                    "{a} at {x}: tolerance {tol:e} too loose for f′ = {d}"
                );
            }
            assert!((d - fd).abs() <= tol);
        }
    }
}

#[test]
fn derivatives_are_exact_where_the_curve_is_linear() {
    for (spec, x, slope) in [
        ("relu", 3.0, 1.0),
        ("leaky_relu(negative_slope=0.2)", -3.0, 0.2),
        ("prelu", -7.0, 0.25),
        ("relu6", 5.9, 1.0),
        ("hardtanh", 0.3, 1.0),
        ("hardsigmoid", 1.0, 1.0 / 6.0),
        ("softshrink", 2.0, 1.0),
        ("identity", -9.0, 1.0),
        ("softplus", 25.0, 1.0),
        ("selu", 2.0, 1.050_700_987_355_480_5_f64 as f32),
    ] {
        let a: Activation = spec.parse().unwrap();
        assert_eq!(a.derivative(x), slope, "{spec}'({x})");
    }
}
