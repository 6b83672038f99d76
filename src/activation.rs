//! Activation functions: each case's value and derivative side by side, spec parsing and metadata.
//!
//! Every case follows PyTorch: its functional name (`leaky_relu`), its parameter names and defaults, its
//! float32 results, and torch autograd's choice of derivative at a kink. Values agree with PyTorch or with
//! the correctly rounded true value within 1e-6 relative + 1e-7 absolute (tested on a dense grid of
//! [−10, 10], ±0, subnormals, one ulp around every kink, ±88, ±89, ±1000, ±f32::MAX and ±inf, where the
//! limit is returned if one exists). NaN in gives NaN out, for f and f′.
//!
//! How: where one f32 operation gives the result (x·slope, x − λ, a clamp) it is computed in f32, so it
//! is correctly rounded; tanh and sigmoid, the two that training evaluates in bulk, have f32 routes of
//! their own (within 2.5 ulp, f′ within 4.5 ulp); everything else is computed in f64 through `libm`, in
//! forms that cannot overflow or cancel (see the `math` submodule), and rounded to f32 once at the end.
//! The same code runs natively and in wasm, so both give bit-identical numbers.
//!
//! Scope: only element-wise activations of one input. Learnable parameters (PReLU's `weight`) are fixed
//! numbers here; RReLU is its evaluation mode (a fixed slope), as training would need a random stream.
//! The text form of a case (a "spec") lives in the `spec` submodule, the metadata for the page in
//! `catalogue`.

mod catalogue;
mod math;
mod spec;

pub use catalogue::{hue, Entry, Group, Param, ParamKind, Smoothness, HUES};

/// How a layer's weights are drawn at initialisation, chosen by its activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitScheme {
    /// He / Kaiming: variance 2 / fan_in (the ReLU family and the smooth rectifiers shaped like it).
    He,
    /// Glorot / Xavier: variance 2 / (fan_in + fan_out) (tanh, sigmoid and other saturating or odd curves).
    Glorot,
    /// LeCun: variance 1 / fan_in (SELU, whose self-normalisation assumes it).
    LeCun,
}

/// Which formula `gelu` uses, as PyTorch's `approximate` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GeluApproximate {
    /// The exact form x·Φ(x), Φ the standard normal CDF (PyTorch's `approximate='none'`).
    #[default]
    None,
    /// The tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (`approximate='tanh'`).
    Tanh,
}

impl GeluApproximate {
    /// The spec value: `none` or `tanh`.
    pub fn name(&self) -> &'static str {
        match self {
            GeluApproximate::None => "none",
            GeluApproximate::Tanh => "tanh",
        }
    }
}

/// SELU's α, from Klambauer et al. (2017), as PyTorch uses it.
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_284_817_042_991_671_7;
/// SELU's scale λ, from Klambauer et al. (2017), as PyTorch uses it.
pub const SELU_SCALE: f64 = 1.050_700_987_355_480_493_419_334_985_294_6;

