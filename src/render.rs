//! Pictures as data: the network's output and every neuron over a grid of the domain, into RGBA buffers.
//!
//! Geometry: the domain is [-6, 6]²; an image of `n × n` pixels samples pixel centres, row-major, row 0 at
//! the top (y = +6 side), column 0 at the left (x = -6 side): pixel `(r, c)` shows
//! `x = -6 + (c + ½)·12/n`, `y = 6 − (r + ½)·12/n`.
//!
//! One pass: the grid is evaluated row by row, each row as one batch through the whole network, and every
//! neuron's thumbnail is filled from the same activations (thumbnail pixels take the nearest grid sample),
//! so each grid point is evaluated once for all neurons.
//!
//! Colours come from tables built once ([`Palette`]): orange for class 0 (or a negative value), blue for
//! class 1 (or a positive value), through a light neutral at 50 % confidence (or zero); with three classes,
//! the class colours are mixed by probability and faded towards the neutral as the prediction becomes
//! uncertain. The discretised tables paint only the winning class. Output shading: a class-1 probability
//! for two classes, the probabilities for three, the prediction `z ∈ [-1, 1]` for regression. Hidden
//! neurons are shaded by their activation: between the curve's bounds for saturating activations
//! (sigmoid's 0 is orange, its 1 blue), otherwise scaled by the neuron's largest |value| on its thumbnail
//! (0 is neutral). A non-finite value is painted neutral, so nothing non-finite reaches a picture.

use crate::config::Feature;
use crate::dataset::features_into;
use crate::error::Error;
use crate::network::{Network, Output, Workspace};

/// Half the side of the square domain: coordinates run from `-DOMAIN` to `DOMAIN`.
pub const DOMAIN: f32 = crate::dataset::DOMAIN_MAX;
/// Largest output grid side, in pixels.
pub const MAX_GRID: usize = 512;
/// Largest neuron thumbnail side, in pixels.
pub const MAX_THUMB: usize = 64;
/// Largest side of the class map ([`Renderer::regions`]), in cells.
pub const MAX_REGIONS: usize = 64;
/// A class-map cell whose output is not a number.
pub const NO_CLASS: u8 = u8::MAX;
/// The page's output grid side (decision-map cells per side); the benchmark's full frame uses it too.
pub const FRAME_GRID: usize = 100;
/// The page's neuron and input-feature thumbnail side; the benchmark's full frame uses it too.
pub const FRAME_THUMB: usize = 32;

/// Colour of class 0 / negative values (sRGB).
pub const CLASS0: [u8; 3] = [235, 126, 36];
/// Colour of class 1 / positive values (sRGB).
pub const CLASS1: [u8; 3] = [36, 110, 188];
/// Colour of class 2 (sRGB).
pub const CLASS2: [u8; 3] = [52, 156, 88];
/// The neutral colour at 50 % confidence or zero (sRGB).
pub const NEUTRAL: [u8; 3] = [242, 240, 235];
/// The default colours, in the order [`Palette::with_colours`] takes them: class 0, class 1, class 2,
/// neutral. The page hands over its own (light or dark) with `setPalette`.
pub const COLOURS: [[u8; 3]; 4] = [CLASS0, CLASS1, CLASS2, NEUTRAL];

/// Entries of the two-sided table (indexed by a value scaled to [0, 1]).
const SHADES: usize = 257;
/// Probability levels per class in the three-class table.
const LEVELS: usize = 32;

/// Precomputed colour tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    /// What a NaN is painted.
    neutral: [u8; 4],
    /// Orange → neutral → blue, indexed by `round(t·256)` for t ∈ [0, 1]; entry 128 is the neutral.
    shaded: Vec<[u8; 4]>,
    /// Orange below the middle, blue from it.
    discrete: Vec<[u8; 4]>,
    /// Three classes, indexed by `(q0, q1)` = probabilities of classes 0 and 1 in 1/LEVELS steps.
    three: Vec<[u8; 4]>,
    /// Three classes, winner only.
    three_discrete: Vec<[u8; 4]>,
}

impl Default for Palette {
    fn default() -> Self {
        Palette::new()
    }
}

