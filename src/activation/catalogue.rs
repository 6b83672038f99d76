//! What the page says about each activation: names, formula, parameters for sliders, and properties.
//!
//! One [`Entry`] per case, in [`Activation::NAMES`] order. Properties describe the curve with its
//! default parameters (a hardtanh with other clips is still C0, but an ELU with α ≠ 1 is only C0, not
//! C1). Facts that can be checked numerically (monotonic, zero-centred, bounded) are checked by tests.

use super::Activation;

/// The family an activation is listed under on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The first generation: identity, step, sigmoid, tanh, softsign.
    Classic,
    /// ReLU and its piecewise-linear or exponential-left variants.
    Rectifiers,
    /// Smooth curves shaped like ReLU: softplus, SiLU, GELU, Mish, squareplus.
    SmoothModern,
    /// Cheap piecewise-linear stand-ins and clips: relu6, threshold, hardtanh, hard sigmoid/swish.
    HardPiecewise,
    /// Curves that pull small inputs to (or toward) zero.
    Shrinkage,
    /// Everything else: log-sigmoid, sine, Gaussian.
    Other,
}

impl Group {
    /// The label on the page: `classic`, `rectifiers`, `smooth modern`, `hard/piecewise`, `shrinkage`, `other`.
    pub fn label(&self) -> &'static str {
        match self {
            Group::Classic => "classic",
            Group::Rectifiers => "rectifiers",
            Group::SmoothModern => "smooth modern",
            Group::HardPiecewise => "hard/piecewise",
            Group::Shrinkage => "shrinkage",
            Group::Other => "other",
        }
    }
}

/// How many times the curve can be differentiated with a continuous result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Smoothness {
    /// The curve itself jumps.
    Discontinuous,
    /// Continuous, with a kink (f′ jumps).
    C0,
    /// f′ is continuous, f″ jumps.
    C1,
    /// Infinitely differentiable.
    CInfinity,
}

impl Smoothness {
    /// The label on the page: `discontinuous`, `C0`, `C1` or `C∞`.
    pub fn label(&self) -> &'static str {
        match self {
            Smoothness::Discontinuous => "discontinuous",
            Smoothness::C0 => "C0",
            Smoothness::C1 => "C1",
            Smoothness::CInfinity => "C∞",
        }
    }
}

/// A parameter of a parametric activation, as a slider or a choice on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// PyTorch's parameter name, as used in specs.
    pub name: &'static str,
    /// Its kind, default and range.
    pub kind: ParamKind,
}

/// The values a [`Param`] takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A number: the default and a slider range. Specs may go beyond the slider as long as
    /// [`Activation::validate`] accepts the value.
    Number {
        /// PyTorch's default (or ours, where PyTorch has none).
        default: f32,
        /// Slider minimum.
        min: f32,
        /// Slider maximum.
        max: f32,
    },
    /// One of a few words.
    Choice {
        /// The default word.
        default: &'static str,
        /// Every accepted word.
        choices: &'static [&'static str],
    },
}

/// Everything the page shows about one activation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// The spec name, e.g. `leaky_relu`.
    pub name: &'static str,
    /// The name people write, e.g. `Leaky ReLU`.
    pub display: &'static str,
    /// Where the picker lists it.
    pub group: Group,
    /// The formula in plain text with Unicode symbols.
    pub formula: &'static str,
    /// Its parameters in spec order (empty when it has none).
    pub params: &'static [Param],
    /// The set of output values, e.g. `(0, 1)` or `[0, ∞)`.
    pub range: &'static str,
    /// Non-decreasing over the whole real line.
    pub monotonic: bool,
    /// How smooth the curve is.
    pub smoothness: Smoothness,
    /// An odd function (f(−x) = −f(x)), so symmetric inputs give outputs with mean zero.
    pub zero_centred: bool,
    /// Where f′ becomes small or zero, i.e. where gradients stop flowing.
    pub saturates: &'static str,
    /// Where it comes from: paper(s) and year.
    pub origin: &'static str,
    /// When to reach for it, in one line.
    pub when_to_use: &'static str,
    /// The same curve in one line of NumPy, with the default parameters.
    pub numpy: &'static str,
}

