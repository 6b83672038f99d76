//! Spec text: every case and awkward parameter values survive Display → FromStr unchanged, and bad
//! specs are refused with a message that names the valid choices or range.

use activation_playground::activation::{GeluApproximate, ParamKind};
use activation_playground::Activation;

/// Values whose shortest decimal form is awkward: tiny, huge, negative zero, 1/3, one ulp off 0.1.
const AWKWARD: [f32; 9] = [
    0.0,
    -0.0,
    1e-30,
    3.0e20,
    1.0 / 3.0,
    0.1,
    0.100_000_01,
    f32::MIN_POSITIVE,
    123_456_790.0,
];

fn round_trip(a: Activation) {
    let text = a.to_string();
    let back: Activation = text
        .parse()
        .unwrap_or_else(|e| panic!("'{text}' does not parse back: {e}"));
    assert_eq!(back, a, "'{text}'");
    // Equal parameters bit for bit (PartialEq alone would let −0 equal 0).
    assert_eq!(format!("{back:?}"), format!("{a:?}"), "'{text}'");
    assert_eq!(back.to_string(), text, "Display is canonical");
}

#[test]
fn every_case_round_trips_with_awkward_parameters() {
    for a in Activation::ALL {
        round_trip(a);
        for &v in &AWKWARD {
            let variants = match a {
                Activation::LeakyRelu { .. } => vec![
                    Activation::LeakyRelu { negative_slope: v },
                    Activation::LeakyRelu { negative_slope: -v },
                ],
                Activation::Prelu { .. } => vec![Activation::Prelu { weight: -v }],
                Activation::Rrelu { .. } => vec![
                    Activation::Rrelu { lower: v, upper: v },
                    Activation::Rrelu {
                        lower: -v,
                        upper: 2.0 * v,
                    },
                ],
                Activation::Elu { .. } => vec![Activation::Elu { alpha: v }],
                Activation::Celu { .. } if v > 0.0 => vec![Activation::Celu { alpha: v }],
                Activation::Softplus { .. } if v > 0.0 => vec![Activation::Softplus {
                    beta: v,
                    threshold: -v,
                }],
                Activation::Squareplus { .. } => vec![Activation::Squareplus { b: v }],
                Activation::Threshold { .. } => vec![Activation::Threshold {
                    threshold: v,
                    value: -v,
                }],
                Activation::Hardtanh { .. } if v > 0.0 => vec![Activation::Hardtanh {
                    min_val: -v,
                    max_val: v,
                }],
                Activation::Hardshrink { .. } => vec![Activation::Hardshrink { lambd: v }],
                Activation::Softshrink { .. } => vec![Activation::Softshrink { lambd: v }],
                Activation::Gelu { .. } => vec![Activation::Gelu {
                    approximate: GeluApproximate::Tanh,
                }],
                _ => vec![],
            };
            for variant in variants {
                assert_eq!(variant.validate(), Ok(()), "{variant:?}");
                round_trip(variant);
            }
        }
    }
}

#[test]
fn written_forms_parse_to_the_canonical_one() {
    for (written, canonical) in [
        ("leaky_relu", "leaky_relu(negative_slope=0.01)"),
        (
            "leaky_relu( negative_slope = 1e-1 )",
            "leaky_relu(negative_slope=0.1)",
        ),
        ("rrelu(upper=0.5,lower=.25)", "rrelu(lower=0.25, upper=0.5)"),
        ("gelu", "gelu(approximate=none)"),
        ("gelu(approximate=\"tanh\")", "gelu(approximate=tanh)"),
        ("softplus(threshold=+5)", "softplus(beta=1, threshold=5)"),
        (
            "hardtanh(max_val=2.50)",
            "hardtanh(min_val=-1, max_val=2.5)",
        ),
        ("threshold", "threshold(threshold=1, value=0)"),
        ("squareplus(b=0)", "squareplus(b=0)"),
        ("prelu(weight=0.000001)", "prelu(weight=1e-6)"),
        (" selu ", "selu"),
        ("swish", "silu"),
    ] {
        let a: Activation = written.parse().unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(a.to_string(), canonical, "{written}");
    }
}

#[test]
fn catalogue_defaults_are_the_parsed_defaults() {
    for entry in Activation::catalogue() {
        let a: Activation = entry.name.parse().unwrap();
        let canonical = a.to_string();
        for p in entry.params {
            let default = match p.kind {
                ParamKind::Number { default, .. } => default.to_string(),
                ParamKind::Choice { default, .. } => default.to_string(),
            };
            assert!(
                canonical.contains(&format!("{}={default}", p.name)),
                "{canonical} vs {}={default}",
                p.name
            );
        }
    }
}

#[test]
fn bad_specs_name_the_valid_choices_or_range() {
    for (spec, must_contain) in [
        ("sigmod", "choose one of: identity, binary_step, sigmoid"),
        (
            "leaky_relu(alpha=0.1)",
            "its parameters are: negative_slope",
        ),
        (
            "softplus(beta=1, thresh=3)",
            "its parameters are: beta, threshold",
        ),
        ("tanh(x=1)", "tanh has no parameters"),
        ("elu(alpha=NaN)", "alpha must be a finite number"),
        ("elu(alpha=inf)", "alpha must be a finite number"),
        ("hardtanh(min_val=1)", "min_val must be < max_val"),
        (
            "hardtanh(min_val=3, max_val=-3)",
            "min_val must be < max_val",
        ),
        ("rrelu(lower=0.4)", "lower must be ≤ upper"),
        ("softplus(beta=-1)", "beta must be > 0"),
        ("celu(alpha=0)", "alpha must be > 0"),
        ("hardshrink(lambd=-1)", "lambd must be ≥ 0"),
        ("gelu(approximate=yes)", "approximate must be none or tanh"),
        ("relu(", "must end with ')'"),
        ("relu)", "choose one of"),
    ] {
        let e = spec.parse::<Activation>().expect_err(spec).to_string();
        assert!(
            e.contains(must_contain),
            "'{spec}': '{e}' should mention '{must_contain}'"
        );
    }
}