impl Palette {
    /// Builds every table from the default [`COLOURS`].
    pub fn new() -> Palette {
        Palette::with_colours(COLOURS)
    }

    /// Builds every table from `[class 0, class 1, class 2, neutral]` (sRGB).
    pub fn with_colours([class0, class1, class2, neutral]: [[u8; 3]; 4]) -> Palette {
        let mut shaded = Vec::with_capacity(SHADES);
        let mut discrete = Vec::with_capacity(SHADES);
        for k in 0..SHADES {
            let d = 2.0 * k as f32 / (SHADES - 1) as f32 - 1.0;
            let end = if d < 0.0 { class0 } else { class1 };
            shaded.push(rgba(mix(neutral, end, d.abs())));
            discrete.push(rgba(if k < SHADES / 2 { class0 } else { class1 }));
        }
        let mut three = Vec::with_capacity((LEVELS + 1) * (LEVELS + 1));
        let mut three_discrete = Vec::with_capacity((LEVELS + 1) * (LEVELS + 1));
        for q0 in 0..=LEVELS {
            for q1 in 0..=LEVELS {
                let p0 = q0 as f32 / LEVELS as f32;
                let p1 = q1 as f32 / LEVELS as f32;
                let p = [p0, p1, (1.0 - p0 - p1).max(0.0)];
                let total: f32 = p.iter().sum();
                let classes = [class0, class1, class2];
                let mut blend = [0.0f32; 3];
                for (pk, ck) in p.iter().zip(classes) {
                    for (b, &c) in blend.iter_mut().zip(&ck) {
                        *b += pk / total * f32::from(c);
                    }
                }
                let blend = blend.map(|v| v.round().clamp(0.0, 255.0) as u8);
                let top = p.iter().copied().fold(0.0, f32::max) / total;
                let confidence = ((top - 1.0 / 3.0) * 1.5).clamp(0.0, 1.0);
                three.push(rgba(mix(neutral, blend, confidence)));
                three_discrete.push(rgba(classes[crate::network::argmax(&p)]));
            }
        }
        Palette {
            neutral: rgba(neutral),
            shaded,
            discrete,
            three,
            three_discrete,
        }
    }

    /// Colour of a value `t` in [0, 1] (clamped; NaN is neutral) on the orange ↔ blue scale.
    pub fn two_sided(&self, t: f32, discretize: bool) -> [u8; 4] {
        let table = if discretize {
            &self.discrete
        } else {
            &self.shaded
        };
        table[shade_index(t)]
    }

    /// Colour of three class probabilities (NaN is neutral).
    pub fn three_classes(&self, p: &[f32], discretize: bool) -> [u8; 4] {
        if p.iter().any(|v| v.is_nan()) {
            return self.neutral;
        }
        let level = |v: f32| (v.clamp(0.0, 1.0) * LEVELS as f32 + 0.5) as usize;
        let index = level(p[0]) * (LEVELS + 1) + level(p[1]);
        if discretize {
            self.three_discrete[index]
        } else {
            self.three[index]
        }
    }

    /// Colour of one sample of the network's outputs `out` (probabilities or the regression prediction).
    fn output(&self, output: Output, out: &[f32], discretize: bool) -> [u8; 4] {
        match output {
            Output::Binary => self.two_sided(out[0], discretize),
            Output::Softmax { .. } => self.three_classes(out, discretize),
            Output::Regression => self.two_sided(0.5 + 0.5 * out[0], discretize),
        }
    }
}

/// Table index of `t` ∈ [0, 1]; NaN maps to the middle.
fn shade_index(t: f32) -> usize {
    if t.is_nan() {
        return SHADES / 2;
    }
    // `as` saturates, so ±∞ and out-of-range values land on the ends.
    ((t * (SHADES - 1) as f32 + 0.5) as usize).min(SHADES - 1)
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let mut out = [0u8; 3];
    for ((o, &x), &y) in out.iter_mut().zip(&a).zip(&b) {
        let v = f32::from(x) + (f32::from(y) - f32::from(x)) * t;
        *o = v.round().clamp(0.0, 255.0) as u8;
    }
    out
}

