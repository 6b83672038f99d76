//! One experiment's settings as a value, and its text form: a URL query such as
//! `dataset=spiral&noise=10&layers=8,8,8&lr=0.01&seed=7`.
//!
//! The same parser serves the page's URL hash, the tests and the benchmarks.
//!
//! | key          | value                                                        | default  | on change |
//! |--------------|--------------------------------------------------------------|----------|-----------|
//! | `dataset`    | `circle xor gauss spiral moons checkerboard blobs3 spiral3 plane multigauss` | `circle` | data |
//! | `noise`      | whole number 0..=50 (percent)                                | `0`      | data      |
//! | `train`      | whole number 10..=90 (percent of points used for training)   | `50`     | data      |
//! | `points`     | whole number 10..=2000 (generated points, train + test)      | `500`    | data      |
//! | `activation` | an activation spec, e.g. `leaky_relu(negative_slope%3D0.1)`  | `relu`   | live      |
//! | `layers`     | 0..=8 comma-separated sizes 1..=16; empty = no hidden layer  | `4,2`    | network   |
//! | `lr`         | number 0.00001..=10                                          | `0.03`   | live      |
//! | `optimizer`  | `sgd momentum adam`                                          | `adam`   | live      |
//! | `batch`      | whole number 1..=2000 (larger than the train set = full batch) | `10`   | live      |
//! | `reg`        | `none l1 l2`                                                 | `none`   | live      |
//! | `rate`       | number 0..=10 (regularisation strength)                      | `0`      | live      |
//! | `features`   | 1..=7 distinct of `x1 x2 x1sq x2sq x1x2 sinx1 sinx2`         | `x1,x2`  | network   |
//! | `seed`       | whole number 0..=9007199254740991 (2⁵³ − 1, exact in JS)     | `1`      | data      |
//! | `draw`       | whole number 0..=4294967295 (which initial weights)          | `0`      | network   |
//! | `race`       | empty, or 2..=4 distinct activation specs, comma-separated   | empty    | network   |
//! | `edits`      | the points a person removed and added (see [`Edits`])        | empty    | data      |
//!
//! Text rules (the same for [`Config::from_str`] and [`Config::parse_lenient`]):
//! - One leading `#` or `?` is ignored, pairs are separated by `&`, empty pairs (`a=1&&b=2`) are skipped.
//! - Keys are exact, lower-case ASCII and are not percent-decoded. Every value is percent-decoded
//!   (`%3D` → `=`); a `%` not followed by two hex digits, or bytes that are not UTF-8, is an error.
//!   `+` is a literal plus (so `lr=1e+1` works), not a space.
//! - Missing keys take their defaults; the order of the pairs does not matter.
//! - Strict parsing rejects unknown keys, repeated keys and texts longer than [`Config::MAX_TEXT_LEN`]
//!   not counting the `edits` value, which has its own limit ([`edits::MAX_EDITS_LEN`]: room for every
//!   point a data set can hold, which a link cannot carry but a model file can).
//! - `edits` must fit the data set it edits (indices below `points`, labels of the data set's classes,
//!   at most 4000 points in all); changing any other data key (with [`Config::set`]) clears it.
//! - [`Config::parse_lenient`] never fails: it keeps the first valid value of every key, and returns one
//!   warning for each pair it ignored (unknown key, bad value, repeat) — this is what a hostile or stale
//!   URL hash goes through.
//! - Numbers are checked against their range, never clamped; `NaN`, `inf` and out-of-range numbers are
//!   errors naming the key and its range.
//!
//! [`Display`](fmt::Display) writes the canonical form: every key, in the table's order, defaults
//! included (but `edits` only when there are edits), `features` in [`Feature::ALL`] order, with `&`, `=`, `%`, `#`, `+`, space, control and
//! non-ASCII characters percent-encoded. `parse(display(c)) == c` for every valid config.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::activation::Activation;

pub mod edits;

pub use edits::{DrawnPoint, Edits};

/// Which data set to generate (see `dataset.rs` for the formulas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    /// Two classes: a disc of radius 2.5 inside a ring 3.5..5.
    Circle,
    /// Two classes by the sign of x·y.
    Xor,
    /// Two Gaussian clouds at (2, 2) and (−2, −2).
    Gauss,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two interleaving half-moons.
    Moons,
    /// Two classes on a 4×4 checkerboard.
    Checkerboard,
    /// Three Gaussian blobs, three classes.
    Blobs3,
    /// Three interleaved spiral arms, three classes.
    Spiral3,
    /// Regression: a tilted plane, target (x + y) / 12.
    Plane,
    /// Regression: six signed bumps (TF Playground's "multi gaussian").
    MultiGauss,
}

impl DatasetKind {
    /// Every data set, in menu order.
    pub const ALL: [DatasetKind; 10] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Checkerboard,
        DatasetKind::Blobs3,
        DatasetKind::Spiral3,
        DatasetKind::Plane,
        DatasetKind::MultiGauss,
    ];

    /// The name used in the config text, e.g. `multigauss`.
    pub fn name(&self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Moons => "moons",
            DatasetKind::Checkerboard => "checkerboard",
            DatasetKind::Blobs3 => "blobs3",
            DatasetKind::Spiral3 => "spiral3",
            DatasetKind::Plane => "plane",
            DatasetKind::MultiGauss => "multigauss",
        }
    }

    /// The name people see, e.g. `Six cones`.
    pub fn label(&self) -> &'static str {
        match self {
            DatasetKind::Circle => "Circle",
            DatasetKind::Xor => "XOR",
            DatasetKind::Gauss => "Two blobs",
            DatasetKind::Spiral => "Spiral",
            DatasetKind::Moons => "Moons",
            DatasetKind::Checkerboard => "Checkerboard",
            DatasetKind::Blobs3 => "Three blobs",
            DatasetKind::Spiral3 => "Three arms",
            DatasetKind::Plane => "Plane",
            DatasetKind::MultiGauss => "Six cones",
        }
    }

    /// The data set called `name`, if any.
    pub fn from_name(name: &str) -> Option<DatasetKind> {
        DatasetKind::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Number of classes: 2 or 3; 1 for a regression set.
    pub fn n_classes(&self) -> usize {
        match self {
            DatasetKind::Blobs3 | DatasetKind::Spiral3 => 3,
            DatasetKind::Plane | DatasetKind::MultiGauss => 1,
            _ => 2,
        }
    }

    /// True for the regression sets (targets in [−1, 1] instead of class indices).
    pub fn is_regression(&self) -> bool {
        self.n_classes() == 1
    }

    /// Output units of a network for this set: 1 (a logit, or the regression value) for two classes and
    /// regression, one per class (softmax) for three.
    pub fn n_outputs(&self) -> usize {
        match self.n_classes() {
            1 | 2 => 1,
            n => n,
        }
    }
}

