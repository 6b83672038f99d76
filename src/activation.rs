//! Activation functions: each case's value and derivative side by side, spec parsing and metadata.

use std::fmt;
use std::str::FromStr;

/// How a layer's weights are drawn at initialisation, chosen by its activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitScheme {
    /// He / Kaiming: variance 2 / fan_in (the ReLU family).
    He,
    /// Glorot / Xavier: variance 2 / (fan_in + fan_out) (tanh, sigmoid and other saturating curves).
    Glorot,
    /// LeCun: variance 1 / fan_in (SELU, whose self-normalisation assumes it).
    LeCun,
}

/// An element-wise activation function, named and parameterised as in PyTorch.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Activation {
    /// f(x) = x.
    Identity,
    /// f(x) = max(0, x).
    #[default]
    Relu,
    /// f(x) = x for x ≥ 0, negative_slope · x below.
    LeakyRelu {
        /// Slope for x < 0 (PyTorch default 0.01).
        negative_slope: f32,
    },
    /// f(x) = 1 / (1 + e^(-x)).
    Sigmoid,
    /// f(x) = tanh(x).
    Tanh,
}

/// Why a spec string could not be read as an [`Activation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseActivationError(pub String);

impl fmt::Display for ParseActivationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseActivationError {}

impl Activation {
    /// Every case's spec name, in catalogue order.
    pub const NAMES: &'static [&'static str] =
        &["identity", "relu", "leaky_relu", "sigmoid", "tanh"];

    /// The spec name (PyTorch's functional name), e.g. `leaky_relu`.
    pub fn name(&self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Relu => "relu",
            Activation::LeakyRelu { .. } => "leaky_relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
        }
    }

    /// f(x).
    pub fn apply(&self, x: f32) -> f32 {
        match *self {
            Activation::Identity => x,
            Activation::Relu => {
                if x > 0.0 || x.is_nan() {
                    x
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu { negative_slope } => {
                if x >= 0.0 || x.is_nan() {
                    x
                } else {
                    x * negative_slope
                }
            }
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => libm::tanhf(x),
        }
    }

    /// f′(x), with torch autograd's choice at kinks.
    pub fn derivative(&self, x: f32) -> f32 {
        if x.is_nan() {
            return x;
        }
        match *self {
            Activation::Identity => 1.0,
            Activation::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu { negative_slope } => {
                if x > 0.0 {
                    1.0
                } else {
                    negative_slope
                }
            }
            Activation::Sigmoid => {
                let s = sigmoid(x);
                s * (1.0 - s)
            }
            Activation::Tanh => {
                let t = libm::tanhf(x);
                1.0 - t * t
            }
        }
    }

    /// `out[i] = f(xs[i])`. Panics if the lengths differ.
    pub fn apply_slice(&self, xs: &[f32], out: &mut [f32]) {
        assert_eq!(
            xs.len(),
            out.len(),
            "apply_slice: input and output lengths differ"
        );
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = self.apply(x);
        }
    }

    /// `out[i] = f′(xs[i])`. Panics if the lengths differ.
    pub fn derivative_slice(&self, xs: &[f32], out: &mut [f32]) {
        assert_eq!(
            xs.len(),
            out.len(),
            "derivative_slice: input and output lengths differ"
        );
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = self.derivative(x);
        }
    }

    /// The weight initialisation that suits this activation.
    pub fn init_scheme(&self) -> InitScheme {
        match self {
            Activation::Relu | Activation::LeakyRelu { .. } => InitScheme::He,
            Activation::Identity | Activation::Sigmoid | Activation::Tanh => InitScheme::Glorot,
        }
    }

    /// The finite output bounds of a saturating curve (sigmoid: (0, 1), tanh: (-1, 1)); `None` when
    /// either side is unbounded. A unit "saturates" when its output is within 3 % of the span of a bound.
    pub fn output_bounds(&self) -> Option<(f32, f32)> {
        match self {
            Activation::Sigmoid => Some((0.0, 1.0)),
            Activation::Tanh => Some((-1.0, 1.0)),
            _ => None,
        }
    }
}

/// Logistic sigmoid, never overflowing: e^(-|x|) is always in (0, 1].
fn sigmoid(x: f32) -> f32 {
    if x >= 0.0 {
        1.0 / (1.0 + libm::expf(-x))
    } else {
        let e = libm::expf(x);
        e / (1.0 + e)
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Activation::LeakyRelu { negative_slope } => {
                write!(f, "leaky_relu(negative_slope={negative_slope})")
            }
            other => f.write_str(other.name()),
        }
    }
}

impl FromStr for Activation {
    type Err = ParseActivationError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let spec = spec.trim();
        let (name, args) = match spec.find('(') {
            Some(open) if spec.ends_with(')') => {
                (spec[..open].trim(), &spec[open + 1..spec.len() - 1])
            }
            Some(_) => {
                return Err(ParseActivationError(format!(
                    "activation spec '{spec}' has an unclosed '('"
                )))
            }
            None => (spec, ""),
        };
        let mut activation = match name {
            "identity" => Activation::Identity,
            "relu" => Activation::Relu,
            "leaky_relu" => Activation::LeakyRelu {
                negative_slope: 0.01,
            },
            "sigmoid" => Activation::Sigmoid,
            "tanh" => Activation::Tanh,
            _ => {
                return Err(ParseActivationError(format!(
                    "unknown activation '{name}'; choose one of: {}",
                    Activation::NAMES.join(", ")
                )))
            }
        };
        for arg in args.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            let (key, value) = arg.split_once('=').ok_or_else(|| {
                ParseActivationError(format!("'{arg}' in '{spec}' is not of the form name=value"))
            })?;
            let (key, value) = (key.trim(), value.trim());
            match (&mut activation, key) {
                (Activation::LeakyRelu { negative_slope }, "negative_slope") => {
                    *negative_slope = parse_finite(key, value)?;
                }
                _ => {
                    return Err(ParseActivationError(format!(
                        "{name} has no parameter '{key}'"
                    )))
                }
            }
        }
        Ok(activation)
    }
}

fn parse_finite(key: &str, value: &str) -> Result<f32, ParseActivationError> {
    match value.parse::<f32>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ParseActivationError(format!(
            "{key} must be a finite number, got '{value}'"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relu_is_max_zero_x_with_torch_kink() {
        let relu = Activation::Relu;
        assert_eq!(relu.apply(-2.0), 0.0);
        assert_eq!(relu.apply(3.5), 3.5);
        assert_eq!(relu.derivative(0.0), 0.0);
        assert_eq!(relu.derivative(1e-30), 1.0);
        assert!(relu.apply(f32::NAN).is_nan());
    }

    #[test]
    fn specs_round_trip() {
        for spec in [
            "relu",
            "leaky_relu(negative_slope=0.1)",
            "tanh",
            "sigmoid",
            "identity",
        ] {
            let a: Activation = spec.parse().unwrap();
            assert_eq!(a.to_string().parse::<Activation>().unwrap(), a);
        }
        assert!("swishy"
            .parse::<Activation>()
            .unwrap_err()
            .0
            .contains("relu"));
    }
}
