//! Activation Playground: see what an activation function does to a neural network.
//!
//! The core (everything but [`web`]) is plain Rust with no web imports, tested with `cargo test`; it also
//! builds and tests without the `web` feature. The `web` module is the one thin wasm-bindgen layer: it
//! validates and converts, no logic.
//!
//! The modules are listed in reading order: each uses only modules above it (`tests/tidy.rs` checks).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod float;
pub mod rng;
pub mod json;
pub mod activation;
pub mod config;
pub mod dataset;
pub mod network;
pub mod optimizer;
pub mod model;
pub mod render;
pub mod training;
pub mod evidence;
pub mod link;
pub mod describe;
pub mod embed;
#[cfg(feature = "web")]
pub mod web;

pub use activation::Activation;
pub use config::Config;
pub use training::Session;