impl fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An input feature computed from a point (x1, x2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// x1.
    X1,
    /// x2.
    X2,
    /// x1².
    X1Sq,
    /// x2².
    X2Sq,
    /// x1·x2.
    X1X2,
    /// sin x1.
    SinX1,
    /// sin x2.
    SinX2,
}

impl Feature {
    /// Every feature, in canonical order (the order of a network's inputs).
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Sq,
        Feature::X2Sq,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The name used in the config text, e.g. `x1sq`.
    pub fn name(&self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Sq => "x1sq",
            Feature::X2Sq => "x2sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sinx1",
            Feature::SinX2 => "sinx2",
        }
    }

    /// The name people see, e.g. `sin x₁`.
    pub fn label(&self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Sq => "x₁²",
            Feature::X2Sq => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }

    /// The feature called `name`, if any.
    pub fn from_name(name: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The feature's value at (x1, x2); sines through `libm`.
    pub fn eval(&self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Sq => x1 * x1,
            Feature::X2Sq => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => libm::sinf(x1),
            Feature::SinX2 => libm::sinf(x2),
        }
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The optimiser that turns gradients into weight updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Plain mini-batch gradient descent.
    Sgd,
    /// Gradient descent with momentum.
    Momentum,
    /// Adam.
    Adam,
}

impl OptimizerKind {
    /// Every optimiser, in menu order.
    pub const ALL: [OptimizerKind; 3] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ];

    /// The name used in the config text.
    pub fn name(&self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }

    /// The name people see.
    pub fn label(&self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Momentum => "SGD + momentum",
            OptimizerKind::Adam => "Adam",
        }
    }

    /// The optimiser called `name`, if any.
    pub fn from_name(name: &str) -> Option<OptimizerKind> {
        OptimizerKind::ALL.into_iter().find(|o| o.name() == name)
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Weight penalty added to the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regularization {
    /// No penalty.
    None,
    /// rate · Σ|w|.
    L1,
    /// rate · ½ Σ w².
    L2,
}

impl Regularization {
    /// Every choice, in menu order.
    pub const ALL: [Regularization; 3] =
        [Regularization::None, Regularization::L1, Regularization::L2];

    /// The name used in the config text.
    pub fn name(&self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "l1",
            Regularization::L2 => "l2",
        }
    }

    /// The name people see.
    pub fn label(&self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "L1",
            Regularization::L2 => "L2",
        }
    }

    /// The choice called `name`, if any.
    pub fn from_name(name: &str) -> Option<Regularization> {
        Regularization::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Regularization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a running session must redo after a setting changed. Ordered: `Live < Network < Data`, so the
/// work for several changes is their maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// Nothing to rebuild: training continues with the same weights and data (optimiser state that
    /// depends on the changed setting, e.g. Adam's moments after switching optimiser, is the session's
    /// business).
    Live,
    /// Re-initialise the network (new shape, new inputs or a new weight draw); the data stays.
    Network,
    /// Regenerate the data set, then re-initialise the network.
    Data,
}

impl Change {
    /// `"live"`, `"network"` or `"data"` (the strings the page receives).
    pub fn name(&self) -> &'static str {
        match self {
            Change::Live => "live",
            Change::Network => "network",
            Change::Data => "data",
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One config key: its name, what a change of it asks of a running session, and one line for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The name in the config text.
    pub name: &'static str,
    /// What a session redoes when the value changes.
    pub rebuilds: Change,
    /// What the key means, in one line.
    pub doc: &'static str,
}

/// Every key, in canonical order: the order of the text form and of the page's controls.
pub const KEY_TABLE: [Key; 16] = [
    key("dataset", Change::Data, "which data set to generate"),
    key(
        "noise",
        Change::Data,
        "label and position noise, in percent",
    ),
    key(
        "train",
        Change::Data,
        "share of the points used for training, in percent",
    ),
    key(
        "points",
        Change::Data,
        "how many points to generate, training and test together",
    ),
    key(
        "activation",
        Change::Live,
        "the hidden layers' activation function",
    ),
    key(
        "layers",
        Change::Network,
        "hidden layer sizes, first to last; empty for none",
    ),
    key("lr", Change::Live, "learning rate"),
    key(
        "optimizer",
        Change::Live,
        "the optimiser that turns gradients into weight updates",
    ),
    key(
        "batch",
        Change::Live,
        "points per weight update; more than the training set means all",
    ),
    key("reg", Change::Live, "weight penalty added to the loss"),
    key("rate", Change::Live, "strength of the weight penalty"),
    key(
        "features",
        Change::Network,
        "the inputs computed from each point",
    ),
    key(
        "seed",
        Change::Data,
        "seeds the data, the initial weights and the shuffles",
    ),
    key(
        "draw",
        Change::Network,
        "which initial weight draw; new weights adds one",
    ),
    key(
        "race",
        Change::Network,
        "activations raced side by side on the same data; empty for none",
    ),
    key(
        "edits",
        Change::Data,
        "points a person removed and added by hand",
    ),
];

const fn key(name: &'static str, rebuilds: Change, doc: &'static str) -> Key {
    Key {
        name,
        rebuilds,
        doc,
    }
}

/// Why a config text or a single setting was rejected. The message names the key and its allowed range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    key: Option<String>,
    message: String,
}

impl ConfigError {
    pub(crate) fn new(key: Option<&str>, message: String) -> ConfigError {
        ConfigError {
            key: key.map(str::to_owned),
            message,
        }
    }

    /// The key the problem is about; `None` for problems with the text as a whole (too long, no `=`).
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// One experiment's settings. See the module documentation for every key's range and default.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `dataset=`: which data set (default circle).
    pub dataset: DatasetKind,
    /// `noise=`: 0..=50 percent (default 0).
    pub noise: u32,
    /// `train=`: 10..=90 percent of the points used for training (default 50).
    pub train: u32,
    /// `points=`: 10..=2000 generated points, train and test together (default 500).
    pub points: u32,
    /// `activation=`: the hidden layers' activation (default relu).
    pub activation: Activation,
    /// `layers=`: hidden layer sizes, 0..=8 layers of 1..=16 units (default 4,2).
    pub layers: Vec<usize>,
    /// `lr=`: learning rate, 1e-5..=10 (default 0.03).
    pub lr: f32,
    /// `optimizer=`: sgd, momentum or adam (default adam).
    pub optimizer: OptimizerKind,
    /// `batch=`: mini-batch size 1..=2000; larger than the train set means full batch (default 10).
    pub batch: u32,
    /// `reg=`: none, l1 or l2 (default none).
    pub reg: Regularization,
    /// `rate=`: regularisation rate 0..=10 (default 0).
    pub rate: f32,
    /// `features=`: 1..=7 distinct inputs, kept in [`Feature::ALL`] order (default x1,x2).
    pub features: Vec<Feature>,
    /// `seed=`: 0..=2⁵³−1; seeds the data, the weights and the shuffles (default 1).
    pub seed: u64,
    /// `draw=`: which initial weight draw; "new weights" increments it (default 0).
    pub draw: u32,
    /// `race=`: 2..=4 distinct activations trained side by side, or empty for no race (default empty).
    pub race: Vec<Activation>,
    /// `edits=`: the points a person removed and added (default none).
    pub edits: Edits,
}

