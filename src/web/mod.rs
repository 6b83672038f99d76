//! The only module that imports wasm-bindgen, web-sys or js-sys: argument checks and conversions, no logic.
//!
//! Every exported function validates its arguments and returns a `JsError` whose message names the
//! argument and its allowed range; none panics on bad input.

mod activations;
mod page;
mod playground;
mod race;

pub use activations::*;
pub use page::*;
pub use playground::*;
pub use race::*;

use wasm_bindgen::prelude::*;

/// Installs the panic hook so a Rust panic (a bug) reaches the console as readable text.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The 12 bytes of a palette (`[class 0, class 1, class 2, neutral]`, RGB each) as colours, or an error
/// naming `rgb` and the length it must have.
fn palette(rgb: &[u8]) -> Result<[[u8; 3]; 4], JsError> {
    if rgb.len() != 12 {
        return Err(JsError::new(&format!(
            "rgb must hold 12 bytes (class 0, class 1, class 2 and neutral, RGB each), got {}",
            rgb.len()
        )));
    }
    let c = |i: usize| [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
    Ok([c(0), c(1), c(2), c(3)])
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
