//! The multilayer perceptron: flat f32 parameters, batched forward and backward passes.
//!
//! Layout: all parameters live in one flat `Vec<f32>`; layer `l` owns a contiguous block of weights,
//! row-major `[out][in]`, followed by its biases. Layer 0 maps the inputs to the first hidden layer; the
//! last layer maps to the outputs. Every hidden layer shares one [`Activation`], which can be switched at
//! any moment without touching a weight. The output layer depends on the task ([`Output`]):
//!
//! | task | output units | output | loss per sample |
//! |---|---|---|---|
//! | two classes | 1 | sigmoid | binary cross-entropy from the logit (stable form) |
//! | three classes | 3 | softmax | cross-entropy (log-sum-exp form) |
//! | regression | 1 | linear | squared error `(z - y)²` |
//!
//! A pass works on a mini-batch of rows (`[sample][feature]`) with the scratch buffers of a [`Workspace`],
//! so nothing is allocated per sample or per step once the workspace has grown to the batch size.
//! Gradients are means over the batch; the per-layer gradient flow (mean |∂L/∂a| of each sample's own
//! loss) is accumulated in the workspace.

use std::ops::Range;

use crate::activation::{Activation, InitScheme};
use crate::error::Error;
use crate::rng::Rng;

/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Most units in one hidden layer.
pub const MAX_UNITS: usize = 16;
/// Most input features.
pub const MAX_INPUTS: usize = 16;
/// Most classes of a classification output.
pub const MAX_CLASSES: usize = 3;
/// A regression prediction within this distance of its target counts as correct for "accuracy".
pub const REGRESSION_TOLERANCE: f32 = 0.1;

/// The output layer and loss, chosen by the task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Two classes: one logit, sigmoid, binary cross-entropy. Targets are 0 or 1.
    Binary,
    /// Three or more classes: one logit per class, softmax, cross-entropy. Targets are class indices.
    Softmax {
        /// Number of classes (3..=[`MAX_CLASSES`]).
        n_classes: usize,
    },
    /// Regression: one linear output, squared error. Targets are real numbers.
    Regression,
}

impl Output {
    /// The output for a dataset with `n_classes` classes (1 means regression).
    pub fn for_classes(n_classes: usize) -> Result<Output, Error> {
        match n_classes {
            1 => Ok(Output::Regression),
            2 => Ok(Output::Binary),
            3..=MAX_CLASSES => Ok(Output::Softmax { n_classes }),
            _ => Err(Error::new(format!(
                "a network supports 1 (regression) to {MAX_CLASSES} classes, got {n_classes}"
            ))),
        }
    }

    /// Number of output units: 1 for two classes and for regression, one per class otherwise.
    pub fn units(&self) -> usize {
        match *self {
            Output::Binary | Output::Regression => 1,
            Output::Softmax { n_classes } => n_classes,
        }
    }

    /// Number of classes: 2, 3, or 1 for regression.
    pub fn n_classes(&self) -> usize {
        match *self {
            Output::Binary => 2,
            Output::Softmax { n_classes } => n_classes,
            Output::Regression => 1,
        }
    }
}

/// Where one layer's parameters sit in the flat parameter vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shape {
    n_in: usize,
    n_out: usize,
    /// Offset of the weights `[n_out][n_in]`; the biases follow them.
    offset: usize,
}

impl Shape {
    fn weights(&self) -> Range<usize> {
        self.offset..self.offset + self.n_in * self.n_out
    }

    fn biases(&self) -> Range<usize> {
        let start = self.offset + self.n_in * self.n_out;
        start..start + self.n_out
    }
}

/// Loss and correct predictions summed over a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BatchLoss {
    /// Sum of the per-sample losses (without regularisation).
    pub loss_sum: f64,
    /// Number of correctly predicted samples.
    pub n_correct: usize,
    /// Number of samples.
    pub n: usize,
}

impl BatchLoss {
    /// Adds another batch's sums.
    pub fn add(&mut self, other: BatchLoss) {
        self.loss_sum += other.loss_sum;
        self.n_correct += other.n_correct;
        self.n += other.n;
    }

    /// Mean loss per sample (NaN when there are no samples).
    pub fn mean_loss(&self) -> f32 {
        (self.loss_sum / self.n as f64) as f32
    }

    /// Share of correct predictions in [0, 1] (NaN when there are no samples).
    pub fn accuracy(&self) -> f32 {
        (self.n_correct as f64 / self.n as f64) as f32
    }
}

/// A fully connected network with flat f32 parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    sizes: Vec<usize>,
    shapes: Vec<Shape>,
    params: Vec<f32>,
    activation: Activation,
    output: Output,
}

