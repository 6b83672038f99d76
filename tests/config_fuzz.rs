//! Hostile text never panics: random mixtures of real keys, separators, escapes, numbers and odd
//! characters go through the strict parser, the lenient parser, `set` and the model reader.
//! Whatever the lenient parser returns must print to a canonical text the strict parser accepts.

use activation_playground::config::{Change, Config};
use activation_playground::model::ModelFile;
use activation_playground::rng::Rng;

/// Pieces of text the fuzzer glues together besides the keys (which come from `Config::KEYS`, so a new key
/// is fuzzed without touching this file).
const PIECES: &[&str] = &[
    "=",
    "=",
    "&",
    "&",
    "#",
    "?",
    "%",
    "%3D",
    "%2",
    "%zz",
    "%E2%82",
    "%C3%A9",
    "+",
    ",",
    ",",
    "(",
    ")",
    "0",
    "1",
    "7",
    "50",
    "99",
    "-",
    ".",
    "e",
    "e-5",
    "1e39",
    "NaN",
    "inf",
    "relu",
    "tanh",
    "sigmoid",
    "leaky_relu(negative_slope=0.1)",
    "x1",
    "x2",
    "sinx1",
    "x1sq",
    "spiral",
    "blobs3",
    "adam",
    "l2",
    "9007199254740991",
    "18446744073709551616",
    " ",
    "\u{0}",
    "é",
    "\u{1F600}",
    "<script>",
    "\"",
];

/// The keys, then the other pieces.
static TOKENS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| Config::KEYS.iter().chain(PIECES).copied().collect());

fn random_text(rng: &mut Rng) -> String {
    (0..rng.usize(30))
        .map(|_| TOKENS[rng.usize(TOKENS.len())])
        .collect()
}

#[test]
fn random_config_texts_never_panic_and_lenient_results_are_valid() {
    let mut rng = Rng::new(1234);
    let mut n_strict_ok = 0;
    for _ in 0..20_000 {
        let text = random_text(&mut rng);
        let strict = text.parse::<Config>();
        let (lenient, warnings) = Config::parse_lenient(&text);
        let canonical = lenient.to_string();
        let reparsed: Config = canonical
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} → {canonical}: {e}"));
        assert_eq!(reparsed, lenient, "{text:?}");
        match strict {
            Ok(c) => {
                n_strict_ok += 1;
                assert_eq!(c, lenient, "{text:?}");
                assert!(warnings.is_empty(), "{text:?}: {warnings:?}");
            }
            Err(e) => {
                assert!(
                    !warnings.is_empty(),
                    "strict failed ({e}) but lenient saw nothing wrong: {text:?}"
                );
                // Long enough to list every activation name, short enough to read.
                assert!(e.to_string().len() < 600, "{text:?}: message too long: {e}");
            }
        }
    }
    // The generator must also produce valid texts, or the agreement check above tests nothing.
    assert!(n_strict_ok > 200, "only {n_strict_ok} valid texts");
}

#[test]
fn random_set_calls_are_all_or_nothing() {
    let mut rng = Rng::new(99);
    let mut config = Config::default();
    let mut n_ok = 0;
    for _ in 0..20_000 {
        let key = Config::KEYS[rng.usize(Config::KEYS.len())];
        // Short values: one or two tokens are often valid, longer mixtures almost never.
        let value: String = (0..1 + rng.usize(2))
            .map(|_| TOKENS[rng.usize(TOKENS.len())])
            .collect();
        let before = config.clone();
        match config.set(key, &value) {
            Ok(change) => {
                n_ok += 1;
                assert_eq!(
                    change == Change::Live,
                    config.change_from(&before) == Change::Live
                );
            }
            Err(e) => {
                assert_eq!(config, before, "a failed set changed the config");
                assert_eq!(e.key(), Some(key), "{key}={value:?}: {e}");
            }
        }
        assert_eq!(config.to_string().parse::<Config>().unwrap(), config);
    }
    assert!(n_ok > 200, "only {n_ok} successful sets");
}

#[test]
fn random_model_texts_never_panic() {
    let mut rng = Rng::new(5);
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"format\"",
        "\"activation-playground-model\"",
        "\"version\"",
        "1",
        "2",
        "\"config\"",
        "\"layers=1\"",
        "\"epoch\"",
        "0",
        "-1",
        "1e39",
        "\"layers\"",
        "\"weights\"",
        "\"biases\"",
        "null",
        "true",
        "\"\\u0000\"",
        "0.5",
    ];
    for _ in 0..20_000 {
        let text: String = (0..rng.usize(40))
            .map(|_| pieces[rng.usize(pieces.len())])
            .collect();
        if let Ok(m) = ModelFile::from_json(&text) {
            m.validate().unwrap();
        }
    }
}
