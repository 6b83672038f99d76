//! What the page asks before it has a session: the core's description, what a link means, and a config
//! text with one key set. The page holds no parsing or encoding of config text; these do it.

use wasm_bindgen::prelude::*;

use super::args::js;
use crate::config::Config;
use crate::link::Link;

/// Everything the page must not write down itself, as JSON (see `describe.rs`): domain, frame sizes,
/// limits, learning-rate menu, config keys, data sets, features, optimisers, penalties, activations (with
/// their hues), evidence presets and the default palette.
#[wasm_bindgen]
pub fn describe() -> String {
    crate::describe::describe_json()
}

/// What a URL hash means, as JSON `{"config": "<canonical text>", "warnings": ["…"], "preset": slug | null}`.
/// Takes the raw `location.hash`, with or without its `#`. Never throws.
#[wasm_bindgen(js_name = parseLink)]
pub fn parse_link(hash: &str) -> String {
    Link::parse(hash).to_json()
}

/// The canonical text of `config` (a config text, strictly parsed) with `key` set to the plain `value`
/// (as a control holds it; not percent-decoded). Throws naming the key and its range when either is bad.
#[wasm_bindgen(js_name = configWith)]
pub fn config_with(config: &str, key: &str, value: &str) -> Result<String, JsError> {
    let mut config: Config = config.parse().map_err(|e| js(format!("config: {e}")))?;
    config.set_value(key, value).map_err(js)?;
    Ok(config.to_string())
}