impl Network {
    /// A network with `n_inputs` inputs, the given hidden layer sizes and output; all parameters zero
    /// (call [`Network::initialize`]).
    pub fn new(
        n_inputs: usize,
        hidden: &[usize],
        output: Output,
        activation: Activation,
    ) -> Result<Network, Error> {
        if !(1..=MAX_INPUTS).contains(&n_inputs) {
            return Err(Error::new(format!(
                "a network takes 1 to {MAX_INPUTS} inputs, got {n_inputs}"
            )));
        }
        if hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(Error::new(format!(
                "a network has 0 to {MAX_HIDDEN_LAYERS} hidden layers, got {}",
                hidden.len()
            )));
        }
        if let Some(&bad) = hidden.iter().find(|&&n| !(1..=MAX_UNITS).contains(&n)) {
            return Err(Error::new(format!(
                "a hidden layer has 1 to {MAX_UNITS} units, got {bad}"
            )));
        }
        Output::for_classes(output.n_classes())?;
        let mut sizes = Vec::with_capacity(hidden.len() + 2);
        sizes.push(n_inputs);
        sizes.extend_from_slice(hidden);
        sizes.push(output.units());
        let mut shapes = Vec::with_capacity(sizes.len() - 1);
        let mut offset = 0;
        for pair in sizes.windows(2) {
            shapes.push(Shape {
                n_in: pair[0],
                n_out: pair[1],
                offset,
            });
            offset += pair[0] * pair[1] + pair[1];
        }
        Ok(Network {
            sizes,
            shapes,
            params: vec![0.0; offset],
            activation,
            output,
        })
    }

    /// Draws fresh weights: `w = σ · z` with `z` standard normal from `rng` (drawn layer by layer, row-major),
    /// `σ` from the layer's scheme — hidden layers use the hidden activation's
    /// [`Activation::init_scheme`], the output layer Glorot:
    /// He `σ² = 2 / fan_in`, Glorot `σ² = 2 / (fan_in + fan_out)`, LeCun `σ² = 1 / fan_in`. Biases are 0.
    ///
    /// Because the normals are drawn in the same order whatever the scheme, two networks of the same shape
    /// initialised from equal generators hold the *same* draw, only scaled differently per layer.
    pub fn initialize(&mut self, rng: &mut Rng) {
        let last = self.shapes.len() - 1;
        for (l, shape) in self.shapes.iter().enumerate() {
            let scheme = if l == last {
                InitScheme::Glorot
            } else {
                self.activation.init_scheme()
            };
            let std = init_std(scheme, shape.n_in, shape.n_out);
            for w in &mut self.params[shape.weights()] {
                *w = std * rng.normal();
            }
            self.params[shape.biases()].fill(0.0);
        }
    }

    /// Layer sizes: `[n_inputs, hidden..., n_outputs]`.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Number of weight layers (hidden layers + 1).
    pub fn n_layers(&self) -> usize {
        self.shapes.len()
    }

    /// Number of inputs.
    pub fn n_inputs(&self) -> usize {
        self.sizes[0]
    }

    /// Number of output units.
    pub fn n_outputs(&self) -> usize {
        self.output.units()
    }

    /// The output layer and loss.
    pub fn output(&self) -> Output {
        self.output
    }

    /// The hidden activation.
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// Switches the hidden activation; the weights stay as they are.
    pub fn set_activation(&mut self, activation: Activation) {
        self.activation = activation;
    }

    /// Layer `layer`'s weights, row-major `[out][in]`. Panics if `layer >= n_layers()`.
    pub fn weights(&self, layer: usize) -> &[f32] {
        &self.params[self.shapes[layer].weights()]
    }

    /// Layer `layer`'s biases. Panics if `layer >= n_layers()`.
    pub fn biases(&self, layer: usize) -> &[f32] {
        &self.params[self.shapes[layer].biases()]
    }

    /// Where layer `layer`'s weights (not biases) sit in [`Network::params`].
    pub fn weight_range(&self, layer: usize) -> Range<usize> {
        self.shapes[layer].weights()
    }

    /// Every parameter, layer by layer (weights then biases).
    pub fn params(&self) -> &[f32] {
        &self.params
    }

    /// Every parameter, mutable (for the optimizer).
    pub fn params_mut(&mut self) -> &mut [f32] {
        &mut self.params
    }

    /// Replaces one layer's weights and biases; lengths must match and every number must be finite.
    pub fn set_layer(
        &mut self,
        layer: usize,
        weights: &[f32],
        biases: &[f32],
    ) -> Result<(), Error> {
        let shape = *self.shapes.get(layer).ok_or_else(|| {
            Error::new(format!(
                "layer {layer} does not exist (the network has {})",
                self.shapes.len()
            ))
        })?;
        if weights.len() != shape.n_in * shape.n_out || biases.len() != shape.n_out {
            return Err(Error::new(format!(
                "layer {layer} needs {} weights and {} biases, got {} and {}",
                shape.n_in * shape.n_out,
                shape.n_out,
                weights.len(),
                biases.len()
            )));
        }
        if weights.iter().chain(biases).any(|v| !v.is_finite()) {
            return Err(Error::new(format!(
                "layer {layer} holds a non-finite number"
            )));
        }
        self.params[shape.weights()].copy_from_slice(weights);
        self.params[shape.biases()].copy_from_slice(biases);
        Ok(())
    }

    /// The first layer holding a non-finite parameter, if any.
    pub fn first_non_finite_layer(&self) -> Option<usize> {
        // The common case (all finite) is one branch-free pass that vectorises.
        if all_finite(&self.params) {
            return None;
        }
        self.shapes
            .iter()
            .position(|s| !all_finite(&self.params[s.offset..s.biases().end]))
    }

    /// Forward pass over `inputs` (rows of `n_inputs` features): fills the workspace's pre-activations and
    /// activations of every layer; the last layer's activations are the outputs (probabilities for
    /// classification, the prediction for regression). Panics if `inputs.len()` is not a multiple of
    /// `n_inputs`.
    pub fn forward(&self, ws: &mut Workspace, inputs: &[f32]) {
        self.forward_keeping(ws, inputs, false);
    }

    /// [`Network::forward`] for a training step: when the activation computes f and f′ more cheaply
    /// together (tanh and sigmoid share one exponential), also keeps each hidden layer's f′(z) in the
    /// workspace for the [`Network::backward`] that follows. The numbers are the same bits either way.
    pub fn forward_for_backward(&self, ws: &mut Workspace, inputs: &[f32]) {
        self.forward_keeping(ws, inputs, self.activation.fused_derivative_pays());
    }

    fn forward_keeping(&self, ws: &mut Workspace, inputs: &[f32], keep_derivatives: bool) {
        let n_in0 = self.sizes[0];
        assert_eq!(
            inputs.len() % n_in0,
            0,
            "forward: input length is not a multiple of n_inputs"
        );
        let n = inputs.len() / n_in0;
        ws.prepare(self, n);
        let last = self.shapes.len() - 1;
        for (l, shape) in self.shapes.iter().enumerate() {
            let (before, rest) = ws.a.split_at_mut(l);
            let input = if l == 0 {
                inputs
            } else {
                &before[l - 1][..n * shape.n_in]
            };
            let z = &mut ws.z[l][..n * shape.n_out + NARROW];
            dense(
                &self.params[shape.weights()],
                &self.params[shape.biases()],
                shape.n_in,
                &mut ws.wt,
                input,
                z,
            );
            let len = n * shape.n_out;
            // The four-lane loops (tanh and sigmoid with f′, the binary output's sigmoid) run on to the
            // next multiple of four, into the slack: a whole last register instead of a scalar tail.
            let whole = len.next_multiple_of(NARROW);
            let a = &mut rest[0];
            if l < last && keep_derivatives {
                let fp = &mut ws.fprime[l][..whole];
                self.activation
                    .apply_and_derivative_slice(&z[..whole], &mut a[..whole], fp);
            } else if l < last {
                self.activation.apply_slice(&z[..len], &mut a[..len]);
            } else if self.output == Output::Binary {
                Activation::Sigmoid.apply_slice(&z[..whole], &mut a[..whole]);
            } else {
                output_transform(self.output, &z[..len], &mut a[..len]);
            }
        }
        ws.fprime_kept = keep_derivatives;
    }

    /// Loss and correct predictions of the last forward pass against `targets` (one per row).
    /// Panics if the number of targets differs from the number of rows.
    pub fn loss(&self, ws: &Workspace, targets: &[f32]) -> BatchLoss {
        assert_eq!(targets.len(), ws.n, "loss: one target per row");
        let last = self.shapes.len() - 1;
        let k = self.output.units();
        let z = &ws.z[last][..ws.n * k];
        let p = &ws.a[last][..ws.n * k];
        let mut total = BatchLoss {
            n: ws.n,
            ..BatchLoss::default()
        };
        for ((zr, pr), &y) in z.chunks_exact(k).zip(p.chunks_exact(k)).zip(targets) {
            let (loss, correct) = sample_loss(self.output, zr, pr, y);
            total.loss_sum += f64::from(loss);
            total.n_correct += usize::from(correct);
        }
        total
    }

    /// Backward pass after [`Network::forward`] on the same `inputs`: writes the gradient of the mean loss
    /// over the batch into `grads` (same layout as [`Network::params`], overwritten, never accumulated
    /// across calls) and adds each layer's |∂L/∂a| to the workspace's gradient flow. Returns the batch loss.
    /// Panics if the lengths do not match the last forward pass.
    pub fn backward(
        &self,
        ws: &mut Workspace,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
    ) -> BatchLoss {
        let total = self.loss(ws, targets);
        self.gradients_and_flow(ws, inputs, targets, grads, true);
        total
    }

    /// Whether the loss of the last forward pass against `targets` is finite, which is all a training
    /// step needs to know of it: for binary outputs with targets in [0, 1] that is exactly "every logit is
    /// finite" (BCE = max(z, 0) − z·y + ln(1 + e^(−|z|)) is then at most |z| + ln 2), so the per-sample
    /// logarithms are skipped; otherwise the loss is computed. Panics as [`Network::loss`] does.
    pub fn loss_is_finite(&self, ws: &Workspace, targets: &[f32]) -> bool {
        assert_eq!(targets.len(), ws.n, "loss: one target per row");
        let last = self.shapes.len() - 1;
        let labels_in_range = targets
            .iter()
            .fold(true, |ok, &y| ok & (0.0..=1.0).contains(&y));
        if self.output == Output::Binary && labels_in_range {
            all_finite(&ws.z[last][..ws.n])
        } else {
            self.loss(ws, targets).loss_sum.is_finite()
        }
    }

    /// [`Network::backward`] for a training step: only the gradients, without the loss and without the
    /// gradient-flow sums (statistics read those, from a backward pass of their own). Same gradient bits.
    pub fn gradients(
        &self,
        ws: &mut Workspace,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
    ) {
        self.gradients_and_flow(ws, inputs, targets, grads, false);
    }

    fn gradients_and_flow(
        &self,
        ws: &mut Workspace,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        flow: bool,
    ) {
        assert_eq!(
            grads.len(),
            self.params.len(),
            "backward: gradient length differs from params"
        );
        assert_eq!(
            inputs.len(),
            ws.n * self.sizes[0],
            "backward: inputs differ from the forward pass"
        );
        assert_eq!(targets.len(), ws.n, "backward: one target per row");
        let n = ws.n;
        let inv_n = ws.inv_n;
        let last = self.shapes.len() - 1;
        let k = self.output.units();
        let Workspace {
            z,
            a,
            x0,
            delta,
            delta_prev,
            deriv,
            flow_sum,
            flow_z_sum,
            flow_count,
            wp,
            fprime,
            fprime_kept,
            ..
        } = ws;

        // ∂L/∂z of the output: p − onehot(y) for both cross-entropies, 2 (z − y) for squared error.
        let d_out = &mut delta[..n * k];
        match self.output {
            Output::Binary | Output::Softmax { .. } => {
                let p = &a[last][..n * k];
                for ((d, pr), &y) in d_out
                    .chunks_exact_mut(k)
                    .zip(p.chunks_exact(k))
                    .zip(targets)
                {
                    // Element by element: `copy_from_slice` of a row this short would be a memcpy call,
                    // which wasm runs as a call into the engine (see .cargo/config.toml).
                    for (dv, &pv) in d.iter_mut().zip(pr) {
                        *dv = pv;
                    }
                    let class = y as usize;
                    if k == 1 {
                        d[0] -= y;
                    } else if class < k {
                        d[class] -= 1.0;
                    }
                }
            }
            Output::Regression => {
                for ((d, &zo), &y) in d_out.iter_mut().zip(&z[last][..n]).zip(targets) {
                    *d = 2.0 * (zo - y);
                }
            }
        }
        if flow {
            let abs_sum = d_out.iter().map(|v| f64::from(v.abs())).sum::<f64>();
            flow_sum[last] += abs_sum;
            flow_z_sum[last] += abs_sum;
            flow_count[last] += (n * k) as u64;
        }

        for l in (0..=last).rev() {
            let shape = self.shapes[l];
            let (n_in, n_out) = (shape.n_in, shape.n_out);
            // The layer's deltas with the slack after them that `weight_gradients` reads.
            let d_slack = &delta[..n * n_out + NARROW];
            let d = &d_slack[..n * n_out];
            // The layer's input with the slack after it that `weight_gradients` reads.
            let input = if l == 0 {
                for (c, &v) in x0.iter_mut().zip(inputs) {
                    *c = v;
                }
                &x0[..n * n_in + ROW_SLACK]
            } else {
                &a[l - 1][..n * n_in + ROW_SLACK]
            };
            let (gw, gb) = grads[shape.offset..shape.biases().end].split_at_mut(n_in * n_out);
            weight_gradients(d_slack, input, n, n_in, gw, gb);
            if n > 1 {
                // Two plain loops (a chained iterator would not vectorise); skipped for n = 1, where
                // multiplying by 1 changes nothing.
                for g in gw.iter_mut() {
                    *g *= inv_n;
                }
                for g in gb.iter_mut() {
                    *g *= inv_n;
                }
            }
            if l == 0 {
                break;
            }
            // ∂L/∂a of the layer below (per sample), then ∂L/∂z through the activation's derivative.
            let w = &self.params[shape.weights()];
            let fp: &[f32] = if *fprime_kept {
                &fprime[l - 1][..n * n_in]
            } else {
                let fp = &mut deriv[..n * n_in];
                self.activation.derivative_slice(&z[l - 1][..n * n_in], fp);
                fp
            };
            let dp = &mut delta_prev[..n * n_in];
            let abs_sum = input_deltas(d, w, n_in, wp, fp, dp, flow);
            if flow {
                flow_sum[l - 1] += abs_sum;
                flow_z_sum[l - 1] += dp.iter().map(|v| f64::from(v.abs())).sum::<f64>();
                flow_count[l - 1] += (n * n_in) as u64;
            }
            std::mem::swap(delta, delta_prev);
        }
    }
}

