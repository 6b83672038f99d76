//! Activations for the page: the catalogue with its metadata, canonical specs, and f and f′ sampled over a range.

use super::args::{count, finite, js};
use crate::float::Plain;
use crate::Activation;
use wasm_bindgen::prelude::*;

/// The catalogue of every activation as a JSON array, in [`Activation::NAMES`] order (see
/// [`Activation::catalogue_json`] for the fields).
#[wasm_bindgen(js_name = activationCatalogue)]
pub fn activation_catalogue() -> String {
    Activation::catalogue_json()
}

/// The canonical form of `spec` (every parameter written out), e.g. `leaky_relu(negative_slope=0.1)`
/// for `leaky_relu( negative_slope = 0.10 )`; an error names what is wrong with a bad spec.
#[wasm_bindgen(js_name = activationSpec)]
pub fn activation_spec(spec: &str) -> Result<String, JsError> {
    parse(spec).map(|a| a.to_string())
}

/// `spec` read as an [`Activation`], or a `JsError` carrying the parser's message.
fn parse(spec: &str) -> Result<Activation, JsError> {
    spec.parse().map_err(js)
}

/// The most samples one call may ask for (a canvas is never wider).
pub const MAX_SAMPLES: u32 = 1 << 16;

/// Samples `f` and `f′` of `spec` at `n` evenly spaced points from `x_min` to `x_max` (both included).
///
/// Returns `2n` numbers: `f(x_i)` for `i < n`, then `f′(x_i)`.
#[wasm_bindgen(js_name = sampleActivation)]
pub fn sample_activation(spec: &str, x_min: f64, x_max: f64, n: u32) -> Result<Vec<f32>, JsError> {
    let activation = parse(spec)?;
    finite("xMin", x_min).map_err(js)?;
    finite("xMax", x_max).map_err(js)?;
    if x_min >= x_max {
        return Err(js(format!(
            "xMin must be less than xMax, got xMin = {} and xMax = {}",
            Plain(x_min),
            Plain(x_max)
        )));
    }
    count("n", f64::from(n), 2, MAX_SAMPLES as usize).map_err(js)?;
    let n = n as usize;
    let step = (x_max - x_min) / (n - 1) as f64;
    let xs: Vec<f32> = (0..n).map(|i| (x_min + step * i as f64) as f32).collect();
    let mut out = vec![0.0; 2 * n];
    let (f, df) = out.split_at_mut(n);
    activation.apply_slice(&xs, f);
    activation.derivative_slice(&xs, df);
    Ok(out)
}
