//! The table of config keys. Each row says everything about one key: its name, what a change of it asks
//! of a running session, one line for people, the values it takes, and how to read and write it. Parsing,
//! printing, change detection, the page's description and the documented table in `config/mod.rs` are
//! all driven by this table; adding a key is one row here plus its field in [`Config`].

use super::values::{choice, parse_features, parse_float, parse_int, parse_layers, parse_race};
use super::{Change, Config, DatasetKind, Edits, Error, Feature, OptimizerKind, Regularization};
use crate::float::Plain;
use crate::Activation;

/// How [`Config::values_json`] shows a key's value to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Text, exactly as a control holds it.
    Text,
    /// Comma-separated whole numbers, as an array of numbers.
    Numbers,
    /// Comma-separated names or specs, as an array of text.
    List,
    /// Whether the value is non-empty, as a boolean.
    Flag,
}

/// One config key (see the module documentation).
#[derive(Clone, Copy)]
pub struct Key {
    /// The name in the config text.
    pub name: &'static str,
    /// What a session redoes when the value changes.
    pub rebuilds: Change,
    /// What the key means, in one line.
    pub doc: &'static str,
    /// How the page sees the value.
    pub shape: Shape,
    /// The values it takes, in words built from the core's constants ("a whole number from 0 to 50").
    pub range: fn() -> String,
    /// The plain value as text (as a control holds it).
    pub get: fn(&Config) -> String,
    /// Sets the field from a plain value; checks the value alone.
    pub set: fn(&mut Config, &str) -> Result<(), Error>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("name", &self.name).finish()
    }
}

// The helpers below are out of line: the table's closures call them instead of each holding a copy.
#[inline(never)]
fn whole((lo, hi): (u64, u64), unit: &str) -> String {
    format!("a whole number from {lo} to {hi}{unit}")
}

/// A whole number's text, for every whole-number key.
#[inline(never)]
fn whole_text(v: u64) -> String {
    v.to_string()
}

/// A number's shortest text, for `lr` and `rate`.
#[inline(never)]
fn float_text(v: f32) -> String {
    Plain(v).to_string()
}

