//! Activation Playground: see what an activation function does to a neural network.
//!
//! The core (everything but [`web`]) is plain Rust with no web imports, tested with `cargo test`.
//! The `web` module is the one thin wasm-bindgen layer: it validates and converts, no logic.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod activation;
pub mod config;
pub mod dataset;
pub mod describe;
pub mod embed;
pub mod evidence;
pub mod json;
pub mod link;
pub mod model;
pub mod network;
pub mod optimizer;
pub mod render;
pub mod rng;
pub mod training;
pub mod web;

pub use activation::Activation;
pub use config::Config;
pub use training::Session;