/// An element-wise activation function, named and parameterised as in PyTorch.
///
/// Parameters are public so a value can be built directly; [`Activation::validate`] (run by the parser)
/// says whether they make sense. Invalid parameters never panic: `apply` still returns a number.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Activation {
    /// f(x) = x.
    Identity,
    /// f(x) = 1 for x ≥ 0, 0 below (the Heaviside step with H(0) = 1); f′ = 0.
    BinaryStep,
    /// f(x) = 1 / (1 + e^(−x)).
    Sigmoid,
    /// f(x) = tanh(x).
    Tanh,
    /// f(x) = x / (1 + |x|).
    Softsign,
    /// f(x) = max(0, x). The default.
    #[default]
    Relu,
    /// f(x) = x for x > 0, negative_slope · x otherwise.
    LeakyRelu {
        /// Slope for x ≤ 0 (PyTorch default 0.01).
        negative_slope: f32,
    },
    /// f(x) = x for x > 0, weight · x otherwise (PyTorch learns `weight`; here it is fixed).
    Prelu {
        /// Slope for x ≤ 0 (PyTorch default 0.25).
        weight: f32,
    },
    /// Randomised leaky ReLU in evaluation mode: slope (lower + upper) / 2 for x ≤ 0.
    Rrelu {
        /// Lower end of the training-time slope range (PyTorch default 1/8).
        lower: f32,
        /// Upper end of the training-time slope range (PyTorch default 1/3).
        upper: f32,
    },
    /// f(x) = α·(e^x − 1) for x ≤ 0, x above.
    Elu {
        /// Value approached as x → −∞ is −alpha (PyTorch default 1).
        alpha: f32,
    },
    /// f(x) = max(0, x) + min(0, α·(e^(x/α) − 1)).
    Celu {
        /// Scale of the negative part, > 0 (PyTorch default 1).
        alpha: f32,
    },
    /// f(x) = λ·x for x > 0, λ·α·(e^x − 1) otherwise, with SELU's fixed α and λ.
    Selu,
    /// f(x) = ln(1 + e^(βx)) / β, and x itself where βx > threshold.
    Softplus {
        /// Sharpness β > 0 (PyTorch default 1).
        beta: f32,
        /// Above βx > threshold the result is x (PyTorch default 20).
        threshold: f32,
    },
    /// f(x) = x · sigmoid(x) (also called swish).
    Silu,
    /// f(x) = x · Φ(x), or its tanh approximation.
    Gelu {
        /// Which formula.
        approximate: GeluApproximate,
    },
    /// f(x) = x · tanh(softplus(x)).
    Mish,
    /// f(x) = (x + √(x² + b)) / 2.
    Squareplus {
        /// Curvature at 0, ≥ 0 (default 4, as in JAX); b = 0 is ReLU.
        b: f32,
    },
    /// f(x) = min(max(0, x), 6).
    Relu6,
    /// f(x) = x for x > threshold, `value` otherwise.
    Threshold {
        /// Inputs above this pass through (default here 1; PyTorch has none).
        threshold: f32,
        /// The output at and below the threshold (default here 0; PyTorch has none).
        value: f32,
    },
    /// f(x) = min(max(min_val, x), max_val).
    Hardtanh {
        /// Lower clip (PyTorch default −1).
        min_val: f32,
        /// Upper clip, > min_val (PyTorch default 1).
        max_val: f32,
    },
    /// f(x) = relu6(x + 3) / 6.
    Hardsigmoid,
    /// f(x) = x · relu6(x + 3) / 6.
    Hardswish,
    /// f(x) = x for |x| > lambd, 0 otherwise.
    Hardshrink {
        /// Half-width of the dead zone, ≥ 0 (PyTorch default 0.5).
        lambd: f32,
    },
    /// f(x) = x − lambd for x > lambd, x + lambd for x < −lambd, 0 between.
    Softshrink {
        /// Half-width of the dead zone, ≥ 0 (PyTorch default 0.5).
        lambd: f32,
    },
    /// f(x) = x − tanh(x).
    Tanhshrink,
    /// f(x) = ln(sigmoid(x)) = −softplus(−x).
    Logsigmoid,
    /// f(x) = sin(x).
    Sine,
    /// f(x) = e^(−x²).
    Gaussian,
}

