//! The `Playground` handle: one training session behind the JS API of the page.
//!
//! Thin by design: every method checks its arguments (JS numbers arrive as f64: NaN, ±∞, fractions and
//! out-of-range values are refused with a message naming the argument and its allowed range), converts
//! them and calls [`Session`]. Pixel buffers stay in the session; JS reads them through
//! `outputPixelsPtr()`/`outputPixelsLen()` as a view on the wasm memory, rebuilt after every call.

use wasm_bindgen::prelude::*;

use super::args::{count, finite, js, layer_index, palette, whole};
use crate::dataset::Point;
use crate::float::Plain;
use crate::render::{MAX_GRID, MAX_REGIONS, MAX_THUMB};
use crate::training::{Session, StepOutcome, MAX_BINS};
use crate::Activation;

/// Most epochs one `step` call may train.
pub const MAX_STEP_EPOCHS: u32 = 10_000;
/// Most points one `project` call may map.
pub const MAX_PROJECT_POINTS: usize = 100_000;

/// A live training session for the page.
#[wasm_bindgen]
pub struct Playground {
    session: Session,
}

#[wasm_bindgen]
impl Playground {
    /// Builds a session from a config string (the URL-query form).
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<Playground, JsError> {
        Ok(Playground {
            session: Session::from_config(config).map_err(js)?,
        })
    }

    /// The canonical config string (for the URL hash).
    pub fn config(&self) -> String {
        self.session.config().to_string()
    }

    /// Changes one setting to a plain value, as a control holds it (not percent-decoded); returns
    /// "live", "network" or "data" (what was redone). Unchanged on error.
    pub fn set(&mut self, key: &str, value: &str) -> Result<String, JsError> {
        Ok(self
            .session
            .set_value(key, value)
            .map_err(js)?
            .name()
            .to_owned())
    }

    /// Every key's plain value as JSON, in table order: scalars as text ("circle", "0.03",
    /// "leaky_relu(negative_slope=0.1)"), "layers" as numbers, "features" and "race" as arrays of text,
    /// "edits" as whether the points were edited.
    pub fn values(&self) -> String {
        self.session.config().values_json()
    }

    /// The text for the URL hash: `config()` when it fits in the link limit (4096), else `config()`
    /// without the point edits.
    pub fn link(&self) -> String {
        self.session.link()
    }

    /// False when the point edits are not in `link()` (too long for a link; Export model carries them).
    #[wasm_bindgen(js_name = linkHasPoints)]
    pub fn link_has_points(&self) -> bool {
        self.session.link_has_points()
    }

    /// Paints later renders (output, neurons, input features) with `rgb`: 12 bytes, class 0, class 1,
    /// class 2 and neutral, RGB each.
    #[wasm_bindgen(js_name = setPalette)]
    pub fn set_palette(&mut self, rgb: &[u8]) -> Result<(), JsError> {
        self.session.set_palette(palette(rgb)?);
        Ok(())
    }

    /// Renders every input feature (all seven, in the engine's order) over `thumb × thumb` (1 to 64).
    #[wasm_bindgen(js_name = renderFeatures)]
    pub fn render_features(&mut self, thumb: f64) -> Result<(), JsError> {
        let thumb = count("thumb", thumb, 1, MAX_THUMB).map_err(js)?;
        self.session.render_features(thumb).map_err(js)
    }

    /// Address of the input-feature thumbnails (RGBA, one thumb × thumb block per feature, row 0 = top).
    #[wasm_bindgen(js_name = featurePixelsPtr)]
    pub fn feature_pixels_ptr(&self) -> usize {
        self.session.feature_pixels().as_ptr() as usize
    }

    /// Length in bytes of the input-feature thumbnails (0 before the first `renderFeatures`).
    #[wasm_bindgen(js_name = featurePixelsLen)]
    pub fn feature_pixels_len(&self) -> usize {
        self.session.feature_pixels().len()
    }

