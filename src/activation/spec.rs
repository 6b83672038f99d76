//! The text form of an activation ("spec"): `name` or `name(param=value, ...)`, PyTorch's names.
//!
//! Parsing accepts spaces around every token and parameters in any order; omitted parameters keep their
//! PyTorch defaults. [`Activation`]'s `Display` writes the canonical spec: the name, then every
//! parameter in catalogue order with the shortest decimal that reads back to the same f32, so
//! `spec.parse::<Activation>()?.to_string().parse()` gives an equal value.

use std::fmt;
use std::str::FromStr;

use super::{Activation, GeluApproximate};
use crate::error::Error;
use crate::float::{parse_f32, Exp, Plain};

fn error(message: String) -> Error {
    Error::new(message)
}

/// Other names people use for a case: TensorFlow Playground's `linear`, and `swish` for SiLU.
const ALIASES: &[(&str, &str)] = &[("linear", "identity"), ("swish", "silu")];

impl Activation {
    /// Checks the parameters: every number finite, and `rrelu` lower ≤ upper, `hardtanh` min_val <
    /// max_val, `celu` alpha > 0, `softplus` beta > 0, `squareplus` b ≥ 0, shrink lambd ≥ 0. The parser
    /// runs this; call it on values built directly.
    pub fn validate(&self) -> Result<(), Error> {
        let name = self.name();
        for (key, value) in self.numeric_params().into_iter().flatten() {
            if !value.is_finite() {
                return Err(error(format!(
                    "{name}: {key} must be a finite number, got {}",
                    Plain(value)
                )));
            }
        }
        let at_least = |key: &str, value: f32, min: f32, strict: bool| {
            let ok = if strict { value > min } else { value >= min };
            if ok {
                Ok(())
            } else {
                let relation = if strict { ">" } else { "≥" };
                Err(error(format!(
                    "{name}: {key} must be {relation} {}, got {}",
                    Plain(min),
                    Plain(value)
                )))
            }
        };
        match *self {
            Activation::Rrelu { lower, upper } if lower > upper => Err(error(format!(
                "rrelu: lower must be ≤ upper, got lower={}, upper={}",
                Plain(lower),
                Plain(upper)
            ))),
            Activation::Hardtanh { min_val, max_val } if min_val >= max_val => Err(error(format!(
                "hardtanh: min_val must be < max_val, got min_val={}, max_val={}",
                Plain(min_val),
                Plain(max_val)
            ))),
            Activation::Celu { alpha } => at_least("alpha", alpha, 0.0, true),
            Activation::Softplus { beta, .. } => at_least("beta", beta, 0.0, true),
            Activation::Squareplus { b } => at_least("b", b, 0.0, false),
            Activation::Hardshrink { lambd } | Activation::Softshrink { lambd } => {
                at_least("lambd", lambd, 0.0, false)
            }
            _ => Ok(()),
        }
    }

    /// The numeric parameters as (name, value), in catalogue order; `None` pads the fixed-size array.
    fn numeric_params(&self) -> [Option<(&'static str, f32)>; 2] {
        match *self {
            Activation::LeakyRelu { negative_slope } => {
                [Some(("negative_slope", negative_slope)), None]
            }
            Activation::Prelu { weight } => [Some(("weight", weight)), None],
            Activation::Rrelu { lower, upper } => [Some(("lower", lower)), Some(("upper", upper))],
            Activation::Elu { alpha } | Activation::Celu { alpha } => {
                [Some(("alpha", alpha)), None]
            }
            Activation::Softplus { beta, threshold } => {
                [Some(("beta", beta)), Some(("threshold", threshold))]
            }
            Activation::Squareplus { b } => [Some(("b", b)), None],
            Activation::Threshold { threshold, value } => {
                [Some(("threshold", threshold)), Some(("value", value))]
            }
            Activation::Hardtanh { min_val, max_val } => {
                [Some(("min_val", min_val)), Some(("max_val", max_val))]
            }
            Activation::Hardshrink { lambd } | Activation::Softshrink { lambd } => {
                [Some(("lambd", lambd)), None]
            }
            _ => [None, None],
        }
    }

    /// The parameters' names in catalogue order (what the catalogue's `params` list; a test checks).
    /// Read from the cases themselves, so that the parser does not hold on to the catalogue's texts.
    fn param_names(&self) -> Vec<&'static str> {
        if let Activation::Gelu { .. } = self {
            return vec!["approximate"];
        }
        self.numeric_params()
            .into_iter()
            .flatten()
            .map(|(key, _)| key)
            .collect()
    }