fn rgba([r, g, b]: [u8; 3]) -> [u8; 4] {
    [r, g, b, 255]
}

/// Centre coordinate of pixel `k` of `n` along x (left to right).
pub fn pixel_x(k: usize, n: usize) -> f32 {
    -DOMAIN + (k as f32 + 0.5) * (2.0 * DOMAIN / n as f32)
}

/// Centre coordinate of pixel row `k` of `n` along y (top to bottom).
pub fn pixel_y(k: usize, n: usize) -> f32 {
    DOMAIN - (k as f32 + 0.5) * (2.0 * DOMAIN / n as f32)
}

/// Renders the output grid and the neuron thumbnails; owns the pixel buffers and its scratch.
///
/// Buffers keep their capacity between frames: rendering the same sizes again allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Renderer {
    palette: Palette,
    /// Output image, RGBA, `grid × grid`.
    output: Vec<u8>,
    /// Every hidden neuron's thumbnail, then the output's, RGBA, `thumb × thumb` each.
    neurons: Vec<u8>,
    /// Hidden neurons' raw thumbnail values, before shading.
    values: Vec<f32>,
    /// One grid row of network inputs.
    row_inputs: Vec<f32>,
    /// Grid column sampled by each thumbnail column.
    thumb_cols: Vec<usize>,
    /// Every input feature's thumbnail, RGBA, in [`Feature::ALL`] order.
    features: Vec<u8>,
    ws: Workspace,
}

impl Renderer {
    /// A renderer with empty buffers.
    pub fn new() -> Renderer {
        Renderer::default()
    }

    /// The output image of the last render: RGBA, row-major, row 0 at the top.
    pub fn output_pixels(&self) -> &[u8] {
        &self.output
    }

    /// The thumbnails of the last render: every hidden neuron layer by layer, then the output; RGBA,
    /// row-major, row 0 at the top, one `thumb × thumb` block each.
    pub fn neuron_pixels(&self) -> &[u8] {
        &self.neurons
    }

    /// Paints later pictures with `palette` (what is already rendered stays as it is).
    pub fn set_palette(&mut self, palette: Palette) {
        self.palette = palette;
    }

    /// Renders every input feature of [`Feature::ALL`] (used or not) over a `thumb × thumb` thumbnail
    /// (1 to [`MAX_THUMB`]): the value at each pixel centre, divided by the largest |value| on the
    /// thumbnail, on the two-sided scale (0 is neutral). Read them with [`Renderer::feature_pixels`].
    pub fn render_features(&mut self, thumb: usize) -> Result<(), Error> {
        if !(1..=MAX_THUMB).contains(&thumb) {
            return Err(Error::new(format!(
                "thumb must be 1 to {MAX_THUMB} pixels, got {thumb}"
            )));
        }
        let px = thumb * thumb;
        self.features.resize(Feature::ALL.len() * px * 4, 0);
        self.values.resize(px, 0.0);
        for (feature, image) in Feature::ALL
            .iter()
            .zip(self.features.chunks_exact_mut(px * 4))
        {
            for (k, v) in self.values.iter_mut().enumerate() {
                *v = feature.eval(pixel_x(k % thumb, thumb), pixel_y(k / thumb, thumb));
            }
            let m = self.values.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            let scale = if m > 0.0 { 0.5 / m } else { 0.0 };
            for (p, &v) in image.chunks_exact_mut(4).zip(&self.values) {
                p.copy_from_slice(&self.palette.two_sided(0.5 + v * scale, false));
            }
        }
        Ok(())
    }

    /// The thumbnails of the last [`Renderer::render_features`]: one `thumb × thumb` RGBA block per
    /// feature of [`Feature::ALL`], row 0 at the top.
    pub fn feature_pixels(&self) -> &[u8] {
        &self.features
    }

    /// [`Renderer::render`] with the network's inputs made from `features` ([`features_into`]). The page's
    /// session and each racer draw through this one function, so the wasm holds one copy of the grid
    /// pass, not one per caller.
    #[inline(never)]
    pub fn render_inputs(
        &mut self,
        network: &Network,
        features: &[Feature],
        grid: usize,
        thumb: usize,
        discretize: bool,
    ) -> Result<(), Error> {
        self.render(
            network,
            |x, y, out: &mut [f32]| features_into(features, x, y, out),
            grid,
            thumb,
            discretize,
        )
    }

