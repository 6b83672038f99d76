//! One experiment's settings as a value, and its text form: a URL query such as
//! `dataset=spiral&noise=10&layers=8,8,8&lr=0.01&seed=7`.
//!
//! The same parser serves the page's URL hash (through `link.rs`), the tests and the benchmarks. Every key is
//! one row of [`KEY_TABLE`] (`keys.rs`), which drives parsing, printing, change detection and this table:
//!
//! | key | values | default | on change | meaning |
//! |-----|--------|---------|-----------|---------|
//! | `dataset` | one of circle, xor, gauss, spiral, moons, checkerboard, blobs3, spiral3, plane, multigauss | `circle` | data | which data set to generate |
//! | `noise` | a whole number from 0 to 50 (percent) | `0` | data | label and position noise, in percent |
//! | `train` | a whole number from 10 to 90 (percent) | `50` | data | share of the points used for training, in percent |
//! | `points` | a whole number from 10 to 2000 | `500` | data | how many points to generate, training and test together |
//! | `activation` | one of identity, binary_step, sigmoid, tanh, softsign, relu, leaky_relu, prelu, rrelu, elu, celu, selu, softplus, silu, gelu, mish, squareplus, relu6, threshold, hardtanh, hardsigmoid, hardswish, hardshrink, softshrink, tanhshrink, logsigmoid, sine, gaussian, with optional parameters | `relu` | live | the hidden layers' activation function |
//! | `layers` | 0 to 8 comma-separated sizes from 1 to 16 (empty for no hidden layer) | `8,8,8,8` | network | hidden layer sizes, first to last |
//! | `lr` | a number from 0.00001 to 10 | `0.003` | live | learning rate |
//! | `optimizer` | one of sgd, momentum, adam | `sgd` | live | the optimiser that turns gradients into weight updates |
//! | `batch` | a whole number from 1 to 2000 | `10` | live | points per weight update; more than the training set means all of it |
//! | `reg` | one of none, l1, l2 | `none` | live | weight penalty added to the loss |
//! | `rate` | a number from 0 to 10 | `0` | live | strength of the weight penalty |
//! | `features` | 1 to 7 distinct names of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 | `x1,x2` | network | the inputs computed from each point |
//! | `seed` | a whole number from 0 to 9007199254740991 | `1` | data | seeds the data, the initial weights and the shuffles |
//! | `draw` | a whole number from 0 to 4294967295 | `0` | network | which initial weight draw; new weights adds one |
//! | `race` | empty or 2 to 4 distinct activation specs separated by commas | (empty) | live | activations raced side by side on the same data (the race panel's; the playground keeps training) |
//! | `edits` | empty, or parts joined by ;: c (cleared), r and removed indices (r3,17-20), a and added x:y:label points (a1.5:-2:1) | (empty) | data | points removed and added by hand, against the generated set |
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

use std::fmt;
use std::str::FromStr;

use crate::activation::Activation;

mod change;
mod dataset_kind;
pub mod edits;
mod feature;
mod keys;
mod optimizer_kind;
mod regularization;
mod text;
mod values;

pub use change::Change;
pub use dataset_kind::DatasetKind;
pub use edits::{DrawnPoint, Edits};
pub use feature::Feature;
pub use keys::{doc_table, Key, Shape, KEY_TABLE};
pub use optimizer_kind::OptimizerKind;
pub use regularization::Regularization;

pub use crate::error::Error;
/// The error of parsing or setting a config: the core's [`Error`], whose `key()` names the key.
pub type ConfigError = Error;