    /// Sets parameter `key` from its text; errors name the parameters this case has.
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), Error> {
        let name = self.name();
        let names = self.param_names();
        if let Activation::Gelu { approximate } = self {
            if key == "approximate" {
                let unquoted = value.trim_matches(|c| c == '\'' || c == '"');
                *approximate = match unquoted {
                    "none" => GeluApproximate::None,
                    "tanh" => GeluApproximate::Tanh,
                    _ => {
                        return Err(error(format!(
                            "gelu: approximate must be none or tanh, got '{value}'"
                        )))
                    }
                };
                return Ok(());
            }
        }
        let slot: Option<&mut f32> = match (self, key) {
            (Activation::LeakyRelu { negative_slope }, "negative_slope") => Some(negative_slope),
            (Activation::Prelu { weight }, "weight") => Some(weight),
            (Activation::Rrelu { lower, .. }, "lower") => Some(lower),
            (Activation::Rrelu { upper, .. }, "upper") => Some(upper),
            (Activation::Elu { alpha } | Activation::Celu { alpha }, "alpha") => Some(alpha),
            (Activation::Softplus { beta, .. }, "beta") => Some(beta),
            (Activation::Softplus { threshold, .. }, "threshold") => Some(threshold),
            (Activation::Squareplus { b }, "b") => Some(b),
            (Activation::Threshold { threshold, .. }, "threshold") => Some(threshold),
            (Activation::Threshold { value, .. }, "value") => Some(value),
            (Activation::Hardtanh { min_val, .. }, "min_val") => Some(min_val),
            (Activation::Hardtanh { max_val, .. }, "max_val") => Some(max_val),
            (Activation::Hardshrink { lambd } | Activation::Softshrink { lambd }, "lambd") => {
                Some(lambd)
            }
            _ => None,
        };
        let Some(slot) = slot else {
            return Err(error(if names.is_empty() {
                format!("{name} has no parameters, got '{key}'")
            } else {
                format!(
                    "{name} has no parameter '{key}'; its parameters are: {}",
                    names.join(", ")
                )
            }));
        };
        *slot = match parse_f32(value) {
            Some(v) if v.is_finite() => v,
            _ => {
                return Err(error(format!(
                    "{name}: {key} must be a finite number, got '{value}'"
                )))
            }
        };
        Ok(())
    }
}

/// Writes `v` as the shortest decimal that parses back to the same f32, in exponent form when tiny or huge.
fn write_number(f: &mut fmt::Formatter<'_>, v: f32) -> fmt::Result {
    let magnitude = v.abs();
    if magnitude == 0.0 || (1e-4..1e7).contains(&magnitude) {
        fmt::Display::fmt(&Plain(v), f)
    } else {
        fmt::Display::fmt(&Exp(v), f)
    }
}