const fn number(name: &'static str, default: f32, min: f32, max: f32) -> Param {
    Param {
        name,
        kind: ParamKind::Number { default, min, max },
    }
}

const LAMBD: &[Param] = &[number("lambd", 0.5, 0.0, 3.0)];

static CATALOGUE: [Entry; 28] = [
    Entry {
        name: "identity",
        display: "Identity",
        group: Group::Classic,
        formula: "f(x) = x",
        params: &[],
        range: "(−∞, ∞)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: true,
        saturates: "Never: f′ = 1 everywhere.",
        origin: "The linear unit of ADALINE (Widrow & Hoff, 1960)",
        when_to_use: "Output layers of regressions; hidden identity layers make the whole network linear.",
        numpy: "x",
    },
    Entry {
        name: "binary_step",
        display: "Binary step",
        group: Group::Classic,
        formula: "f(x) = 1 if x ≥ 0, else 0",
        params: &[],
        range: "{0, 1}",
        monotonic: true,
        smoothness: Smoothness::Discontinuous,
        zero_centred: false,
        saturates: "Everywhere: f′ = 0 for every x ≠ 0, so no gradient flows at all.",
        origin: "McCulloch & Pitts, 1943; Rosenblatt's perceptron, 1958",
        when_to_use: "History lessons: with f′ = 0 everywhere, gradient descent cannot train it.",
        numpy: "np.heaviside(x, 1)",
    },
    Entry {
        name: "sigmoid",
        display: "Sigmoid",
        group: Group::Classic,
        formula: "σ(x) = 1 / (1 + e^(−x))",
        params: &[],
        range: "(0, 1)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Both tails: f′ ≤ 0.25 everywhere and f′ < 0.1 for |x| > 2.06, as outputs pin to 0 or 1.",
        origin: "The logistic function (Verhulst, 1838); in backpropagation: Rumelhart, Hinton & Williams, 1986",
        when_to_use: "The output probability of a binary classifier; in deep hidden layers its saturation makes gradients vanish.",
        numpy: "1 / (1 + np.exp(-x))",
    },
    Entry {
        name: "tanh",
        display: "Tanh",
        group: Group::Classic,
        formula: "f(x) = tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x))",
        params: &[],
        range: "(−1, 1)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: true,
        saturates: "Both tails: f′ = 1 − tanh²x < 0.1 for |x| > 1.82, as outputs pin to ±1.",
        origin: "Preferred to the logistic sigmoid by LeCun, Bottou, Orr & Müller, “Efficient BackProp”, 1998",
        when_to_use: "Small and recurrent networks (LSTM and GRU cells use it): zero-centred, but it saturates like sigmoid.",
        numpy: "np.tanh(x)",
    },
    Entry {
        name: "softsign",
        display: "Softsign",
        group: Group::Classic,
        formula: "f(x) = x / (1 + |x|)",
        params: &[],
        range: "(−1, 1)",
        monotonic: true,
        smoothness: Smoothness::C1,
        zero_centred: true,
        saturates: "Both tails, gently: f′ = 1/(1 + |x|)² falls polynomially, not exponentially (< 0.1 for |x| > 2.16).",
        origin: "Turian, Bergstra & Bengio, 2009; studied by Glorot & Bengio, 2010",
        when_to_use: "A tanh-like squashing curve that saturates more slowly, so gradients survive further out.",
        numpy: "x / (1 + np.abs(x))",
    },
    Entry {
        name: "relu",
        display: "ReLU",
        group: Group::Rectifiers,
        formula: "f(x) = max(0, x)",
        params: &[],
        range: "[0, ∞)",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Left half only: f′ = 0 for x ≤ 0, so a unit negative on every input is dead; f′ = 1 for x > 0.",
        origin: "Fukushima, 1969; popularised by Nair & Hinton, 2010 and Glorot, Bordes & Bengio, 2011",
        when_to_use: "The default for hidden layers: cheap, and f′ = 1 for x > 0 lets gradients through deep stacks.",
        numpy: "np.maximum(0, x)",
    },
    Entry {
        name: "leaky_relu",
        display: "Leaky ReLU",
        group: Group::Rectifiers,
        formula: "f(x) = x if x > 0, else negative_slope · x",
        params: &[number("negative_slope", 0.01, 0.0, 0.5)],
        range: "(−∞, ∞)",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Never: f′ = negative_slope > 0 for x ≤ 0 keeps a small gradient, so units cannot die.",
        origin: "Maas, Hannun & Ng, 2013",
        when_to_use: "When ReLU units die (for example at high learning rates): the negative slope keeps them trainable.",
        numpy: "np.where(x > 0, x, 0.01 * x)",
    },
    Entry {
        name: "prelu",
        display: "PReLU",
        group: Group::Rectifiers,
        formula: "f(x) = x if x > 0, else weight · x",
        params: &[number("weight", 0.25, -1.0, 1.0)],
        range: "(−∞, ∞)",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Never (for weight ≠ 0): f′ = weight for x ≤ 0.",
        origin: "He, Zhang, Ren & Sun, “Delving Deep into Rectifiers”, 2015",
        when_to_use: "Deep convolutional nets, where PyTorch learns the slope per channel (fixed here).",
        numpy: "np.where(x > 0, x, 0.25 * x)",
    },
    Entry {
        name: "rrelu",
        display: "RReLU",
        group: Group::Rectifiers,
        formula: "f(x) = x if x > 0, else ((lower + upper) / 2) · x   (evaluation mode)",
        params: &[number("lower", 0.125, 0.0, 1.0), number("upper", 1.0 / 3.0, 0.0, 1.0)],
        range: "(−∞, ∞)",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Never (for lower + upper > 0): f′ = (lower + upper)/2 for x ≤ 0.",
        origin: "Xu, Wang, Chen & Li, “Empirical Evaluation of Rectified Activations in Convolutional Network”, 2015",
        when_to_use: "A leaky ReLU whose slope is drawn at random in training as a regulariser; at evaluation the slope is fixed.",
        numpy: "np.where(x > 0, x, (1/8 + 1/3) / 2 * x)",
    },
    Entry {
        name: "elu",
        display: "ELU",
        group: Group::Rectifiers,
        formula: "f(x) = x if x > 0, else α · (eˣ − 1)",
        params: &[number("alpha", 1.0, 0.0, 3.0)],
        range: "(−α, ∞)",
        monotonic: true,
        smoothness: Smoothness::C1,
        zero_centred: false,
        saturates: "Left tail: f → −α and f′ = α·eˣ < 0.1 for x < −2.30 (α = 1); f′ = 1 for x > 0.",
        origin: "Clevert, Unterthiner & Hochreiter, 2015",
        when_to_use: "Deeper nets without batch norm: negative outputs pull mean activations toward zero; C1 only for α = 1.",
        numpy: "np.where(x > 0, x, np.expm1(x))",
    },
    Entry {
        name: "celu",
        display: "CELU",
        group: Group::Rectifiers,
        formula: "f(x) = max(0, x) + min(0, α · (e^(x/α) − 1))",
        params: &[number("alpha", 1.0, 0.1, 3.0)],
        range: "(−α, ∞)",
        monotonic: true,
        smoothness: Smoothness::C1,
        zero_centred: false,
        saturates: "Left tail: f → −α and f′ = e^(x/α) < 0.1 for x < −2.30·α.",
        origin: "Barron, “Continuously Differentiable Exponential Linear Units”, 2017",
        when_to_use: "An ELU whose α can change while f′ stays continuous at 0.",
        numpy: "np.where(x > 0, x, np.expm1(x))",
    },
    Entry {
        name: "selu",
        display: "SELU",
        group: Group::Rectifiers,
        formula: "f(x) = λ · (x if x > 0, else α · (eˣ − 1)),  α ≈ 1.6733, λ ≈ 1.0507",
        params: &[],
        range: "(−λα, ∞) ≈ (−1.7581, ∞)",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Left tail: f → −λα and f′ = λα·eˣ < 0.1 for x < −2.87; f′ = λ ≈ 1.05 for x > 0.",
        origin: "Klambauer, Unterthiner, Mayr & Hochreiter, “Self-Normalizing Neural Networks”, 2017",
        when_to_use: "Deep fully connected nets with LeCun-normal weights: activations keep mean ≈ 0 and variance ≈ 1 by themselves.",
        numpy: "1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))",
    },
    Entry {
        name: "softplus",
        display: "Softplus",
        group: Group::SmoothModern,
        formula: "f(x) = ln(1 + e^(βx)) / β   (x itself where βx > threshold)",
        params: &[number("beta", 1.0, 0.1, 10.0), number("threshold", 20.0, 1.0, 40.0)],
        range: "(0, ∞)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Left tail: f → 0 and f′ = σ(βx) < 0.1 for βx < −2.20.",
        origin: "Dugas, Bengio, Bélisle, Nadeau & Garcia, 2001",
        when_to_use: "A smooth ReLU with strictly positive output, e.g. to predict a standard deviation or a rate.",
        numpy: "np.logaddexp(0, x)",
    },
    Entry {
        name: "silu",
        display: "SiLU (swish)",
        group: Group::SmoothModern,
        formula: "f(x) = x · σ(x) = x / (1 + e^(−x))",
        params: &[],
        range: "[−0.2785, ∞)",
        monotonic: false,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Left tail: f → 0 and |f′| < 0.1 for x < −0.91 (f′ bottoms out at −0.0998 near x = −2.40).",
        origin: "Hendrycks & Gimpel, 2016; Elfwing, Uchibe & Doya, 2017; as swish: Ramachandran, Zoph & Le, 2017",
        when_to_use: "A strong smooth default for deep nets (EfficientNet, many transformers and diffusion models).",
        numpy: "x / (1 + np.exp(-x))",
    },
    Entry {
        name: "gelu",
        display: "GELU",
        group: Group::SmoothModern,
        formula: "f(x) = x · Φ(x) = x · (1 + erf(x/√2)) / 2;   tanh form: x · (1 + tanh(√(2/π) · (x + 0.044715·x³))) / 2",
        params: &[Param {
            name: "approximate",
            kind: ParamKind::Choice { default: "none", choices: &["none", "tanh"] },
        }],
        range: "[−0.1700, ∞)",
        monotonic: false,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Left tail: f and f′ → 0, |f′| < 0.012 for x < −3 (f′ dips to −0.129 at x = −√2).",
        origin: "Hendrycks & Gimpel, “Gaussian Error Linear Units”, 2016",
        when_to_use: "The standard in transformers (BERT, GPT-2); the tanh form matches models trained with it.",
        numpy: "x * (1 + np.vectorize(math.erf)(x / np.sqrt(2))) / 2",
    },
    Entry {
        name: "mish",
        display: "Mish",
        group: Group::SmoothModern,
        formula: "f(x) = x · tanh(ln(1 + eˣ))",
        params: &[],
        range: "[−0.3088, ∞)",
        monotonic: false,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Left tail: f and f′ → 0, |f′| < 0.1 for x < −3 (f′ dips to −0.113 near x = −2.26).",
        origin: "Misra, “Mish: A Self Regularized Non-Monotonic Activation Function”, 2019",
        when_to_use: "A smooth, non-monotonic alternative to SiLU, popular in object detectors (YOLOv4).",
        numpy: "x * np.tanh(np.logaddexp(0, x))",
    },
    Entry {
        name: "squareplus",
        display: "Squareplus",
        group: Group::SmoothModern,
        formula: "f(x) = (x + √(x² + b)) / 2",
        params: &[number("b", 4.0, 0.0, 16.0)],
        range: "(0, ∞)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Left tail, slowly: f′ < 0.1 for x < −2.67 (b = 4) and decays like b/(4x²), not exponentially.",
        origin: "Barron, “Squareplus: A Softplus-Like Algebraic Rectifier”, 2021",
        when_to_use: "A softplus-shaped curve from one square root, no exp or log: cheap where those are slow.",
        numpy: "(x + np.sqrt(x**2 + 4)) / 2",
    },
    Entry {
        name: "relu6",
        display: "ReLU6",
        group: Group::HardPiecewise,
        formula: "f(x) = min(max(0, x), 6)",
        params: &[],
        range: "[0, 6]",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Both sides: f′ = 0 for x ≤ 0 and for x ≥ 6.",
        origin: "Krizhevsky, “Convolutional Deep Belief Networks on CIFAR-10”, 2010; MobileNets, 2017",
        when_to_use: "Mobile and low-precision networks: the cap at 6 keeps activations in a small fixed range.",
        numpy: "np.clip(x, 0, 6)",
    },
    Entry {
        name: "threshold",
        display: "Threshold",
        group: Group::HardPiecewise,
        formula: "f(x) = x if x > threshold, else value",
        params: &[number("threshold", 1.0, -3.0, 3.0), number("value", 0.0, -3.0, 3.0)],
        range: "{value} ∪ (threshold, ∞)",
        monotonic: true,
        smoothness: Smoothness::Discontinuous,
        zero_centred: false,
        saturates: "At and below the threshold: f′ = 0 for x ≤ threshold.",
        origin: "nn.Threshold in Torch7 (Collobert, Kavukcuoglu & Farabet, 2011), kept in PyTorch (no defaults there; 1 and 0 here)",
        when_to_use: "Experiments with the cut-off of a ReLU: threshold(threshold=0, value=0) is ReLU.",
        numpy: "np.where(x > 1, x, 0)",
    },
    Entry {
        name: "hardtanh",
        display: "Hardtanh",
        group: Group::HardPiecewise,
        formula: "f(x) = min(max(min_val, x), max_val)",
        params: &[number("min_val", -1.0, -3.0, 3.0), number("max_val", 1.0, -3.0, 3.0)],
        range: "[min_val, max_val]",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: true,
        saturates: "Beyond the clips: f′ = 0 for x ≤ min_val and for x ≥ max_val.",
        origin: "Collobert, PhD thesis, 2004",
        when_to_use: "A cheap tanh with hard bounds, for bounded outputs and quantised networks.",
        numpy: "np.clip(x, -1, 1)",
    },
    Entry {
        name: "hardsigmoid",
        display: "Hardsigmoid",
        group: Group::HardPiecewise,
        formula: "f(x) = min(max(0, x + 3), 6) / 6",
        params: &[],
        range: "[0, 1]",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Beyond ±3: f′ = 0 for |x| ≥ 3; f′ = 1/6 between.",
        origin: "Howard et al., “Searching for MobileNetV3”, 2019 (earlier hard sigmoids: Courbariaux et al., 2015)",
        when_to_use: "A cheap sigmoid for gates on mobile hardware (MobileNetV3's squeeze-and-excite blocks).",
        numpy: "np.clip(x / 6 + 0.5, 0, 1)",
    },
    Entry {
        name: "hardswish",
        display: "Hardswish",
        group: Group::HardPiecewise,
        formula: "f(x) = x · min(max(0, x + 3), 6) / 6",
        params: &[],
        range: "[−0.375, ∞)",
        monotonic: false,
        smoothness: Smoothness::C0,
        zero_centred: false,
        saturates: "Left: f′ = 0 for x ≤ −3; f′ = x/3 + 1/2 on (−3, 3), crossing 0 at x = −1.5.",
        origin: "Howard et al., “Searching for MobileNetV3”, 2019",
        when_to_use: "A cheap SiLU for mobile networks (MobileNetV3).",
        numpy: "x * np.clip(x + 3, 0, 6) / 6",
    },
    Entry {
        name: "hardshrink",
        display: "Hardshrink",
        group: Group::Shrinkage,
        formula: "f(x) = x if |x| > λ, else 0",
        params: LAMBD,
        range: "(−∞, −λ) ∪ {0} ∪ (λ, ∞)",
        monotonic: true,
        smoothness: Smoothness::Discontinuous,
        zero_centred: true,
        saturates: "In the dead zone: f′ = 0 for |x| ≤ λ; f′ = 1 outside.",
        origin: "Hard thresholding: Donoho & Johnstone, 1994",
        when_to_use: "Sparse codes and denoising: zeroes small values and keeps large ones unchanged.",
        numpy: "np.where(np.abs(x) > 0.5, x, 0)",
    },
    Entry {
        name: "softshrink",
        display: "Softshrink",
        group: Group::Shrinkage,
        formula: "f(x) = x − λ if x > λ;  x + λ if x < −λ;  else 0",
        params: LAMBD,
        range: "(−∞, ∞)",
        monotonic: true,
        smoothness: Smoothness::C0,
        zero_centred: true,
        saturates: "In the dead zone: f′ = 0 for |x| ≤ λ; f′ = 1 outside.",
        origin: "Soft thresholding: Donoho & Johnstone, 1994; Donoho, 1995",
        when_to_use: "Sparse coding: the proximal step of L1 regularisation (ISTA), shrinking every value toward 0 by λ.",
        numpy: "np.sign(x) * np.maximum(np.abs(x) - 0.5, 0)",
    },
    Entry {
        name: "tanhshrink",
        display: "Tanhshrink",
        group: Group::Shrinkage,
        formula: "f(x) = x − tanh(x)",
        params: &[],
        range: "(−∞, ∞)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: true,
        saturates: "Near 0, not in the tails: f′ = tanh²x < 0.1 for |x| < 0.33, while f′ → 1 as |x| grows.",
        origin: "nn.TanhShrink in Torch7 (Collobert, Kavukcuoglu & Farabet, 2011), kept in PyTorch",
        when_to_use: "Rare in hidden layers: a smooth shrinkage that flattens small inputs.",
        numpy: "x - np.tanh(x)",
    },
    Entry {
        name: "logsigmoid",
        display: "LogSigmoid",
        group: Group::Other,
        formula: "f(x) = ln σ(x) = −ln(1 + e^(−x))",
        params: &[],
        range: "(−∞, 0)",
        monotonic: true,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Right tail: f → 0 and f′ = σ(−x) < 0.1 for x > 2.20; f′ → 1 on the left.",
        origin: "The log-likelihood term of logistic regression (Cox, 1958)",
        when_to_use: "Stable log-probabilities inside losses (binary cross-entropy); rarely a hidden activation.",
        numpy: "-np.logaddexp(0, -x)",
    },
    Entry {
        name: "sine",
        display: "Sine",
        group: Group::Other,
        formula: "f(x) = sin(x)",
        params: &[],
        range: "[−1, 1]",
        monotonic: false,
        smoothness: Smoothness::CInfinity,
        zero_centred: true,
        saturates: "Never for good: f′ = cos x is small only near the peaks x = π/2 + kπ, and grows again past them.",
        origin: "Sitzmann et al., “Implicit Neural Representations with Periodic Activation Functions” (SIREN), 2020",
        when_to_use: "Fitting signals, images or shapes as functions of coordinates (implicit neural representations).",
        numpy: "np.sin(x)",
    },
    Entry {
        name: "gaussian",
        display: "Gaussian",
        group: Group::Other,
        formula: "f(x) = e^(−x²)",
        params: &[],
        range: "(0, 1]",
        monotonic: false,
        smoothness: Smoothness::CInfinity,
        zero_centred: false,
        saturates: "Both tails: |f′| = 2|x|·e^(−x²) < 0.1 for |x| > 1.91 (and f′ = 0 at the peak x = 0).",
        origin: "Radial basis function networks: Broomhead & Lowe, 1988",
        when_to_use: "Units that respond to one band of inputs (radial-basis style); also implicit neural representations.",
        numpy: "np.exp(-x**2)",
    },
];