/// Whether every value is finite, without an early exit (so the loop vectorises).
fn all_finite(values: &[f32]) -> bool {
    values.iter().fold(true, |ok, v| ok & v.is_finite())
}

/// Standard deviation of a layer's initial weights.
fn init_std(scheme: InitScheme, fan_in: usize, fan_out: usize) -> f32 {
    let variance = match scheme {
        InitScheme::He => 2.0 / fan_in as f32,
        InitScheme::Glorot => 2.0 / (fan_in + fan_out) as f32,
        InitScheme::LeCun => 1.0 / fan_in as f32,
    };
    libm::sqrtf(variance)
}

/// `z[b][o] = bias[o] + Σ_i w[o][i] · x[b][i]` for every row `b`, summed in the order i = 0, 1, ...
/// `z` holds the rows and then [`NARROW`] floats (any values on return).
///
/// The weights are first copied transposed and padded to a fixed width `W ≥ n_out` (`wt[i][o]`, zeros
/// beyond `n_out`), so the inner loop runs over a register-sized accumulator array: no chain of dependent
/// additions, no loads and stores of partial sums, and the loop vectorises. Every output still adds its
/// terms in input order, so the result is bit-identical to one dot product per output.
fn dense(w: &[f32], bias: &[f32], n_in: usize, wt: &mut [f32], x: &[f32], z: &mut [f32]) {
    if n_in <= NARROW && bias.len() <= NARROW {
        return dense_narrow(w, bias, n_in, x, z);
    }
    let z = &mut z[..x.len() / n_in * bias.len()];
    match bias.len() {
        1 => dense_fixed::<1>(w, bias, n_in, wt, x, z),
        2 => dense_fixed::<2>(w, bias, n_in, wt, x, z),
        3 | 4 => dense_fixed::<4>(w, bias, n_in, wt, x, z),
        5..=8 => dense_fixed::<8>(w, bias, n_in, wt, x, z),
        _ => dense_fixed::<{ MAX_UNITS }>(w, bias, n_in, wt, x, z),
    }
}

