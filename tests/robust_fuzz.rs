//! Hostile input never panics, and every input that is wrong comes back as an `Err`.
//!
//! A seeded generator (our own [`Rng`], so every run makes the same calls and a failure names a
//! reproducible call) drives the whole core API with values chosen to hurt: NaN, ±∞, ±0, subnormals,
//! negative and huge numbers, empty strings, unicode, `<script>`, `javascript:`, broken percent escapes,
//! truncated and doctored JSON. Each call runs under `catch_unwind`; a panic fails the test with the
//! call that caused it. Where the generator knows an input is bad (it built it to be), the call must
//! return `Err` and leave the value it was called on unchanged; where it knows the input is good, the
//! call must succeed.
//!
//! The tests below make more than 1,000,000 calls together (each asserts its own share, see `QUOTA`);
//! cheap calls (activations, config keys, point edits) make the bulk, whole sessions fewer. Runtime in a
//! debug build is about 10 s on one core.
//!
//! A hand-rolled generator rather than proptest: the inputs that matter are a short list of known
//! hostile values mixed with valid ones, which a table does directly; it keeps the dev-dependency list
//! empty and the run bit-for-bit reproducible on every target.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use activation_playground::activation::Activation;
use activation_playground::config::{Config, DatasetKind, Feature};
use activation_playground::dataset::{features_into, Dataset, Point, MAX_POINTS};
use activation_playground::evidence::RaceRun;
use activation_playground::model::ModelFile;
use activation_playground::render::{MAX_GRID, MAX_THUMB};
use activation_playground::rng::Rng;
use activation_playground::training::{Session, MAX_BINS};

/// Calls each test must make (they add up to 1,062,000).
const QUOTA: [(&str, u64); 7] = [
    ("activation maths", 600_000),
    ("activation specs", 100_000),
    ("config", 200_000),
    ("points", 140_000),
    ("model files", 10_000),
    ("sessions", 10_000),
    ("races", 2_000),
];

fn quota(name: &str) -> u64 {
    QUOTA.iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn the_quotas_add_up_to_a_million_calls() {
    assert!(QUOTA.iter().map(|(_, n)| n).sum::<u64>() >= 1_000_000);
}

/// Counts calls and runs each under `catch_unwind`.
struct Harness {
    calls: Cell<u64>,
}

impl Harness {
    fn new() -> Harness {
        Harness {
            calls: Cell::new(0),
        }
    }

    /// Runs `f`; a panic fails the test naming the call (`what` is only built on failure).
    fn call<T>(&self, what: impl Fn() -> String, f: impl FnOnce() -> T) -> T {
        self.calls.set(self.calls.get() + 1);
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(v) => v,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!("{} panicked: {message}", what())
            }
        }
    }

    fn finish(&self, name: &str) {
        let n = self.calls.get();
        eprintln!("{name}: {n} calls, no panic");
        assert!(n >= quota(name), "{name}: only {n} calls");
    }
}

/// Numbers a JS caller or a file could hand us.
const HOSTILE_F32: [f32; 18] = [
    f32::NAN,
    f32::INFINITY,
    f32::NEG_INFINITY,
    0.0,
    -0.0,
    f32::MIN_POSITIVE,
    1e-45,
    -1e-45,
    f32::MAX,
    f32::MIN,
    f32::EPSILON,
    -1.0,
    1e30,
    -1e30,
    6.0,
    -6.000001,
    6.000001,
    1e9,
];

/// Text a hostile link, spec or file could hold.
const HOSTILE_TEXT: [&str; 24] = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "infinity",
    "1e39",
    "-1e39",
    "1e-50",
    "-1",
    "0x10",
    "1_000",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\"><img src=x onerror=alert(1)>",
    "%",
    "%zz",
    "%E2%82",
    "\u{0}",
    "é\u{202e}",
    "\u{1F600}",
    "18446744073709551616",
    "99999999999999999999999999",
];

