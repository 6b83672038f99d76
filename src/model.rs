//! Model files: a trained network's weights with the config that made them, as JSON.
//!
//! ```json
//! {
//!   "format": "activation-playground-model",
//!   "version": 1,
//!   "config": "dataset=circle&noise=0&...&race=",
//!   "epoch": 120,
//!   "layers": [
//!     {"weights": [0.1, -0.2, ...], "biases": [0, 0.1, ...]},
//!     ...
//!   ]
//! }
//! ```
//!
//! `layers[k]` connects layer k to layer k + 1 of [`Config::layer_sizes`] (`[inputs, hidden..., outputs]`):
//! `weights` is row-major `[out][in]` (`out · in` numbers), `biases` has `out` numbers.
//!
//! Reading is strict because a file can come from anywhere: [`ModelFile::from_json`] checks, in this order,
//! the size (at most [`MAX_BYTES`]), that the text is JSON, `format`, `version`, that no unknown field is
//! present, the config (parsed strictly, so the sizes are within the config's limits), `epoch`, then every
//! layer's shape against the config and every number (finite, and representable as f32), and reports the
//! first problem in plain words. JSON objects with a repeated key keep the last value.

use std::fmt::Write as _;

use crate::json::{self, Value};

use crate::config::Config;
use crate::error::Error;
use crate::float::{Exp, Plain};

/// The `format` value of every model file.
pub const FORMAT: &str = "activation-playground-model";
/// The schema version this code writes and reads.
pub const VERSION: u64 = 1;
/// Largest model file read, in bytes (5 MiB; a full 7→16×8→3 network is about 30 KB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Largest epoch stored: 2⁵³ − 1, the largest integer JavaScript holds exactly.
pub const MAX_EPOCH: u64 = (1 << 53) - 1;

/// The fields a version 1 file has, in the order they are written.
const FIELDS: [&str; 5] = ["format", "version", "config", "epoch", "layers"];

/// One layer's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerParams {
    /// Row-major `[out][in]`: `weights[o * n_in + i]` multiplies input `i` of unit `o`.
    pub weights: Vec<f32>,
    /// One bias per output unit.
    pub biases: Vec<f32>,
}

/// A saved network: its config, how long it trained and its parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelFile {
    /// The experiment the weights belong to (its layer sizes fix every layer's shape).
    pub config: Config,
    /// Epochs trained when saved.
    pub epoch: u64,
    /// One entry per weight layer: `config.layers.len() + 1` of them.
    pub layers: Vec<LayerParams>,
}

impl ModelFile {
    /// Writes the file: compact, one line per layer, fields in schema order, every f32 in its shortest
    /// form that reads back to the same bits. A non-finite number is written as `null`, which
    /// [`ModelFile::from_json`] rejects, so a broken model can never be imported unnoticed.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + 16 * self.n_numbers());
        out.push_str("{\n");
        out.push_str("  \"format\": ");
        json::write_string(&mut out, FORMAT);
        out.push_str(",\n");
        let _ = writeln!(out, "  \"version\": {VERSION},");
        out.push_str("  \"config\": ");
        json::write_string(&mut out, &self.config.to_string());
        out.push_str(",\n");
        let _ = writeln!(out, "  \"epoch\": {},", self.epoch);
        out.push_str("  \"layers\": [");
        for (k, layer) in self.layers.iter().enumerate() {
            out.push_str(if k == 0 {
                "\n    {\"weights\": "
            } else {
                ",\n    {\"weights\": "
            });
            write_numbers(&mut out, &layer.weights);
            out.push_str(", \"biases\": ");
            write_numbers(&mut out, &layer.biases);
            out.push('}');
        }
        out.push_str(if self.layers.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out
    }

