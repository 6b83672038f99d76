//! Activations for the page: the catalogue with its metadata, canonical specs, and f and f′ sampled over a range.

use super::args::{count, finite, js};
use crate::float::Plain;
use crate::Activation;
use wasm_bindgen::prelude::*;

/// The catalogue of every activation as a JSON array, in [`Activation::NAMES`] order (see
/// [`Activation::catalogue_json`] for the fields; the text is the description's, written down once).
#[wasm_bindgen(js_name = activationCatalogue)]
pub fn activation_catalogue() -> String {
    crate::describe::CATALOGUE.to_owned()
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

/// The most values one [`activation_workload`] buffer may hold.
pub const MAX_WORKLOAD_VALUES: usize = 1 << 16;
/// The most evaluations (values × repeats) one [`activation_workload`] call may ask for: about a second.
pub const MAX_WORKLOAD_EVALUATIONS: f64 = 5.0e7;

/// A timing kernel: evaluates `f` and `f′` of `spec` over `n` values evenly spread over [−4, 4], `repeats`
/// times, and returns a checksum of the results (so no evaluation can be skipped). The page times the call
/// to compare activations' cost per evaluation in this browser.
#[wasm_bindgen(js_name = activationWorkload)]
pub fn activation_workload(spec: &str, n: f64, repeats: f64) -> Result<f64, JsError> {
    let activation = parse(spec)?;
    let n = count("n", n, 2, MAX_WORKLOAD_VALUES).map_err(js)?;
    let repeats = count("repeats", repeats, 1, 100_000).map_err(js)?;
    workload(&activation, n, repeats).map_err(js)
}

/// [`activation_workload`] after its arguments are read.
fn workload(activation: &Activation, n: usize, repeats: usize) -> Result<f64, String> {
    let evaluations = n as f64 * repeats as f64;
    if evaluations > MAX_WORKLOAD_EVALUATIONS {
        return Err(format!(
            "n × repeats may be at most {}, got {n} × {repeats} = {}",
            Plain(MAX_WORKLOAD_EVALUATIONS),
            Plain(evaluations)
        ));
    }
    let step = 8.0 / (n - 1) as f32;
    let xs: Vec<f32> = (0..n).map(|i| -4.0 + step * i as f32).collect();
    let (mut f, mut df) = (vec![0.0f32; n], vec![0.0f32; n]);
    let mut sum = 0.0f64;
    for r in 0..repeats {
        activation.apply_slice(&xs, &mut f);
        activation.derivative_slice(&xs, &mut df);
        sum += f64::from(f[r % n]) + f64::from(df[(r * 7) % n]);
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_checksum_is_the_sum_of_the_picked_values_and_big_asks_are_refused() {
        let relu: Activation = "relu".parse().unwrap();
        // Values −4, 0, 4: f = 0, 0, 4; f′ = 0, 0 (or 1 at 0), 1. Picks f[0] + f′[0] and f[1] + f′[1].
        let one = workload(&relu, 3, 1).unwrap();
        assert_eq!(one, 0.0);
        let two = workload(&relu, 3, 3).unwrap();
        // r = 2: f[2] = 4, f′[14 % 3 = 2] = 1.
        assert_eq!(two, f64::from(relu.derivative(0.0)) + 5.0);
        let err = workload(&relu, 65_536, 100_000).unwrap_err();
        // The numbers read as `{}` writes them.
        assert_eq!(
            err,
            "n × repeats may be at most 50000000, got 65536 × 100000 = 6553600000"
        );
    }
}
