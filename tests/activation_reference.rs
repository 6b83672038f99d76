//! Every activation against a table made by PyTorch itself (tests/reference/activation_reference.json,
//! written by tests/reference/make_activation_reference.py; no Python is needed to run this test).
//!
//! For each spec and input the table holds torch's float32 f(x) and autograd f′(x), and — where it
//! differs from torch by even one bit — the correctly rounded true value (mpmath, 60 digits, with torch's
//! kink conventions). Our result must agree with either within 1e-6 relative + 1e-7 absolute.
//!
//! Where the two differ by more than that tolerance, torch is the one that is off, and our result must
//! match the true value. The cases, as the generator finds them (torch 2.x):
//! - NaN input: torch.heaviside (our binary_step) gives 0, and torch's derivatives of relu, leaky_relu, prelu, rrelu, elu, celu, selu, relu6,
//!   threshold, hardtanh, hardsigmoid, hardswish, hardshrink, softshrink and identity return a number
//!   (usually the slope, since NaN fails every comparison); we return NaN, as the issue requires.
//! - ±inf: torch gives NaN (inf/inf, inf·0 or inf − inf) for softsign, silu, gelu (both forms), mish,
//!   squareplus, hardswish(−∞) and gaussian′, where the limit exists; we return the limit.
//! - Cancellation or overflow in float32: gelu(approximate=none) for x ≲ −3 (1 + erf(x/√2) loses
//!   digits), the derivative of gelu's tanh form for x ≲ −4.75 and at ±f32::MAX, squareplus for x ≪ 0
//!   (x + √(x² + b)) and at −f32::MAX (x² overflows), hardswish at f32::MAX (x·6 overflows before
//!   the division by 6).
//!
//! A NaN reference that is not the true value is never accepted: NaN from torch counts only if the true
//! value is NaN too.

use activation_playground::Activation;
use serde_json::Value;

const REFERENCE: &str = include_str!("reference/activation_reference.json");

fn hex_f32(v: &Value) -> f32 {
    let text = v.as_str().expect("float32 values are hex strings");
    f32::from_bits(u32::from_str_radix(text, 16).expect("8 hex digits"))
}

fn hex_list(v: &Value) -> Vec<f32> {
    v.as_array()
        .expect("a list of hex strings")
        .iter()
        .map(hex_f32)
        .collect()
}

/// The tolerance: |ours − reference| ≤ 1e-6·|reference| + 1e-7; NaN only matches NaN and an
/// infinite reference only itself.
fn close(ours: f32, reference: f32) -> bool {
    if reference.is_nan() || ours.is_nan() {
        return reference.is_nan() && ours.is_nan();
    }
    if reference.is_infinite() || ours.is_infinite() {
        return ours == reference;
    }
    let (a, b) = (f64::from(ours), f64::from(reference));
    (a - b).abs() <= 1e-6 * b.abs() + 1e-7
}

/// Ours is right if it is close to the true value, or to torch's value when torch is not NaN in place
/// of a number.
fn accepted(ours: f32, torch: f32, exact: f32) -> bool {
    close(ours, exact) || (close(ours, torch) && torch.is_nan() == exact.is_nan())
}

struct Case {
    spec: String,
    xs: Vec<f32>,
    f: Vec<f32>,
    df: Vec<f32>,
    exact_f: Vec<f32>,
    exact_df: Vec<f32>,
}

fn load() -> Vec<Case> {
    let root: Value = serde_json::from_str(REFERENCE).expect("reference JSON parses");
    let common = hex_list(&root["x"]);
    root["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let mut xs = common.clone();
            xs.extend(hex_list(&c["extra_x"]));
            let f = hex_list(&c["f"]);
            let df = hex_list(&c["df"]);
            assert_eq!((f.len(), df.len()), (xs.len(), xs.len()));
            let (mut exact_f, mut exact_df) = (f.clone(), df.clone());
            for (i, pair) in c["exact"].as_object().expect("exact is an object") {
                let i: usize = i.parse().expect("index");
                if !pair[0].is_null() {
                    exact_f[i] = hex_f32(&pair[0]);
                }
                if !pair[1].is_null() {
                    exact_df[i] = hex_f32(&pair[1]);
                }
            }
            Case {
                spec: c["spec"].as_str().expect("spec").to_string(),
                xs,
                f,
                df,
                exact_f,
                exact_df,
            }
        })
        .collect()
}

#[test]
fn every_case_matches_pytorch_or_the_true_value() {
    let cases = load();
    assert!(
        cases.len() >= 40,
        "the table covers every case, some with several parameter sets"
    );
    let mut failures = Vec::new();
    let mut n_checked = 0;
    for case in &cases {
        let a: Activation = case
            .spec
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", case.spec));
        assert_eq!(a.to_string(), case.spec, "the table uses canonical specs");
        for (i, &x) in case.xs.iter().enumerate() {
            let (f, df) = (a.apply(x), a.derivative(x));
            if !accepted(f, case.f[i], case.exact_f[i]) {
                failures.push(format!(
                    "{}({x:e}) = {f:e}; torch {:e}, true {:e}",
                    case.spec, case.f[i], case.exact_f[i]
                ));
            }
            if !accepted(df, case.df[i], case.exact_df[i]) {
                failures.push(format!(
                    "{}'({x:e}) = {df:e}; torch {:e}, true {:e}",
                    case.spec, case.df[i], case.exact_df[i]
                ));
            }
            n_checked += 2;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n_checked} values off:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_activation_name_is_in_the_table() {
    let cases = load();
    for name in Activation::NAMES {
        assert!(
            cases.iter().any(|c| c.spec.split('(').next() == Some(name)),
            "{name} has no PyTorch reference"
        );
    }
}

/// The table's true values come from formulas typed into the generator; torch is the independent check
/// on them. They must agree (within tolerance) on nearly every point, so a wrong formula cannot hide.
#[test]
fn torch_and_true_values_agree_almost_everywhere() {
    for case in load() {
        let n = case.xs.len();
        let disagreements = (0..n)
            .filter(|&i| !close(case.f[i], case.exact_f[i]) || !close(case.df[i], case.exact_df[i]))
            .count();
        assert!(
            disagreements * 10 <= n,
            "{}: torch and the true value disagree on {disagreements} of {n} inputs",
            case.spec
        );
    }
}

#[test]
fn the_table_contains_the_edge_inputs() {
    let cases = load();
    let xs = &cases[0].xs;
    let has = |v: f32| xs.iter().any(|x| x.to_bits() == v.to_bits());
    for v in [
        0.0,
        -0.0,
        f32::from_bits(1),
        f32::MIN_POSITIVE,
        88.0,
        -89.0,
        1000.0,
        f32::MAX,
        f32::MIN,
    ] {
        assert!(has(v), "{v:e} missing");
    }
    assert!(has(f32::INFINITY) && has(f32::NEG_INFINITY) && xs.iter().any(|x| x.is_nan()));
    assert!(
        xs.iter().filter(|x| (-10.0..=10.0).contains(*x)).count() >= 200,
        "a dense grid of [-10, 10]"
    );
}