/// Every key, in canonical order: the order of the text form and of the page's controls.
pub const KEY_TABLE: [Key; 16] = [
    Key {
        name: "dataset",
        rebuilds: Change::Data,
        doc: "which data set to generate",
        shape: Shape::Text,
        range: || format!("one of {}", DatasetKind::NAMES.join(", ")),
        get: |c| c.dataset.name().to_owned(),
        set: |c, v| {
            c.dataset = DatasetKind::from_name(v)
                .ok_or_else(|| choice("dataset", v, DatasetKind::NAMES))?;
            Ok(())
        },
    },
    Key {
        name: "noise",
        rebuilds: Change::Data,
        doc: "label and position noise, in percent",
        shape: Shape::Text,
        range: || whole(widen(Config::NOISE), " (percent)"),
        get: |c| whole_text(c.noise.into()),
        set: |c, v| {
            c.noise = parse_int("noise", v, Config::NOISE, " (percent)")?;
            Ok(())
        },
    },
    Key {
        name: "train",
        rebuilds: Change::Data,
        doc: "share of the points used for training, in percent",
        shape: Shape::Text,
        range: || whole(widen(Config::TRAIN), " (percent)"),
        get: |c| whole_text(c.train.into()),
        set: |c, v| {
            c.train = parse_int("train", v, Config::TRAIN, " (percent)")?;
            Ok(())
        },
    },
    Key {
        name: "points",
        rebuilds: Change::Data,
        doc: "how many points to generate, training and test together",
        shape: Shape::Text,
        range: || whole(widen(Config::POINTS), ""),
        get: |c| whole_text(c.points.into()),
        set: |c, v| {
            c.points = parse_int("points", v, Config::POINTS, "")?;
            Ok(())
        },
    },
    Key {
        name: "activation",
        rebuilds: Change::Live,
        doc: "the hidden layers' activation function",
        shape: Shape::Text,
        range: || format!("one of {}, with optional parameters", Activation::NAMES.join(", ")),
        get: |c| c.activation.to_string(),
        set: |c, v| {
            c.activation = v.parse().map_err(|e| {
                Error::about(
                    Some("activation"),
                    format!(
                        "activation must be one of the known specs; '{}' is not: {e}",
                        super::text::echo(v)
                    ),
                )
            })?;
            Ok(())
        },
    },
    Key {
        name: "layers",
        rebuilds: Change::Network,
        doc: "hidden layer sizes, first to last",
        shape: Shape::Numbers,
        range: || {
            format!(
                "0 to {} comma-separated sizes from {} to {} (empty for no hidden layer)",
                Config::MAX_LAYERS,
                Config::UNITS.0,
                Config::UNITS.1
            )
        },
        get: |c| crate::joined(&c.layers, ","),
        set: |c, v| {
            c.layers = parse_layers(v)?;
            Ok(())
        },
    },
    Key {
        name: "lr",
        rebuilds: Change::Live,
        doc: "learning rate",
        shape: Shape::Text,
        range: || format!("a number from {} to {}", Plain(Config::LR.0), Plain(Config::LR.1)),
        get: |c| float_text(c.lr),
        set: |c, v| {
            c.lr = parse_float("lr", v, Config::LR)?;
            Ok(())
        },
    },
    Key {
        name: "optimizer",
        rebuilds: Change::Live,
        doc: "the optimiser that turns gradients into weight updates",
        shape: Shape::Text,
        range: || format!("one of {}", OptimizerKind::NAMES.join(", ")),
        get: |c| c.optimizer.name().to_owned(),
        set: |c, v| {
            c.optimizer = OptimizerKind::from_name(v)
                .ok_or_else(|| choice("optimizer", v, OptimizerKind::NAMES))?;
            Ok(())
        },
    },
    Key {
        name: "batch",
        rebuilds: Change::Live,
        doc: "points per weight update; more than the training set means all of it",
        shape: Shape::Text,
        range: || whole(widen(Config::BATCH), ""),
        get: |c| whole_text(c.batch.into()),
        set: |c, v| {
            c.batch = parse_int("batch", v, Config::BATCH, "")?;
            Ok(())
        },
    },
    Key {
        name: "reg",
        rebuilds: Change::Live,
        doc: "weight penalty added to the loss",
        shape: Shape::Text,
        range: || format!("one of {}", Regularization::NAMES.join(", ")),
        get: |c| c.reg.name().to_owned(),
        set: |c, v| {
            c.reg = Regularization::from_name(v)
                .ok_or_else(|| choice("reg", v, Regularization::NAMES))?;
            Ok(())
        },
    },
    Key {
        name: "rate",
        rebuilds: Change::Live,
        doc: "strength of the weight penalty",
        shape: Shape::Text,
        range: || format!("a number from {} to {}", Plain(Config::RATE.0), Plain(Config::RATE.1)),
        get: |c| float_text(c.rate),
        set: |c, v| {
            c.rate = parse_float("rate", v, Config::RATE)?;
            Ok(())
        },
    },
    Key {
        name: "features",
        rebuilds: Change::Network,
        doc: "the inputs computed from each point",
        shape: Shape::List,
        range: || {
            format!(
                "1 to {} distinct names of {}",
                Feature::ALL.len(),
                Feature::NAMES.join(", ")
            )
        },
        get: |c| crate::joined(&c.features, ","),
        set: |c, v| {
            c.features = parse_features(v)?;
            Ok(())
        },
    },
    Key {
        name: "seed",
        rebuilds: Change::Data,
        doc: "seeds the data, the initial weights and the shuffles",
        shape: Shape::Text,
        range: || whole((0, Config::MAX_SEED), ""),
        get: |c| whole_text(c.seed),
        set: |c, v| {
            c.seed = parse_int("seed", v, (0, Config::MAX_SEED), "")?;
            Ok(())
        },
    },
    Key {
        name: "draw",
        rebuilds: Change::Network,
        doc: "which initial weight draw; new weights adds one",
        shape: Shape::Text,
        range: || whole((0, u64::from(u32::MAX)), ""),
        get: |c| whole_text(c.draw.into()),
        set: |c, v| {
            c.draw = parse_int("draw", v, (0, u32::MAX), "")?;
            Ok(())
        },
    },
    Key {
        name: "race",
        rebuilds: Change::Live,
        doc: "activations raced side by side on the same data (the race panel's; the playground keeps training)",
        shape: Shape::List,
        range: || {
            format!(
                "empty or {} to {} distinct activation specs separated by commas",
                Config::RACERS.0,
                Config::RACERS.1
            )
        },
        get: |c| crate::joined(&c.race, ","),
        set: |c, v| {
            c.race = parse_race(v)?;
            Ok(())
        },
    },
    Key {
        name: "edits",
        rebuilds: Change::Data,
        doc: "points removed and added by hand, against the generated set",
        shape: Shape::Flag,
        range: || {
            "empty, or parts joined by ;: c (cleared), r and removed indices (r3,17-20), \
             a and added x:y:label points (a1.5:-2:1)"
                .to_owned()
        },
        get: |c| c.edits.to_string(),
        set: |c, v| {
            c.edits = Edits::parse(v)?;
            Ok(())
        },
    },
];

