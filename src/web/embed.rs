//! `parseEmbedLink`: the embeddable widget's link, read by the core (see [`crate::embed`]).

use wasm_bindgen::prelude::*;

/// Most characters accepted from JS before parsing: far above the config's own limit, which then speaks.
const MAX_INPUT: usize = 1 << 20;

/// Parses an embed link's hash (`location.hash`, with or without `#`) into JSON
/// `{view, hide, autoplay, config, activation, race, dataset, layers, warnings}`. Any string is accepted: what cannot be used
/// becomes a warning. Anything but a string is an error that says so.
#[wasm_bindgen(js_name = parseEmbedLink)]
pub fn parse_embed_link(hash: JsValue) -> Result<String, JsError> {
    let Some(text) = hash.as_string() else {
        return Err(JsError::new(&format!(
            "parseEmbedLink takes the link's hash as a string, got {}",
            hash.js_typeof().as_string().unwrap_or_default()
        )));
    };
    if text.len() > MAX_INPUT {
        return Err(JsError::new(&format!(
            "parseEmbedLink takes at most {MAX_INPUT} characters, got {}",
            text.len()
        )));
    }
    Ok(crate::embed::parse(&text).to_json())
}