impl Activation {
    /// Every case's spec name, in catalogue order (grouped as on the page).
    pub const NAMES: &'static [&'static str] = &[
        "identity",
        "binary_step",
        "sigmoid",
        "tanh",
        "softsign",
        "relu",
        "leaky_relu",
        "prelu",
        "rrelu",
        "elu",
        "celu",
        "selu",
        "softplus",
        "silu",
        "gelu",
        "mish",
        "squareplus",
        "relu6",
        "threshold",
        "hardtanh",
        "hardsigmoid",
        "hardswish",
        "hardshrink",
        "softshrink",
        "tanhshrink",
        "logsigmoid",
        "sine",
        "gaussian",
    ];

    /// Every case with its default parameters, in [`Activation::NAMES`] order.
    pub const ALL: [Activation; 28] = [
        Activation::Identity,
        Activation::BinaryStep,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Softsign,
        Activation::Relu,
        Activation::LeakyRelu {
            negative_slope: 0.01,
        },
        Activation::Prelu { weight: 0.25 },
        Activation::Rrelu {
            lower: 0.125,
            upper: 1.0 / 3.0,
        },
        Activation::Elu { alpha: 1.0 },
        Activation::Celu { alpha: 1.0 },
        Activation::Selu,
        Activation::Softplus {
            beta: 1.0,
            threshold: 20.0,
        },
        Activation::Silu,
        Activation::Gelu {
            approximate: GeluApproximate::None,
        },
        Activation::Mish,
        Activation::Squareplus { b: 4.0 },
        Activation::Relu6,
        Activation::Threshold {
            threshold: 1.0,
            value: 0.0,
        },
        Activation::Hardtanh {
            min_val: -1.0,
            max_val: 1.0,
        },
        Activation::Hardsigmoid,
        Activation::Hardswish,
        Activation::Hardshrink { lambd: 0.5 },
        Activation::Softshrink { lambd: 0.5 },
        Activation::Tanhshrink,
        Activation::Logsigmoid,
        Activation::Sine,
        Activation::Gaussian,
    ];

    /// The spec name (PyTorch's functional name), e.g. `leaky_relu`.
    pub fn name(&self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::BinaryStep => "binary_step",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softsign => "softsign",
            Activation::Relu => "relu",
            Activation::LeakyRelu { .. } => "leaky_relu",
            Activation::Prelu { .. } => "prelu",
            Activation::Rrelu { .. } => "rrelu",
            Activation::Elu { .. } => "elu",
            Activation::Celu { .. } => "celu",
            Activation::Selu => "selu",
            Activation::Softplus { .. } => "softplus",
            Activation::Silu => "silu",
            Activation::Gelu { .. } => "gelu",
            Activation::Mish => "mish",
            Activation::Squareplus { .. } => "squareplus",
            Activation::Relu6 => "relu6",
            Activation::Threshold { .. } => "threshold",
            Activation::Hardtanh { .. } => "hardtanh",
            Activation::Hardsigmoid => "hardsigmoid",
            Activation::Hardswish => "hardswish",
            Activation::Hardshrink { .. } => "hardshrink",
            Activation::Softshrink { .. } => "softshrink",
            Activation::Tanhshrink => "tanhshrink",
            Activation::Logsigmoid => "logsigmoid",
            Activation::Sine => "sine",
            Activation::Gaussian => "gaussian",
        }
    }

    /// The case named `name` (a spec name from [`Activation::NAMES`]) with its default parameters.
    pub fn from_name(name: &str) -> Option<Activation> {
        let i = crate::name_index(Activation::NAMES, name)?;
        Some(Activation::ALL[i])
    }

    /// f(x).
    #[inline]
    pub fn apply(&self, x: f32) -> f32 {
        self.eval::<false>(x)
    }

    /// f′(x), with torch autograd's choice at kinks.
    #[inline]
    pub fn derivative(&self, x: f32) -> f32 {
        self.eval::<true>(x)
    }

    /// f(x) or, when `DERIVATIVE`, f′(x). Each case writes its value and its derivative side by side,
    /// `pick!(f, f′)`, so a wrong derivative is visible next to its function; only the requested
    /// half is evaluated.
    #[inline(always)]
    fn eval<const DERIVATIVE: bool>(&self, x: f32) -> f32 {
        use math::{f64_to_f32 as r, SQRT_2_OVER_PI};
        // pick!(f, f′) evaluates only the half that was asked for.
        macro_rules! pick {
            ($f:expr, $df:expr $(,)?) => {
                if DERIVATIVE {
                    $df
                } else {
                    $f
                }
            };
        }
        if x.is_nan() {
            return x;
        }
        let x64 = f64::from(x);
        // Kinks (1 ulp matters): the conditions below mirror torch's kernels exactly.
        match *self {
            Activation::Identity => pick!(x, 1.0),
            Activation::BinaryStep => pick!(if x >= 0.0 { 1.0 } else { 0.0 }, 0.0),
            Activation::Sigmoid => {
                let (f, df) = math::sigmoid_and_derivative_f32(x);
                pick!(f, df)
            }
            Activation::Tanh => {
                let (f, df) = math::tanh_and_sech2_f32(x);
                pick!(f, df)
            }
            Activation::Softsign => {
                let d = 1.0 + x64.abs();
                if x.is_infinite() {
                    pick!(x.signum(), 0.0)
                } else {
                    pick!(r(x64 / d), r(1.0 / (d * d)))
                }
            }
            Activation::Relu => {
                if x > 0.0 {
                    pick!(x, 1.0)
                } else {
                    pick!(0.0, 0.0)
                }
            }
            Activation::LeakyRelu {
                negative_slope: slope,
            }
            | Activation::Prelu { weight: slope } => leaky::<DERIVATIVE>(x, slope),
            // PyTorch averages the bounds in double, then rounds the slope to float.
            Activation::Rrelu { lower, upper } => {
                leaky::<DERIVATIVE>(x, r((f64::from(lower) + f64::from(upper)) / 2.0))
            }
            Activation::Elu { alpha } => {
                let a = f64::from(alpha);
                if x > 0.0 {
                    pick!(x, 1.0)
                } else {
                    // At x = 0 this (left) branch gives f′ = α, as torch does.
                    pick!(r(a * libm::expm1(x64)), r(a * libm::exp(x64)))
                }
            }
            Activation::Celu { alpha } => {
                let a = f64::from(alpha);
                if x > 0.0 {
                    pick!(x, 1.0)
                } else {
                    pick!(r(a * libm::expm1(x64 / a)), r(libm::exp(x64 / a)))
                }
            }
            Activation::Selu => {
                let k = SELU_SCALE * SELU_ALPHA;
                if x > 0.0 {
                    pick!(r(SELU_SCALE * x64), r(SELU_SCALE))
                } else {
                    pick!(r(k * libm::expm1(x64)), r(k * libm::exp(x64)))
                }
            }
            Activation::Softplus { beta, threshold } => {
                // torch compares the float product βx with the threshold; above it f is x itself.
                let b = f64::from(beta);
                if x * beta > threshold {
                    pick!(x, 1.0)
                } else {
                    pick!(r(math::softplus(b * x64) / b), r(math::sigmoid(b * x64)))
                }
            }
            Activation::Silu => match x {
                f32::INFINITY => pick!(x, 1.0),
                f32::NEG_INFINITY => pick!(0.0, 0.0),
                _ => pick!(
                    r(x64 * math::sigmoid(x64)),
                    r(math::sigmoid(x64) + x64 * math::sigmoid_derivative(x64)),
                ),
            },
            Activation::Gelu { approximate } => match (x, approximate) {
                (f32::INFINITY, _) => pick!(x, 1.0),
                (f32::NEG_INFINITY, _) => pick!(0.0, 0.0),
                (_, GeluApproximate::None) => pick!(
                    r(x64 * math::normal_cdf(x64)),
                    r(math::normal_cdf(x64) + x64 * math::normal_pdf(x64)),
                ),
                (_, GeluApproximate::Tanh) => {
                    // 0.5·(1 + tanh u) = sigmoid(2u) and 0.5·sech²u = 2·sigmoid′(2u): no cancellation.
                    const KAPPA: f64 = 0.044715;
                    let u2 = 2.0 * SQRT_2_OVER_PI * (x64 + KAPPA * x64 * x64 * x64);
                    let du2 = 2.0 * SQRT_2_OVER_PI * (1.0 + 3.0 * KAPPA * x64 * x64);
                    pick!(
                        r(x64 * math::sigmoid(u2)),
                        r(math::sigmoid(u2) + x64 * math::sigmoid_derivative(u2) * du2),
                    )
                }
            },
            Activation::Mish => match x {
                f32::INFINITY => pick!(x, 1.0),
                f32::NEG_INFINITY => pick!(0.0, 0.0),
                _ => {
                    let (t, slope) = math::mish_parts(x64);
                    pick!(r(x64 * t), r(t + slope))
                }
            },
            Activation::Squareplus { b } => {
                let (f, df) = math::squareplus(x64, f64::from(b));
                pick!(f, df)
            }
            Activation::Relu6 => pick!(
                x.clamp(0.0, 6.0),
                if x > 0.0 && x < 6.0 { 1.0 } else { 0.0 }
            ),
            Activation::Threshold { threshold, value } => {
                if x > threshold {
                    pick!(x, 1.0)
                } else {
                    pick!(value, 0.0)
                }
            }
            Activation::Hardtanh { min_val, max_val } => {
                if x <= min_val {
                    pick!(min_val, 0.0)
                } else if x >= max_val {
                    pick!(max_val, 0.0)
                } else {
                    pick!(x, 1.0)
                }
            }
            Activation::Hardsigmoid => {
                if x <= -3.0 {
                    pick!(0.0, 0.0)
                } else if x >= 3.0 {
                    pick!(1.0, 0.0)
                } else {
                    pick!(r((x64 + 3.0) / 6.0), 1.0 / 6.0)
                }
            }
            Activation::Hardswish => {
                // torch: f′ = 0 up to −3, x/3 + 1/2 strictly between, 1 from 3 on (so 0 and 1 at the kinks).
                if x <= -3.0 {
                    pick!(0.0, 0.0)
                } else if x < 3.0 {
                    pick!(r(x64 * (x64 + 3.0) / 6.0), r(x64 / 3.0 + 0.5))
                } else {
                    pick!(x, 1.0)
                }
            }
            Activation::Hardshrink { lambd } => {
                if x >= -lambd && x <= lambd {
                    pick!(0.0, 0.0)
                } else {
                    pick!(x, 1.0)
                }
            }
            Activation::Softshrink { lambd } => {
                if x > lambd {
                    pick!(x - lambd, 1.0)
                } else if x < -lambd {
                    pick!(x + lambd, 1.0)
                } else {
                    pick!(0.0, 0.0)
                }
            }
            Activation::Tanhshrink => {
                let t = math::tanh(x64);
                pick!(r(math::x_minus_tanh(x64)), r(t * t))
            }
            Activation::Logsigmoid => pick!(r(-math::softplus(-x64)), r(math::sigmoid(-x64))),
            Activation::Sine => pick!(r(libm::sin(x64)), r(libm::cos(x64))),
            Activation::Gaussian => pick!(
                r(libm::exp(-x64 * x64)),
                if x.is_infinite() {
                    0.0
                } else {
                    r(-2.0 * x64 * libm::exp(-x64 * x64))
                },
            ),
        }
    }

    /// `out[i] = f(xs[i])`. Panics if the lengths differ.
    pub fn apply_slice(&self, xs: &[f32], out: &mut [f32]) {
        assert_eq!(
            xs.len(),
            out.len(),
            "apply_slice: input and output lengths differ"
        );
        self.map::<false>(xs, out);
    }

    /// `out[i] = f′(xs[i])`. Panics if the lengths differ.
    pub fn derivative_slice(&self, xs: &[f32], out: &mut [f32]) {
        assert_eq!(
            xs.len(),
            out.len(),
            "derivative_slice: input and output lengths differ"
        );
        self.map::<true>(xs, out);
    }

    /// Whether [`Activation::apply_and_derivative_slice`] saves work over the two slices apart (it does
    /// for tanh and sigmoid, whose f and f′ share an exponential).
    pub fn fused_derivative_pays(&self) -> bool {
        matches!(self, Activation::Tanh | Activation::Sigmoid)
    }

    /// `out[i] = f(xs[i])` and `dout[i] = f′(xs[i])` in one pass, bit for bit what [`Activation::apply_slice`]
    /// and [`Activation::derivative_slice`] give. Tanh and sigmoid share one exponential between the two
    /// (what training needs: the forward pass keeps f′ for the backward pass). Panics if the lengths
    /// differ.
    pub fn apply_and_derivative_slice(&self, xs: &[f32], out: &mut [f32], dout: &mut [f32]) {
        assert!(
            xs.len() == out.len() && xs.len() == dout.len(),
            "apply_and_derivative_slice: lengths differ"
        );
        #[inline(always)]
        fn both(xs: &[f32], out: &mut [f32], dout: &mut [f32], f: impl Fn(f32) -> (f32, f32)) {
            for ((o, d), &x) in out.iter_mut().zip(dout.iter_mut()).zip(xs) {
                let (fx, dfx) = f(x);
                // As `eval`: NaN passes through both.
                (*o, *d) = if x.is_nan() { (x, x) } else { (fx, dfx) };
            }
        }
        match *self {
            Activation::Tanh => both(xs, out, dout, math::tanh_and_sech2_f32),
            Activation::Sigmoid => both(xs, out, dout, math::sigmoid_and_derivative_f32),
            _ => {
                self.map::<false>(xs, out);
                self.map::<true>(xs, dout);
            }
        }
    }

    /// The slice loops. The cheap piecewise-linear cases, tanh and sigmoid (straight-line f32 code, see
    /// [`math::tanh_and_sech2_f32`]) get a loop of their own, with the case fixed, so the per-element `match`
    /// folds away and the loop vectorises; every element still goes through `eval`, so the numbers are the
    /// scalar ones bit for bit. Kept out of line: one copy per `DERIVATIVE`, called once per slice by
    /// [`Activation::apply_slice`], [`Activation::derivative_slice`] and
    /// [`Activation::apply_and_derivative_slice`] (inlined into each, the wasm carried it four times).
    #[inline(never)]
    fn map<const DERIVATIVE: bool>(&self, xs: &[f32], out: &mut [f32]) {
        #[inline(always)]
        fn each(xs: &[f32], out: &mut [f32], f: impl Fn(f32) -> f32) {
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = f(x);
            }
        }
        match *self {
            Activation::Identity => each(xs, out, |x| Activation::Identity.eval::<DERIVATIVE>(x)),
            Activation::Relu => each(xs, out, |x| Activation::Relu.eval::<DERIVATIVE>(x)),
            Activation::LeakyRelu { negative_slope } => each(xs, out, |x| {
                Activation::LeakyRelu { negative_slope }.eval::<DERIVATIVE>(x)
            }),
            Activation::Prelu { weight } => each(xs, out, |x| {
                Activation::Prelu { weight }.eval::<DERIVATIVE>(x)
            }),
            Activation::Tanh => each(xs, out, |x| Activation::Tanh.eval::<DERIVATIVE>(x)),
            Activation::Sigmoid => each(xs, out, |x| Activation::Sigmoid.eval::<DERIVATIVE>(x)),
            _ => each(xs, out, |x| self.eval::<DERIVATIVE>(x)),
        }
    }

    /// The weight initialisation that suits this activation: He for ReLU and the curves shaped like it
    /// (≈ 0 for x ≪ 0, ≈ x for x ≫ 0, so they roughly halve the variance as ReLU does), LeCun for SELU,
    /// Glorot for the rest (saturating, odd or periodic curves, which behave like x near 0).
    pub fn init_scheme(&self) -> InitScheme {
        match self {
            Activation::Relu
            | Activation::LeakyRelu { .. }
            | Activation::Prelu { .. }
            | Activation::Rrelu { .. }
            | Activation::Elu { .. }
            | Activation::Celu { .. }
            | Activation::Softplus { .. }
            | Activation::Silu
            | Activation::Gelu { .. }
            | Activation::Mish
            | Activation::Squareplus { .. }
            | Activation::Relu6
            | Activation::Threshold { .. }
            | Activation::Hardswish => InitScheme::He,
            Activation::Selu => InitScheme::LeCun,
            Activation::Identity
            | Activation::BinaryStep
            | Activation::Sigmoid
            | Activation::Tanh
            | Activation::Softsign
            | Activation::Hardtanh { .. }
            | Activation::Hardsigmoid
            | Activation::Hardshrink { .. }
            | Activation::Softshrink { .. }
            | Activation::Tanhshrink
            | Activation::Logsigmoid
            | Activation::Sine
            | Activation::Gaussian => InitScheme::Glorot,
        }
    }

    /// The finite output bounds (lower, upper) of a curve bounded on both sides (sigmoid: (0, 1), tanh:
    /// (−1, 1), hardtanh: (min_val, max_val), ...); `None` when either side is unbounded. Near every such
    /// bound f′ is small or zero, so a unit whose output is within 3 % of the span of a bound "saturates".
    pub fn output_bounds(&self) -> Option<(f32, f32)> {
        match *self {
            Activation::BinaryStep
            | Activation::Sigmoid
            | Activation::Hardsigmoid
            | Activation::Gaussian => Some((0.0, 1.0)),
            Activation::Tanh | Activation::Softsign | Activation::Sine => Some((-1.0, 1.0)),
            Activation::Relu6 => Some((0.0, 6.0)),
            Activation::Hardtanh { min_val, max_val } => Some((min_val, max_val)),
            _ => None,
        }
    }
}

