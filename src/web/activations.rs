//! Activation curves for the page: sampling f and f′ of a spec over a range.

use super::{check_finite, check_range};
use crate::Activation;
use wasm_bindgen::prelude::*;

/// The most samples one call may ask for (a canvas is never wider).
pub const MAX_SAMPLES: u32 = 1 << 16;

/// Samples `f` and `f′` of `spec` at `n` evenly spaced points from `x_min` to `x_max` (both included).
///
/// Returns `2n` numbers: `f(x_i)` for `i < n`, then `f′(x_i)`.
#[wasm_bindgen(js_name = sampleActivation)]
pub fn sample_activation(spec: &str, x_min: f64, x_max: f64, n: u32) -> Result<Vec<f32>, JsError> {
    let activation: Activation = spec.parse().map_err(|e| JsError::new(&format!("{e}")))?;
    check_finite("xMin", x_min)?;
    check_finite("xMax", x_max)?;
    if x_min >= x_max {
        return Err(JsError::new(&format!(
            "xMin must be less than xMax, got xMin = {x_min} and xMax = {x_max}"
        )));
    }
    check_range("n", n, 2, MAX_SAMPLES)?;
    let n = n as usize;
    let step = (x_max - x_min) / (n - 1) as f64;
    let xs: Vec<f32> = (0..n).map(|i| (x_min + step * i as f64) as f32).collect();
    let mut out = vec![0.0; 2 * n];
    let (f, df) = out.split_at_mut(n);
    activation.apply_slice(&xs, f);
    activation.derivative_slice(&xs, df);
    Ok(out)
}
