//! The only module that imports wasm-bindgen, web-sys or js-sys: argument checks and conversions.

use wasm_bindgen::prelude::*;

/// Installs the panic hook so a Rust panic reaches the browser console as readable text.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

mod playground;
pub use playground::*;