fn dense_fixed<const W: usize>(
    w: &[f32],
    bias: &[f32],
    n_in: usize,
    wt: &mut [f32],
    x: &[f32],
    z: &mut [f32],
) {
    let n_out = bias.len();
    assert!(
        n_out <= W && wt.len() >= n_in * W,
        "dense: accumulator too narrow"
    );
    for (i, wt_row) in wt.chunks_exact_mut(W).take(n_in).enumerate() {
        for (o, t) in wt_row.iter_mut().enumerate() {
            *t = if o < n_out { w[o * n_in + i] } else { 0.0 };
        }
    }
    let mut start = [0.0f32; W];
    for (s, &b) in start.iter_mut().zip(bias) {
        *s = b;
    }
    for (xr, zr) in x.chunks_exact(n_in).zip(z.chunks_exact_mut(n_out)) {
        let mut acc = start;
        for (&xv, wt_row) in xr.iter().zip(wt.chunks_exact(W)) {
            for (a, &wv) in acc.iter_mut().zip(wt_row) {
                *a += wv * xv;
            }
        }
        for (zv, &a) in zr.iter_mut().zip(&acc) {
            *zv = a;
        }
    }
}

/// Layers at most this wide on both sides (inputs and outputs) take [`dense_narrow`]; also one wasm SIMD
/// register of f32, the step the activation loops are padded to (the pre-activation, activation and
/// derivative buffers keep this many floats of slack after their rows).
const NARROW: usize = 4;

/// [`dense`] for a layer of at most [`NARROW`] inputs and outputs. The general loops' inner loops would
/// run 1 to 4 times per row here, and their bookkeeping (in wasm also V8's check at every loop's back
/// edge) would cost more than their arithmetic: a row is one 4-lane register, the loop over its inputs is
/// unrolled (each step guarded by the real width), and the row is stored as one whole register, its lanes
/// past `n_out` landing on the next row (written after it) or the slack.
fn dense_narrow(w: &[f32], bias: &[f32], n_in: usize, x: &[f32], z: &mut [f32]) {
    let n_out = bias.len();
    let n = x.len() / n_in;
    assert!(
        n_in <= NARROW
            && n_out <= NARROW
            && w.len() == n_in * n_out
            && z.len() >= n * n_out + NARROW,
        "dense_narrow: layer too wide"
    );
    // Column i of the weights in lanes o; zero past the layer's outputs.
    let mut wt = [[0.0f32; NARROW]; NARROW];
    let mut start = [0.0f32; NARROW];
    for o in 0..n_out {
        start[o] = bias[o];
        for (i, column) in wt.iter_mut().enumerate().take(n_in) {
            column[o] = w[o * n_in + i];
        }
    }
    for b in 0..n {
        let xr = &x[b * n_in..(b + 1) * n_in];
        let mut acc = start;
        for (i, column) in wt.iter().enumerate() {
            // Only the row's own terms: an added 0·0 would turn a −0 sum into +0.
            if i < n_in {
                let xv = xr[i];
                for (a, &wv) in acc.iter_mut().zip(column) {
                    *a += wv * xv;
                }
            }
        }
        z[b * n_out..b * n_out + NARROW].copy_from_slice(&acc);
    }
}

/// Floats of slack after a layer's input rows, so that a full [`MAX_UNITS`]-lane row can be read from
/// the start of the last row (see [`weight_gradients`]).
const ROW_SLACK: usize = MAX_UNITS;

/// A layer's weight and bias gradients summed over the batch: `gw[o][i] = Σ_b d[b][o]·x[b][i]` and
/// `gb[o] = Σ_b d[b][o]`, each summed in row order b = 0, 1, ... (so the same bits as one dot product per
/// entry), not yet divided by the batch size. `x` holds the `n` input rows of `n_in` floats and then
/// [`ROW_SLACK`] more (any values); `d` holds the `n` rows of deltas and then [`NARROW`] more (any values).
///
/// Layers at most [`NARROW`] wide on both sides take [`weight_gradients_narrow`]. Otherwise, one output at
/// a time, the sums run over a fixed-width accumulator `acc[i]` (width `W ≥ n_in`), which stays in
/// registers for the whole batch: each row adds `d[b][o]` times the row's first `W` inputs, read as one
/// block, whatever lies past `n_in` (the next row, or the slack) landing in lanes that are never stored. The sums come out in `gw`'s own `[o][i]` order.
///
/// For fewer than [`FIXED_WIDTH_ROWS`] rows, plain loops over `gw` do the same sums in the same order.
fn weight_gradients(d: &[f32], x: &[f32], n: usize, n_in: usize, gw: &mut [f32], gb: &mut [f32]) {
    assert!(
        x.len() >= n * n_in + ROW_SLACK,
        "weight_gradients: inputs without their slack"
    );
    if n_in <= NARROW && gb.len() <= NARROW {
        return weight_gradients_narrow(d, x, n, n_in, gw, gb);
    }
    let d = &d[..n * gb.len()];
    if n < FIXED_WIDTH_ROWS {
        return weight_gradients_rows(d, &x[..n * n_in], n_in, gw, gb);
    }
    match n_in {
        // Four lanes is one wasm SIMD register: narrower accumulators would not be faster.
        1..=4 => weight_gradients_fixed::<4>(d, x, n, n_in, gw, gb),
        5..=8 => weight_gradients_fixed::<8>(d, x, n, n_in, gw, gb),
        _ => weight_gradients_fixed::<{ MAX_UNITS }>(d, x, n, n_in, gw, gb),
    }
}

