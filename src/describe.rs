//! What the page must not write down itself, as one JSON text: limits, the config keys, the data sets,
//! features, optimisers, penalties, activations with their hues, evidence presets, the palette and the
//! frame sizes. Every value comes from the constant or table that the rest of the core uses.
//!
//! [`describe`] builds the text from those constants and tables. The text never changes while the
//! program runs, so what the bindings hand the page is [`DESCRIPTION`], the same text written down once
//! in `describe.json` beside this file: the wasm then carries the text rather than the code that writes
//! it (and the catalogue's and the presets' writers, [`CATALOGUE`] and [`PRESETS`] being slices of it).
//! A test holds the file to what [`describe`] builds; after changing a fact, regenerate it with
//! `REGENERATE=1 cargo test --lib describe`.

use crate::config::{Config, DatasetKind, Feature, OptimizerKind, Regularization, KEY_TABLE};
use crate::dataset::{DOMAIN_MAX, DOMAIN_MIN};
use crate::json::Writer;
use crate::render::{COLOURS, FRAME_GRID, FRAME_THUMB};
use crate::Activation;

/// `{"max": max, "min": min}` for whole numbers.
fn range<T: Into<u64>>(w: &mut Writer, name: &str, (min, max): (T, T)) {
    w.key(name).begin_object();
    w.key("max").uint(max.into()).key("min").uint(min.into());
    w.end_object();
}

/// `{"max": max, "min": min}` for f32 limits, each as its shortest decimal.
fn float_range(w: &mut Writer, name: &str, (min, max): (f32, f32)) {
    w.key(name).begin_object();
    w.key("max").short_f32(max).key("min").short_f32(min);
    w.end_object();
}

fn usize_range(w: &mut Writer, name: &str, (min, max): (usize, usize)) {
    range(w, name, (min as u64, max as u64));
}

/// `[{"label": …, "name": …}, …]`.
fn named<'a>(w: &mut Writer, key: &str, items: impl Iterator<Item = (&'a str, &'a str)>) {
    w.key(key).begin_array();
    for (name, label) in items {
        w.begin_object();
        w.key("label").string(label).key("name").string(name);
        w.end_object();
    }
    w.end_array();
}

/// The description as JSON text (see the module documentation and `describe` in `web/`). Keys are in
/// alphabetical order.
pub fn describe() -> String {
    let defaults = Config::default();
    let mut w = Writer::new();
    w.begin_object();
    w.key("activations").raw(&Activation::catalogue_json());
    w.key("datasets").begin_array();
    for d in DatasetKind::ALL.iter() {
        w.begin_object();
        w.key("classes").uint(d.n_classes() as u64);
        w.key("label").string(d.label());
        w.key("name").string(d.name());
        w.key("regression").bool(d.is_regression());
        w.end_object();
    }
    w.end_array();
    float_range(&mut w, "domain", (DOMAIN_MIN, DOMAIN_MAX));
    named(
        &mut w,
        "features",
        Feature::ALL.iter().map(|f| (f.name(), f.label())),
    );
    w.key("frame").begin_object();
    w.key("grid").uint(FRAME_GRID as u64);
    w.key("thumb").uint(FRAME_THUMB as u64);
    w.end_object();
    w.key("keys").begin_array();
    for k in KEY_TABLE.iter() {
        w.begin_object();
        w.key("default")
            .string(&defaults.value_text(k.name).unwrap_or_default());
        w.key("doc").string(k.doc);
        w.key("name").string(k.name);
        w.key("rebuilds").string(k.rebuilds.name());
        w.end_object();
    }
    w.end_array();
    w.key("learningRates").begin_array();
    for &v in Config::LEARNING_RATES.iter() {
        w.short_f32(v);
    }
    w.end_array();
    w.key("limits").begin_object();
    range(&mut w, "batch", Config::BATCH);
    usize_range(&mut w, "features", (1, Feature::ALL.len()));
    usize_range(&mut w, "hiddenLayers", (0, Config::MAX_LAYERS));
    w.key("linkChars").uint(Config::MAX_TEXT_LEN as u64);
    float_range(&mut w, "lr", Config::LR);
    range(&mut w, "noise", Config::NOISE);
    range(&mut w, "points", Config::POINTS);
    w.key("pointsWithDrawn")
        .uint(Config::MAX_DATA_POINTS as u64);
    usize_range(&mut w, "racers", Config::RACERS);
    float_range(&mut w, "rate", Config::RATE);
    range(&mut w, "train", Config::TRAIN);
    usize_range(&mut w, "units", Config::UNITS);
    w.end_object();
    named(
        &mut w,
        "optimizers",
        OptimizerKind::ALL.iter().map(|o| (o.name(), o.label())),
    );
    w.key("palette").begin_object();
    for (name, rgb) in ["class0", "class1", "class2", "neutral"]
        .iter()
        .zip(COLOURS)
    {
        w.key(name).begin_array();
        for c in rgb {
            w.uint(c.into());
        }
        w.end_array();
    }
    w.end_object();
    w.key("presets").raw(&crate::evidence::presets_json());
    named(
        &mut w,
        "regularizations",
        Regularization::ALL.iter().map(|r| (r.name(), r.label())),
    );
    w.end_object();
    w.finish()
}

