//! The shared wasm-bindgen tests, run in Node (`cargo xtask test` runs them with wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

mod wasm_common;