/// Leaky ReLU with slope `slope` for x ≤ 0 (torch: `x > 0 ? x : x * slope`, f′(0) = slope): f(x), or
/// f′(x) when `DERIVATIVE`.
#[inline(always)]
fn leaky<const DERIVATIVE: bool>(x: f32, slope: f32) -> f32 {
    let (f, df) = if x > 0.0 {
        (x, 1.0)
    } else if slope == 0.0 {
        // The limit at −∞ is 0, where x · slope would be NaN.
        (0.0, 0.0)
    } else {
        (x * slope, slope)
    };
    if DERIVATIVE {
        df
    } else {
        f
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
    fn names_and_defaults_line_up() {
        assert_eq!(Activation::NAMES.len(), Activation::ALL.len());
        for (name, a) in Activation::NAMES.iter().zip(Activation::ALL) {
            assert_eq!(a.name(), *name);
            assert_eq!(Activation::from_name(name), Some(a));
            assert_eq!(a.validate(), Ok(()), "{name}");
        }
        assert_eq!(Activation::default(), Activation::Relu);
        assert_eq!(Activation::from_name("swishy"), None);
    }

    #[test]
    fn nan_in_nan_out_for_every_case() {
        for a in Activation::ALL {
            assert!(a.apply(f32::NAN).is_nan(), "{a}");
            assert!(a.derivative(f32::NAN).is_nan(), "{a}'");
        }
    }

    fn r_f32(v: f64) -> f32 {
        v as f32
    }

    #[test]
    fn torch_kink_conventions() {
        let d = |spec: &str, x: f32| spec.parse::<Activation>().unwrap().derivative(x);
        assert_eq!(d("relu", 0.0), 0.0);
        assert_eq!(d("leaky_relu", 0.0), 0.01);
        assert_eq!(d("prelu", 0.0), 0.25);
        assert_eq!(
            d("rrelu", 0.0),
            ((0.125f64 + f64::from(1.0f32 / 3.0)) / 2.0) as f32
        );
        assert_eq!(d("elu(alpha=2)", 0.0), 2.0);
        assert_eq!(d("celu(alpha=2)", 0.0), 1.0);
        assert_eq!(d("selu", 0.0), (SELU_SCALE * SELU_ALPHA) as f32);
        for (spec, kinks) in [
            ("relu6", &[0.0, 6.0][..]),
            ("hardtanh", &[-1.0, 1.0]),
            ("hardsigmoid", &[-3.0, 3.0]),
            ("hardshrink", &[-0.5, 0.5]),
            ("softshrink", &[-0.5, 0.5]),
            ("threshold", &[1.0]),
        ] {
            for &k in kinks {
                assert_eq!(d(spec, k), 0.0, "{spec}'({k})");
            }
        }
        assert_eq!(d("hardswish", -3.0), 0.0);
        assert_eq!(d("hardswish", 3.0), 1.0);
        let inside = f32::from_bits((-3.0f32).to_bits() - 1); // one ulp toward 0
        assert_eq!(d("hardswish", inside), r_f32(f64::from(inside) / 3.0 + 0.5));
    }

    #[test]
    fn slices_match_scalars() {
        let mut xs: Vec<f32> = (-4000..=4000).map(|i| i as f32 * 0.0125).collect();
        xs.extend([0.0, -0.0, 1e-30, -1e-30, 0.0625, -0.0625, 100.0, -100.0]);
        xs.extend([
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MAX,
            f32::MIN,
        ]);
        let mut f = vec![0.0; xs.len()];
        let mut df = vec![0.0; xs.len()];
        let mut f2 = vec![0.0; xs.len()];
        let mut df2 = vec![0.0; xs.len()];
        for a in Activation::ALL {
            a.apply_slice(&xs, &mut f);
            a.derivative_slice(&xs, &mut df);
            a.apply_and_derivative_slice(&xs, &mut f2, &mut df2);
            for (i, &x) in xs.iter().enumerate() {
                assert_eq!(f[i].to_bits(), a.apply(x).to_bits(), "{a}({x})");
                assert_eq!(df[i].to_bits(), a.derivative(x).to_bits(), "{a}′({x})");
                assert_eq!(f2[i].to_bits(), f[i].to_bits(), "{a}({x}), fused");
                assert_eq!(df2[i].to_bits(), df[i].to_bits(), "{a}′({x}), fused");
            }
        }
    }

    #[test]
    fn bounds_contain_every_output() {
        for a in Activation::ALL {
            let Some((lo, hi)) = a.output_bounds() else {
                continue;
            };
            assert!(lo < hi);
            for i in -4000..=4000 {
                let y = a.apply(i as f32 * 0.01);
                assert!(
                    (lo..=hi).contains(&y),
                    "{a}({}) = {y} outside [{lo}, {hi}]",
                    i as f32 * 0.01
                );
            }
        }
    }
}