    /// Evaluates `network` over a `grid × grid` image of the domain and a `thumb × thumb` thumbnail per
    /// neuron. `inputs(x, y, row)` writes the network's input features for point (x, y) into `row`.
    pub fn render<F>(
        &mut self,
        network: &Network,
        inputs: F,
        grid: usize,
        thumb: usize,
        discretize: bool,
    ) -> Result<(), Error>
    where
        F: Fn(f32, f32, &mut [f32]),
    {
        if !(1..=MAX_GRID).contains(&grid) {
            return Err(Error::new(format!(
                "grid must be 1 to {MAX_GRID} pixels, got {grid}"
            )));
        }
        if !(1..=MAX_THUMB).contains(&thumb) {
            return Err(Error::new(format!(
                "thumb must be 1 to {MAX_THUMB} pixels, got {thumb}"
            )));
        }
        let sizes = network.sizes();
        let n_in = sizes[0];
        let hidden = &sizes[1..sizes.len() - 1];
        let n_hidden: usize = hidden.iter().sum();
        let thumb_px = thumb * thumb;
        let last = network.n_layers() - 1;
        let n_out = network.n_outputs();
        let output_kind = network.output();

        self.output.resize(grid * grid * 4, 0);
        self.neurons.resize((n_hidden + 1) * thumb_px * 4, 0);
        self.values.resize(n_hidden * thumb_px, 0.0);
        self.row_inputs.resize(grid * n_in, 0.0);
        self.thumb_cols.clear();
        self.thumb_cols
            .extend((0..thumb).map(|t| nearest_sample(t, thumb, grid)));

        let Renderer {
            palette,
            output,
            neurons,
            values,
            row_inputs,
            thumb_cols,
            ws,
            ..
        } = self;
        let mut next_thumb_row = 0;
        for r in 0..grid {
            let y = pixel_y(r, grid);
            for (c, row) in row_inputs.chunks_exact_mut(n_in).enumerate() {
                inputs(pixel_x(c, grid), y, row);
            }
            network.forward(ws, row_inputs);
            let out = ws.activations(last);
            let image_row = &mut output[r * grid * 4..(r + 1) * grid * 4];
            for (px, o) in image_row.chunks_exact_mut(4).zip(out.chunks_exact(n_out)) {
                px.copy_from_slice(&palette.output(output_kind, o, discretize));
            }
            // Thumbnail rows whose nearest grid row is this one (several when thumb > grid).
            while next_thumb_row < thumb && nearest_sample(next_thumb_row, thumb, grid) == r {
                let tr = next_thumb_row;
                let mut neuron = 0;
                for (l, &width) in hidden.iter().enumerate() {
                    let a = ws.activations(l);
                    for u in 0..width {
                        let dst = &mut values[neuron * thumb_px + tr * thumb..][..thumb];
                        for (v, &c) in dst.iter_mut().zip(thumb_cols.iter()) {
                            *v = a[c * width + u];
                        }
                        neuron += 1;
                    }
                }
                let dst = &mut neurons[(n_hidden * thumb_px + tr * thumb) * 4..][..thumb * 4];
                for (px, &c) in dst.chunks_exact_mut(4).zip(thumb_cols.iter()) {
                    px.copy_from_slice(&palette.output(
                        output_kind,
                        &out[c * n_out..][..n_out],
                        discretize,
                    ));
                }
                next_thumb_row += 1;
            }
        }

        let bounds = network.activation().output_bounds();
        for (vals, px) in values
            .chunks_exact(thumb_px)
            .zip(neurons.chunks_exact_mut(thumb_px * 4))
        {
            let (offset, scale) = match bounds {
                Some((lo, hi)) => (lo, 1.0 / (hi - lo)),
                None => {
                    let m = vals
                        .iter()
                        .filter(|v| v.is_finite())
                        .fold(0.0f32, |m, v| m.max(v.abs()));
                    if m > 0.0 && m.is_finite() {
                        (-m, 0.5 / m)
                    } else {
                        (0.0, 0.0)
                    }
                }
            };
            for (p, &v) in px.chunks_exact_mut(4).zip(vals) {
                let t = if scale == 0.0 {
                    0.5
                } else {
                    (v - offset) * scale
                };
                p.copy_from_slice(&palette.two_sided(t, false));
            }
        }
        Ok(())
    }