fn widen((lo, hi): (u32, u32)) -> (u64, u64) {
    (u64::from(lo), u64::from(hi))
}

/// [`KEY_TABLE`] with every `doc` left empty: the table that parsing, printing and change detection read.
/// Only the description and the documented table read the docs, and the wasm carries them once, in the
/// description's text (`describe.json`); read from [`KEY_TABLE`] itself, they would be in it twice.
pub(super) const RUN_TABLE: [Key; KEY_TABLE.len()] = {
    let mut table = KEY_TABLE;
    let mut i = 0;
    while i < table.len() {
        table[i].doc = "";
        i += 1;
    }
    table
};

/// The row of `name`, if it is a key (its `doc` empty: see [`RUN_TABLE`]).
pub fn key(name: &str) -> Option<&'static Key> {
    crate::name_index(&Config::KEYS, name).map(|i| &RUN_TABLE[i])
}

/// The documented table (the one in `config/mod.rs`), generated from [`KEY_TABLE`]: one Markdown row per
/// key with its values, default, what a change rebuilds and its meaning.
pub fn doc_table() -> Vec<String> {
    let defaults = Config::default();
    let mut rows = vec![
        "| key | values | default | on change | meaning |".to_owned(),
        "|-----|--------|---------|-----------|---------|".to_owned(),
    ];
    for k in &KEY_TABLE {
        let default = (k.get)(&defaults);
        let default = if default.is_empty() {
            "(empty)".to_owned()
        } else {
            format!("`{default}`")
        };
        rows.push(format!(
            "| `{}` | {} | {default} | {} | {} |",
            k.name,
            (k.range)(),
            k.rebuilds,
            k.doc
        ));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_table_is_the_generated_one() {
        let source = include_str!("mod.rs");
        let documented: Vec<String> = source
            .lines()
            .filter_map(|l| l.strip_prefix("//! "))
            .filter(|l| l.starts_with('|'))
            .map(str::to_owned)
            .collect();
        assert_eq!(
            documented,
            doc_table(),
            "regenerate the table in config/mod.rs from keys::doc_table()"
        );
    }

    #[test]
    fn every_row_reads_back_what_it_writes() {
        let defaults = Config::default();
        for k in &KEY_TABLE {
            let mut c = Config::default();
            (k.set)(&mut c, &(k.get)(&defaults)).unwrap_or_else(|e| panic!("{}: {e}", k.name));
            assert_eq!(c, defaults, "{}", k.name);
            assert!(!(k.range)().is_empty() && !k.doc.is_empty());
        }
    }
}