/// The entry named `name`; every name in [`Activation::NAMES`] has one.
pub(super) fn entry(name: &str) -> &'static Entry {
    CATALOGUE
        .iter()
        .find(|e| e.name == name)
        .expect("every activation name has a catalogue entry")
}

impl Activation {
    /// Every activation's page metadata, in [`Activation::NAMES`] order.
    pub fn catalogue() -> &'static [Entry] {
        &CATALOGUE
    }

    /// This activation's page metadata.
    pub fn info(&self) -> &'static Entry {
        entry(self.name())
    }

    /// The catalogue as a JSON array for the page: `{name, display, group, formula, params: [{name,
    /// default, min, max} or {name, default, choices}], range, monotonic, smoothness, zeroCentred,
    /// saturates, origin, whenToUse, numpy}`.
    pub fn catalogue_json() -> String {
        // Keys in alphabetical order.
        let mut w = crate::json::Writer::new();
        w.begin_array();
        for e in CATALOGUE.iter() {
            w.begin_object();
            w.key("display").string(e.display);
            w.key("formula").string(e.formula);
            w.key("group").string(e.group.label());
            w.key("hue").uint(hue(e.name).into());
            w.key("monotonic").bool(e.monotonic);
            w.key("name").string(e.name);
            w.key("numpy").string(e.numpy);
            w.key("origin").string(e.origin);
            w.key("params").begin_array();
            for p in e.params {
                w.begin_object();
                match p.kind {
                    ParamKind::Number { default, min, max } => {
                        w.key("default").float(default.into());
                        w.key("max").float(max.into());
                        w.key("min").float(min.into());
                    }
                    ParamKind::Choice { default, choices } => {
                        w.key("choices").strings(choices);
                        w.key("default").string(default);
                    }
                }
                w.key("name").string(p.name);
                w.end_object();
            }
            w.end_array();
            w.key("range").string(e.range);
            w.key("saturates").string(e.saturates);
            w.key("smoothness").string(e.smoothness.label());
            w.key("whenToUse").string(e.when_to_use);
            w.key("zeroCentred").bool(e.zero_centred);
            w.end_object();
        }
        w.end_array();
        w.finish()
    }
}