struct Gen {
    rng: Rng,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
        }
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng.usize(n)
    }

    fn chance(&mut self, p: f32) -> bool {
        self.rng.f32() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Any f32: hostile constants, arbitrary bit patterns, or a spread of ordinary values.
    fn f32(&mut self) -> f32 {
        match self.below(4) {
            0 => self.pick(&HOSTILE_F32),
            1 => f32::from_bits(self.rng.u64() as u32),
            2 => self.rng.uniform(-10.0, 10.0),
            _ => self.rng.normal() * 1e3,
        }
    }

    /// A JS-style number that is not finite or is wildly out of any range.
    fn hostile_text(&mut self) -> String {
        self.pick(&HOSTILE_TEXT).to_owned()
    }

    /// Random junk: pieces of hostile text and config syntax glued together.
    fn junk(&mut self) -> String {
        const BITS: [&str; 16] = [
            "=", "&", "#", "?", "(", ")", ",", "%3D", "%26", "+", "relu", "lr", "layers", "8", "-",
            ".",
        ];
        let n = self.below(8);
        let mut s = String::new();
        for _ in 0..n {
            if self.chance(0.5) {
                s.push_str(&self.hostile_text());
            } else {
                s.push_str(self.pick(&BITS));
            }
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------------------
// Activations

/// Cases built directly with parameters the parser would refuse: `validate` must say so, and the maths
/// must still return numbers without panicking.
fn invalid_activations() -> Vec<Activation> {
    vec![
        Activation::LeakyRelu {
            negative_slope: f32::NAN,
        },
        Activation::Prelu {
            weight: f32::INFINITY,
        },
        Activation::Rrelu {
            lower: 1.0,
            upper: -1.0,
        },
        Activation::Elu {
            alpha: f32::NEG_INFINITY,
        },
        Activation::Celu { alpha: 0.0 },
        Activation::Celu { alpha: -1.0 },
        Activation::Softplus {
            beta: 0.0,
            threshold: 20.0,
        },
        Activation::Softplus {
            beta: 1.0,
            threshold: f32::NAN,
        },
        Activation::Squareplus { b: -4.0 },
        Activation::Threshold {
            threshold: f32::NAN,
            value: 0.0,
        },
        Activation::Hardtanh {
            min_val: 1.0,
            max_val: -1.0,
        },
        Activation::Hardshrink { lambd: -0.5 },
        Activation::Softshrink { lambd: f32::NAN },
    ]
}

#[test]
fn activation_maths_takes_any_number() {
    let h = Harness::new();
    let mut g = Gen::new(0xAC71);
    let invalid = invalid_activations();
    for a in &invalid {
        assert!(
            h.call(|| format!("{a:?}.validate()"), || a.validate())
                .is_err(),
            "{a:?} validated"
        );
    }
    let mut xs = [0.0f32; 16];
    let mut out = [0.0f32; 16];
    while h.calls.get() < quota("activation maths") {
        let (a, valid) = if g.chance(0.9) {
            (g.pick(&Activation::ALL), true)
        } else {
            (invalid[g.below(invalid.len())], false)
        };
        let x = g.f32();
        let y = h.call(|| format!("{a:?}.apply({x:?})"), || a.apply(x));
        let d = h.call(|| format!("{a:?}.derivative({x:?})"), || a.derivative(x));
        if valid && x.is_finite() {
            assert!(!y.is_nan(), "{a}.apply({x:e}) is NaN");
            assert!(!d.is_nan(), "{a}.derivative({x:e}) is NaN");
        }
        if g.chance(0.05) {
            let n = g.below(xs.len() + 1);
            for v in &mut xs[..n] {
                *v = g.f32();
            }
            h.call(
                || format!("{a:?}.apply_slice({:?})", &xs[..n]),
                || a.apply_slice(&xs[..n], &mut out[..n]),
            );
            h.call(
                || format!("{a:?}.derivative_slice({:?})", &xs[..n]),
                || a.derivative_slice(&xs[..n], &mut out[..n]),
            );
            h.call(|| format!("{a:?}.output_bounds()"), || a.output_bounds());
            h.call(|| format!("{a:?}.init_scheme()"), || a.init_scheme());
        }
    }
    h.finish("activation maths");
}

#[test]
fn activation_specs_are_parsed_or_refused() {
    let h = Harness::new();
    let mut g = Gen::new(0x5EC);
    const PARAMS: [&str; 12] = [
        "negative_slope",
        "weight",
        "lower",
        "upper",
        "alpha",
        "beta",
        "threshold",
        "value",
        "b",
        "min_val",
        "max_val",
        "lambd",
    ];
    while h.calls.get() < quota("activation specs") {
        // Built to be bad: an unknown name, or a parameter value that is not a finite number.
        let mut bad = false;
        let name = if g.chance(0.85) {
            g.pick(Activation::NAMES).to_owned()
        } else {
            bad = true;
            let suffix = g.hostile_text();
            let suffix = if suffix.trim().is_empty() {
                "?"
            } else {
                suffix.as_str()
            };
            format!("{}{suffix}", g.pick(Activation::NAMES))
        };
        let mut spec = name;
        if g.chance(0.6) {
            spec.push('(');
            for k in 0..g.below(3) {
                if k > 0 {
                    spec.push(',');
                }
                spec.push_str(g.pick(&PARAMS));
                spec.push('=');
                if g.chance(0.5) {
                    spec.push_str(&format!("{}", g.rng.uniform(-3.0, 3.0)));
                } else {
                    let v = g.pick(&["NaN", "inf", "-inf", "1e39", "", "<script>", "0x1"]);
                    spec.push_str(v);
                    bad = true;
                }
            }
            if g.chance(0.95) {
                spec.push(')');
            } else {
                bad = true;
            }
        }
        if g.chance(0.05) {
            spec = g.junk();
            bad = false; // unknown: junk may happen to be a valid spec
        }
        let parsed = h.call(
            || format!("{spec:?}.parse()"),
            || spec.parse::<Activation>(),
        );
        match parsed {
            Ok(a) => {
                assert!(!bad, "{spec:?} was accepted as {a:?}");
                assert!(a.validate().is_ok(), "{spec:?} parsed to invalid {a:?}");
                let canonical = a.to_string();
                assert_eq!(
                    h.call(
                        || format!("{canonical:?}.parse()"),
                        || canonical.parse::<Activation>()
                    ),
                    Ok(a),
                    "{spec:?} does not round-trip"
                );
            }
            Err(e) => assert!(!e.message().is_empty(), "{spec:?}: empty error"),
        }
    }
    h.finish("activation specs");
}

// ---------------------------------------------------------------------------------------------------------
// Config

/// A value for `key`, and whether it is known to be valid (`Some(true)`), known to be invalid
/// (`Some(false)`) or unknown (`None`).
fn config_value(g: &mut Gen, key: &str) -> (String, Option<bool>) {
    let int = |lo: u64, hi: u64, g: &mut Gen| -> (String, Option<bool>) {
        match g.below(6) {
            0 => {
                let v = lo + g.rng.u64() % (hi - lo + 1);
                (v.to_string(), Some(true))
            }
            1 if hi < u64::MAX => ((hi + 1 + g.rng.u64() % 1000).to_string(), Some(false)),
            2 if lo > 0 => ((g.rng.u64() % lo).to_string(), Some(false)),
            3 => (
                format!("{}.5", lo + g.rng.u64() % (hi - lo + 1)),
                Some(false),
            ),
            4 => (format!("-{}", 1 + g.below(100)), Some(false)),
            _ => {
                let t = g.hostile_text();
                // None of the hostile texts is a run of ASCII digits inside every range.
                let ok = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && {
                    t.parse::<u64>().is_ok_and(|v| (lo..=hi).contains(&v))
                };
                (t, Some(ok))
            }
        }
    };
    let float = |lo: f32, hi: f32, g: &mut Gen| -> (String, Option<bool>) {
        match g.below(5) {
            0 => (g.rng.uniform(lo, hi).to_string(), Some(true)),
            1 => ((hi * 1.5 + 1.0).to_string(), Some(false)),
            2 => ((lo - 1.0).to_string(), Some(false)),
            _ => {
                let t = g.hostile_text();
                let ok = t
                    .parse::<f32>()
                    .is_ok_and(|v| v.is_finite() && v >= lo && v <= hi);
                (t, if ok { None } else { Some(false) })
            }
        }
    };
    let choice = |names: &[&str], g: &mut Gen| -> (String, Option<bool>) {
        if g.chance(0.5) {
            (g.pick(names).to_owned(), Some(true))
        } else {
            let t = format!("{}{}", g.pick(names), g.pick(&["x", "(", "<script>", "é"]));
            (t, Some(false))
        }
    };
    match key {
        "dataset" => choice(&DatasetKind::ALL.map(|d| d.name()), g),
        "noise" => int(0, 50, g),
        "train" => int(10, 90, g),
        "points" => int(10, 2000, g),
        "batch" => int(1, 2000, g),
        "seed" => int(0, Config::MAX_SEED, g),
        "draw" => int(0, u64::from(u32::MAX), g),
        "lr" => float(1e-5, 10.0, g),
        "rate" => float(0.0, 10.0, g),
        "optimizer" => choice(&["sgd", "momentum", "adam"], g),
        "reg" => choice(&["none", "l1", "l2"], g),
        "activation" => choice(Activation::NAMES, g),
        "features" => {
            if g.chance(0.5) {
                let mut f: Vec<&str> = Feature::ALL
                    .iter()
                    .filter(|_| g.chance(0.5))
                    .map(|f| f.name())
                    .collect();
                if f.is_empty() {
                    f.push("x1");
                }
                (f.join(","), Some(true))
            } else {
                let t = g.pick(&["", "x1,x1", "x3", "x1,,x2", "<script>", "x1,x2,"]);
                (t.to_owned(), Some(false))
            }
        }
        "layers" => {
            let n = g.below(11);
            let sizes: Vec<String> = (0..n).map(|_| (g.below(20)).to_string()).collect();
            let ok = n <= 8
                && sizes
                    .iter()
                    .all(|s| s != "0" && s.parse::<u32>().unwrap() <= 16);
            (sizes.join(","), Some(ok))
        }
        "race" => {
            if g.chance(0.5) {
                let n = 2 + g.below(3);
                let mut names = Activation::NAMES.to_vec();
                g.rng.shuffle(&mut names);
                (names[..n].join(","), Some(true))
            } else {
                let t = g.pick(&["relu", "relu,relu", "a,b,c,d,e", "relu,<script>"]);
                (t.to_owned(), Some(false))
            }
        }
        "edits" => {
            if g.chance(0.5) {
                // Valid on every data set: index 0 exists, label 0 is a class and a target.
                let t = g.pick(&["", "c", "r0", "r0-3,7", "a0:0:0", "c;a-6:6:0,1.5:-2.25:0"]);
                (t.to_owned(), Some(true))
            } else {
                let t = g.pick(&[
                    "x",
                    "r5-3",
                    "r0,0",
                    "a9:9:0",
                    "a0:0",
                    "c;r1",
                    "a0.001:0:0",
                    "r2000",
                ]);
                (t.to_owned(), Some(false))
            }
        }
        _ => (g.hostile_text(), Some(false)),
    }
}

#[test]
fn config_text_and_keys_are_parsed_or_refused() {
    let h = Harness::new();
    let mut g = Gen::new(0xC0F);
    let mut config = Config::default();
    const UNKNOWN: [&str; 6] = ["", "LR", "lr ", "__proto__", "<script>", "constructor"];
    while h.calls.get() < quota("config") {
        if g.chance(0.9) {
            let key = if g.chance(0.95) {
                g.pick(&Config::KEYS)
            } else {
                g.pick(&UNKNOWN)
            };
            let (value, expect) = config_value(&mut g, key);
            let before = config.clone();
            let result = h.call(
                || format!("Config::set({key:?}, {value:?}) on {before}"),
                || config.set(key, &value),
            );
            match (result, expect) {
                (Ok(_), Some(false)) => panic!("set({key:?}, {value:?}) was accepted"),
                (Err(e), Some(true)) => panic!("set({key:?}, {value:?}) was refused: {e}"),
                (Err(e), _) => {
                    assert_eq!(config, before, "set({key:?}, {value:?}) changed the config");
                    if Config::KEYS.contains(&key) {
                        assert_eq!(e.key(), Some(key), "{e}");
                        assert!(e.to_string().contains(key), "{e} does not name {key}");
                    }
                }
                (Ok(_), _) => {
                    let text = config.to_string();
                    assert_eq!(text.parse::<Config>().as_ref(), Ok(&config), "{text}");
                }
            }
        } else {
            // Whole texts: the canonical form of the current config, doctored, or junk.
            let mut text = config.to_string();
            match g.below(4) {
                0 => {
                    let at = g.below(text.len() + 1);
                    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
                    text.insert_str(at, &g.junk());
                }
                1 => text = g.junk(),
                2 => text.push_str(&format!("&{}={}", g.pick(&UNKNOWN), g.hostile_text())),
                _ => text = format!("#{text}"),
            }
            let strict = h.call(|| format!("{text:?}.parse()"), || text.parse::<Config>());
            let (lenient, warnings) = h.call(
                || format!("Config::parse_lenient({text:?})"),
                || Config::parse_lenient(&text),
            );
            match strict {
                Ok(c) => {
                    assert_eq!(c, lenient, "{text:?}");
                    assert!(warnings.is_empty(), "{text:?}: {warnings:?}");
                }
                Err(_) => assert!(
                    !warnings.is_empty(),
                    "{text:?}: strict failed, lenient silent"
                ),
            }
            let canonical = lenient.to_string();
            assert_eq!(canonical.parse::<Config>().as_ref(), Ok(&lenient));
        }
    }
    // A 10 MB text is refused without being read.
    let huge = "lr=1&".repeat(2 * 1024 * 1024);
    assert!(h
        .call(|| "10 MB config".into(), || huge.parse::<Config>())
        .is_err());
    let (c, w) = h.call(|| "10 MB lenient".into(), || Config::parse_lenient(&huge));
    assert_eq!((c, w.len()), (Config::default(), 1));
    h.finish("config");
}

// ---------------------------------------------------------------------------------------------------------
// Points

#[test]
fn point_edits_refuse_bad_points_and_keep_the_set_sound() {
    let h = Harness::new();
    let mut g = Gen::new(0x9017);
    let mut sets: Vec<Dataset> = DatasetKind::ALL
        .iter()
        .map(|&kind| {
            let config = Config {
                dataset: kind,
                points: 10,
                ..Config::default()
            };
            Dataset::generate(&config)
        })
        .collect();
    let mut row = [0.0f32; 7];
    while h.calls.get() < quota("points") {
        let k = g.below(sets.len());
        let set = &mut sets[k];
        let n_classes = set.n_classes();
        let kind = set.kind;
        let regression = set.kind.is_regression();
        match g.below(10) {
            0..=5 => {
                let p = Point {
                    x: if g.chance(0.5) {
                        g.rng.uniform(-6.0, 6.0)
                    } else {
                        g.f32()
                    },
                    y: if g.chance(0.5) {
                        g.rng.uniform(-6.0, 6.0)
                    } else {
                        g.f32()
                    },
                    label: if g.chance(0.5) {
                        g.below(n_classes.max(2)) as f32
                    } else {
                        g.f32()
                    },
                };
                let in_domain = |v: f32| v.is_finite() && (-6.0..=6.0).contains(&v);
                let label_ok = if regression {
                    p.label.is_finite() && (-1.0..=1.0).contains(&p.label)
                } else {
                    p.label.is_finite()
                        && p.label.fract() == 0.0
                        && p.label >= 0.0
                        && (p.label as usize) < n_classes
                };
                let full = set.len() >= MAX_POINTS;
                let before = set.len();
                let result = h.call(
                    || format!("add_point({p:?}) to {kind:?}"),
                    || set.add_point(p),
                );
                let ok = in_domain(p.x) && in_domain(p.y) && label_ok && !full;
                assert_eq!(
                    result.is_ok(),
                    ok,
                    "add_point({p:?}) to {:?}: {result:?}",
                    set.kind
                );
                assert_eq!(set.len(), before + usize::from(ok));
            }
            6..=8 => {
                let (x, y, r) = (g.f32(), g.f32(), g.f32());
                let before = set.len();
                let removed = h.call(
                    || format!("remove_nearest({x:?}, {y:?}, {r:?})"),
                    || set.remove_nearest(x, y, r),
                );
                if !(x.is_finite() && y.is_finite() && r.is_finite() && r >= 0.0) {
                    assert!(removed.is_none());
                }
                assert_eq!(set.len(), before - usize::from(removed.is_some()));
            }
            _ => {
                if g.chance(0.01) {
                    h.call(|| "clear()".into(), || set.clear());
                }
                let n = 1 + g.below(7);
                let features = &Feature::ALL[..n];
                let (x, y) = (g.f32(), g.f32());
                h.call(
                    || format!("features_into({x:?}, {y:?})"),
                    || features_into(features, x, y, &mut row[..n]),
                );
            }
        }
        for p in set.train.iter().chain(&set.test) {
            assert!(p.x.is_finite() && p.y.is_finite() && p.label.is_finite());
        }
    }
    h.finish("points");
}

// ---------------------------------------------------------------------------------------------------------
// Model files

/// A doctored copy of a valid model file, and whether the doctoring certainly breaks it.
fn doctor(g: &mut Gen, json: &str) -> (String, bool) {
    let number_at = |g: &mut Gen| {
        // The start of some number in the layers array.
        let layers = json.find("\"layers\"").unwrap();
        let starts: Vec<usize> = json[layers..]
            .char_indices()
            .filter(|&(i, c)| {
                (c == '-' || c.is_ascii_digit())
                    && !json[layers + i - 1..].starts_with(|p: char| {
                        p.is_ascii_digit() || p == '.' || p == 'e' || p == '-'
                    })
            })
            .map(|(i, _)| layers + i)
            .collect();
        starts[g.below(starts.len())]
    };
    match g.below(10) {
        0 => {
            let cut = g.below(json.trim_end().len() - 1);
            (json[..cut].to_owned(), true)
        }
        1 => {
            let at = number_at(g);
            let bad = g.pick(&[
                "NaN", "Infinity", "1e39", "-1e39", "null", "\"1\"", "[]", "{}",
            ]);
            (format!("{}{bad}, {}", &json[..at], &json[at..]), true)
        }
        2 => {
            let at = number_at(g);
            // Replace the number by a hostile one.
            let end = at + json[at..].find([',', ']']).unwrap();
            let bad = g.pick(&["NaN", "1e39", "-3.5e38", "1e999", "\"<script>\"", "true"]);
            (format!("{}{bad}{}", &json[..at], &json[end..]), true)
        }
        3 => (json.replacen("\"version\": 1", "\"version\": 2", 1), true),
        4 => (
            json.replacen(
                "\"format\": \"activation-playground-model\"",
                "\"format\": \"<script>alert(1)</script>\"",
                1,
            ),
            true,
        ),
        5 => (json.replacen('{', "{\"__proto__\": {\"x\": 1}, ", 1), true),
        6 => {
            let field = g.pick(&["\"epoch\"", "\"config\"", "\"layers\"", "\"format\""]);
            (json.replacen(field, "\"unknown\"", 1), true)
        }
        7 => {
            let depth = 1 + g.below(400);
            (format!("{}{}", "[".repeat(depth), "]".repeat(depth)), true)
        }
        8 => (
            json.replacen("dataset=", &format!("dataset=x{}", g.hostile_text()), 1),
            true,
        ),
        _ => (json.replacen("\"epoch\": ", "\"epoch\": -", 1), true),
    }
}

#[test]
fn doctored_model_files_are_refused_naming_a_problem() {
    let h = Harness::new();
    let mut g = Gen::new(0x30D);
    let configs = [
        "dataset=xor&layers=3&points=20",
        "dataset=blobs3&layers=2,2&points=30&features=x1,x2,x1x2",
        "dataset=plane&layers=&points=10",
        "dataset=spiral&layers=16,16,16,16,16,16,16,16&points=10&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2",
    ];
    let files: Vec<String> = configs
        .iter()
        .map(|c| {
            let mut s = Session::from_config(c).unwrap();
            s.step(2);
            s.export_model()
        })
        .collect();
    while h.calls.get() < quota("model files") {
        let json = &files[g.below(files.len())];
        let (text, broken) = doctor(&mut g, json);
        let result = h.call(
            || format!("ModelFile::from_json({text:?})"),
            || ModelFile::from_json(&text),
        );
        match result {
            Ok(m) => {
                assert!(!broken, "accepted a doctored file:\n{text}");
                assert_eq!(ModelFile::from_json(&m.to_json()).as_ref(), Ok(&m));
            }
            Err(e) => assert!(!e.message().is_empty()),
        }
        let exact = h.call(|| "from_json(valid)".into(), || ModelFile::from_json(json));
        assert!(exact.is_ok());
    }
    h.finish("model files");
}

// ---------------------------------------------------------------------------------------------------------
// Sessions

/// Everything a failed call must leave alone.
fn state(s: &Session) -> (String, Vec<f32>, u64, Vec<f32>) {
    (
        s.config().to_string(),
        s.network().params().to_vec(),
        s.epoch(),
        s.points(),
    )
}

#[test]
fn sessions_survive_hostile_calls_and_stay_finite() {
    let h = Harness::new();
    let mut g = Gen::new(0x5E55);
    let mut sessions = 0;
    while h.calls.get() < quota("sessions") {
        // A small random valid config (at most 60 points so a debug build stays quick).
        let mut config = Config {
            points: 10 + g.below(51) as u32,
            ..Config::default()
        };
        for _ in 0..g.below(6) {
            let key = g.pick(&[
                "dataset",
                "layers",
                "activation",
                "optimizer",
                "reg",
                "rate",
                "lr",
                "batch",
                "features",
                "noise",
                "seed",
            ]);
            let (value, _) = config_value(&mut g, key);
            let _ = config.set(key, &value);
        }
        let text = config.to_string();
        let Ok(mut s) = h.call(
            || format!("Session::from_config({text:?})"),
            || Session::from_config(&text),
        ) else {
            panic!("a valid config was refused: {text}");
        };
        sessions += 1;
        for _ in 0..30 {
            let before = state(&s);
            let op = g.below(14);
            let (what, expect_err, result): (String, Option<bool>, Result<(), String>) = match op {
                0 => {
                    let n = g.below(4) as u32;
                    h.call(|| format!("{text}: step({n})"), || s.step(n));
                    ("step".into(), None, Ok(()))
                }
                1 => {
                    let key = g.pick(&Config::KEYS);
                    let (value, expect) = config_value(&mut g, key);
                    // Keep the sessions small: no more points than that.
                    if key == "points" {
                        continue;
                    }
                    let r = h.call(
                        || format!("{text}: set({key:?}, {value:?})"),
                        || s.set(key, &value),
                    );
                    (
                        format!("set({key:?}, {value:?})"),
                        expect.map(|ok| !ok),
                        r.map(|_| ()).map_err(|e| e.to_string()),
                    )
                }
                2 => {
                    let a = g.pick(&Activation::ALL);
                    h.call(
                        || format!("{text}: set_activation({a})"),
                        || s.set_activation(a),
                    );
                    ("set_activation".into(), Some(false), Ok(()))
                }
                3 => {
                    let p = Point {
                        x: g.f32(),
                        y: g.f32(),
                        label: g.f32(),
                    };
                    let r = h.call(|| format!("{text}: add_point({p:?})"), || s.add_point(p));
                    (
                        format!("add_point({p:?})"),
                        None,
                        r.map_err(|e| e.to_string()),
                    )
                }
                4 => {
                    let (x, y, r) = (g.f32(), g.f32(), g.f32());
                    h.call(
                        || format!("{text}: remove_nearest({x}, {y}, {r})"),
                        || s.remove_nearest(x, y, r),
                    );
                    ("remove_nearest".into(), None, Ok(()))
                }
                5 => {
                    if g.chance(0.5) {
                        h.call(|| format!("{text}: regenerate()"), || s.regenerate());
                    } else {
                        h.call(|| format!("{text}: clear_points()"), || s.clear_points());
                    }
                    ("points".into(), None, Ok(()))
                }
                6 => {
                    let big = g.chance(0.3);
                    let grid = if big {
                        g.pick(&[0, MAX_GRID + 1, usize::MAX, 1 << 31])
                    } else {
                        1 + g.below(24)
                    };
                    let thumb = if g.chance(0.2) {
                        g.pick(&[0, MAX_THUMB + 1, usize::MAX])
                    } else {
                        1 + g.below(MAX_THUMB)
                    };
                    let bad = !(1..=MAX_GRID).contains(&grid) || !(1..=MAX_THUMB).contains(&thumb);
                    let d = g.chance(0.5);
                    let r = h.call(
                        || format!("{text}: render({grid}, {thumb}, {d})"),
                        || s.render(grid, thumb, d),
                    );
                    if r.is_ok() {
                        assert_eq!(s.output_pixels().len(), grid * grid * 4);
                        assert!(s.output_pixels().chunks_exact(4).all(|p| p[3] == 255));
                    }
                    (
                        format!("render({grid}, {thumb})"),
                        Some(bad),
                        r.map_err(|e| e.to_string()),
                    )
                }
                7 => {
                    let layer = g.below(10);
                    let (lo, hi) = (g.f32(), g.f32());
                    let bins = g.pick(&[0, 1, 7, MAX_BINS, MAX_BINS + 1, usize::MAX]);
                    let n_hidden = s.network().n_layers() - 1;
                    let bad = layer >= n_hidden
                        || !(lo.is_finite() && hi.is_finite() && lo < hi)
                        || !(1..=MAX_BINS).contains(&bins);
                    let r = h.call(
                        || format!("{text}: histogram({layer}, {lo}, {hi}, {bins})"),
                        || s.histogram(layer, lo, hi, bins),
                    );
                    if let Ok(counts) = &r {
                        assert!(counts.iter().all(|c| c.is_finite() && *c >= 0.0));
                    }
                    (
                        format!("histogram({layer}, {lo}, {hi}, {bins})"),
                        Some(bad),
                        r.map(|_| ()).map_err(|e| e.to_string()),
                    )
                }
                8 => {
                    let (layer, i, j) = (g.below(10), g.below(20), g.below(20));
                    let n = g.below(9);
                    let xy: Vec<f32> = (0..n).map(|_| g.f32()).collect();
                    let sizes = s.network().sizes().to_vec();
                    let bad = layer + 2 >= sizes.len()
                        || i >= sizes[layer + 1]
                        || j >= sizes[layer + 1]
                        || n % 2 == 1;
                    let pre = g.chance(0.5);
                    let r = h.call(
                        || format!("{text}: project({layer}, {i}, {j}, {pre}, {xy:?})"),
                        || s.project(layer, i, j, pre, &xy),
                    );
                    if let Ok(v) = &r {
                        assert_eq!(v.len(), n);
                        assert!(v.iter().all(|v| v.is_finite()));
                    }
                    (
                        format!("project({layer}, {i}, {j})"),
                        Some(bad),
                        r.map(|_| ()).map_err(|e| e.to_string()),
                    )
                }
                9 => {
                    let json = h.call(|| format!("{text}: export_model()"), || s.export_model());
                    let (doctored, broken) = if g.chance(0.5) {
                        doctor(&mut g, &json)
                    } else {
                        (json.clone(), false)
                    };
                    let r = h.call(
                        || format!("{text}: import_model({doctored:?})"),
                        || s.import_model(&doctored),
                    );
                    if r.is_ok() {
                        assert_eq!(state(&s).0, before.0);
                        assert_eq!(state(&s).1, before.1, "import changed the weights");
                    }
                    (
                        "import_model".into(),
                        Some(broken),
                        r.map_err(|e| e.to_string()),
                    )
                }
                10 => {
                    h.call(|| format!("{text}: reset()"), || s.reset());
                    ("reset".into(), None, Ok(()))
                }
                11 => {
                    let r = h.call(|| format!("{text}: new_weights()"), || s.new_weights());
                    (
                        "new_weights".into(),
                        Some(false),
                        r.map_err(|e| e.to_string()),
                    )
                }
                12 => {
                    let junk = if g.chance(0.5) {
                        g.junk()
                    } else {
                        g.hostile_text()
                    };
                    let r = h.call(
                        || format!("{text}: set_config({junk:?})"),
                        || s.set_config(&junk),
                    );
                    (
                        "set_config".into(),
                        None,
                        r.map(|_| ()).map_err(|e| e.to_string()),
                    )
                }
                _ => {
                    let stats = h.call(|| format!("{text}: stats()"), || s.stats());
                    let json: serde_json::Value =
                        serde_json::from_str(&stats.to_json()).expect("stats JSON");
                    assert!(json.is_object());
                    ("stats".into(), None, Ok(()))
                }
            };
            match (&result, expect_err) {
                (Ok(()), Some(true)) => panic!("{text}: {what} was accepted"),
                (Err(e), Some(false)) => panic!("{text}: {what} was refused: {e}"),
                (Err(e), _) => {
                    assert!(!e.is_empty());
                    assert_eq!(
                        state(&s),
                        before,
                        "{text}: failed {what} changed the session"
                    );
                }
                (Ok(()), _) => {}
            }
            assert!(
                s.network().params().iter().all(|v| v.is_finite()),
                "{text}: {what} left non-finite weights"
            );
        }
    }
    eprintln!("sessions: {sessions} sessions built");
    h.finish("sessions");
}

// ---------------------------------------------------------------------------------------------------------
// Races

#[test]
fn races_refuse_bad_configs_and_stay_finite() {
    let h = Harness::new();
    let mut g = Gen::new(0x7ACE);
    while h.calls.get() < quota("races") {
        let (race, expect) = config_value(&mut g, "race");
        let mut config = Config {
            points: 10 + g.below(31) as u32,
            layers: vec![1 + g.below(4)],
            ..Config::default()
        };
        if g.chance(0.3) {
            let key = g.pick(&["lr", "dataset", "reg", "rate", "optimizer"]);
            let (value, _) = config_value(&mut g, key);
            let _ = config.set(key, &value);
        }
        // The canonical text ends with the (empty) race key: put the generated value there.
        let canonical = config.to_string();
        let base = canonical
            .strip_suffix("&race=")
            .expect("race is the last key");
        let text = format!("{base}&race={race}");
        let result = h.call(
            || format!("RaceRun::from_config({text:?})"),
            || RaceRun::from_config(&text),
        );
        match (result, expect) {
            (Ok(_), Some(false)) => panic!("{text}: a bad race was accepted"),
            (Err(e), Some(true)) => panic!("{text}: a valid race was refused: {e}"),
            (Ok(mut run), _) => {
                let n = g.below(3) as u32;
                h.call(|| format!("{text}: step({n})"), || run.step(n));
                let grid = g.pick(&[0, 1, 8, MAX_GRID + 1]);
                let r = h.call(
                    || format!("{text}: render({grid})"),
                    || run.render(grid, false),
                );
                assert_eq!(
                    r.is_ok(),
                    (1..=MAX_GRID).contains(&grid),
                    "{text}: render({grid})"
                );
                let json: serde_json::Value = serde_json::from_str(
                    &h.call(|| format!("{text}: table_json()"), || run.table_json()),
                )
                .expect("race table JSON");
                assert_eq!(json.as_array().map(Vec::len), Some(run.len()));
                for s in run.race().sessions() {
                    assert!(s.network().params().iter().all(|v| v.is_finite()));
                }
            }
            (Err(e), _) => assert!(!e.to_string().is_empty()),
        }
    }
    h.finish("races");
}