/// Longest value echoed back in an error message; longer ones are cut with "…".
const ECHO_LEN: usize = 40;

impl Config {
    /// Longest accepted config text in bytes (a realistic one is under 400).
    pub const MAX_TEXT_LEN: usize = 4096;
    /// Noise range, percent.
    pub const NOISE: (u32, u32) = (0, 50);
    /// Train share range, percent.
    pub const TRAIN: (u32, u32) = (10, 90);
    /// Generated point count range.
    pub const POINTS: (u32, u32) = (10, 2000);
    /// Most hidden layers.
    pub const MAX_LAYERS: usize = 8;
    /// Units per hidden layer range.
    pub const UNITS: (usize, usize) = (1, 16);
    /// Learning rate range.
    pub const LR: (f32, f32) = (1e-5, 10.0);
    /// Batch size range.
    pub const BATCH: (u32, u32) = (1, 2000);
    /// Regularisation rate range.
    pub const RATE: (f32, f32) = (0.0, 10.0);
    /// Largest seed: 2⁵³ − 1, the largest integer JavaScript holds exactly.
    pub const MAX_SEED: u64 = (1 << 53) - 1;
    /// Racer count range (when a race is set).
    pub const RACERS: (usize, usize) = (2, 4);
    /// The learning rates the page's menu offers, in order (any value in [`Config::LR`] is valid).
    pub const LEARNING_RATES: [f32; 11] = [
        0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
    ];

    /// Every key, in canonical order (the names of [`KEY_TABLE`]).
    pub const KEYS: [&'static str; KEY_TABLE.len()] = {
        let mut names = [""; KEY_TABLE.len()];
        let mut i = 0;
        while i < names.len() {
            names[i] = KEY_TABLE[i].name;
            i += 1;
        }
        names
    };