/// Batches below this many rows take the plain loops in [`weight_gradients`] and [`input_deltas`].
const FIXED_WIDTH_ROWS: usize = 4;

fn weight_gradients_rows(d: &[f32], x: &[f32], n_in: usize, gw: &mut [f32], gb: &mut [f32]) {
    let n_out = gb.len();
    gw.fill(0.0);
    gb.fill(0.0);
    for (dr, xr) in d.chunks_exact(n_out).zip(x.chunks_exact(n_in)) {
        for ((&dv, gw_row), gbv) in dr.iter().zip(gw.chunks_exact_mut(n_in)).zip(gb.iter_mut()) {
            *gbv += dv;
            for (g, &xv) in gw_row.iter_mut().zip(xr) {
                *g += dv * xv;
            }
        }
    }
}

fn weight_gradients_fixed<const W: usize>(
    d: &[f32],
    x: &[f32],
    n: usize,
    n_in: usize,
    gw: &mut [f32],
    gb: &mut [f32],
) {
    let n_out = gb.len();
    assert!(
        n_in <= W
            && W <= ROW_SLACK
            && d.len() == n * n_out
            && gw.len() == n_in * n_out
            && x.len() >= (n - 1) * n_in + W,
        "weight_gradients: accumulator too narrow"
    );
    for (o, (gw_row, gbv)) in gw.chunks_exact_mut(n_in).zip(gb.iter_mut()).enumerate() {
        let mut acc = [0.0f32; W];
        let mut bias = 0.0f32;
        for b in 0..n {
            let dv = d[b * n_out + o];
            bias += dv;
            let row: &[f32; W] = x[b * n_in..b * n_in + W].try_into().unwrap();
            for (a, &xv) in acc.iter_mut().zip(row) {
                *a += dv * xv;
            }
        }
        for (g, &a) in gw_row.iter_mut().zip(&acc) {
            *g = a;
        }
        *gbv = bias;
    }
}

/// [`weight_gradients`] for a layer of at most [`NARROW`] inputs and outputs, as [`dense_narrow`] does it:
/// the sums over all outputs at once, input by input in one register each (lanes o), one row after the
/// other: a row adds its `d[b]`, read as one register (lanes past `n_out` hold whatever follows in `d`
/// and are never stored), times each of its inputs, the loop over inputs unrolled and guarded by the real
/// width. Each sum still runs in row order from 0, so the bits are those of the plain loops. `d` holds the
/// rows and then [`NARROW`] floats (any values).
///
/// Out of line: inlined into the backward pass, it made V8's code for the wide layers' loops slower (case
/// (c), 6×16 ReLU, 2–4 % in interleaved A/B runs), more than the call costs case (a) (about 2.5 %).
#[inline(never)]
fn weight_gradients_narrow(
    d: &[f32],
    x: &[f32],
    n: usize,
    n_in: usize,
    gw: &mut [f32],
    gb: &mut [f32],
) {
    let n_out = gb.len();
    assert!(
        n_in <= NARROW
            && n_out <= NARROW
            && d.len() >= n * n_out + NARROW
            && gw.len() == n_in * n_out
            && x.len() >= n * n_in,
        "weight_gradients_narrow: layer too wide"
    );
    // Row i of `acc`: the sums of input i, lane o for output o.
    let mut acc = [[0.0f32; NARROW]; NARROW];
    let mut bias = [0.0f32; NARROW];
    for b in 0..n {
        let dv: &[f32; NARROW] = d[b * n_out..b * n_out + NARROW].try_into().unwrap();
        let xr = &x[b * n_in..(b + 1) * n_in];
        for (s, &v) in bias.iter_mut().zip(dv) {
            *s += v;
        }
        for (i, column) in acc.iter_mut().enumerate() {
            if i < n_in {
                let xv = xr[i];
                for (a, &v) in column.iter_mut().zip(dv) {
                    *a += v * xv;
                }
            }
        }
    }
    for (o, (gw_row, gbv)) in gw.chunks_exact_mut(n_in).zip(gb.iter_mut()).enumerate() {
        for (g, column) in gw_row.iter_mut().zip(&acc) {
            *g = column[o];
        }
        *gbv = bias[o];
    }
}

/// ∂L/∂z of the layer below, per row: `dp[b][i] = f′[b][i] · Σ_o d[b][o]·w[o][i]` (the sum in order
/// o = 0, 1, ...). With `flow`, returns Σ |Σ_o d·w| over every entry (the gradient flow, before the
/// derivative), summed in f64 in row-major order; otherwise 0.
///
/// Fixed width again: each weight row is copied once, padded to `W ≥ n_in`, into `wp`, and a row's sums
/// are one register-wide multiply-add per output.
///
/// Small batches take plain loops (see [`weight_gradients`]), with the same sums in the same order.
fn input_deltas(
    d: &[f32],
    w: &[f32],
    n_in: usize,
    wp: &mut [f32],
    fp: &[f32],
    dp: &mut [f32],
    flow: bool,
) -> f64 {
    if fp.len() < FIXED_WIDTH_ROWS * n_in {
        return input_deltas_rows(d, w, n_in, fp, dp, flow);
    }
    if n_in <= NARROW && w.len() <= NARROW * n_in {
        return input_deltas_narrow(d, w, n_in, fp, dp, flow);
    }
    match n_in {
        // Four lanes is one wasm SIMD register: narrower accumulators would not be faster.
        1..=4 => input_deltas_fixed::<4>(d, w, n_in, wp, fp, dp, flow),
        5..=8 => input_deltas_fixed::<8>(d, w, n_in, wp, fp, dp, flow),
        _ => input_deltas_fixed::<{ MAX_UNITS }>(d, w, n_in, wp, fp, dp, flow),
    }
}

fn input_deltas_rows(
    d: &[f32],
    w: &[f32],
    n_in: usize,
    fp: &[f32],
    dp: &mut [f32],
    flow: bool,
) -> f64 {
    let n_out = w.len() / n_in;
    let mut abs_sum = 0.0f64;
    for ((dr, dpr), fpr) in d
        .chunks_exact(n_out)
        .zip(dp.chunks_exact_mut(n_in))
        .zip(fp.chunks_exact(n_in))
    {
        dpr.fill(0.0);
        for (&dv, w_row) in dr.iter().zip(w.chunks_exact(n_in)) {
            for (g, &wv) in dpr.iter_mut().zip(w_row) {
                *g += dv * wv;
            }
        }
        for (g, &f) in dpr.iter_mut().zip(fpr) {
            if flow {
                abs_sum += f64::from(g.abs());
            }
            *g *= f;
        }
    }
    abs_sum
}

