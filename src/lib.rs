//! Activation Playground: see what an activation function does to a neural network.
//!
//! The core (everything but [`web`]) is plain Rust with no web imports, tested with `cargo test`; it also
//! builds and tests without the `web` feature. The `web` module is the one thin wasm-bindgen layer: it
//! validates and converts, no logic.
//!
//! The modules are listed in reading order: each uses only modules above it (`tests/tidy.rs` checks).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// `[name of ALL[0], name of ALL[1], …]` at compile time, for a table's names: `names_of!(T::ALL, |x|
/// x.name())`. A const, so code that looks names up (see `name_index`) reads only the names, never the
/// rest of the table.
macro_rules! names_of {
    ($all:expr, |$item:ident| $name:expr) => {{
        let mut names = [""; $all.len()];
        let mut i = 0;
        while i < names.len() {
            let $item = &$all[i];
            names[i] = $name;
            i += 1;
        }
        names
    }};
}

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

/// Where `name` is in `names`: every lookup of a name in a fixed table (activations, data sets, features,
/// optimisers, penalties, views) goes through this one loop. Out of line, it is one copy in the wasm;
/// inlined, each caller had its table's comparisons unrolled (over a kilobyte for the ten data sets alone).
#[inline(never)]
pub(crate) fn name_index(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|&n| n == name)
}

/// The items' texts with `separator` between them ("2,4,1", "2→4→2→1"): pushed as they come, with no
/// `Vec<String>` and no join over it (one more generic copy in the wasm).
pub(crate) fn joined<T: ToString>(items: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&item.to_string());
    }
    out
}