#[cfg(test)]
use text::percent_decode;
use text::{decode_value, echo, pairs, split_pair, unknown_key, write_encoded};
#[cfg(test)]
use values::split_specs;

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
    /// `layers=`: hidden layer sizes, 0..=8 layers of 1..=16 units (default 8,8,8,8).
    pub layers: Vec<usize>,
    /// `lr=`: learning rate, 1e-5..=10 (default 0.003).
    pub lr: f32,
    /// `optimizer=`: sgd, momentum or adam (default sgd).
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
    /// Most points a data set holds, generated and added, training and test: keeps every pass over the
    /// data bounded whatever a person clicks.
    pub const MAX_DATA_POINTS: usize = 4000;
    /// Racer count range (when a race is set).
    pub const RACERS: (usize, usize) = (2, 4);
    /// The learning rates the page's menu offers, in order (any value in [`Config::LR`] is valid).
    pub const LEARNING_RATES: [f32; 11] = [
        0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
    ];

    /// Every key, in canonical order (the names of [`KEY_TABLE`]).
    pub const KEYS: [&'static str; KEY_TABLE.len()] = names_of!(KEY_TABLE, |k| k.name);

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
            && next.value_text(key) != self.value_text(key)
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
    /// [`Config::MAX_DATA_POINTS`] points once edited.
    pub fn check_edits(&self) -> Result<(), ConfigError> {
        let edits = &self.edits;
        let bad = |what: String| {
            Err(Error::about(
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
                    "an added point has label {}; {} needs {want}",
                    crate::float::Plain(label),
                    self.dataset
                ));
            }
        }
        let kept = if edits.cleared {
            0
        } else {
            self.points as usize - edits.removed.len()
        };
        if kept + edits.added.len() > Config::MAX_DATA_POINTS {
            return bad(format!(
                "{} points in all; the limit is {}",
                kept + edits.added.len(),
                Config::MAX_DATA_POINTS
            ));
        }
        Ok(())
    }

    /// What a session running `old` must redo to run `self`: the largest [`Change`] over the keys that
    /// differ ([`Change::Live`] when none does).
    pub fn change_from(&self, old: &Config) -> Change {
        keys::RUN_TABLE
            .iter()
            .filter(|k| (k.get)(self) != (k.get)(old))
            .map(|k| k.rebuilds)
            .max()
            .unwrap_or(Change::Live)
    }

    /// The plain (not percent-encoded) text of `key`'s value, as a control holds it: `circle`, `0.03`,
    /// `leaky_relu(negative_slope=0.1)`, `4,2`, `x1,x2`; `None` for an unknown key.
    pub fn value_text(&self, key: &str) -> Option<String> {
        keys::key(key).map(|k| (k.get)(self))
    }

    /// Every key's plain value as a JSON object in table order, shown as its [`Shape`] says: text,
    /// an array of numbers (`layers`), an array of text (`features`, `race`) or a boolean (`edits`: are
    /// there any).
    pub fn values_json(&self) -> String {
        let mut w = crate::json::Writer::new();
        w.begin_object();
        for k in keys::RUN_TABLE.iter() {
            let text = (k.get)(self);
            w.key(k.name);
            match k.shape {
                Shape::Text => {
                    w.string(&text);
                }
                Shape::Flag => {
                    w.bool(!text.is_empty());
                }
                Shape::Numbers => {
                    w.begin_array();
                    for n in text.split(',').filter_map(|n| n.parse::<u64>().ok()) {
                        w.uint(n);
                    }
                    w.end_array();
                }
                Shape::List if text.is_empty() => {
                    w.begin_array().end_array();
                }
                Shape::List => {
                    w.strings(&values::split_specs(&text));
                }
            }
        }
        w.end_object();
        w.finish()
    }

    /// What changing `key` asks of a session, or `None` for an unknown key.
    pub fn key_change(key: &str) -> Option<Change> {
        keys::key(key).map(|k| k.rebuilds)
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
    #[inline(never)]
    fn apply(&mut self, key: &str, raw: &str) -> Result<(), ConfigError> {
        let value = decode_value(key, raw)?;
        self.apply_plain(key, &value)
    }

    /// Parses one plain value into its field, leaving `self` untouched on error. Checks the value
    /// alone; [`Config::check_edits`] checks `edits` against the data keys.
    fn apply_plain(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        match keys::key(key) {
            Some(k) => (k.set)(self, value),
            None => unknown_key(key),
        }
    }
}

/// The default setup is chosen so that a first Play is worth watching (measured with
/// `cargo run --release --example defaults`, seeds 1–6, natively, 0.09–0.15 ms per epoch):
/// - ReLU on the circle with four hidden layers of 8, plain SGD at 0.003, batch 10, reaches 90 % test
///   accuracy after 34–232 epochs (seed 1: 94). At the page's default speed of one epoch per frame
///   (about 60 epochs a second) that is 0.6–4 s: the boundary visibly forms, it is not done in 250 ms.
/// - A switch to sigmoid on those trained weights drops test accuracy to 45–54 %, and sigmoid does not get
///   back to 90 % within 3,000 epochs on any of the six seeds: layer 1 receives 0.7–4.7 % of the last hidden
///   layer's gradient (σ′ ≤ ¼ per layer). Sigmoid from the same initial weights does not reach 90 % either.
/// - Rejected: the earlier 4,2 network with Adam at 0.03 (90 % within 3–8 epochs, about 50 ms; sigmoid back
///   at 90 % within 2–9 epochs, since Adam rescales small gradients); 8,8,8,8 with SGD at 0.01 or 0.03 (ReLU
///   at 90 % within 4–70 epochs); momentum at 0.003 (4–25 epochs).
impl Default for Config {
    /// Not inlined: the links, the widget and both parsers start from it.
    #[inline(never)]
    fn default() -> Config {
        Config {
            dataset: DatasetKind::Circle,
            noise: 0,
            train: 50,
            points: 500,
            activation: Activation::Relu,
            layers: vec![8, 8, 8, 8],
            lr: 0.003,
            optimizer: OptimizerKind::Sgd,
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
            return Err(Error::about(
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
                return Err(Error::about(
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
        for (i, k) in keys::RUN_TABLE.iter().enumerate() {
            if k.name == "edits" && self.edits.is_empty() {
                continue;
            }
            if i > 0 {
                f.write_str("&")?;
            }
            f.write_str(k.name)?;
            f.write_str("=")?;
            write_encoded(f, &self.value_text(k.name).unwrap_or_default())?;
        }
        Ok(())
    }
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
            "dataset=circle&noise=0&train=50&points=500&activation=relu&layers=8,8,8,8&lr=0.003\
             &optimizer=sgd&batch=10&reg=none&rate=0&features=x1,x2&seed=1&draw=0&race="
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
        // A race runs in its own sessions: the playground's session keeps training as it was.
        assert_eq!(c.set("race", "relu,tanh").unwrap(), Change::Live);
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