    /// Reads and validates a file (see the module documentation for the checks), naming the first problem.
    pub fn from_json(text: &str) -> Result<ModelFile, Error> {
        if text.len() > MAX_BYTES {
            return Err(Error::new(format!(
                "the file is {} MB; a model file may be at most {} MB",
                Plain(((text.len() as u64 * 10 + 512 * 1024) / (1024 * 1024)) as f64 / 10.0),
                MAX_BYTES / (1024 * 1024)
            )));
        }
        let root = json::parse(text).map_err(|e| format!("the file is not valid JSON: {e}"))?;
        let Value::Object(pairs) = &root else {
            return Err(Error::new(format!(
                "the file holds {}, not a JSON object",
                describe(&root)
            )));
        };
        match root.get("format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(other) => {
                return Err(Error::new(format!(
                    "\"format\" is {}; an Activation Playground model file has \"{FORMAT}\"",
                    short(other)
                )))
            }
            None => {
                return Err(Error::new(
                    "\"format\" is missing; this is not an Activation Playground model file",
                ))
            }
        }
        match root.get("version") {
            Some(v) if v.as_u64() == Some(VERSION) => {}
            Some(v) if v.as_u64().is_some_and(|n| n > VERSION) => {
                return Err(Error::new(format!(
                    "the file is version {v}, newer than this page reads (version {VERSION})"
                )))
            }
            Some(v) => {
                return Err(Error::new(format!(
                    "\"version\" is {}; this page reads version {VERSION}",
                    short(v)
                )))
            }
            None => return Err(Error::new("\"version\" is missing")),
        }
        if let Some((unknown, _)) = pairs.iter().find(|(k, _)| !FIELDS.contains(&k.as_str())) {
            return Err(Error::new(format!(
                "unknown field \"{}\"; a version {VERSION} model file has only {}",
                clip(unknown),
                FIELDS.join(", ")
            )));
        }
        let config: Config = match root.get("config") {
            Some(Value::String(s)) => s
                .parse()
                .map_err(|e| format!("\"config\" is not a valid config: {e}"))?,
            Some(other) => {
                return Err(Error::new(format!(
                    "\"config\" is {}, not a config string",
                    describe(other)
                )))
            }
            None => return Err(Error::new("\"config\" is missing")),
        };
        let epoch = match root.get("epoch") {
            Some(v) => v.as_u64().filter(|&e| e <= MAX_EPOCH).ok_or_else(|| {
                format!(
                    "\"epoch\" is {}; it must be a whole number from 0 to {MAX_EPOCH}",
                    short(v)
                )
            })?,
            None => return Err(Error::new("\"epoch\" is missing")),
        };
        let layers = match root.get("layers") {
            Some(Value::Array(items)) => read_layers(&config, items)?,
            Some(other) => {
                return Err(Error::new(format!(
                    "\"layers\" is {}, not a list of layers",
                    describe(other)
                )))
            }
            None => return Err(Error::new("\"layers\" is missing")),
        };
        Ok(ModelFile {
            config,
            epoch,
            layers,
        })
    }

    /// Checks that the layers fit the config's shape and hold only finite numbers; the first problem is
    /// named in the same words as [`ModelFile::from_json`] uses.
    pub fn validate(&self) -> Result<(), Error> {
        let sizes = self.config.layer_sizes();
        check_layer_count(&sizes, self.layers.len())?;
        for (k, layer) in self.layers.iter().enumerate() {
            let (n_in, n_out) = (sizes[k], sizes[k + 1]);
            check_len(k, "weights", layer.weights.len(), n_in, n_out, n_out * n_in)?;
            check_len(k, "biases", layer.biases.len(), n_in, n_out, n_out)?;
            for (field, numbers) in [("weights", &layer.weights), ("biases", &layer.biases)] {
                if let Some(i) = numbers.iter().position(|v| !v.is_finite()) {
                    return Err(Error::new(format!(
                        "layers[{k}].{field}[{i}] is {}, not a finite number",
                        numbers[i]
                    )));
                }
            }
        }
        Ok(())
    }

    fn n_numbers(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weights.len() + l.biases.len())
            .sum()
    }
}

/// "2→4→2→1".
fn arrows(sizes: &[usize]) -> String {
    crate::joined(sizes, "→")
}

fn check_layer_count(sizes: &[usize], n_layers: usize) -> Result<(), Error> {
    let needed = sizes.len() - 1;
    if n_layers != needed {
        return Err(Error::new(format!(
            "\"layers\" has {n_layers} {}; the config's {} network needs {needed}",
            if n_layers == 1 { "entry" } else { "entries" },
            arrows(sizes)
        )));
    }
    Ok(())
}

fn check_len(
    k: usize,
    field: &str,
    len: usize,
    n_in: usize,
    n_out: usize,
    needed: usize,
) -> Result<(), Error> {
    if len != needed {
        return Err(Error::new(format!(
            "layers[{k}].{field} has {len} {}; a {n_in}→{n_out} layer needs {needed}",
            if len == 1 { "number" } else { "numbers" }
        )));
    }
    Ok(())
}

