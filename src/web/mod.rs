//! The only module that imports wasm-bindgen, web-sys or js-sys: argument checks and conversions, no logic.
//!
//! Every exported function validates its arguments and returns a `JsError` whose message names the
//! argument and its allowed range; none panics on bad input.

mod activations;
mod embed;
mod playground;
mod race;

pub use activations::*;
pub use embed::*;
pub use playground::*;
pub use race::*;

use wasm_bindgen::prelude::*;

/// Installs the panic hook so a Rust panic (a bug) reaches the console as readable text.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// `Err` naming `name` unless `value` is finite.
fn check_finite(name: &str, value: f64) -> Result<(), JsError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(JsError::new(&format!(
            "{name} must be a finite number, got {value}"
        )))
    }
}

/// `Err` naming `name` and the range unless `min <= value <= max`.
fn check_range(name: &str, value: u32, min: u32, max: u32) -> Result<(), JsError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(JsError::new(&format!(
            "{name} must be from {min} to {max}, got {value}"
        )))
    }
}