fn input_deltas_fixed<const W: usize>(
    d: &[f32],
    w: &[f32],
    n_in: usize,
    wp: &mut [f32],
    fp: &[f32],
    dp: &mut [f32],
    flow: bool,
) -> f64 {
    let n_out = w.len() / n_in;
    assert!(
        n_in <= W && wp.len() >= n_out * W,
        "input_deltas: accumulator too narrow"
    );
    for (padded, row) in wp.chunks_exact_mut(W).zip(w.chunks_exact(n_in)) {
        for (i, p) in padded.iter_mut().enumerate() {
            *p = if i < n_in { row[i] } else { 0.0 };
        }
    }
    let wp = &wp[..n_out * W];
    let mut abs_sum = 0.0f64;
    for ((dr, dpr), fpr) in d
        .chunks_exact(n_out)
        .zip(dp.chunks_exact_mut(n_in))
        .zip(fp.chunks_exact(n_in))
    {
        let mut acc = [0.0f32; W];
        for (&dv, row) in dr.iter().zip(wp.chunks_exact(W)) {
            for (a, &wv) in acc.iter_mut().zip(row) {
                *a += dv * wv;
            }
        }
        for ((g, &a), &f) in dpr.iter_mut().zip(&acc).zip(fpr) {
            if flow {
                abs_sum += f64::from(a.abs());
            }
            *g = a * f;
        }
    }
    abs_sum
}

/// [`input_deltas`] for a layer of at most [`NARROW`] inputs and outputs, as [`dense_narrow`] does it: a
/// row's sum in one register, the loop over its outputs unrolled and guarded by the real width.
fn input_deltas_narrow(
    d: &[f32],
    w: &[f32],
    n_in: usize,
    fp: &[f32],
    dp: &mut [f32],
    flow: bool,
) -> f64 {
    let n_out = w.len() / n_in;
    assert!(
        n_in <= NARROW && n_out <= NARROW,
        "input_deltas_narrow: layer too wide"
    );
    let mut wp = [[0.0f32; NARROW]; NARROW];
    for (o, row) in wp.iter_mut().enumerate().take(n_out) {
        for (i, p) in row.iter_mut().enumerate().take(n_in) {
            *p = w[o * n_in + i];
        }
    }
    let mut abs_sum = 0.0f64;
    for ((dr, dpr), fpr) in d
        .chunks_exact(n_out)
        .zip(dp.chunks_exact_mut(n_in))
        .zip(fp.chunks_exact(n_in))
    {
        let mut acc = [0.0f32; NARROW];
        for (o, row) in wp.iter().enumerate() {
            if o < n_out {
                let dv = dr[o];
                for (a, &wv) in acc.iter_mut().zip(row) {
                    *a += dv * wv;
                }
            }
        }
        for (i, &a) in acc.iter().enumerate() {
            if i < n_in {
                if flow {
                    abs_sum += f64::from(a.abs());
                }
                dpr[i] = a * fpr[i];
            }
        }
    }
    abs_sum
}

/// The output layer's activation: sigmoid, softmax or identity.
fn output_transform(output: Output, z: &[f32], a: &mut [f32]) {
    match output {
        // The slice loop runs four lanes wide; the same bits as `apply` per value.
        Output::Binary => Activation::Sigmoid.apply_slice(z, a),
        Output::Softmax { n_classes } => {
            for (ar, zr) in a.chunks_exact_mut(n_classes).zip(z.chunks_exact(n_classes)) {
                let max = zr.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0.0;
                for (av, &zv) in ar.iter_mut().zip(zr) {
                    *av = libm::expf(zv - max);
                    sum += *av;
                }
                let inv = 1.0 / sum;
                for av in ar.iter_mut() {
                    *av *= inv;
                }
            }
        }
        Output::Regression => a.copy_from_slice(z),
    }
}

/// One sample's loss and whether it is predicted correctly, from its logits `z` and outputs `p`.
fn sample_loss(output: Output, z: &[f32], p: &[f32], y: f32) -> (f32, bool) {
    match output {
        Output::Binary => {
            let zv = z[0];
            // BCE(σ(z), y) = max(z, 0) − z·y + ln(1 + e^(−|z|)), exact and overflow-free.
            let loss = zv.max(0.0) - zv * y + libm::log1pf(libm::expf(-zv.abs()));
            (loss, (p[0] > 0.5) == (y > 0.5))
        }
        Output::Softmax { .. } => {
            let class = y as usize;
            let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let sum: f32 = z.iter().map(|&v| libm::expf(v - max)).sum();
            let zy = z.get(class).copied().unwrap_or(f32::NAN);
            let loss = libm::logf(sum) + max - zy;
            (loss, argmax(p) == class)
        }
        Output::Regression => {
            let e = z[0] - y;
            (e * e, e.abs() <= REGRESSION_TOLERANCE)
        }
    }
}

/// Index of the largest value (the first on ties).
pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// Scratch buffers for forward and backward passes over batches of up to `capacity` rows.
///
/// Buffers grow when a larger batch or a different network arrives and are reused otherwise, so a training
/// loop allocates only on its first step.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Rows of the last forward pass.
    n: usize,
    /// 1/n (1 for no rows): the factor of the batch means.
    inv_n: f32,
    /// Rows the buffers hold.
    capacity: usize,
    /// Layer sizes `[inputs, hidden..., outputs]` the buffers were sized for.
    sizes: Vec<usize>,
    /// One layer's weights, transposed, for [`dense`].
    wt: Vec<f32>,
    /// One layer's weight rows padded to a fixed width, for [`input_deltas`].
    wp: Vec<f32>,
    /// f′(z) of each hidden layer, kept by [`Network::forward_for_backward`].
    fprime: Vec<Vec<f32>>,
    /// Whether `fprime` belongs to the last forward pass.
    fprime_kept: bool,
    z: Vec<Vec<f32>>,
    /// Each layer's activations, with [`ROW_SLACK`] more floats than the rows need (see
    /// [`weight_gradients`]).
    a: Vec<Vec<f32>>,
    /// The batch's inputs as the backward pass reads them: copied, with [`ROW_SLACK`] floats after them.
    x0: Vec<f32>,
    delta: Vec<f32>,
    delta_prev: Vec<f32>,
    deriv: Vec<f32>,
    flow_sum: Vec<f64>,
    /// Σ |∂L/∂z| per layer, beside `flow_sum`'s Σ |∂L/∂a| (same counts).
    flow_z_sum: Vec<f64>,
    flow_count: Vec<u64>,
}