    /// Replaces the whole config. Unchanged on error.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, config: &str) -> Result<(), JsError> {
        self.session.set_config(config).map_err(js)?;
        Ok(())
    }

    /// Switches the hidden activation, keeping the weights.
    #[wasm_bindgen(js_name = setActivation)]
    pub fn set_activation(&mut self, spec: &str) -> Result<(), JsError> {
        let activation: Activation = spec.parse().map_err(js)?;
        self.session.set_activation(activation);
        Ok(())
    }

    /// Trains `n_epochs` (0 to 10000) epochs; false when it stopped on a divergence (weights restored).
    pub fn step(&mut self, n_epochs: f64) -> Result<bool, JsError> {
        let n = whole("nEpochs", n_epochs, u64::from(MAX_STEP_EPOCHS)).map_err(js)?;
        Ok(matches!(self.session.step(n as u32), StepOutcome::Trained))
    }

    /// What diverged, after `step` returned false.
    pub fn divergence(&self) -> Option<String> {
        self.session.divergence().map(ToString::to_string)
    }

    /// Epochs trained since the weights were initialised.
    pub fn epoch(&self) -> f64 {
        self.session.epoch() as f64
    }

    /// Statistics as JSON (see `Stats::to_json`).
    #[wasm_bindgen(js_name = statsJson)]
    pub fn stats_json(&self) -> String {
        self.session.stats().to_json()
    }

    /// Counts of a hidden layer's pre-activations over the training set in `bins` (1 to 256) bins.
    pub fn histogram(
        &self,
        layer: f64,
        x_min: f64,
        x_max: f64,
        bins: f64,
    ) -> Result<Vec<f32>, JsError> {
        let n_hidden = self.session.network().n_layers() - 1;
        let layer = layer_index("layer", layer, n_hidden).map_err(js)?;
        let x_min = finite("xMin", x_min).map_err(js)?;
        let x_max = finite("xMax", x_max).map_err(js)?;
        let bins = count("bins", bins, 1, MAX_BINS).map_err(js)?;
        self.session
            .histogram(layer, x_min, x_max, bins)
            .map_err(js)
    }

    /// Evaluates the output (grid × grid, 1 to 512) and every neuron (thumb × thumb, 1 to 64).
    pub fn render(&mut self, grid: f64, thumb: f64, discretize: bool) -> Result<(), JsError> {
        let grid = count("grid", grid, 1, MAX_GRID).map_err(js)?;
        let thumb = count("thumb", thumb, 1, MAX_THUMB).map_err(js)?;
        self.session.render(grid, thumb, discretize).map_err(js)
    }

    /// Address of the output image (RGBA, row-major, row 0 = top = y = +6) in wasm memory.
    #[wasm_bindgen(js_name = outputPixelsPtr)]
    pub fn output_pixels_ptr(&self) -> usize {
        self.session.output_pixels().as_ptr() as usize
    }

    /// Length in bytes of the output image.
    #[wasm_bindgen(js_name = outputPixelsLen)]
    pub fn output_pixels_len(&self) -> usize {
        self.session.output_pixels().len()
    }

    /// Address of the neuron thumbnails (every hidden neuron layer by layer, then the output).
    #[wasm_bindgen(js_name = neuronPixelsPtr)]
    pub fn neuron_pixels_ptr(&self) -> usize {
        self.session.neuron_pixels().as_ptr() as usize
    }

    /// Length in bytes of the neuron thumbnails.
    #[wasm_bindgen(js_name = neuronPixelsLen)]
    pub fn neuron_pixels_len(&self) -> usize {
        self.session.neuron_pixels().len()
    }

    /// `[n_inputs, hidden..., n_outputs]`.
    #[wasm_bindgen(js_name = layerSizes)]
    pub fn layer_sizes(&self) -> Vec<u32> {
        self.session
            .network()
            .sizes()
            .iter()
            .map(|&n| n as u32)
            .collect()
    }

    /// A copy of a layer's weights, row-major `[out][in]`; layer 0 = inputs → first hidden.
    pub fn weights(&self, layer: f64) -> Result<Vec<f32>, JsError> {
        let network = self.session.network();
        let layer = layer_index("layer", layer, network.n_layers()).map_err(js)?;
        Ok(network.weights(layer).to_vec())
    }

    /// A copy of a layer's biases.
    pub fn biases(&self, layer: f64) -> Result<Vec<f32>, JsError> {
        let network = self.session.network();
        let layer = layer_index("layer", layer, network.n_layers()).map_err(js)?;
        Ok(network.biases(layer).to_vec())
    }

    /// Every point as x, y, label, 1 if training else 0.
    pub fn points(&self) -> Vec<f32> {
        self.session.points()
    }

    /// Adds a training point, snapped to hundredths and recorded in the config's `edits`.
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, x: f64, y: f64, label: f64) -> Result<(), JsError> {
        let point = Point {
            x: finite("x", x).map_err(js)?,
            y: finite("y", y).map_err(js)?,
            label: finite("label", label).map_err(js)?,
        };
        self.session.add_point(point).map_err(js)
    }

    /// Removes the point nearest to (x, y) within `radius`; true if one was removed.
    #[wasm_bindgen(js_name = removeNearest)]
    pub fn remove_nearest(&mut self, x: f64, y: f64, radius: f64) -> Result<bool, JsError> {
        let x = finite("x", x).map_err(js)?;
        let y = finite("y", y).map_err(js)?;
        let radius = finite("radius", radius).map_err(js)?;
        if radius < 0.0 {
            return Err(js(format!(
                "radius must be a finite number ≥ 0, got {}",
                Plain(radius)
            )));
        }
        Ok(self.session.remove_nearest(x, y, radius))
    }

    /// Removes every point.
    #[wasm_bindgen(js_name = clearPoints)]
    pub fn clear_points(&mut self) {
        self.session.clear_points();
    }

    /// Generates the data set again from the config (user edits are dropped; weights stay).
    pub fn regenerate(&mut self) {
        self.session.regenerate();
    }

    /// Maps points (x, y pairs) to (neuron i, neuron j) of a hidden layer, before or after the activation.
    pub fn project(
        &mut self,
        layer: f64,
        i: f64,
        j: f64,
        pre: bool,
        xy: &[f32],
    ) -> Result<Vec<f32>, JsError> {
        let sizes = self.session.network().sizes();
        let layer = layer_index("layer", layer, sizes.len() - 2).map_err(js)?;
        let width = sizes[layer + 1];
        let i = layer_index("i", i, width).map_err(js)?;
        let j = layer_index("j", j, width).map_err(js)?;
        if xy.len() % 2 != 0 || xy.len() > 2 * MAX_PROJECT_POINTS {
            return Err(js(format!(
                "xy must hold x, y pairs: an even length up to {}, got {}",
                2 * MAX_PROJECT_POINTS,
                xy.len()
            )));
        }
        if let Some(k) = xy.iter().position(|v| !v.is_finite()) {
            return Err(js(format!(
                "xy[{k}] must be a finite number, got {}",
                Plain(xy[k])
            )));
        }
        self.session.project(layer, i, j, pre, xy).map_err(js)
    }

    /// The class the network predicts at the centre of each cell of an `n × n` grid over the domain (n from
    /// 1 to 64), row 0 at the top: 0, 1 or 2 (for regression 1 where the prediction is above 0), 255 where
    /// the output is not a number. What the page puts into words about the decision map.
    pub fn regions(&mut self, n: f64) -> Result<Vec<u8>, JsError> {
        let n = count("n", n, 1, MAX_REGIONS).map_err(js)?;
        self.session.regions(n).map_err(js)
    }

    /// Back to the same initial weights.
    pub fn reset(&mut self) {
        self.session.reset();
    }

    /// Draws new initial weights (draw + 1).
    #[wasm_bindgen(js_name = newWeights)]
    pub fn new_weights(&mut self) -> Result<(), JsError> {
        self.session.new_weights().map_err(js)
    }

    /// The model as JSON.
    #[wasm_bindgen(js_name = exportModel)]
    pub fn export_model(&self) -> String {
        self.session.export_model()
    }

    /// Loads a model; throws with the first problem and leaves the session unchanged.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&mut self, json: &str) -> Result<(), JsError> {
        self.session.import_model(json).map_err(js)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The success paths natively (a `JsError` can only be built inside a wasm module, so the error
    /// paths are covered by the argument checks below and by the wasm tests).
    #[test]
    fn the_handle_drives_a_session() {
        let mut pg = Playground::new("dataset=xor&layers=3,2&seed=5").expect("valid config");
        assert_eq!(pg.layer_sizes(), vec![2, 3, 2, 1]);
        assert!(pg.step(3.0).expect("valid epochs"));
        assert_eq!(pg.epoch(), 3.0);
        assert_eq!(pg.divergence(), None);
        pg.render(20.0, 5.0, false).expect("valid sizes");
        assert_eq!(pg.output_pixels_len(), 20 * 20 * 4);
        assert_eq!(pg.neuron_pixels_len(), (3 + 2 + 1) * 5 * 5 * 4);
        assert_eq!(
            pg.output_pixels_ptr(),
            pg.session.output_pixels().as_ptr() as usize
        );
        assert_eq!(pg.weights(1.0).expect("layer 1").len(), 6);
        assert_eq!(pg.biases(2.0).expect("layer 2").len(), 1);
        assert_eq!(pg.set("lr", "0.1").expect("valid lr"), "live");
        assert_eq!(pg.set("layers", "4").expect("valid layers"), "network");
        assert_eq!(pg.epoch(), 0.0);
        let stats: serde_json::Value = serde_json::from_str(&pg.stats_json()).expect("JSON");
        assert_eq!(stats["layers"].as_array().map(Vec::len), Some(2));
        let projected = pg
            .project(0.0, 0.0, 3.0, true, &[1.0, 2.0])
            .expect("valid projection");
        assert_eq!(projected.len(), 2);
        assert!(pg.config().contains("layers=4"));
    }
}