/// What [`describe`] builds, written down (`describe.json`; see the module documentation).
pub const DESCRIPTION: &str = include_str!("describe.json");

/// [`Activation::catalogue_json`]: the value of the description's `activations`.
pub const CATALOGUE: &str = between(DESCRIPTION, "{\"activations\":", ",\"datasets\":");

/// [`crate::evidence::presets_json`]: the value of the description's `presets`.
pub const PRESETS: &str = between(DESCRIPTION, ",\"presets\":", ",\"regularizations\":");

/// The part of `text` after the first `start` and before the first `end` after it (a compile-time
/// error when either is missing).
const fn between(text: &'static str, start: &str, end: &str) -> &'static str {
    let (bytes, start, end) = (text.as_bytes(), start.as_bytes(), end.as_bytes());
    let from = match find(bytes, start, 0) {
        Some(at) => at + start.len(),
        None => panic!("the description lacks the start marker"),
    };
    let Some(to) = find(bytes, end, from) else {
        panic!("the description lacks the end marker")
    };
    let (_, rest) = bytes.split_at(from);
    let (middle, _) = rest.split_at(to - from);
    match std::str::from_utf8(middle) {
        Ok(middle) => middle,
        Err(_) => panic!("a marker splits a character"),
    }
}

/// Where `needle` first occurs in `haystack` at or after `from`.
const fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + needle.len() <= haystack.len() {
        let mut i = 0;
        while i < needle.len() && haystack[at + i] == needle[i] {
            i += 1;
        }
        if i == needle.len() {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The description as text for the page: [`DESCRIPTION`].
pub fn describe_json() -> String {
    DESCRIPTION.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn the_written_description_is_the_built_one() {
        let built = describe();
        if std::env::var_os("REGENERATE").is_some() && built != DESCRIPTION {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/describe.json");
            std::fs::write(path, &built).expect("writing src/describe.json");
            panic!("src/describe.json was regenerated: rebuild and run the tests again");
        }
        assert!(
            built == DESCRIPTION,
            "src/describe.json is not what describe() builds: regenerate it with \
             `REGENERATE=1 cargo test --lib describe`"
        );
        assert_eq!(CATALOGUE, Activation::catalogue_json());
        assert_eq!(PRESETS, crate::evidence::presets_json());
    }

    #[test]
    fn the_description_holds_the_cores_own_values() {
        let d: Value = serde_json::from_str(&describe()).expect("JSON");
        assert_eq!(d["domain"], json!({"min": -6.0, "max": 6.0}));
        assert_eq!(d["frame"], json!({"grid": 100, "thumb": 32}));
        let limits = &d["limits"];
        assert_eq!(limits["linkChars"], 4096);
        assert_eq!(limits["hiddenLayers"], json!({"min": 0, "max": 8}));
        assert_eq!(limits["units"], json!({"min": 1, "max": 16}));
        assert_eq!(limits["points"], json!({"min": 10, "max": 2000}));
        assert_eq!(limits["pointsWithDrawn"], 4000);
        assert_eq!(limits["features"], json!({"min": 1, "max": 7}));
        assert_eq!(limits["batch"], json!({"min": 1, "max": 2000}));
        assert_eq!(limits["lr"], json!({"min": 0.00001, "max": 10.0}));
        assert_eq!(limits["rate"], json!({"min": 0.0, "max": 10.0}));
        assert_eq!(limits["noise"], json!({"min": 0, "max": 50}));
        assert_eq!(limits["train"], json!({"min": 10, "max": 90}));
        assert_eq!(limits["racers"], json!({"min": 2, "max": 4}));
        assert_eq!(
            d["learningRates"],
            json!([0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0])
        );
        let keys: Vec<&str> = d["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["name"].as_str().unwrap())
            .collect();
        assert_eq!(keys, Config::KEYS);
        assert_eq!(
            d["keys"][0],
            json!({"name": "dataset", "default": "circle", "rebuilds": "data",
            "doc": "which data set to generate"})
        );
        assert_eq!(d["keys"][5]["default"], "8,8,8,8");
        assert_eq!(
            d["datasets"][8],
            json!({"name": "plane", "label": "Plane", "classes": 1, "regression": true})
        );
        assert_eq!(d["datasets"][6]["classes"], 3);
        assert_eq!(
            d["features"][6],
            json!({"name": "sinx2", "label": "sin x₂"})
        );
        assert_eq!(d["optimizers"].as_array().unwrap().len(), 3);
        assert_eq!(
            d["regularizations"][1],
            json!({"name": "l1", "label": "L1"})
        );
        let activations = d["activations"].as_array().unwrap();
        assert_eq!(activations.len(), Activation::NAMES.len());
        assert_eq!(activations[5]["name"], "relu");
        assert_eq!(activations[5]["hue"], 0);
        assert_eq!(d["presets"][0]["slug"], "deep-sigmoid");
        assert_eq!(d["palette"]["class0"], json!([235, 126, 36]));
        assert_eq!(d["palette"]["neutral"], json!([242, 240, 235]));
    }
}