    /// Maps input points (`xy` as x, y pairs) to the values of neurons `i` and `j` of hidden layer
    /// `layer`, before (`pre`) or after the activation; returns pairs in the same order. Values are raw
    /// (the caller scales them; a constant neuron simply gives a constant), non-finite ones become 0.
    #[allow(clippy::too_many_arguments)]
    pub fn project<F>(
        &mut self,
        network: &Network,
        inputs: F,
        layer: usize,
        i: usize,
        j: usize,
        pre: bool,
        xy: &[f32],
    ) -> Result<Vec<f32>, Error>
    where
        F: Fn(f32, f32, &mut [f32]),
    {
        let sizes = network.sizes();
        let n_hidden_layers = sizes.len() - 2;
        if layer >= n_hidden_layers {
            return Err(Error::new(hidden_layer_message(layer, n_hidden_layers)));
        }
        let width = sizes[layer + 1];
        for (name, unit) in [("i", i), ("j", j)] {
            if unit >= width {
                return Err(Error::new(format!(
                    "{name} must be a unit of layer {layer}: 0 to {}, got {unit}",
                    width - 1
                )));
            }
        }
        if xy.len() % 2 != 0 {
            return Err(Error::new(format!(
                "xy must hold x, y pairs (even length), got {}",
                xy.len()
            )));
        }
        const CHUNK: usize = 256;
        let n_in = sizes[0];
        let mut result = Vec::with_capacity(xy.len());
        for points in xy.chunks(2 * CHUNK) {
            let n = points.len() / 2;
            self.row_inputs.resize(n * n_in, 0.0);
            for (p, row) in points
                .chunks_exact(2)
                .zip(self.row_inputs.chunks_exact_mut(n_in))
            {
                inputs(p[0], p[1], row);
            }
            network.forward(&mut self.ws, &self.row_inputs[..n * n_in]);
            let values = if pre {
                self.ws.pre_activations(layer)
            } else {
                self.ws.activations(layer)
            };
            for row in values.chunks_exact(width) {
                result.push(finite_or_zero(row[i]));
                result.push(finite_or_zero(row[j]));
            }
        }
        Ok(result)
    }

    /// The class `network` predicts at the centre of each cell of an `n × n` grid over the domain (1 to
    /// [`MAX_REGIONS`] per side), row-major, row 0 at the top: the map the page describes in words (which
    /// class holds the centre, the edges, how much of the square). See `predicted_class` for the rule.
    pub fn regions<F>(&mut self, network: &Network, inputs: F, n: usize) -> Result<Vec<u8>, Error>
    where
        F: Fn(f32, f32, &mut [f32]),
    {
        if !(1..=MAX_REGIONS).contains(&n) {
            return Err(Error::new(format!(
                "n must be 1 to {MAX_REGIONS} cells per side, got {n}"
            )));
        }
        let n_in = network.sizes()[0];
        let n_out = network.n_outputs();
        let last = network.n_layers() - 1;
        self.row_inputs.resize(n * n_in, 0.0);
        let mut classes = Vec::with_capacity(n * n);
        for r in 0..n {
            let y = pixel_y(r, n);
            for (c, row) in self.row_inputs.chunks_exact_mut(n_in).enumerate() {
                inputs(pixel_x(c, n), y, row);
            }
            network.forward(&mut self.ws, &self.row_inputs);
            let out = self.ws.activations(last);
            classes.extend(
                out.chunks_exact(n_out)
                    .map(|o| predicted_class(network.output(), o)),
            );
        }
        Ok(classes)
    }
}