fn read_layers(config: &Config, items: &[Value]) -> Result<Vec<LayerParams>, Error> {
    let sizes = config.layer_sizes();
    check_layer_count(&sizes, items.len())?;
    let mut layers = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let Value::Object(fields) = item else {
            return Err(Error::new(format!(
                "layers[{k}] is {}, not an object with weights and biases",
                describe(item)
            )));
        };
        if let Some((unknown, _)) = fields
            .iter()
            .find(|(key, _)| !matches!(key.as_str(), "weights" | "biases"))
        {
            return Err(Error::new(format!(
                "layers[{k}] has an unknown field \"{}\"; a layer has only weights, biases",
                clip(unknown)
            )));
        }
        let (n_in, n_out) = (sizes[k], sizes[k + 1]);
        let weights = read_numbers(item, k, "weights", n_in, n_out, n_out * n_in)?;
        let biases = read_numbers(item, k, "biases", n_in, n_out, n_out)?;
        layers.push(LayerParams { weights, biases });
    }
    Ok(layers)
}

fn read_numbers(
    layer: &Value,
    k: usize,
    field: &str,
    n_in: usize,
    n_out: usize,
    needed: usize,
) -> Result<Vec<f32>, Error> {
    let items = match layer.get(field) {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(Error::new(format!(
                "layers[{k}].{field} is {}, not a list of numbers",
                describe(other)
            )))
        }
        None => return Err(Error::new(format!("layers[{k}].{field} is missing"))),
    };
    check_len(k, field, items.len(), n_in, n_out, needed)?;
    // A loop, not `collect::<Result<…>>()`: its adapter is one more generic copy in the wasm.
    let mut numbers = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(v) = item.as_f64() else {
            return Err(Error::new(format!(
                "layers[{k}].{field}[{i}] is {}, not a number",
                describe(item)
            )));
        };
        let v32 = v as f32;
        if !v32.is_finite() {
            return Err(Error::new(format!(
                "layers[{k}].{field}[{i}] = {} is too large for a 32-bit float",
                Exp(v)
            )));
        }
        numbers.push(v32);
    }
    Ok(numbers)
}

/// Appends `[a, b, ...]`, each f32 in the shortest decimal that reads back to the same bits (exponent form
/// for very small and very large magnitudes), `null` for a non-finite value.
fn write_numbers(out: &mut String, numbers: &[f32]) {
    out.push('[');
    for (i, &v) in numbers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let magnitude = v.abs();
        let _ = if !v.is_finite() {
            write!(out, "null")
        } else if magnitude != 0.0 && !(1e-4..1e9).contains(&magnitude) {
            write!(out, "{}", Exp(v))
        } else {
            write!(out, "{}", Plain(v))
        };
    }
    out.push(']');
}

/// "a string", "a list", ... for messages about the wrong kind of value.
fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A value as JSON, cut to a readable length, for messages that quote it.
fn short(v: &Value) -> String {
    clip(&v.to_string())
}

