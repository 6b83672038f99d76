//! The shared wasm-bindgen tests, run in headless Chromium through chromedriver.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;

/// Pinned bits of the RNG and every data set: the wasm build must match the native fingerprints.
#[path = "dataset_determinism.rs"]
mod dataset_determinism;

/// A fixed training run pinned to native fingerprints: losses, weights and pixels.
#[path = "training_bits.rs"]
mod training_bits;
