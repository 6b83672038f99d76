//! The only module that imports wasm-bindgen: exported functions that check their arguments (`args.rs`),
//! convert them and call the core; no logic.
//!
//! Every exported function validates its arguments and returns a `JsError` whose message names the
//! argument and its allowed range; none panics on bad input.

mod activations;
mod args;
mod embed;
mod page;
mod playground;
mod race;

pub use activations::*;
pub use embed::*;
pub use page::*;
pub use playground::*;
pub use race::*;

use wasm_bindgen::prelude::*;

/// Installs the panic hook so a Rust panic (a bug) reaches the console as readable text.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