impl Workspace {
    /// An empty workspace; it sizes itself on the first pass.
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Grows the buffers for `n` rows of `network` (no allocation when they already fit).
    fn prepare(&mut self, network: &Network, n: usize) {
        let widths = &network.sizes[1..];
        // Element by element: a slice comparison is a `memcmp` call, which wasm runs as a function call,
        // on every pass.
        let same = self.sizes.len() == network.sizes.len()
            && self.sizes.iter().zip(&network.sizes).all(|(a, b)| a == b);
        if !same {
            self.sizes.clone_from(&network.sizes);
            self.capacity = 0;
            self.z = vec![Vec::new(); widths.len()];
            self.a = vec![Vec::new(); widths.len()];
            self.fprime = vec![Vec::new(); widths.len()];
            self.flow_sum = vec![0.0; widths.len()];
            self.flow_z_sum = vec![0.0; widths.len()];
            self.flow_count = vec![0; widths.len()];
            let largest = network
                .shapes
                .iter()
                .map(|s| s.n_in * MAX_UNITS)
                .max()
                .unwrap_or(0);
            self.wt = vec![0.0; largest];
            self.wp = vec![0.0; MAX_UNITS * MAX_UNITS];
        }
        if n > self.capacity {
            self.capacity = n;
            for (((z, a), fp), &w) in self
                .z
                .iter_mut()
                .zip(&mut self.a)
                .zip(&mut self.fprime)
                .zip(widths)
            {
                z.resize(n * w + NARROW, 0.0);
                a.resize(n * w + ROW_SLACK, 0.0);
                fp.resize(n * w + NARROW, 0.0);
            }
            self.x0.resize(n * network.sizes[0] + ROW_SLACK, 0.0);
            let widest = network.sizes.iter().copied().max().unwrap_or(1);
            self.delta.resize(n * widest + NARROW, 0.0);
            self.delta_prev.resize(n * widest + NARROW, 0.0);
            self.deriv.resize(n * widest, 0.0);
        }
        self.n = n;
        // Here rather than in the backward pass, where the division would hold up the first layer's mean.
        self.inv_n = 1.0 / n.max(1) as f32;
    }

    /// Rows of the last forward pass.
    pub fn rows(&self) -> usize {
        self.n
    }

    /// Pre-activations of layer `layer` from the last forward pass, `[row][unit]`.
    pub fn pre_activations(&self, layer: usize) -> &[f32] {
        &self.z[layer][..self.n * self.sizes[layer + 1]]
    }

    /// Activations of layer `layer` from the last forward pass, `[row][unit]`; for the last layer, the
    /// network's outputs (class probabilities or the regression prediction).
    pub fn activations(&self, layer: usize) -> &[f32] {
        &self.a[layer][..self.n * self.sizes[layer + 1]]
    }

    /// Clears the gradient-flow sums.
    pub fn reset_flow(&mut self) {
        self.flow_sum.fill(0.0);
        self.flow_z_sum.fill(0.0);
        self.flow_count.fill(0);
    }

    /// Mean |∂L/∂a| of layer `layer` over every sample and unit since the last [`Workspace::reset_flow`],
    /// where L is each sample's own loss (for the output layer: mean |∂L/∂z| of the logits).
    /// NaN when nothing was accumulated.
    pub fn mean_abs_grad_a(&self, layer: usize) -> f32 {
        match (self.flow_sum.get(layer), self.flow_count.get(layer)) {
            (Some(&sum), Some(&count)) => (sum / count as f64) as f32,
            _ => f32::NAN,
        }
    }