    /// Parses `text` without failing: bad, unknown and repeated pairs are skipped (the first valid value
    /// of a key wins, the rest keep their defaults) and each skipped pair yields one warning that says
    /// which key was ignored and why. A text over [`Config::MAX_TEXT_LEN`] gives the defaults and one
    /// warning. Meant for the page's URL hash, which anyone can craft.
    pub fn parse_lenient(text: &str) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        if text.len() > Config::MAX_TEXT_LEN {
            warnings.push(format!(
                "ignored the whole config: it is {} bytes long, the limit is {}",
                text.len(),
                Config::MAX_TEXT_LEN
            ));
            return (config, warnings);
        }
        let mut seen: Vec<&str> = Vec::new();
        for pair in pairs(text) {
            let (key, value) = match split_pair(pair) {
                Ok(kv) => kv,
                Err(e) => {
                    warnings.push(format!("ignored: {e}"));
                    continue;
                }
            };
            if seen.contains(&key) {
                warnings.push(format!(
                    "ignored a repeated '{}' (the first valid value is kept)",
                    echo(key)
                ));
                continue;
            }
            match config.apply(key, value) {
                Ok(()) => seen.push(key),
                Err(e) => warnings.push(format!("ignored: {e}")),
            }
        }
        if let Err(e) = config.check_edits() {
            config.edits = Edits::default();
            warnings.push(format!("ignored: {e}"));
        }
        (config, warnings)
    }

    /// Sets one key from its value as the config text holds it (percent-decoded once here). All or
    /// nothing: on error the config is unchanged. Returns what a session must redo; setting a key to the
    /// value it already has returns [`Change::Live`]. Changing a data key other than `edits` clears the
    /// edits (they belong to the generated set they were made on).
    pub fn set(&mut self, key: &str, value: &str) -> Result<Change, ConfigError> {
        let value = decode_value(key, value)?;
        self.set_value(key, &value)
    }

    /// Sets one key from its plain value, as a control holds it (not percent-decoded: `%25` stays
    /// `%25`); otherwise as [`Config::set`].
    pub fn set_value(&mut self, key: &str, value: &str) -> Result<Change, ConfigError> {
        let mut next = self.clone();
        next.apply_plain(key, value)?;
        if key != "edits"
            && Config::key_change(key) == Some(Change::Data)
            && !next.same_value(self, key)
        {
            next.edits = Edits::default();
        }
        next.check_edits()?;
        let change = next.change_from(self);
        *self = next;
        Ok(change)
    }

    /// `Err` naming `edits` unless the edits fit the data set they edit: removed indices below `points`,
    /// labels that are classes of the data set (or targets in [−1, 1] for regression), and at most
    /// [`crate::dataset::MAX_POINTS`] points once edited.
    pub fn check_edits(&self) -> Result<(), ConfigError> {
        let edits = &self.edits;
        let bad = |what: String| {
            Err(ConfigError::new(
                Some("edits"),
                format!("edits do not fit this data set: {what}"),
            ))
        };
        if let Some(&i) = edits.removed.iter().find(|&&i| i >= self.points) {
            return bad(format!(
                "point {i} is removed, but there are only {} points",
                self.points
            ));
        }
        let n_classes = self.dataset.n_classes() as i32;
        for p in &edits.added {
            let ok = if self.dataset.is_regression() {
                (-100..=100).contains(&p.label)
            } else {
                p.label % 100 == 0 && (0..n_classes).contains(&(p.label / 100))
            };
            if !ok {
                let (_, _, label) = p.values();
                let want = match n_classes {
                    1 => "a target from -1 to 1",
                    2 => "class 0 or 1",
                    _ => "class 0, 1 or 2",
                };
                return bad(format!(
                    "an added point has label {label}; {} needs {want}",
                    self.dataset
                ));
            }
        }
        let kept = if edits.cleared {
            0
        } else {
            self.points as usize - edits.removed.len()
        };
        if kept + edits.added.len() > crate::dataset::MAX_POINTS {
            return bad(format!(
                "{} points in all; the limit is {}",
                kept + edits.added.len(),
                crate::dataset::MAX_POINTS
            ));
        }
        Ok(())
    }

    /// What a session running `old` must redo to run `self`: the largest [`Change`] over the keys that
    /// differ ([`Change::Live`] when none does).
    pub fn change_from(&self, old: &Config) -> Change {
        KEY_TABLE
            .iter()
            .filter(|k| !self.same_value(old, k.name))
            .map(|k| k.rebuilds)
            .max()
            .unwrap_or(Change::Live)
    }

    /// Whether `key` has the same value in `self` and `other`.
    fn same_value(&self, other: &Config, key: &str) -> bool {
        match key {
            "dataset" => self.dataset == other.dataset,
            "noise" => self.noise == other.noise,
            "train" => self.train == other.train,
            "points" => self.points == other.points,
            "activation" => self.activation == other.activation,
            "layers" => self.layers == other.layers,
            "lr" => self.lr.to_bits() == other.lr.to_bits(),
            "optimizer" => self.optimizer == other.optimizer,
            "batch" => self.batch == other.batch,
            "reg" => self.reg == other.reg,
            "rate" => self.rate.to_bits() == other.rate.to_bits(),
            "features" => self.features == other.features,
            "seed" => self.seed == other.seed,
            "draw" => self.draw == other.draw,
            "race" => self.race == other.race,
            "edits" => self.edits == other.edits,
            _ => true,
        }
    }

    /// The plain (not percent-encoded) text of `key`'s value, as a control holds it: `circle`, `0.03`,
    /// `leaky_relu(negative_slope=0.1)`, `4,2`, `x1,x2`; `None` for an unknown key.
    pub fn value_text(&self, key: &str) -> Option<String> {
        let joined = |items: Vec<String>| items.join(",");
        Some(match key {
            "dataset" => self.dataset.to_string(),
            "noise" => self.noise.to_string(),
            "train" => self.train.to_string(),
            "points" => self.points.to_string(),
            "activation" => self.activation.to_string(),
            "layers" => joined(self.layers.iter().map(ToString::to_string).collect()),
            "lr" => self.lr.to_string(),
            "optimizer" => self.optimizer.to_string(),
            "batch" => self.batch.to_string(),
            "reg" => self.reg.to_string(),
            "rate" => self.rate.to_string(),
            "features" => joined(self.features.iter().map(ToString::to_string).collect()),
            "seed" => self.seed.to_string(),
            "draw" => self.draw.to_string(),
            "race" => joined(self.race.iter().map(ToString::to_string).collect()),
            "edits" => self.edits.to_string(),
            _ => return None,
        })
    }

    /// Every key's plain value as a JSON object in table order: scalars as text (see
    /// [`Config::value_text`]), `layers` as numbers, `features` and `race` as arrays of text, `edits` as
    /// whether there are any.
    pub fn values_json(&self) -> String {
        let mut w = crate::json::Writer::new();
        w.begin_object();
        for k in KEY_TABLE.iter() {
            w.key(k.name);
            match k.name {
                "layers" => {
                    w.begin_array();
                    for &n in &self.layers {
                        w.uint(n as u64);
                    }
                    w.end_array();
                }
                "features" => {
                    w.begin_array();
                    for f in &self.features {
                        w.string(f.name());
                    }
                    w.end_array();
                }
                "race" => {
                    w.begin_array();
                    for a in &self.race {
                        w.string(&a.to_string());
                    }
                    w.end_array();
                }
                "edits" => {
                    w.bool(!self.edits.is_empty());
                }
                name => {
                    w.string(&self.value_text(name).unwrap_or_default());
                }
            }
        }
        w.end_object();
        w.finish()
    }

    /// What changing `key` asks of a session, or `None` for an unknown key.
    pub fn key_change(key: &str) -> Option<Change> {
        KEY_TABLE.iter().find(|k| k.name == key).map(|k| k.rebuilds)
    }

    /// The network's layer widths: `[inputs, hidden..., outputs]`, inputs = number of features and
    /// outputs = [`DatasetKind::n_outputs`].
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = Vec::with_capacity(self.layers.len() + 2);
        sizes.push(self.features.len());
        sizes.extend_from_slice(&self.layers);
        sizes.push(self.dataset.n_outputs());
        sizes
    }

    /// Parses one (still percent-encoded) value into its field, leaving `self` untouched on error.
    fn apply(&mut self, key: &str, raw: &str) -> Result<(), ConfigError> {
        let value = decode_value(key, raw)?;
        self.apply_plain(key, &value)
    }

    /// Parses one plain value into its field, leaving `self` untouched on error. Checks the value
    /// alone; [`Config::check_edits`] checks `edits` against the data keys.
    fn apply_plain(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        unknown_key(key)?;
        match key {
            "dataset" => {
                self.dataset = DatasetKind::from_name(value)
                    .ok_or_else(|| choice_error(key, value, DatasetKind::ALL.map(|d| d.name())))?;
            }
            "noise" => self.noise = parse_int(key, value, Config::NOISE, " (percent)")?,
            "train" => self.train = parse_int(key, value, Config::TRAIN, " (percent)")?,
            "points" => self.points = parse_int(key, value, Config::POINTS, "")?,
            "activation" => {
                self.activation = value.parse().map_err(|e| {
                    ConfigError::new(
                        Some(key),
                        format!(
                            "activation must be one of the known specs; '{}' is not: {e}",
                            echo(value)
                        ),
                    )
                })?;
            }
            "layers" => self.layers = parse_layers(value)?,
            "lr" => self.lr = parse_float(key, value, Config::LR)?,
            "optimizer" => {
                self.optimizer = OptimizerKind::from_name(value).ok_or_else(|| {
                    choice_error(key, value, OptimizerKind::ALL.map(|o| o.name()))
                })?;
            }
            "batch" => self.batch = parse_int(key, value, Config::BATCH, "")?,
            "reg" => {
                self.reg = Regularization::from_name(value).ok_or_else(|| {
                    choice_error(key, value, Regularization::ALL.map(|r| r.name()))
                })?;
            }
            "rate" => self.rate = parse_float(key, value, Config::RATE)?,
            "features" => self.features = parse_features(value)?,
            "seed" => self.seed = parse_int(key, value, (0, Config::MAX_SEED), "")?,
            "draw" => self.draw = parse_int(key, value, (0, u32::MAX), "")?,
            "race" => self.race = parse_race(value)?,
            "edits" => self.edits = Edits::parse(value)?,
            _ => unreachable!("unknown_key accepted an unknown key"),
        }
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dataset: DatasetKind::Circle,
            noise: 0,
            train: 50,
            points: 500,
            activation: Activation::Relu,
            layers: vec![4, 2],
            lr: 0.03,
            optimizer: OptimizerKind::Adam,
            batch: 10,
            reg: Regularization::None,
            rate: 0.0,
            features: vec![Feature::X1, Feature::X2],
            seed: 1,
            draw: 0,
            race: Vec::new(),
            edits: Edits::default(),
        }
    }
}

impl FromStr for Config {
    type Err = ConfigError;