/// The class the network predicts from one sample of its outputs `out`, as accuracy counts it: for two
/// classes p > 0.5 is class 1; for more, the most probable; for regression, a prediction above 0 is 1
/// (the positive side). [`NO_CLASS`] when an output is not a number.
fn predicted_class(output: Output, out: &[f32]) -> u8 {
    if out.iter().any(|v| v.is_nan()) {
        return NO_CLASS;
    }
    match output {
        Output::Binary => u8::from(out[0] > 0.5),
        Output::Softmax { .. } => crate::network::argmax(out) as u8,
        Output::Regression => u8::from(out[0] > 0.0),
    }
}

/// Why `layer` is not one of the network's `n_hidden` hidden layers.
pub fn hidden_layer_message(layer: usize, n_hidden: usize) -> String {
    match n_hidden {
        0 => format!("layer {layer} does not exist: the network has no hidden layer"),
        n => format!(
            "layer must be a hidden layer from 0 to {}, got {layer}",
            n - 1
        ),
    }
}

fn finite_or_zero(v: f32) -> f32 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The sample of an `n_from`-pixel axis nearest to pixel `t` of an `n_to`-pixel axis over the same span.
fn nearest_sample(t: usize, n_to: usize, n_from: usize) -> usize {
    ((2 * t + 1) * n_from / (2 * n_to)).min(n_from - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Activation;

    fn xy(x: f32, y: f32, out: &mut [f32]) {
        out[0] = x;
        out[1] = y;
    }

    /// 2 → 2 (tanh or relu) → 1: neuron 0 follows y, neuron 1 follows x; the output follows y.
    fn handmade(activation: Activation) -> Network {
        let mut net = Network::new(2, &[2], Output::Binary, activation).unwrap();
        net.set_layer(0, &[0.0, 0.5, 0.5, 0.0], &[0.0, 0.0])
            .unwrap();
        net.set_layer(1, &[2.0, 0.0], &[0.0]).unwrap();
        net
    }

    fn fnv1a(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn row_zero_is_the_top_of_the_domain() {
        let mut r = Renderer::new();
        r.render(&handmade(Activation::Tanh), xy, 8, 4, false)
            .unwrap();
        let px = r.output_pixels();
        assert_eq!(px.len(), 8 * 8 * 4);
        // Top row: y > 0, class 1 likely → blue dominates; bottom row orange.
        let top = &px[..4];
        let bottom = &px[7 * 8 * 4..][..4];
        assert!(top[2] > top[0], "top {top:?}");
        assert!(bottom[0] > bottom[2], "bottom {bottom:?}");
        assert_eq!(pixel_y(0, 8), 5.25);
        assert_eq!(pixel_x(0, 8), -5.25);
    }

    #[test]
    fn regions_give_the_predicted_class_per_cell_top_row_first() {
        let mut r = Renderer::new();
        let net = handmade(Activation::Tanh);
        // The output follows y: class 1 in the top half, class 0 in the bottom half.
        let map = r.regions(&net, xy, 4).unwrap();
        assert_eq!(map, vec![1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(r.regions(&net, xy, 1).unwrap().len(), 1);
        let nan = r
            .regions(&net, |_, _, out: &mut [f32]| out.fill(f32::NAN), 2)
            .unwrap();
        assert_eq!(nan, vec![NO_CLASS; 4]);
        for bad in [0, MAX_REGIONS + 1] {
            let message = r.regions(&net, xy, bad).unwrap_err().to_string();
            assert!(message.contains("1 to 64"), "{message}");
        }
    }

    #[test]
    fn thumbnails_follow_their_neuron() {
        let mut r = Renderer::new();
        r.render(&handmade(Activation::Tanh), xy, 16, 4, false)
            .unwrap();
        let n = r.neuron_pixels();
        assert_eq!(n.len(), 3 * 16 * 4);
        let px =
            |neuron: usize, row: usize, col: usize| &n[(neuron * 16 + row * 4 + col) * 4..][..4];
        // Neuron 0 (y): top blue, bottom orange; neuron 1 (x): left orange, right blue.
        assert!(px(0, 0, 1)[2] > px(0, 0, 1)[0] && px(0, 3, 1)[0] > px(0, 3, 1)[2]);
        assert!(px(1, 1, 0)[0] > px(1, 1, 0)[2] && px(1, 1, 3)[2] > px(1, 1, 3)[0]);
    }

    #[test]
    fn a_dead_neuron_is_neutral_and_non_finite_values_never_reach_pixels() {
        let mut net = handmade(Activation::Relu);
        net.set_layer(0, &[0.0, 0.0, 0.5, 0.0], &[-1.0, 0.0])
            .unwrap();
        let mut r = Renderer::new();
        r.render(&net, xy, 8, 4, false).unwrap();
        let neutral = rgba(NEUTRAL);
        assert!(r.neuron_pixels()[..16 * 4].chunks(4).all(|p| p == neutral));
        r.render(
            &net,
            |_, _, out: &mut [f32]| out.fill(f32::NAN),
            8,
            4,
            false,
        )
        .unwrap();
        assert!(r.output_pixels().chunks(4).all(|p| p == neutral));
    }

    #[test]
    fn sizes_are_validated_and_buffers_keep_their_place() {
        let net = handmade(Activation::Tanh);
        let mut r = Renderer::new();
        assert!(r
            .render(&net, xy, 0, 4, false)
            .unwrap_err()
            .to_string()
            .contains("grid"));
        assert!(r.render(&net, xy, 513, 4, false).is_err());
        assert!(r
            .render(&net, xy, 10, 65, false)
            .unwrap_err()
            .to_string()
            .contains("thumb"));
        r.render(&net, xy, 100, 24, false).unwrap();
        let ptr = r.output_pixels().as_ptr();
        r.render(&net, xy, 100, 24, true).unwrap();
        assert_eq!(ptr, r.output_pixels().as_ptr());
        // A thumbnail larger than the grid repeats grid samples.
        r.render(&net, xy, 4, 8, false).unwrap();
    }

    #[test]
    fn three_classes_blend_and_discretise() {
        let p = Palette::new();
        assert_eq!(p.three_classes(&[1.0, 0.0, 0.0], false), rgba(CLASS0));
        assert_eq!(p.three_classes(&[0.0, 0.0, 1.0], false), rgba(CLASS2));
        let uncertain = p.three_classes(&[1.0 / 3.0; 3], false);
        assert!(uncertain
            .iter()
            .zip(rgba(NEUTRAL))
            .all(|(&a, b)| a.abs_diff(b) <= 3));
        assert_eq!(p.three_classes(&[0.4, 0.35, 0.25], true), rgba(CLASS0));
        assert_eq!(p.two_sided(0.5, false), rgba(NEUTRAL));
        assert_eq!(p.two_sided(0.0, false), rgba(CLASS0));
        assert_eq!(p.two_sided(f32::INFINITY, false), rgba(CLASS1));
    }

    #[test]
    fn project_maps_points_and_checks_arguments() {
        let net = handmade(Activation::Relu);
        let mut r = Renderer::new();
        let out = r
            .project(&net, xy, 0, 0, 1, true, &[2.0, -4.0, 1.0, 1.0])
            .unwrap();
        assert_eq!(out, vec![-2.0, 1.0, 0.5, 0.5]);
        let out = r.project(&net, xy, 0, 0, 1, false, &[2.0, -4.0]).unwrap();
        assert_eq!(out, vec![0.0, 1.0]);
        assert!(r.project(&net, xy, 1, 0, 1, true, &[]).is_err());
        assert!(r
            .project(&net, xy, 0, 0, 2, true, &[])
            .unwrap_err()
            .to_string()
            .contains("j must"));
        assert!(r.project(&net, xy, 0, 0, 1, true, &[1.0]).is_err());
    }

    /// Golden image: fails if the geometry, the palette or the evaluation changes. If a change is meant,
    /// look at the new picture and update the constant.
    #[test]
    fn golden_16x16() {
        let mut r = Renderer::new();
        r.render(&handmade(Activation::Tanh), xy, 16, 4, false)
            .unwrap();
        let out = fnv1a(r.output_pixels());
        let thumbs = fnv1a(r.neuron_pixels());
        assert_eq!(
            (out, thumbs),
            (2910984707104169957, 6412797669686221581),
            "golden hashes changed"
        );
    }
}