/// Each activation's hue (degrees, 0–359) for marks that stand for it: race tiles, ghost curves, chart
/// marks. Fixed per activation, so one activation has one colour everywhere. The ten activations people
/// compare most sit 36° apart, ordered so that look-alikes are far apart (relu 0°, leaky_relu 252°; gelu
/// 72°, silu 216°; elu 144°, selu 324°; sigmoid 108°, tanh 180°); the rest take the hues halfway between
/// (18°, 54°, …) and then a quarter of the way (9°, 45°, …).
pub const HUES: [(&str, u16); 28] = [
    ("relu", 0),
    ("softplus", 36),
    ("gelu", 72),
    ("sigmoid", 108),
    ("elu", 144),
    ("tanh", 180),
    ("silu", 216),
    ("leaky_relu", 252),
    ("mish", 288),
    ("selu", 324),
    ("identity", 18),
    ("binary_step", 54),
    ("softsign", 90),
    ("prelu", 126),
    ("rrelu", 162),
    ("celu", 198),
    ("squareplus", 234),
    ("relu6", 270),
    ("threshold", 306),
    ("hardtanh", 342),
    ("hardsigmoid", 9),
    ("hardswish", 45),
    ("hardshrink", 81),
    ("softshrink", 117),
    ("tanhshrink", 153),
    ("logsigmoid", 189),
    ("sine", 225),
    ("gaussian", 261),
];