    /// Strict parse: the first unknown key, repeated key, malformed pair or bad value is an error.
    fn from_str(text: &str) -> Result<Config, ConfigError> {
        // The `edits` value has a limit of its own (a model file carries up to 4000 points).
        let edits_len = pairs(text)
            .find_map(|p| p.strip_prefix("edits="))
            .map_or(0, str::len);
        if text.len() - edits_len > Config::MAX_TEXT_LEN {
            return Err(ConfigError::new(
                None,
                format!(
                    "the config text is {} bytes long; the limit is {}",
                    text.len(),
                    Config::MAX_TEXT_LEN
                ),
            ));
        }
        let mut config = Config::default();
        let mut seen: Vec<&str> = Vec::new();
        for pair in pairs(text) {
            let (key, value) = split_pair(pair)?;
            if seen.contains(&key) {
                return Err(ConfigError::new(
                    Some(key),
                    format!("{key} is given more than once; give each key at most once"),
                ));
            }
            config.apply(key, value)?;
            seen.push(key);
        }
        config.check_edits()?;
        Ok(config)
    }
}

impl fmt::Display for Config {
    /// The canonical text: every key in [`KEY_TABLE`] order (`edits` only when there are edits), each
    /// value percent-encoded where the text form needs it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, k) in KEY_TABLE.iter().enumerate() {
            if k.name == "edits" && self.edits.is_empty() {
                continue;
            }
            if i > 0 {
                f.write_str("&")?;
            }
            write!(f, "{}=", k.name)?;
            write_encoded(f, &self.value_text(k.name).unwrap_or_default())?;
        }
        Ok(())
    }
}

/// The `&`-separated pairs of `text`, after one leading `#` or `?`, skipping empty ones.
fn pairs(text: &str) -> impl Iterator<Item = &str> {
    let body = text
        .strip_prefix('#')
        .or_else(|| text.strip_prefix('?'))
        .unwrap_or(text);
    body.split('&').filter(|p| !p.is_empty())
}

/// `Err` for a key that is not in [`KEY_TABLE`], listing the keys.
fn unknown_key(key: &str) -> Result<(), ConfigError> {
    match Config::key_change(key) {
        Some(_) => Ok(()),
        None => Err(ConfigError::new(
            None,
            format!(
                "unknown key '{}'; the keys are: {}",
                echo(key),
                Config::KEYS.join(", ")
            ),
        )),
    }
}

/// `raw` percent-decoded, or an error naming `key` (an unknown key is reported as such first).
fn decode_value(key: &str, raw: &str) -> Result<String, ConfigError> {
    unknown_key(key)?;
    percent_decode(raw).map_err(|why| {
        ConfigError::new(
            Some(key),
            format!(
                "{key} must be {}; the value '{}' {why}",
                expected(key),
                echo(raw)
            ),
        )
    })
}

/// What a valid value of `key` looks like, for messages about values that cannot even be decoded.
fn expected(key: &str) -> String {
    let (noise, train, points, batch) =
        (Config::NOISE, Config::TRAIN, Config::POINTS, Config::BATCH);
    match key {
        "dataset" => format!("one of {}", DatasetKind::ALL.map(|d| d.name()).join(", ")),
        "noise" => format!("a whole number from {} to {} (percent)", noise.0, noise.1),
        "train" => format!("a whole number from {} to {} (percent)", train.0, train.1),
        "points" => format!("a whole number from {} to {}", points.0, points.1),
        "activation" => format!("one of {}", Activation::NAMES.join(", ")),
        "layers" => format!(
            "0 to {} comma-separated sizes from 1 to 16",
            Config::MAX_LAYERS
        ),
        "lr" => format!("a number from {} to {}", Config::LR.0, Config::LR.1),
        "optimizer" => format!("one of {}", OptimizerKind::ALL.map(|o| o.name()).join(", ")),
        "batch" => format!("a whole number from {} to {}", batch.0, batch.1),
        "reg" => format!(
            "one of {}",
            Regularization::ALL.map(|r| r.name()).join(", ")
        ),
        "rate" => format!("a number from {} to {}", Config::RATE.0, Config::RATE.1),
        "features" => format!(
            "1 to 7 distinct names of {}",
            Feature::ALL.map(|f| f.name()).join(", ")
        ),
        "seed" => format!("a whole number from 0 to {}", Config::MAX_SEED),
        "draw" => format!("a whole number from 0 to {}", u32::MAX),
        "edits" => "the points' edits (c; r<indices>; a<x:y:label,...>)".to_owned(),
        _ => "empty or 2 to 4 distinct activation specs separated by commas".to_owned(),
    }
}

/// `key=value` → (key, raw value), splitting at the first `=`.
fn split_pair(pair: &str) -> Result<(&str, &str), ConfigError> {
    pair.split_once('=').ok_or_else(|| {
        ConfigError::new(
            None,
            format!("'{}' is not of the form key=value", echo(pair)),
        )
    })
}

/// At most [`ECHO_LEN`] characters of `s` for an error message, with control characters escaped.
fn echo(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(ECHO_LEN)
        .flat_map(char::escape_default)
        .collect();
    if s.chars().nth(ECHO_LEN).is_some() {
        out.push('…');
    }
    out
}

fn choice_error<const N: usize>(key: &str, value: &str, names: [&str; N]) -> ConfigError {
    ConfigError::new(
        Some(key),
        format!(
            "{key} must be one of {}; got '{}'",
            names.join(", "),
            echo(value)
        ),
    )
}

/// A whole number in `lo..=hi`. Accepts only ASCII digits (no sign, no fraction, no exponent).
fn parse_int<T>(key: &str, value: &str, (lo, hi): (T, T), unit: &str) -> Result<T, ConfigError>
where
    T: Copy + PartialOrd + TryFrom<u64> + fmt::Display,
{
    let error = || {
        ConfigError::new(
            Some(key),
            format!(
                "{key} must be a whole number from {lo} to {hi}{unit}; got '{}'",
                echo(value)
            ),
        )
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error());
    }
    // Overlong digit strings overflow u64: that is out of range, not a different error.
    let n: u64 = value.parse().map_err(|_| error())?;
    let n = T::try_from(n).map_err(|_| error())?;
    if n < lo || n > hi {
        return Err(error());
    }
    Ok(n)
}

/// A finite f32 in `lo..=hi`; −0 is stored as 0 so the canonical text never shows "-0".
fn parse_float(key: &str, value: &str, (lo, hi): (f32, f32)) -> Result<f32, ConfigError> {
    let error = || {
        ConfigError::new(
            Some(key),
            format!(
                "{key} must be a number from {lo} to {hi}; got '{}'",
                echo(value)
            ),
        )
    };
    // Rust's parser also reads "inf", "NaN" and "infinity": those fail the finiteness check below.
    let v: f32 = value.parse().map_err(|_| error())?;
    if !v.is_finite() || v < lo || v > hi {
        return Err(error());
    }
    Ok(if v == 0.0 { 0.0 } else { v })
}