    /// Mean |∂L/∂z| of layer `layer` (its pre-activations: |∂L/∂a| times |f′(z)|) over every sample and unit
    /// since the last [`Workspace::reset_flow`], L each sample's own loss. This is the error signal the
    /// layer's weights and biases learn from and the only one it passes back: 0 for a layer whose units are
    /// all dead. For the output layer it equals [`Workspace::mean_abs_grad_a`]. NaN when nothing was
    /// accumulated.
    pub fn mean_abs_grad_z(&self, layer: usize) -> f32 {
        match (self.flow_z_sum.get(layer), self.flow_count.get(layer)) {
            (Some(&sum), Some(&count)) => (sum / count as f64) as f32,
            _ => f32::NAN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(hidden: &[usize], output: Output, activation: Activation) -> Network {
        let mut net = Network::new(2, hidden, output, activation).unwrap();
        net.initialize(&mut Rng::new(3));
        net
    }

    #[test]
    fn layout_is_weights_then_biases_per_layer() {
        let net = Network::new(2, &[3], Output::Binary, Activation::Relu).unwrap();
        assert_eq!(net.sizes(), &[2, 3, 1]);
        assert_eq!(net.params().len(), 2 * 3 + 3 + 3 + 1);
        assert_eq!(net.weight_range(1), 9..12);
        assert_eq!(net.biases(1).len(), 1);
    }

    #[test]
    fn shapes_outside_the_limits_are_errors() {
        assert!(Network::new(0, &[4], Output::Binary, Activation::Relu).is_err());
        assert!(Network::new(2, &[4; 9], Output::Binary, Activation::Relu).is_err());
        assert!(Network::new(2, &[17], Output::Binary, Activation::Relu).is_err());
        assert!(Network::new(2, &[0], Output::Binary, Activation::Relu).is_err());
        assert!(Output::for_classes(4).is_err());
        assert!(Network::new(2, &[], Output::Regression, Activation::Relu).is_ok());
    }

    #[test]
    fn init_scales_one_draw_by_scheme() {
        let relu = net(&[8, 8], Output::Binary, Activation::Relu);
        let tanh = net(&[8, 8], Output::Binary, Activation::Tanh);
        // Hidden layers: He (σ² = 2/fan_in) vs Glorot (σ² = 2/(in+out)); same normals underneath.
        let ratio_first = libm::sqrtf(2.0 / 2.0) / libm::sqrtf(2.0 / 10.0);
        for (r, t) in relu.weights(0).iter().zip(tanh.weights(0)) {
            assert!((r / t - ratio_first).abs() < 1e-5);
        }
        // Output layer: Glorot for both.
        assert_eq!(relu.weights(2), tanh.weights(2));
        assert!(relu.biases(0).iter().all(|&b| b == 0.0));
    }

    #[test]
    fn softmax_outputs_sum_to_one_and_binary_loss_is_stable() {
        let mut ws = Workspace::new();
        let n3 = net(&[4], Output::Softmax { n_classes: 3 }, Activation::Tanh);
        n3.forward(&mut ws, &[1.0, -2.0, 0.5, 0.5]);
        for row in ws.activations(1).chunks(3) {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        }
        let (loss, correct) = sample_loss(Output::Binary, &[-200.0], &[0.0], 1.0);
        assert!((loss - 200.0).abs() < 1e-3 && !correct);
        let (loss, correct) = sample_loss(Output::Binary, &[200.0], &[1.0], 1.0);
        assert!(loss.abs() < 1e-6 && correct);
    }

    #[test]
    fn switching_activation_keeps_weights_and_changes_outputs() {
        let mut n = net(&[4], Output::Binary, Activation::Relu);
        let before = n.params().to_vec();
        let mut ws = Workspace::new();
        n.forward(&mut ws, &[1.0, 2.0]);
        let relu_out = ws.activations(1)[0];
        n.set_activation(Activation::Tanh);
        n.forward(&mut ws, &[1.0, 2.0]);
        assert_eq!(n.params(), &before[..]);
        assert_ne!(ws.activations(1)[0], relu_out);
    }

    #[test]
    fn fixed_width_and_narrow_loops_give_the_plain_loops_bits() {
        let mut rng = Rng::new(7);
        let mut draw = |n: usize| -> Vec<f32> { (0..n).map(|_| rng.normal()).collect() };
        for n_in in 1..=MAX_UNITS {
            for n_out in 1..=MAX_UNITS {
                for rows in [1, FIXED_WIDTH_ROWS, FIXED_WIDTH_ROWS + 3, 25] {
                    let (d, x, w, fp) = (
                        draw(rows * n_out),
                        draw(rows * n_in),
                        draw(n_out * n_in),
                        draw(rows * n_in),
                    );
                    // The slack after the rows holds NaN: it must never reach a gradient.
                    let padded: Vec<f32> = x.iter().copied().chain([f32::NAN; ROW_SLACK]).collect();
                    let mut wp = vec![f32::NAN; MAX_UNITS * MAX_UNITS];
                    let (mut gw, mut gb) = (vec![f32::NAN; n_in * n_out], vec![f32::NAN; n_out]);
                    let (mut gw_plain, mut gb_plain) = (vec![1.0; n_in * n_out], vec![1.0; n_out]);
                    let d_padded: Vec<f32> = d.iter().copied().chain([f32::NAN; NARROW]).collect();
                    weight_gradients(&d_padded, &padded, rows, n_in, &mut gw, &mut gb);
                    weight_gradients_rows(&d, &x, n_in, &mut gw_plain, &mut gb_plain);
                    let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&gw), bits(&gw_plain), "gw {n_in}→{n_out}, {rows} rows");
                    assert_eq!(bits(&gb), bits(&gb_plain), "gb {n_in}→{n_out}, {rows} rows");
                    let (mut dp, mut dp_plain) = (vec![0.0; rows * n_in], vec![1.0; rows * n_in]);
                    let flow = input_deltas(&d, &w, n_in, &mut wp, &fp, &mut dp, true);
                    let flow_plain = input_deltas_rows(&d, &w, n_in, &fp, &mut dp_plain, true);
                    assert_eq!(bits(&dp), bits(&dp_plain), "dp {n_in}→{n_out}, {rows} rows");
                    assert_eq!(flow.to_bits(), flow_plain.to_bits());
                    // The dense layer (narrow or fixed width) against one sum per output in input
                    // order; the slack after the rows may be overwritten.
                    let bias = draw(n_out);
                    let mut z = vec![f32::NAN; rows * n_out + NARROW];
                    let mut wt = vec![f32::NAN; n_in * MAX_UNITS];
                    dense(&w, &bias, n_in, &mut wt, &x, &mut z);
                    for (b, xr) in x.chunks_exact(n_in).enumerate() {
                        for (o, w_row) in w.chunks_exact(n_in).enumerate() {
                            let mut sum = bias[o];
                            for (&wv, &xv) in w_row.iter().zip(xr) {
                                sum += wv * xv;
                            }
                            let got = z[b * n_out + o];
                            assert_eq!(got.to_bits(), sum.to_bits(), "z {n_in}→{n_out}, row {b}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn loss_is_finite_agrees_with_the_loss_on_huge_weights() {
        let mut rng = Rng::new(11);
        let mut seen = [0usize; 2];
        for output in [
            Output::Binary,
            Output::Softmax { n_classes: 3 },
            Output::Regression,
        ] {
            let mut n = net(&[4, 3], output, Activation::Relu);
            let mut ws = Workspace::new();
            for round in 0..400 {
                let scale = 10f32.powi(round % 40);
                for p in n.params_mut() {
                    *p = rng.normal() * scale;
                }
                let x: Vec<f32> = (0..10).map(|_| rng.normal() * scale).collect();
                let mut y: Vec<f32> = (0..5).map(|i| ((round + i) % 2) as f32).collect();
                if round % 7 == 0 {
                    y[0] = 2.0; // out of [0, 1]: the loss is computed
                }
                n.forward_for_backward(&mut ws, &x);
                let finite = n.loss(&ws, &y).loss_sum.is_finite();
                assert_eq!(
                    n.loss_is_finite(&ws, &y),
                    finite,
                    "{output:?}, round {round}"
                );
                seen[usize::from(finite)] += 1;
            }
        }
        assert!(
            seen[0] > 50 && seen[1] > 50,
            "both outcomes exercised: {seen:?}"
        );
    }

    #[test]
    fn gradients_are_overwritten_not_accumulated() {
        let n = net(&[3], Output::Binary, Activation::Tanh);
        let mut ws = Workspace::new();
        let x = [0.5, -1.0, 2.0, 0.25];
        let y = [1.0, 0.0];
        let mut g1 = vec![0.0; n.params().len()];
        n.forward(&mut ws, &x);
        n.backward(&mut ws, &x, &y, &mut g1);
        let mut g2 = vec![7.0; n.params().len()];
        n.forward(&mut ws, &x);
        n.backward(&mut ws, &x, &y, &mut g2);
        assert_eq!(g1, g2);
    }

    #[test]
    fn set_layer_checks_lengths_and_finiteness() {
        let mut n = net(&[2], Output::Binary, Activation::Relu);
        assert!(n.set_layer(0, &[1.0; 4], &[0.0; 2]).is_ok());
        assert!(n.set_layer(0, &[1.0; 3], &[0.0; 2]).is_err());
        assert!(n.set_layer(1, &[f32::NAN, 1.0], &[0.0]).is_err());
        assert!(n.set_layer(2, &[], &[]).is_err());
        assert_eq!(n.first_non_finite_layer(), None);
        n.params_mut()[7] = f32::INFINITY;
        assert_eq!(n.first_non_finite_layer(), Some(1));
    }
}