impl fmt::Display for Activation {
    // Plain writes, no `write!`: this runs for every spec the page shows, and each `write!` is an argument
    // list built in the wasm.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        if let Activation::Gelu { approximate } = self {
            f.write_str("(approximate=")?;
            f.write_str(approximate.name())?;
            return f.write_str(")");
        }
        let mut open = false;
        for (key, value) in self.numeric_params().into_iter().flatten() {
            f.write_str(if open { ", " } else { "(" })?;
            open = true;
            f.write_str(key)?;
            f.write_str("=")?;
            write_number(f, value)?;
        }
        if open {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl FromStr for Activation {
    type Err = Error;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let spec = spec.trim();
        let (name, args) = match spec.split_once('(') {
            Some((name, rest)) => {
                let Some(inner) = rest.strip_suffix(')') else {
                    return Err(error(format!(
                        "activation spec '{spec}' must end with ')' after its parameters"
                    )));
                };
                (name.trim(), Some(inner))
            }
            None => (spec, None),
        };
        let canonical = ALIASES
            .iter()
            .find(|(alias, _)| *alias == name)
            .map_or(name, |(_, n)| n);
        let Some(mut activation) = Activation::from_name(canonical) else {
            return Err(error(format!(
                "unknown activation '{name}'; choose one of: {}",
                Activation::NAMES.join(", ")
            )));
        };
        let args = args.unwrap_or("");
        if args.contains(['(', ')']) {
            return Err(error(format!(
                "activation spec '{spec}' has unbalanced parentheses"
            )));
        }
        if args.trim().is_empty() {
            return Ok(activation);
        }
        let mut seen: Vec<&str> = Vec::new();
        for arg in args.split(',') {
            let Some((key, value)) = arg.split_once('=') else {
                return Err(error(format!(
                    "'{}' in '{spec}' is not of the form name=value",
                    arg.trim()
                )));
            };
            let (key, value) = (key.trim(), value.trim());
            if seen.contains(&key) {
                return Err(error(format!("{name}: {key} is given twice in '{spec}'")));
            }
            seen.push(key);
            activation.set_param(key, value)?;
        }
        activation.validate()?;
        Ok(activation)
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalogue;
    use super::*;

    fn parse(spec: &str) -> Result<Activation, String> {
        spec.parse::<Activation>().map_err(|e| e.to_string())
    }

    #[test]
    fn the_parameter_names_are_the_catalogues() {
        for a in Activation::ALL {
            let listed: Vec<&str> = catalogue::entry(a.name())
                .params
                .iter()
                .map(|p| p.name)
                .collect();
            assert_eq!(a.param_names(), listed, "{}", a.name());
        }
        assert_eq!(
            parse("elu(beta=1)").unwrap_err(),
            "elu has no parameter 'beta'; its parameters are: alpha"
        );
        assert_eq!(
            parse("rrelu(alpha=1)").unwrap_err(),
            "rrelu has no parameter 'alpha'; its parameters are: lower, upper"
        );
        assert_eq!(
            parse("gelu(alpha=1)").unwrap_err(),
            "gelu has no parameter 'alpha'; its parameters are: approximate"
        );
        assert_eq!(
            parse("relu(alpha=1)").unwrap_err(),
            "relu has no parameters, got 'alpha'"
        );
    }

    #[test]
    fn issue_examples_parse() {
        assert_eq!(
            parse("leaky_relu(negative_slope=0.1)"),
            Ok(Activation::LeakyRelu {
                negative_slope: 0.1
            })
        );
        assert_eq!(
            parse("gelu(approximate=tanh)"),
            Ok(Activation::Gelu {
                approximate: GeluApproximate::Tanh
            })
        );
        assert_eq!(
            parse("softplus(beta=2, threshold=10)"),
            Ok(Activation::Softplus {
                beta: 2.0,
                threshold: 10.0
            })
        );
        assert_eq!(
            parse("hardtanh(min_val=-2, max_val=2)"),
            Ok(Activation::Hardtanh {
                min_val: -2.0,
                max_val: 2.0
            })
        );
        assert_eq!(
            parse("threshold(threshold=0.1, value=20)"),
            Ok(Activation::Threshold {
                threshold: 0.1,
                value: 20.0
            })
        );
        assert_eq!(
            parse("rrelu(lower=0.125, upper=0.3333333)"),
            Ok(Activation::Rrelu {
                lower: 0.125,
                upper: 0.3333333
            })
        );
        assert_eq!(
            parse("prelu(weight=0.25)"),
            Ok(Activation::Prelu { weight: 0.25 })
        );
    }

    #[test]
    fn spaces_order_defaults_quotes_and_aliases() {
        assert_eq!(
            parse("  softplus ( threshold = 5 ,beta=3 )  "),
            Ok(Activation::Softplus {
                beta: 3.0,
                threshold: 5.0
            })
        );
        assert_eq!(
            parse("softplus(beta=3)"),
            Ok(Activation::Softplus {
                beta: 3.0,
                threshold: 20.0
            })
        );
        assert_eq!(
            parse("gelu(approximate='tanh')"),
            parse("gelu(approximate=tanh)")
        );
        assert_eq!(parse("relu()"), Ok(Activation::Relu));
        assert_eq!(parse("linear"), Ok(Activation::Identity));
        assert_eq!(parse("swish"), Ok(Activation::Silu));
    }

    #[test]
    fn display_is_canonical() {
        assert_eq!(Activation::Relu.to_string(), "relu");
        assert_eq!(
            Activation::LeakyRelu {
                negative_slope: 0.01
            }
            .to_string(),
            "leaky_relu(negative_slope=0.01)"
        );
        assert_eq!(
            Activation::Gelu {
                approximate: GeluApproximate::None
            }
            .to_string(),
            "gelu(approximate=none)"
        );
        assert_eq!(
            Activation::Softplus {
                beta: 1.0,
                threshold: 20.0
            }
            .to_string(),
            "softplus(beta=1, threshold=20)"
        );
        assert_eq!(
            Activation::Rrelu {
                lower: 0.125,
                upper: 1.0 / 3.0
            }
            .to_string(),
            "rrelu(lower=0.125, upper=0.33333334)"
        );
        assert_eq!(
            Activation::Prelu { weight: 1e-30 }.to_string(),
            "prelu(weight=1e-30)"
        );
        assert_eq!(
            Activation::Prelu { weight: -3e20 }.to_string(),
            "prelu(weight=-3e20)"
        );
    }

    #[test]
    fn errors_name_the_valid_choices_or_range() {
        let unknown = parse("swishy").unwrap_err();
        assert!(
            unknown.contains("'swishy'")
                && unknown.contains("leaky_relu")
                && unknown.contains("gaussian"),
            "{unknown}"
        );
        let param = parse("leaky_relu(slope=0.1)").unwrap_err();
        assert!(
            param.contains("'slope'") && param.contains("negative_slope"),
            "{param}"
        );
        let none = parse("relu(x=1)").unwrap_err();
        assert!(none.contains("no parameters"), "{none}");
        for bad in ["nan", "NaN", "inf", "-inf", "1e39", "abc", ""] {
            let e = parse(&format!("elu(alpha={bad})")).unwrap_err();
            assert!(e.contains("alpha must be a finite number"), "{e}");
        }
        let e = parse("hardtanh(min_val=2, max_val=1)").unwrap_err();
        assert!(e.contains("min_val must be < max_val"), "{e}");
        let e = parse("rrelu(lower=0.5, upper=0.25)").unwrap_err();
        assert!(e.contains("lower must be ≤ upper"), "{e}");
        let e = parse("softplus(beta=0)").unwrap_err();
        assert!(e.contains("beta must be > 0"), "{e}");
        let e = parse("celu(alpha=-1)").unwrap_err();
        assert!(e.contains("alpha must be > 0"), "{e}");
        let e = parse("softshrink(lambd=-0.1)").unwrap_err();
        assert!(e.contains("lambd must be ≥ 0"), "{e}");
        let e = parse("squareplus(b=-1)").unwrap_err();
        assert!(e.contains("b must be ≥ 0"), "{e}");
        let e = parse("gelu(approximate=erf)").unwrap_err();
        assert!(e.contains("none or tanh"), "{e}");
        assert!(parse("elu(alpha=1, alpha=2)")
            .unwrap_err()
            .contains("twice"));
        assert!(parse("elu(alpha=1").unwrap_err().contains("')'"));
        assert!(parse("elu(alpha=(1))").unwrap_err().contains("parentheses"));
        assert!(parse("elu(alpha)").unwrap_err().contains("name=value"));
        assert!(parse("elu(alpha=1,)").unwrap_err().contains("name=value"));
        assert!(parse("").unwrap_err().contains("choose one of"));
        assert!(parse("RELU").is_err());
    }

    #[test]
    fn validate_catches_values_built_directly() {
        assert!(Activation::Hardtanh {
            min_val: 1.0,
            max_val: 1.0
        }
        .validate()
        .is_err());
        assert!(Activation::Prelu { weight: f32::NAN }.validate().is_err());
        assert!(Activation::Threshold {
            threshold: 0.0,
            value: f32::INFINITY
        }
        .validate()
        .is_err());
        assert!(Activation::Threshold {
            threshold: -3.0,
            value: 7.0
        }
        .validate()
        .is_ok());
    }
}