fn parse_layers(value: &str) -> Result<Vec<usize>, ConfigError> {
    let (lo, hi) = Config::UNITS;
    let range = format!(
        "layers must be 0 to {} comma-separated sizes from {lo} to {hi} (empty for no hidden layer)",
        Config::MAX_LAYERS
    );
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = value.split(',').collect();
    if parts.len() > Config::MAX_LAYERS {
        return Err(ConfigError::new(
            Some("layers"),
            format!("{range}; got {} layers", parts.len()),
        ));
    }
    parts
        .iter()
        .map(|p| {
            parse_int::<usize>("layers", p, Config::UNITS, "").map_err(|_| {
                ConfigError::new(Some("layers"), format!("{range}; got '{}'", echo(value)))
            })
        })
        .collect()
}

fn parse_features(value: &str) -> Result<Vec<Feature>, ConfigError> {
    let names = Feature::ALL.map(|f| f.name()).join(", ");
    let mut chosen = [false; Feature::ALL.len()];
    for name in value.split(',') {
        let feature = Feature::from_name(name).ok_or_else(|| {
            ConfigError::new(
                Some("features"),
                format!(
                    "features must be 1 to 7 distinct names of {names}; '{}' is not one",
                    echo(name)
                ),
            )
        })?;
        let slot = &mut chosen[feature as usize];
        if *slot {
            return Err(ConfigError::new(
                Some("features"),
                format!(
                    "features must be 1 to 7 distinct names of {names}; {name} is listed twice"
                ),
            ));
        }
        *slot = true;
    }
    Ok(Feature::ALL
        .into_iter()
        .filter(|f| chosen[*f as usize])
        .collect())
}

/// Splits on commas outside parentheses, so `relu,leaky_relu(a=1,b=2)` gives two specs.
fn split_specs(value: &str) -> Vec<&str> {
    let mut specs = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                specs.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    specs.push(&value[start..]);
    specs
}

fn parse_race(value: &str) -> Result<Vec<Activation>, ConfigError> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let (lo, hi) = Config::RACERS;
    let range =
        format!("race must be empty or {lo} to {hi} distinct activation specs separated by commas");
    let specs = split_specs(value);
    if specs.len() < lo || specs.len() > hi {
        return Err(ConfigError::new(
            Some("race"),
            format!("{range}; got {}", specs.len()),
        ));
    }
    let mut racers: Vec<Activation> = Vec::with_capacity(specs.len());
    for spec in specs {
        let racer: Activation = spec.parse().map_err(|e| {
            ConfigError::new(
                Some("race"),
                format!("{range}; '{}' is not an activation: {e}", echo(spec)),
            )
        })?;
        if racers.contains(&racer) {
            return Err(ConfigError::new(
                Some("race"),
                format!("{range}; {racer} is listed twice"),
            ));
        }
        racers.push(racer);
    }
    Ok(racers)
}

/// Decodes `%XX` escapes; fails on a malformed escape or on bytes that are not UTF-8.
fn percent_decode(raw: &str) -> Result<String, &'static str> {
    if !raw.contains('%') {
        return Ok(raw.to_owned());
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            match (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) {
                (Some(hi), Some(lo)) => out.push((hi * 16 + lo) as u8),
                _ => return Err("has a '%' that is not followed by two hex digits"),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "does not decode to UTF-8 text")
}