/// The hue of the activation called `name` (see [`HUES`]); 0 for a name not in the catalogue.
pub fn hue(name: &str) -> u16 {
    HUES.iter().find(|(n, _)| *n == name).map_or(0, |&(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activation_has_its_own_hue_and_the_common_ones_are_far_apart() {
        let mut seen: Vec<u16> = Vec::new();
        for name in Activation::NAMES {
            let (_, h) = HUES.iter().find(|(n, _)| n == name).expect(name);
            assert!(*h < 360 && !seen.contains(h), "{name}: {h}");
            seen.push(*h);
        }
        assert_eq!(HUES.len(), Activation::NAMES.len());
        let common = [
            "relu",
            "leaky_relu",
            "elu",
            "selu",
            "gelu",
            "silu",
            "mish",
            "softplus",
            "sigmoid",
            "tanh",
        ];
        for a in common {
            for b in common {
                let d = (i32::from(hue(a)) - i32::from(hue(b))).rem_euclid(360);
                assert!(a == b || d.min(360 - d) >= 36, "{a} and {b} are {d}° apart");
            }
        }
    }

    #[test]
    fn catalogue_follows_names_and_defaults() {
        assert_eq!(CATALOGUE.len(), Activation::NAMES.len());
        for ((entry, name), a) in CATALOGUE.iter().zip(Activation::NAMES).zip(Activation::ALL) {
            assert_eq!(entry.name, *name);
            assert_eq!(a.info().name, *name);
            let spec: Vec<String> = entry
                .params
                .iter()
                .map(|p| match p.kind {
                    ParamKind::Number { default, min, max } => {
                        assert!(min <= default && default <= max, "{name}.{}", p.name);
                        for v in [min, max] {
                            let s = format!("{name}({}={v})", p.name);
                            // Slider ends are valid on their own, except where a pair must stay ordered.
                            if !matches!(a, Activation::Hardtanh { .. } | Activation::Rrelu { .. })
                            {
                                assert!(s.parse::<Activation>().is_ok(), "{s}");
                            }
                        }
                        format!("{}={default}", p.name)
                    }
                    ParamKind::Choice { default, choices } => {
                        assert!(choices.contains(&default));
                        format!("{}={default}", p.name)
                    }
                })
                .collect();
            let with_defaults = if spec.is_empty() {
                name.to_string()
            } else {
                format!("{name}({})", spec.join(", "))
            };
            assert_eq!(
                with_defaults.parse::<Activation>().unwrap(),
                a,
                "{with_defaults}"
            );
        }
    }

    #[test]
    fn groups_are_contiguous_and_in_page_order() {
        let order = [
            Group::Classic,
            Group::Rectifiers,
            Group::SmoothModern,
            Group::HardPiecewise,
            Group::Shrinkage,
            Group::Other,
        ];
        let ranks: Vec<usize> = CATALOGUE
            .iter()
            .map(|e| order.iter().position(|g| *g == e.group).unwrap())
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        assert_eq!(ranks.last(), Some(&5));
    }

    #[test]
    fn prose_is_filled_in_and_relu_matches_the_seed() {
        for e in &CATALOGUE {
            for (field, text) in [
                ("display", e.display),
                ("formula", e.formula),
                ("range", e.range),
                ("saturates", e.saturates),
                ("origin", e.origin),
                ("when_to_use", e.when_to_use),
                ("numpy", e.numpy),
            ] {
                assert!(!text.trim().is_empty(), "{}.{field} is empty", e.name);
            }
            assert!(
                e.origin.chars().any(|c| c.is_ascii_digit()),
                "{}: origin needs a year",
                e.name
            );
        }
        assert_eq!(Activation::Relu.info().numpy, "np.maximum(0, x)");
    }

    #[test]
    fn json_has_the_agreed_keys() {
        let v: serde_json::Value = serde_json::from_str(&Activation::catalogue_json()).unwrap();
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), Activation::NAMES.len());
        let keys = [
            "name",
            "display",
            "group",
            "formula",
            "params",
            "range",
            "monotonic",
            "smoothness",
            "zeroCentred",
            "saturates",
            "origin",
            "whenToUse",
            "numpy",
            "hue",
        ];
        for e in list {
            let obj = e.as_object().unwrap();
            assert_eq!(obj.len(), keys.len());
            for k in keys {
                assert!(obj.contains_key(k), "missing {k}");
            }
        }
        let leaky = &list[6];
        assert_eq!(leaky["name"], "leaky_relu");
        assert_eq!(leaky["params"][0]["name"], "negative_slope");
        assert_eq!(leaky["params"][0]["default"].as_f64().unwrap() as f32, 0.01);
        assert_eq!(list[14]["params"][0]["choices"][1], "tanh");
        assert_eq!(list[5]["smoothness"], "C0");
        assert_eq!(list[2]["group"], "classic");
    }
}