fn clip(s: &str) -> String {
    const LEN: usize = 40;
    let mut out: String = s.chars().take(LEN).collect();
    if s.chars().nth(LEN).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn model(config_text: &str, seed: u64) -> ModelFile {
        let config: Config = config_text.parse().unwrap();
        let sizes = config.layer_sizes();
        let mut rng = Rng::new(seed);
        let layers = sizes
            .windows(2)
            .map(|w| LayerParams {
                weights: (0..w[0] * w[1]).map(|_| rng.normal()).collect(),
                biases: (0..w[1]).map(|_| rng.uniform(-1.0, 1.0)).collect(),
            })
            .collect();
        ModelFile {
            config,
            epoch: 42,
            layers,
        }
    }

    #[test]
    fn round_trip_is_exact() {
        for (text, seed) in [
            ("", 1),
            ("dataset=blobs3&layers=8,8,8&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2", 2),
            ("dataset=plane&layers=", 3),
            ("activation=leaky_relu(negative_slope%3D0.1)&race=relu,tanh&layers=16,16,16,16,16,16,16,16", 4),
        ] {
            let m = model(text, seed);
            m.validate().unwrap();
            let json = m.to_json();
            let back = ModelFile::from_json(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
            assert_eq!(back, m);
            assert_eq!(back.to_json(), json);
        }
        let m = model("layers=4,2", 1);
        let json = m.to_json();
        assert!(
            json.starts_with(
                "{\n  \"format\": \"activation-playground-model\",\n  \"version\": 1,\n"
            ),
            "{json}"
        );
        assert_eq!(
            json.lines().count(),
            6 + 3 + 2,
            "one line per layer:\n{json}"
        );
    }

    #[test]
    fn every_f32_reads_back_to_the_same_bits() {
        let mut rng = Rng::new(77);
        let mut numbers: Vec<f32> = (0..200_000)
            .map(|_| f32::from_bits(rng.u64() as u32))
            .filter(|v| v.is_finite())
            .collect();
        numbers.extend([
            0.0,
            -0.0,
            f32::MIN_POSITIVE,
            1e-45,
            f32::MAX,
            f32::MIN,
            0.1,
            1e-4,
            9.999e8,
            1e9,
        ]);
        let mut text = String::new();
        write_numbers(&mut text, &numbers);
        let parsed: Vec<f64> = serde_json::from_str(&text).unwrap();
        for (v, p) in numbers.iter().zip(&parsed) {
            assert_eq!((*p as f32).to_bits(), v.to_bits(), "{v:e} written as {p}");
        }
    }

    fn with(json: &str, from: &str, to: &str) -> String {
        assert!(json.contains(from), "{from} not in {json}");
        json.replacen(from, to, 1)
    }

    #[test]
    fn each_problem_is_named() {
        let json = model("layers=4,2", 5).to_json();
        assert!(ModelFile::from_json(&json).is_ok());
        let mut cases: Vec<(String, &str)> = vec![
            ("[1, 2]".into(), "holds a list, not a JSON object"),
            ("{\"format\": ".into(), "not valid JSON"),
            ("".into(), "not valid JSON"),
            ("{\"version\": 1}".into(), "\"format\" is missing"),
            (
                with(&json, "activation-playground-model", "tf-playground"),
                "\"format\" is \"tf-playground\"",
            ),
            (
                with(&json, "\"version\": 1", "\"version\": 2"),
                "version 2, newer than this page reads",
            ),
            (
                with(&json, "\"version\": 1", "\"version\": 0"),
                "\"version\" is 0",
            ),
            (
                with(&json, "\"version\": 1", "\"version\": \"1\""),
                "\"version\" is \"1\"",
            ),
            (with(&json, "\"version\": 1,", ""), "\"version\" is missing"),
            (
                with(&json, "\"epoch\"", "\"epochs\""),
                "unknown field \"epochs\"",
            ),
            (
                with(&json, "noise=0", "noise=99"),
                "\"config\" is not a valid config: noise must be a whole number from 0 to 50",
            ),
            (
                with(&json, "layers=4,2", "layers=4,99"),
                "layers must be 0 to 8",
            ),
            (
                with(&json, "\"epoch\": 42", "\"epoch\": -1"),
                "\"epoch\" is -1",
            ),
            (
                with(&json, "\"epoch\": 42", "\"epoch\": 1.5"),
                "\"epoch\" is 1.5",
            ),
            (
                with(&json, "\"epoch\": 42", "\"epoch\": 9007199254740992"),
                "from 0 to 9007199254740991",
            ),
            (
                with(&json, "layers=4,2", "layers=4,2,2"),
                "\"layers\" has 3 entries; the config's 2→4→2→2→1 network needs 4",
            ),
            (
                with(&json, "layers=4,2", "layers=4,3"),
                "layers[1].weights has 8 numbers; a 4→3 layer needs 12",
            ),
            (
                with(&json, "features=x1,x2", "features=x1"),
                "layers[0].weights has 8 numbers; a 1→4 layer needs 4",
            ),
            (
                with(&json, "dataset=circle", "dataset=blobs3"),
                "layers[2].weights has 2 numbers; a 2→3 layer needs 6",
            ),
            (
                with(&json, "\"biases\": [", "\"biases\": [0.5, "),
                "layers[0].biases has 5 numbers; a 2→4 layer needs 4",
            ),
            (
                with(&json, "\"weights\": [", "\"weights\": [null, "),
                "layers[0].weights has 9 numbers",
            ),
            (
                with(&json, "\"biases\"", "\"bias\""),
                "layers[0] has an unknown field \"bias\"",
            ),
        ];
        let minimal = |rest: &str| format!("{{\"format\": \"{FORMAT}\", \"version\": 1{rest}}}");
        cases.extend([
            (
                minimal(", \"config\": 7"),
                "\"config\" is a number, not a config string",
            ),
            (minimal(""), "\"config\" is missing"),
            (minimal(", \"config\": \"\""), "\"epoch\" is missing"),
            (
                minimal(", \"config\": \"\", \"epoch\": 0"),
                "\"layers\" is missing",
            ),
            (
                minimal(", \"config\": \"\", \"epoch\": 0, \"layers\": {}"),
                "\"layers\" is an object, not a list",
            ),
            (
                minimal(", \"config\": \"\", \"epoch\": 0, \"layers\": [1, 2, 3, 4, 5]"),
                "layers[0] is a number, not an object",
            ),
            (
                minimal(", \"config\": \"\", \"epoch\": 0, \"layers\": [{}, {}, {}, {}, {}]"),
                "layers[0].weights is missing",
            ),
            (
                minimal(", \"config\": \"colour=red\""),
                "\"config\" is not a valid config: unknown key 'colour'",
            ),
        ]);
        for (text, expected) in &cases {
            let e = ModelFile::from_json(text).expect_err(expected);
            assert!(
                e.to_string().contains(expected),
                "expected '{expected}', got '{e}'"
            );
        }
    }

    #[test]
    fn bad_numbers_are_named_by_position() {
        let m = model("layers=3", 6);
        let json = m.to_json();
        let first_weight = m.layers[0].weights[0];
        let written = {
            let mut s = String::new();
            write_numbers(&mut s, &[first_weight]);
            s.trim_matches(['[', ']']).to_owned()
        };
        let at = format!("\"weights\": [{written}");
        for (replacement, expected) in [
            (
                "\"weights\": [null",
                "layers[0].weights[0] is null, not a number",
            ),
            (
                "\"weights\": [\"1\"",
                "layers[0].weights[0] is a string, not a number",
            ),
            (
                "\"weights\": [1e39",
                "layers[0].weights[0] = 1e39 is too large for a 32-bit float",
            ),
            ("\"weights\": [-3.5e38", "is too large for a 32-bit float"),
            ("\"weights\": [[1]", "layers[0].weights[0] is a list"),
        ] {
            let e = ModelFile::from_json(&with(&json, &at, replacement)).unwrap_err();
            assert!(
                e.to_string().contains(expected),
                "expected '{expected}', got '{e}'"
            );
        }
        // JSON itself has no NaN or Infinity: they are refused as invalid JSON.
        for literal in ["NaN", "Infinity", "-Infinity"] {
            let e = ModelFile::from_json(&with(&json, &at, &format!("\"weights\": [{literal}")))
                .unwrap_err();
            assert!(e.to_string().contains("not valid JSON"), "{e}");
        }
        let mut broken = m.clone();
        broken.layers[0].biases[1] = f32::NAN;
        assert!(broken
            .validate()
            .unwrap_err()
            .to_string()
            .contains("layers[0].biases[1] is NaN"));
        let e = ModelFile::from_json(&broken.to_json()).unwrap_err();
        assert!(e.to_string().contains("layers[0].biases[1] is null"), "{e}");
    }

    #[test]
    fn size_and_nesting_limits() {
        let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(MAX_BYTES));
        let e = ModelFile::from_json(&huge).unwrap_err();
        assert!(e.to_string().contains("at most 5 MB"), "{e}");
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(ModelFile::from_json(&deep)
            .unwrap_err()
            .to_string()
            .contains("not valid JSON"));
        let long_key = format!(
            "{{\"format\": \"{FORMAT}\", \"version\": 1, \"{}\": 0}}",
            "k".repeat(10_000)
        );
        let e = ModelFile::from_json(&long_key).unwrap_err();
        assert!(
            e.to_string().len() < 200 && e.to_string().contains("unknown field"),
            "{e}"
        );
    }

    #[test]
    fn validate_checks_shapes() {
        let mut m = model("layers=", 8);
        m.validate().unwrap();
        assert_eq!(m.layers.len(), 1);
        m.layers[0].weights.pop();
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "layers[0].weights has 1 number; a 2→1 layer needs 2"
        );
        m.layers.clear();
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "\"layers\" has 0 entries; the config's 2→1 network needs 1"
        );
    }
}