/// Writes `s`, percent-encoding `& = % # +`, space, control characters and every non-ASCII byte.
fn write_encoded(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    for &b in s.as_bytes() {
        if matches!(b, b'&' | b'=' | b'%' | b'#' | b'+' | b' ')
            || b.is_ascii_control()
            || !b.is_ascii()
        {
            write!(f, "%{b:02X}")?;
        } else {
            f.write_char(char::from(b))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        text.parse()
    }

    #[test]
    fn default_text_is_canonical_and_round_trips() {
        let text = Config::default().to_string();
        assert_eq!(
            text,
            "dataset=circle&noise=0&train=50&points=500&activation=relu&layers=4,2&lr=0.03&optimizer=adam\
             &batch=10&reg=none&rate=0&features=x1,x2&seed=1&draw=0&race="
        );
        assert_eq!(parse(&text).unwrap(), Config::default());
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(parse("#").unwrap(), Config::default());
    }

    #[test]
    fn the_issue_example_parses() {
        let c = parse(
            "dataset=spiral&noise=10&train=50&activation=relu&layers=8,8,8&lr=0.01&optimizer=adam&batch=10\
             &reg=l2&rate=0.001&features=x1,x2&seed=7",
        )
        .unwrap();
        assert_eq!(c.dataset, DatasetKind::Spiral);
        assert_eq!(c.noise, 10);
        assert_eq!(c.layers, vec![8, 8, 8]);
        assert_eq!(c.lr, 0.01);
        assert_eq!(c.reg, Regularization::L2);
        assert_eq!(c.rate, 0.001);
        assert_eq!(c.seed, 7);
        assert_eq!(c.points, 500, "missing keys take defaults");
        assert_eq!(c.layer_sizes(), vec![2, 8, 8, 8, 1]);
    }

    #[test]
    fn order_does_not_matter() {
        let a = parse("seed=3&noise=20&dataset=xor&layers=3").unwrap();
        let b = parse("layers=3&dataset=xor&seed=3&noise=20").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), b.to_string());
    }

    #[test]
    fn encoded_activation_and_race_round_trip() {
        let c = parse("activation=leaky_relu(negative_slope%3D0.1)&race=relu,leaky_relu(negative_slope%3D0.2),tanh")
            .unwrap();
        assert_eq!(
            c.activation,
            Activation::LeakyRelu {
                negative_slope: 0.1
            }
        );
        assert_eq!(
            c.race,
            vec![
                Activation::Relu,
                Activation::LeakyRelu {
                    negative_slope: 0.2
                },
                Activation::Tanh
            ]
        );
        let text = c.to_string();
        assert!(
            text.contains("activation=leaky_relu(negative_slope%3D0.1)"),
            "{text}"
        );
        assert!(
            text.contains("race=relu,leaky_relu(negative_slope%3D0.2),tanh"),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), c);
        // An unencoded '=' inside a value is also read (the pair splits at its first '=').
        assert_eq!(
            parse("activation=leaky_relu(negative_slope=0.1)")
                .unwrap()
                .activation,
            c.activation
        );
    }

    #[test]
    fn commas_inside_parentheses_do_not_split_racers() {
        assert_eq!(
            split_specs("relu,f(a=1,b=2),tanh"),
            vec!["relu", "f(a=1,b=2)", "tanh"]
        );
        assert_eq!(split_specs("a)b,c"), vec!["a)b", "c"]);
    }

    #[test]
    fn features_are_a_set_in_canonical_order() {
        let c = parse("features=sinx2,x1").unwrap();
        assert_eq!(c.features, vec![Feature::X1, Feature::SinX2]);
        assert!(c.to_string().contains("features=x1,sinx2"));
        let e = parse("features=x1,x1").unwrap_err();
        assert!(e.to_string().contains("twice"), "{e}");
        assert!(parse("features=").is_err());
        assert!(parse("features=x3")
            .unwrap_err()
            .to_string()
            .contains("x1, x2, x1sq"));
        assert_eq!(
            parse("features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2")
                .unwrap()
                .features,
            Feature::ALL.to_vec()
        );
    }

    #[test]
    fn layers_accept_empty_and_limits() {
        assert!(parse("layers=").unwrap().layers.is_empty());
        assert_eq!(
            parse("layers=16,16,16,16,16,16,16,16")
                .unwrap()
                .layers
                .len(),
            8
        );
        for bad in [
            "16,16,16,16,16,16,16,16,16",
            "0",
            "17",
            "4,,2",
            "4,",
            ",4",
            "4;2",
            "-1",
            "4.0",
        ] {
            let e = parse(&format!("layers={bad}")).unwrap_err();
            assert_eq!(e.key(), Some("layers"), "{bad}");
            assert!(
                e.to_string().contains("0 to 8") && e.to_string().contains("from 1 to 16"),
                "{e}"
            );
        }
    }

    /// (key, values just inside the range, values just outside it, a fragment of the range message).
    fn bounds() -> Vec<(
        &'static str,
        Vec<&'static str>,
        Vec<&'static str>,
        &'static str,
    )> {
        vec![
            (
                "noise",
                vec!["0", "50"],
                vec!["51", "-1", "1.5", ""],
                "from 0 to 50",
            ),
            (
                "train",
                vec!["10", "90"],
                vec!["9", "91", "50%"],
                "from 10 to 90",
            ),
            (
                "points",
                vec!["10", "2000"],
                vec!["9", "2001", "1e3"],
                "from 10 to 2000",
            ),
            (
                "lr",
                vec!["0.00001", "1e-5", "10", "0.03"],
                vec!["0.0000099", "10.001", "0", "-1"],
                "from 0.00001 to 10",
            ),
            (
                "batch",
                vec!["1", "2000"],
                vec!["0", "2001"],
                "from 1 to 2000",
            ),
            (
                "rate",
                vec!["0", "10", "-0"],
                vec!["-0.0001", "10.0001"],
                "from 0 to 10",
            ),
            (
                "seed",
                vec!["0", "9007199254740991"],
                vec!["9007199254740992", "-1", "18446744073709551616"],
                "from 0 to 9007199254740991",
            ),
            (
                "draw",
                vec!["0", "4294967295"],
                vec!["4294967296", "x"],
                "from 0 to 4294967295",
            ),
            (
                "dataset",
                vec!["circle", "multigauss", "spiral3"],
                vec!["Circle", "circles", ""],
                "circle, xor, gauss",
            ),
            (
                "optimizer",
                vec!["sgd", "momentum", "adam"],
                vec!["rmsprop"],
                "sgd, momentum, adam",
            ),
            (
                "reg",
                vec!["none", "l1", "l2"],
                vec!["l3", ""],
                "none, l1, l2",
            ),
            (
                "race",
                vec!["", "relu,tanh", "relu,tanh,sigmoid,identity"],
                vec![
                    "relu",
                    "relu,tanh,sigmoid,identity,leaky_relu",
                    "relu,relu",
                    "relu,swishy",
                ],
                "2 to 4",
            ),
            (
                "activation",
                vec!["tanh", "leaky_relu(negative_slope%3D0.2)"],
                vec!["", "swishy", "relu(", "leaky_relu(negative_slope%3Dnan)"],
                "must be one of",
            ),
        ]
    }

    #[test]
    fn every_key_accepts_its_bounds_and_names_key_and_range_just_outside() {
        for (key, good, bad, range) in bounds() {
            for v in good {
                let c = parse(&format!("{key}={v}")).unwrap_or_else(|e| panic!("{key}={v}: {e}"));
                assert_eq!(parse(&c.to_string()).unwrap(), c, "{key}={v} round trip");
            }
            for v in bad {
                let e = parse(&format!("{key}={v}")).expect_err(&format!("{key}={v} must fail"));
                assert_eq!(e.key(), Some(key), "{key}={v}: {e}");
                let msg = e.to_string();
                assert!(
                    msg.starts_with(key),
                    "{key}={v}: message must name the key: {msg}"
                );
                assert!(
                    msg.contains(range),
                    "{key}={v}: message must give the range '{range}': {msg}"
                );
            }
        }
    }

    #[test]
    fn set_is_all_or_nothing_and_reports_the_change() {
        let mut c = Config::default();
        assert_eq!(c.set("noise", "20").unwrap(), Change::Data);
        assert_eq!(
            c.set("noise", "20").unwrap(),
            Change::Live,
            "same value: nothing to redo"
        );
        assert_eq!(c.set("layers", "3,3").unwrap(), Change::Network);
        assert_eq!(c.set("lr", "0.1").unwrap(), Change::Live);
        assert_eq!(c.set("activation", "tanh").unwrap(), Change::Live);
        assert_eq!(c.set("draw", "1").unwrap(), Change::Network);
        assert_eq!(c.set("race", "relu,tanh").unwrap(), Change::Network);
        assert_eq!(c.set("seed", "9").unwrap(), Change::Data);
        let before = c.clone();
        assert!(c.set("noise", "99").is_err());
        assert!(c.set("layers", "4,99").is_err());
        assert!(c.set("bogus", "1").is_err());
        assert_eq!(c, before, "failed sets change nothing");
        assert_eq!(
            c.set("activation", "leaky_relu(negative_slope%3D0.3)")
                .unwrap(),
            Change::Live
        );
        for key in Config::KEYS {
            assert!(Config::key_change(key).is_some(), "{key}");
        }
        assert!(Change::Live < Change::Network && Change::Network < Change::Data);
    }

    #[test]
    fn change_from_takes_the_largest_change() {
        let a = Config::default();
        let mut b = a.clone();
        b.lr = 0.5;
        b.layers = vec![3];
        assert_eq!(b.change_from(&a), Change::Network);
        b.points = 100;
        assert_eq!(b.change_from(&a), Change::Data);
        assert_eq!(a.change_from(&a.clone()), Change::Live);
    }

    #[test]
    fn strict_parse_rejects_unknown_repeated_and_malformed() {
        let e = parse("noise=10&colour=red").unwrap_err();
        assert!(e.to_string().contains("unknown key 'colour'"), "{e}");
        let e = parse("noise=10&noise=20").unwrap_err();
        assert_eq!(e.key(), Some("noise"));
        assert!(e.to_string().contains("more than once"), "{e}");
        let e = parse("noise").unwrap_err();
        assert!(e.to_string().contains("key=value"), "{e}");
        let e = parse("noise=1%2").unwrap_err();
        assert!(e.to_string().contains("two hex digits"), "{e}");
        let e = parse("noise=%FF").unwrap_err();
        assert!(e.to_string().contains("UTF-8"), "{e}");
        assert_eq!(parse("?noise=5&&seed=2&").unwrap().noise, 5);
    }

    #[test]
    fn lenient_parse_keeps_good_keys_and_explains_the_rest() {
        let (c, warnings) = Config::parse_lenient(
            "#noise=10&noise=30&lr=NaN&colour=red&layers=8,8&junk&seed=99999999999999999999",
        );
        assert_eq!(c.noise, 10);
        assert_eq!(c.lr, Config::default().lr);
        assert_eq!(c.layers, vec![8, 8]);
        assert_eq!(c.seed, 1);
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert!(warnings[0].contains("repeated 'noise'"), "{warnings:?}");
        assert!(
            warnings[1].contains("lr must be a number from 0.00001 to 10"),
            "{warnings:?}"
        );
        assert!(warnings[2].contains("colour"), "{warnings:?}");
        assert!(warnings[3].contains("junk"), "{warnings:?}");
        assert!(warnings[4].contains("seed"), "{warnings:?}");
        // A bad first value does not block a later good one.
        let (c, warnings) = Config::parse_lenient("noise=x&noise=7");
        assert_eq!((c.noise, warnings.len()), (7, 1));
        let (c, warnings) = Config::parse_lenient(&Config::default().to_string());
        assert_eq!((c, warnings.len()), (Config::default(), 0));
    }

    #[test]
    fn garbage_never_panics() {
        let huge = "a".repeat(10 * 1024 * 1024);
        let huge_value = format!("noise={}", "9".repeat(10 * 1024 * 1024));
        let long_ok = format!("noise={}7", "0".repeat(3000));
        let cases: Vec<String> = vec![
            huge.clone(),
            huge_value.clone(),
            "&".repeat(5000),
            "lr=NaN".into(),
            "lr=inf".into(),
            "lr=-inf".into(),
            "lr=infinity".into(),
            "lr=1e39".into(),
            "rate=1e-50".into(),
            "noise=99999999999999999999999999999".into(),
            "dataset=<script>alert(1)</script>".into(),
            "dataset=%3Cscript%3E".into(),
            "activation=%".into(),
            "activation=%E2%82".into(),
            "activation=((((((((((".into(),
            "activation=))))".into(),
            "race=,,,".into(),
            "race=(,),(".into(),
            "race=relu,tanh,%00".into(),
            "=&==&=x".into(),
            "layers=\u{1F600}".into(),
            "features=x1\u{0}".into(),
            "é=ü".into(),
            long_ok.clone(),
        ];
        for text in &cases {
            let strict = parse(text);
            let (lenient, _) = Config::parse_lenient(text);
            if let Ok(c) = strict {
                assert_eq!(c, lenient, "{}", echo(text));
            }
            assert_eq!(parse(&lenient.to_string()).unwrap(), lenient);
        }
        assert!(parse(&huge)
            .unwrap_err()
            .to_string()
            .contains("limit is 4096"));
        assert_eq!(
            parse("rate=1e-50").unwrap().rate,
            0.0,
            "underflows to 0, which is in range"
        );
        assert_eq!(parse(&long_ok).unwrap().noise, 7);
        // Error messages stay short however long the value.
        let e = parse(&format!("dataset={}", "x".repeat(3000))).unwrap_err();
        assert!(e.to_string().len() < 200, "{}", e.to_string().len());
    }

    #[test]
    fn encoding_covers_the_reserved_characters() {
        struct Enc<'a>(&'a str);
        impl fmt::Display for Enc<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_encoded(f, self.0)
            }
        }
        let raw = "a&b=c%d#e+f g\u{7}é(x,y)";
        let encoded = Enc(raw).to_string();
        assert_eq!(encoded, "a%26b%3Dc%25d%23e%2Bf%20g%07%C3%A9(x,y)");
        assert_eq!(percent_decode(&encoded).unwrap(), raw);
        assert_eq!(percent_decode("%3d%3D").unwrap(), "==");
    }

    #[test]
    fn many_configs_round_trip() {
        let mut rng = crate::rng::Rng::new(2024);
        let activations = [
            "relu",
            "tanh",
            "sigmoid",
            "identity",
            "leaky_relu(negative_slope=0.25)",
        ];
        for _ in 0..500 {
            let mut c = Config {
                dataset: DatasetKind::ALL[rng.usize(10)],
                noise: rng.usize(51) as u32,
                train: 10 + rng.usize(81) as u32,
                points: 10 + rng.usize(1991) as u32,
                activation: activations[rng.usize(5)].parse().unwrap(),
                layers: (0..rng.usize(9)).map(|_| 1 + rng.usize(16)).collect(),
                lr: rng.uniform(1e-5, 10.0),
                optimizer: OptimizerKind::ALL[rng.usize(3)],
                batch: 1 + rng.usize(2000) as u32,
                reg: Regularization::ALL[rng.usize(3)],
                rate: rng.uniform(0.0, 10.0),
                features: Feature::ALL
                    .into_iter()
                    .filter(|_| rng.usize(2) == 0)
                    .collect(),
                seed: rng.u64() & Config::MAX_SEED,
                draw: rng.u64() as u32,
                race: Vec::new(),
                edits: Edits::default(),
            };
            if c.features.is_empty() {
                c.features.push(Feature::X2);
            }
            let n_racers = [0, 2, 3, 4][rng.usize(4)];
            let mut pool: Vec<&str> = activations.to_vec();
            rng.shuffle(&mut pool);
            c.race = pool[..n_racers]
                .iter()
                .map(|s| s.parse().unwrap())
                .collect();
            let text = c.to_string();
            let back = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(back, c, "{text}");
            assert_eq!(back.to_string(), text);
        }
    }

    #[test]
    fn dataset_kinds_know_their_outputs() {
        assert_eq!(DatasetKind::Circle.n_outputs(), 1);
        assert_eq!(DatasetKind::Blobs3.n_outputs(), 3);
        assert_eq!(DatasetKind::Plane.n_outputs(), 1);
        assert!(DatasetKind::MultiGauss.is_regression() && !DatasetKind::Spiral3.is_regression());
        for d in DatasetKind::ALL {
            assert_eq!(DatasetKind::from_name(d.name()), Some(d));
        }
        assert_eq!(Feature::SinX1.eval(core::f32::consts::FRAC_PI_2, 0.0), 1.0);
        assert_eq!(Feature::X1X2.eval(3.0, -2.0), -6.0);
    }
}
