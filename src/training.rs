//! A training session: data, network, optimizer and seed behind one value that steps epoch by epoch.
//!
//! Determinism: the data come from `Rng::new(seed).fork(Rng::DATA)` (in `dataset.rs`), the initial
//! weights from `Rng::new(seed).fork(Rng::WEIGHTS + draw)`, the training order from
//! `Rng::new(seed).fork(Rng::SHUFFLE)`, reshuffled at the start of every epoch. The same config therefore
//! gives bit-identical losses and weights, on native and wasm builds alike.
//!
//! An epoch is one pass over the training set in mini-batches of `batch` points (the last, partial batch
//! is applied in its epoch); every batch's gradient is the mean over its points, plus the regularisation
//! gradient, then one optimizer update.
//!
//! Divergence: after every batch the loss and the parameters are checked. A non-finite value stops the
//! step, the parameters, optimizer state and shuffle stream go back to where they were at the end of the
//! last complete epoch, and the step reports which layer diverged at which learning rate. The weights a
//! session exposes are therefore always finite.
//!
//! Statistics are computed on demand over the whole training (and test) set at the current weights and
//! cached until something changes: losses, accuracies, and per layer the mean |∂L/∂a| and |∂L/∂W|
//! (gradient flow, L the per-sample loss for ∂a and the mean training loss for ∂W), dead units and the
//! saturated share. They are defined before any training, so the gradient flow of a fresh network can be
//! compared across activations.

use std::cell::RefCell;
use std::fmt;

use crate::activation::Activation;
use crate::config::{Change, Config, DrawnPoint, Edits, Regularization};
use crate::dataset::{features_into, Dataset, Point};
use crate::error::Error;
use crate::float::Plain;
use crate::model::{LayerParams, ModelFile};
use crate::network::{BatchLoss, Network, Output, Workspace};
use crate::optimizer::{add_penalty_gradient, copy_into, Optimizer};
use crate::render::{hidden_layer_message, Palette, Renderer};
use crate::rng::Rng;

/// Rows evaluated at once when statistics sweep a whole data set.
const PROBE_CHUNK: usize = 256;
/// Most bins of a pre-activation histogram.
pub const MAX_BINS: usize = 256;
/// A saturating unit is "saturated" on a point when its output lies within this share of the curve's
/// span from one of its bounds.
pub const SATURATION_MARGIN: f32 = 0.03;
/// A slope below this (in absolute value) counts as small: where sigmoid (|x| > 2.06) and tanh
/// (|x| > 1.82) pass back less than a tenth of the error signal, and where Leaky ReLU's 0.01 lies.
pub const SMALL_SLOPE: f32 = 0.1;

/// What became non-finite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Diverged {
    /// The loss of a batch (the layer is the first whose pre-activations became non-finite, else the
    /// output layer).
    Loss,
    /// A weight or bias after an update.
    Weights,
}

/// A divergence: where and under which setting training broke down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Divergence {
    /// The epoch that failed (1-based; the session is back at the end of the epoch before).
    pub epoch: u64,
    /// The weight layer concerned: 0 = inputs → first hidden layer, the last = the output layer.
    pub layer: usize,
    /// What became non-finite.
    pub what: Diverged,
    /// The learning rate in force.
    pub lr: f32,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.what {
            Diverged::Loss => "the loss",
            Diverged::Weights => "the weights",
        };
        write!(
            f,
            "training diverged in epoch {}: {what} of layer {} became non-finite at learning rate {}; \
             the weights from the end of epoch {} were restored (lower the learning rate or the \
             regularisation rate)",
            self.epoch,
            self.layer,
            Plain(self.lr),
            self.epoch - 1
        )
    }
}

/// What [`Session::step`] did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StepOutcome {
    /// Every requested epoch was trained.
    Trained,
    /// Training stopped on a divergence; the epochs before it were kept.
    Diverged(Divergence),
}

impl StepOutcome {
    /// The divergence, if the step stopped on one.
    pub fn divergence(&self) -> Option<&Divergence> {
        match self {
            StepOutcome::Trained => None,
            StepOutcome::Diverged(d) => Some(d),
        }
    }
}

/// Statistics of one weight layer at the current weights, over the training set.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerStats {
    /// Units of the layer's output.
    pub units: usize,
    /// Mean |∂L/∂a| over training points and units, L each point's own loss (for the output layer, the
    /// logits' |∂L/∂z|). NaN without training points.
    pub mean_abs_grad_a: f32,
    /// Mean |∂L/∂z| over training points and units: the error signal at the layer's pre-activations, which
    /// its weights learn from and which it passes back (|∂L/∂a| times |f′|). 0 for a layer whose units are
    /// all dead; equal to `mean_abs_grad_a` for the output layer. NaN without training points.
    pub mean_abs_grad_z: f32,
    /// Mean |∂L/∂W| over the layer's weights, L the mean training loss. NaN without training points.
    pub mean_abs_grad_w: f32,
    /// Per unit: its activation's derivative is exactly 0 on every training point (always false for the
    /// output layer and without training points).
    pub dead: Vec<bool>,
    /// Share of (point, unit) outputs within 3 % of the span of a bound, for saturating activations;
    /// `None` for unbounded ones and for the output layer.
    pub saturated: Option<f32>,
    /// Mean |f′(z)| over training points and units: the factor the layer's activation applies, on
    /// average, to the error signal passing back. `None` for the output layer and without training points.
    pub mean_abs_slope: Option<f32>,
    /// Share of (point, unit) pre-activations where f′ is exactly 0 (no gradient at all). `None` for the
    /// output layer and without training points.
    pub zero_slope: Option<f32>,
    /// Share of (point, unit) pre-activations where |f′| < [`SMALL_SLOPE`], zero slopes included. `None`
    /// for the output layer and without training points.
    pub small_slope: Option<f32>,
}

/// Statistics of a session at its current weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    /// Epochs trained since the weights were initialised.
    pub epoch: u64,
    /// Mean loss over the training set (NaN when it is empty).
    pub train_loss: f32,
    /// Mean loss over the test set (NaN when it is empty).
    pub test_loss: f32,
    /// Share of training points predicted correctly, in [0, 1] (NaN when empty).
    pub train_accuracy: f32,
    /// Share of test points predicted correctly, in [0, 1] (NaN when empty).
    pub test_accuracy: f32,
    /// Classes of the task: 2 or 3, 1 for regression.
    pub n_classes: usize,
    /// One entry per weight layer: the hidden layers, then the output layer.
    pub layers: Vec<LayerStats>,
}

impl Stats {
    /// The JSON the page reads (`statsJson`): camelCase keys in alphabetical order, NaN as `null`.
    pub fn to_json(&self) -> String {
        let mut w = crate::json::Writer::new();
        w.begin_object();
        w.key("epoch").uint(self.epoch);
        w.key("layers").begin_array();
        for l in &self.layers {
            w.begin_object();
            w.key("dead").begin_array();
            for &d in &l.dead {
                w.bool(d);
            }
            w.end_array();
            w.key("meanAbsGradA").float(l.mean_abs_grad_a.into());
            w.key("meanAbsGradW").float(l.mean_abs_grad_w.into());
            w.key("meanAbsGradZ").float(l.mean_abs_grad_z.into());
            w.key("meanAbsSlope")
                .float(l.mean_abs_slope.map_or(f64::NAN, f64::from));
            w.key("saturated")
                .float(l.saturated.map_or(f64::NAN, f64::from));
            w.key("smallSlope")
                .float(l.small_slope.map_or(f64::NAN, f64::from));
            w.key("units").uint(l.units as u64);
            w.key("zeroSlope")
                .float(l.zero_slope.map_or(f64::NAN, f64::from));
            w.end_object();
        }
        w.end_array();
        w.key("nClasses").uint(self.n_classes as u64);
        w.key("testAccuracy").float(self.test_accuracy.into());
        w.key("testLoss").float(self.test_loss.into());
        w.key("trainAccuracy").float(self.train_accuracy.into());
        w.key("trainLoss").float(self.train_loss.into());
        w.end_object();
        w.finish()
    }
}

/// Inputs and targets of a set of points, as flat rows.
#[derive(Clone, Debug, Default)]
struct Rows {
    x: Vec<f32>,
    y: Vec<f32>,
}

impl Rows {
    fn fill(&mut self, points: &[Point], config: &Config) {
        let n_in = config.features.len();
        self.x.resize(points.len() * n_in, 0.0);
        self.y.clear();
        for (p, row) in points.iter().zip(self.x.chunks_exact_mut(n_in)) {
            features_into(&config.features, p.x, p.y, row);
            self.y.push(p.label);
        }
    }

    fn len(&self) -> usize {
        self.y.len()
    }
}

/// Everything a divergence rolls back.
#[derive(Clone, Debug)]
struct Snapshot {
    params: Vec<f32>,
    optimizer: Optimizer,
    shuffle: Rng,
}

/// Scratch and cache of the on-demand statistics.
#[derive(Clone, Debug, Default)]
struct Probe {
    ws: Workspace,
    grads: Vec<f32>,
    grad_sum: Vec<f64>,
    /// f′ of one layer's pre-activations in a chunk (one slice call, not the activation inlined here).
    slope: Vec<f32>,
    stats: Option<Stats>,
}

/// A training session. See the module documentation.
#[derive(Clone, Debug)]
pub struct Session {
    config: Config,
    data: Dataset,
    train: Rows,
    test: Rows,
    /// The training rows in the training order, reshuffled every epoch (swapping rows, so every batch is
    /// a contiguous run of them; `train` keeps the data set's order for the statistics).
    shuffled: Rows,
    network: Network,
    /// The parameters right after initialisation, for [`Session::reset`].
    initial: Vec<f32>,
    optimizer: Optimizer,
    grads: Vec<f32>,
    shuffle: Rng,
    epoch: u64,
    ws: Workspace,
    snapshot: Snapshot,
    divergence: Option<Divergence>,
    renderer: Renderer,
    probe: RefCell<Probe>,
}

impl Session {
    /// A session from a config text (the URL-query form, e.g. `dataset=spiral&layers=8,8,8`).
    pub fn from_config(config: &str) -> Result<Session, Error> {
        Session::new(config.parse::<Config>()?)
    }

    /// A session from a parsed config: generates the data and draws the initial weights.
    pub fn new(config: Config) -> Result<Session, Error> {
        let data = Dataset::generate(&config);
        let network = initial_network(&config, data.n_classes())?;
        let n_params = network.params().len();
        let optimizer = Optimizer::new(config.optimizer, n_params);
        let mut session = Session {
            snapshot: Snapshot {
                params: Vec::with_capacity(n_params),
                optimizer: optimizer.clone(),
                shuffle: Rng::new(0),
            },
            config,
            data,
            train: Rows::default(),
            test: Rows::default(),
            shuffled: Rows::default(),
            initial: network.params().to_vec(),
            network,
            optimizer,
            grads: Vec::new(),
            shuffle: Rng::new(0),
            epoch: 0,
            ws: Workspace::new(),
            divergence: None,
            renderer: Renderer::new(),
            probe: RefCell::new(Probe::default()),
        };
        session.fill_rows();
        session.restart();
        Ok(session)
    }

    /// Recomputes the input rows after the data or the features changed; weights stay.
    fn fill_rows(&mut self) {
        self.train.fill(&self.data.train, &self.config);
        self.test.fill(&self.data.test, &self.config);
        self.unshuffle();
        self.invalidate();
    }

    /// Starts over from `network`'s parameters as the new initial weights; epoch 0.
    fn adopt(&mut self, network: Network) {
        self.network = network;
        self.initial.clear();
        self.initial.extend_from_slice(self.network.params());
        self.restart();
    }

    /// Back to the initial weights: epoch 0, fresh optimizer, shuffle stream from its start.
    fn restart(&mut self) {
        self.network.params_mut().copy_from_slice(&self.initial);
        let n_params = self.initial.len();
        self.optimizer = Optimizer::new(self.config.optimizer, n_params);
        self.grads.clear();
        self.grads.resize(n_params, 0.0);
        self.shuffle = Rng::new(self.config.seed).fork(Rng::SHUFFLE);
        self.unshuffle();
        self.epoch = 0;
        self.divergence = None;
        self.invalidate();
    }

    /// The training order back to the data set's order.
    fn unshuffle(&mut self) {
        self.shuffled.x.clone_from(&self.train.x);
        self.shuffled.y.clone_from(&self.train.y);
    }

    fn invalidate(&mut self) {
        self.probe.get_mut().stats = None;
    }

    /// The config in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The data set (generated points and user edits).
    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Epochs trained since the weights were initialised.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The divergence the last step stopped on, until the next successful step or change of weights.
    pub fn divergence(&self) -> Option<&Divergence> {
        self.divergence.as_ref()
    }

    /// Trains `n_epochs` epochs, stopping early on a divergence (see the module documentation).
    /// With no training points nothing happens.
    pub fn step(&mut self, n_epochs: u32) -> StepOutcome {
        if self.train.len() == 0 || n_epochs == 0 {
            return StepOutcome::Trained;
        }
        self.invalidate();
        for _ in 0..n_epochs {
            copy_into(&mut self.snapshot.params, self.network.params());
            self.snapshot.optimizer.clone_from(&self.optimizer);
            self.snapshot.shuffle.clone_from(&self.shuffle);
            if let Err(divergence) = self.train_epoch() {
                self.network
                    .params_mut()
                    .copy_from_slice(&self.snapshot.params);
                self.optimizer.clone_from(&self.snapshot.optimizer);
                self.shuffle.clone_from(&self.snapshot.shuffle);
                self.divergence = Some(divergence);
                return StepOutcome::Diverged(divergence);
            }
            self.epoch += 1;
        }
        self.divergence = None;
        StepOutcome::Trained
    }

    /// One pass over the training set.
    fn train_epoch(&mut self) -> Result<(), Divergence> {
        let n_in = self.network.n_inputs();
        let n = self.shuffled.len();
        let batch = (self.config.batch as usize).clamp(1, n);
        let lr = self.config.lr;
        let Rows { x, y } = &mut self.shuffled;
        // The swaps a shuffle of the row indices would make, made on the rows themselves.
        self.shuffle.shuffle_by(n, |i, j| {
            y.swap(i, j);
            for f in 0..n_in {
                x.swap(i * n_in + f, j * n_in + f);
            }
        });
        for (batch_x, batch_y) in self.shuffled.x[..n * n_in]
            .chunks(batch * n_in)
            .zip(self.shuffled.y.chunks(batch))
        {
            self.network.forward_for_backward(&mut self.ws, batch_x);
            let finite = self.network.loss_is_finite(&self.ws, batch_y);
            self.network
                .gradients(&mut self.ws, batch_x, batch_y, &mut self.grads);
            let divergence = |layer, what| Divergence {
                epoch: self.epoch + 1,
                layer,
                what,
                lr,
            };
            if !finite {
                let last = self.network.n_layers() - 1;
                let layer = (0..last)
                    .find(|&l| self.ws.pre_activations(l).iter().any(|v| !v.is_finite()))
                    .unwrap_or(last);
                return Err(divergence(layer, Diverged::Loss));
            }
            if self.config.reg != Regularization::None {
                for l in 0..self.network.n_layers() {
                    let range = self.network.weight_range(l);
                    add_penalty_gradient(
                        self.config.reg,
                        self.config.rate,
                        &self.network.params()[range.clone()],
                        &mut self.grads[range],
                    );
                }
            }
            self.optimizer
                .step(self.network.params_mut(), &self.grads, lr);
            if let Some(layer) = self.network.first_non_finite_layer() {
                return Err(divergence(layer, Diverged::Weights));
            }
        }
        Ok(())
    }

    /// Statistics at the current weights (computed once, then cached until something changes).
    pub fn stats(&self) -> Stats {
        let mut probe = self.probe.borrow_mut();
        if let Some(stats) = &probe.stats {
            return stats.clone();
        }
        let stats = self.compute_stats(&mut probe);
        probe.stats = Some(stats.clone());
        stats
    }

    fn compute_stats(&self, probe: &mut Probe) -> Stats {
        let net = &self.network;
        let n_layers = net.n_layers();
        let n_in = net.n_inputs();
        let activation = net.activation();
        let bounds = activation.output_bounds();
        let Probe {
            ws,
            grads,
            grad_sum,
            slope,
            ..
        } = probe;
        grads.resize(net.params().len(), 0.0);
        grad_sum.clear();
        grad_sum.resize(net.params().len(), 0.0);
        ws.reset_flow();

        let sizes = net.sizes();
        let mut alive: Vec<Vec<bool>> = sizes[1..].iter().map(|&w| vec![false; w]).collect();
        let mut saturated = vec![0usize; n_layers];
        // Per hidden layer: sum of |f′|, count of f′ = 0, count of |f′| < SMALL_SLOPE.
        let mut slopes = vec![(0f64, 0usize, 0usize); n_layers];
        let mut train = BatchLoss::default();
        let n_train = self.train.len();
        for start in (0..n_train).step_by(PROBE_CHUNK) {
            let end = (start + PROBE_CHUNK).min(n_train);
            let x = &self.train.x[start * n_in..end * n_in];
            let y = &self.train.y[start..end];
            net.forward(ws, x);
            for l in 0..n_layers - 1 {
                let width = sizes[l + 1];
                let (sum, zero, small) = &mut slopes[l];
                let z = ws.pre_activations(l);
                slope.resize(z.len(), 0.0);
                activation.derivative_slice(z, slope);
                for row in slope.chunks_exact(width) {
                    for (a, &d) in alive[l].iter_mut().zip(row) {
                        *a = *a || d != 0.0;
                        *sum += f64::from(d.abs());
                        *zero += usize::from(d == 0.0);
                        *small += usize::from(d.abs() < SMALL_SLOPE);
                    }
                }
                if let Some((lo, hi)) = bounds {
                    let margin = SATURATION_MARGIN * (hi - lo);
                    saturated[l] += ws
                        .activations(l)
                        .iter()
                        .filter(|&&a| a <= lo + margin || a >= hi - margin)
                        .count();
                }
            }
            train.add(net.backward(ws, x, y, grads));
            let weight = (end - start) as f64;
            for (s, &g) in grad_sum.iter_mut().zip(grads.iter()) {
                *s += weight * f64::from(g);
            }
        }
        let mut test = BatchLoss::default();
        let n_test = self.test.len();
        for start in (0..n_test).step_by(PROBE_CHUNK) {
            let end = (start + PROBE_CHUNK).min(n_test);
            net.forward(ws, &self.test.x[start * n_in..end * n_in]);
            test.add(net.loss(ws, &self.test.y[start..end]));
        }

        let layers = (0..n_layers)
            .map(|l| {
                let units = sizes[l + 1];
                let range = net.weight_range(l);
                let n_weights = range.len();
                let grad_w = grad_sum[range].iter().map(|g| g.abs()).sum::<f64>()
                    / n_train as f64
                    / n_weights as f64;
                let hidden = l + 1 < n_layers;
                let samples = (n_train * units) as f64;
                let (sum, zero, small) = slopes[l];
                let share = |x: f64| (hidden && n_train > 0).then_some((x / samples) as f32);
                LayerStats {
                    units,
                    mean_abs_grad_a: if n_train > 0 {
                        ws.mean_abs_grad_a(l)
                    } else {
                        f32::NAN
                    },
                    mean_abs_grad_z: if n_train > 0 {
                        ws.mean_abs_grad_z(l)
                    } else {
                        f32::NAN
                    },
                    mean_abs_grad_w: grad_w as f32,
                    dead: alive[l]
                        .iter()
                        .map(|&a| hidden && n_train > 0 && !a)
                        .collect(),
                    saturated: match (hidden, bounds) {
                        (true, Some(_)) => {
                            Some((saturated[l] as f64 / (n_train * units) as f64) as f32)
                        }
                        _ => None,
                    },
                    mean_abs_slope: share(sum),
                    zero_slope: share(zero as f64),
                    small_slope: share(small as f64),
                }
            })
            .collect();
        Stats {
            epoch: self.epoch,
            train_loss: train.mean_loss(),
            test_loss: test.mean_loss(),
            train_accuracy: train.accuracy(),
            test_accuracy: test.accuracy(),
            n_classes: net.output().n_classes(),
            layers,
        }
    }

    /// Counts of hidden layer `layer`'s pre-activations over the training set in `bins` equal bins
    /// spanning `[x_min, x_max]` (values outside are not counted).
    pub fn histogram(
        &self,
        layer: usize,
        x_min: f32,
        x_max: f32,
        bins: usize,
    ) -> Result<Vec<f32>, Error> {
        let n_hidden = self.network.n_layers() - 1;
        if layer >= n_hidden {
            return Err(Error::new(hidden_layer_message(layer, n_hidden)));
        }
        if !(x_min.is_finite() && x_max.is_finite() && x_min < x_max) {
            return Err(Error::new(format!(
                "the histogram range must be finite with xMin < xMax, got {} to {}",
                Plain(x_min),
                Plain(x_max)
            )));
        }
        if !(1..=MAX_BINS).contains(&bins) {
            return Err(Error::new(format!(
                "bins must be 1 to {MAX_BINS}, got {bins}"
            )));
        }
        let mut counts = vec![0.0f32; bins];
        let scale = bins as f32 / (x_max - x_min);
        let n_in = self.network.n_inputs();
        let mut probe = self.probe.borrow_mut();
        let n_train = self.train.len();
        for start in (0..n_train).step_by(PROBE_CHUNK) {
            let end = (start + PROBE_CHUNK).min(n_train);
            self.network
                .forward(&mut probe.ws, &self.train.x[start * n_in..end * n_in]);
            for &z in probe.ws.pre_activations(layer) {
                if z >= x_min && z <= x_max {
                    let bin = (((z - x_min) * scale) as usize).min(bins - 1);
                    counts[bin] += 1.0;
                }
            }
        }
        Ok(counts)
    }

    /// Switches the hidden activation; the weights, the optimizer state and the epoch stay.
    pub fn set_activation(&mut self, activation: Activation) {
        self.config.activation = activation;
        self.network.set_activation(activation);
        self.invalidate();
    }

    /// Changes one setting (see [`Config::set`]) and redoes what it requires: nothing for live settings
    /// (the activation keeps the weights, a new optimizer starts with fresh state), new weights for the
    /// network's shape, inputs or draw, new data and new weights for the data settings. On error nothing
    /// changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<Change, Error> {
        let mut next = self.config.clone();
        let change = next.set(key, value)?;
        self.apply_config(next)?;
        Ok(change)
    }

    /// As [`Session::set`] with the plain value a control holds (see [`Config::set_value`]).
    pub fn set_value(&mut self, key: &str, value: &str) -> Result<Change, Error> {
        let mut next = self.config.clone();
        let change = next.set_value(key, value)?;
        self.apply_config(next)?;
        Ok(change)
    }

    /// Replaces the whole config, redoing what the differences require (as [`Session::set`]).
    pub fn set_config(&mut self, config: &str) -> Result<Change, Error> {
        let next: Config = config.parse()?;
        let change = next.change_from(&self.config);
        self.apply_config(next)?;
        Ok(change)
    }

    fn apply_config(&mut self, next: Config) -> Result<(), Error> {
        let old = std::mem::replace(&mut self.config, next);
        let result = self.rebuild_for(&old);
        if result.is_err() {
            // Only a network that cannot be built fails, before anything else was touched.
            self.config = old;
        }
        result
    }

    /// Redoes what [`Config::change_from`] says the change from `old` needs.
    fn rebuild_for(&mut self, old: &Config) -> Result<(), Error> {
        let new = &self.config;
        // Everything that can fail is built before anything is replaced.
        match new.change_from(old) {
            Change::Data => {
                let data = Dataset::generate(new);
                let network = initial_network(new, data.n_classes())?;
                self.data = data;
                self.fill_rows();
                self.adopt(network);
            }
            Change::Network => {
                let network = initial_network(new, self.data.n_classes())?;
                if new.features != old.features {
                    self.fill_rows();
                }
                self.adopt(network);
            }
            Change::Live => {
                if new.optimizer != old.optimizer {
                    self.optimizer = Optimizer::new(new.optimizer, self.network.params().len());
                }
                if new.activation != old.activation {
                    self.network.set_activation(new.activation);
                }
                self.invalidate();
            }
        }
        Ok(())
    }

    /// Back to the same initial weights (epoch 0); the data and user points stay.
    pub fn reset(&mut self) {
        self.restart();
    }

    /// Draws new initial weights (`draw` + 1) and starts from them.
    pub fn new_weights(&mut self) -> Result<(), Error> {
        let draw =
            self.config.draw.checked_add(1).ok_or_else(|| {
                Error::new(format!("draw is already at its maximum {}", u32::MAX))
            })?;
        let mut config = self.config.clone();
        config.draw = draw;
        let network = initial_network(&config, self.data.n_classes())?;
        self.config = config;
        self.adopt(network);
        Ok(())
    }

    /// Adds a user point to the training set; the weights stay. The point is snapped to hundredths
    /// (coordinates and label) and recorded in the config's `edits`, so the config reproduces the data.
    pub fn add_point(&mut self, point: Point) -> Result<(), Error> {
        // Checked as given (a point just outside the domain is refused, not snapped inside it).
        self.data.check_point(point)?;
        let mut config = self.config.clone();
        config
            .edits
            .added
            .push(DrawnPoint::snap(point.x, point.y, point.label));
        config.check_edits()?;
        self.config = config;
        self.refresh_data();
        Ok(())
    }

    /// Removes the point nearest to (x, y) within `radius`; true if one was removed.
    pub fn remove_nearest(&mut self, x: f32, y: f32, radius: f32) -> bool {
        let Some((train, index)) = self.data.nearest(x, y, radius) else {
            return false;
        };
        let n_train = Dataset::generated_train_len(&self.config);
        let n = self.config.points as usize;
        self.config.edits.remove_shown(train, index, n_train, n);
        self.refresh_data();
        true
    }

    /// Removes every point (training then does nothing until points are added).
    pub fn clear_points(&mut self) {
        self.config.edits = Edits {
            cleared: true,
            ..Edits::default()
        };
        self.refresh_data();
    }

    /// Generates the data set again from the config, dropping user edits; the weights stay.
    pub fn regenerate(&mut self) {
        self.config.edits = Edits::default();
        self.refresh_data();
    }

    /// Rebuilds the data from the config (the generated set and its edits); the weights stay.
    fn refresh_data(&mut self) {
        self.data = Dataset::generate(&self.config);
        self.fill_rows();
    }

    /// The text for a link: the canonical config when it fits in [`Config::MAX_TEXT_LEN`], else the
    /// config without its `edits` (the points are then not in the link; a model file carries them).
    pub fn link(&self) -> String {
        let text = self.config.to_string();
        if text.len() <= Config::MAX_TEXT_LEN {
            return text;
        }
        Config {
            edits: Edits::default(),
            ..self.config.clone()
        }
        .to_string()
    }

    /// Whether [`Session::link`] carries the point edits (true also when there are none).
    pub fn link_has_points(&self) -> bool {
        self.config.edits.is_empty() || self.config.to_string().len() <= Config::MAX_TEXT_LEN
    }

    /// Every point as `x, y, label, 1 if training else 0`.
    pub fn points(&self) -> Vec<f32> {
        let train = self.data.train.iter().map(|p| (p, 1.0));
        let test = self.data.test.iter().map(|p| (p, 0.0));
        train
            .chain(test)
            .flat_map(|(p, t)| [p.x, p.y, p.label, t])
            .collect()
    }

    /// Renders the output over a `grid × grid` image and every neuron over `thumb × thumb` (see
    /// [`Renderer::render`]); read the pixels with [`Session::output_pixels`] and
    /// [`Session::neuron_pixels`].
    pub fn render(&mut self, grid: usize, thumb: usize, discretize: bool) -> Result<(), Error> {
        self.renderer.render_inputs(
            &self.network,
            &self.config.features,
            grid,
            thumb,
            discretize,
        )
    }

    /// Paints later renders with `colours` = `[class 0, class 1, class 2, neutral]` (sRGB).
    pub fn set_palette(&mut self, colours: [[u8; 3]; 4]) {
        self.renderer.set_palette(Palette::with_colours(colours));
    }

    /// Renders every input feature over a `thumb × thumb` thumbnail (see
    /// [`Renderer::render_features`]); read them with [`Session::feature_pixels`].
    pub fn render_features(&mut self, thumb: usize) -> Result<(), Error> {
        self.renderer.render_features(thumb)?;
        Ok(())
    }

    /// The input-feature thumbnails of the last [`Session::render_features`], in `Feature::ALL` order.
    pub fn feature_pixels(&self) -> &[u8] {
        self.renderer.feature_pixels()
    }

    /// The output image of the last render: RGBA, row-major, row 0 at the top (y = +6).
    pub fn output_pixels(&self) -> &[u8] {
        self.renderer.output_pixels()
    }

    /// The thumbnails of the last render: every hidden neuron layer by layer, then the output.
    pub fn neuron_pixels(&self) -> &[u8] {
        self.renderer.neuron_pixels()
    }

    /// The predicted class at the centre of each cell of an `n × n` grid over the domain, row 0 at the
    /// top (see [`Renderer::regions`]).
    pub fn regions(&mut self, n: usize) -> Result<Vec<u8>, Error> {
        let features = &self.config.features;
        self.renderer.regions(
            &self.network,
            |x, y, out: &mut [f32]| features_into(features, x, y, out),
            n,
        )
    }

    /// Maps points (x, y pairs) to the values of neurons `i` and `j` of hidden layer `layer`.
    pub fn project(
        &mut self,
        layer: usize,
        i: usize,
        j: usize,
        pre: bool,
        xy: &[f32],
    ) -> Result<Vec<f32>, Error> {
        let features = &self.config.features;
        let values = self.renderer.project(
            &self.network,
            |x, y, out: &mut [f32]| features_into(features, x, y, out),
            layer,
            i,
            j,
            pre,
            xy,
        )?;
        Ok(values)
    }

    /// The model file of the current weights (JSON, see `model.rs`).
    pub fn export_model(&self) -> String {
        let layers = (0..self.network.n_layers())
            .map(|l| LayerParams {
                weights: self.network.weights(l).to_vec(),
                biases: self.network.biases(l).to_vec(),
            })
            .collect();
        ModelFile {
            config: self.config.clone(),
            epoch: self.epoch,
            layers,
        }
        .to_json()
    }

    /// Replaces this session with the one a model file describes (its config, data, weights and epoch);
    /// on error nothing changes and the message names the first problem.
    pub fn import_model(&mut self, json: &str) -> Result<(), Error> {
        let model = ModelFile::from_json(json)?;
        let mut session = Session::new(model.config)?;
        if model.layers.len() != session.network.n_layers() {
            return Err(Error::new(format!(
                "the model has {} layers, its config needs {}",
                model.layers.len(),
                session.network.n_layers()
            )));
        }
        for (l, layer) in model.layers.iter().enumerate() {
            session
                .network
                .set_layer(l, &layer.weights, &layer.biases)?;
        }
        session.epoch = model.epoch;
        session.invalidate();
        *self = session;
        Ok(())
    }
}

/// The network `config` asks for, holding its initial draw from `Rng::WEIGHTS + draw`.
fn initial_network(config: &Config, n_classes: usize) -> Result<Network, Error> {
    let output = Output::for_classes(n_classes)?;
    let mut network = Network::new(
        config.features.len(),
        &config.layers,
        output,
        config.activation,
    )?;
    network.initialize(&mut Rng::new(config.seed).fork(Rng::WEIGHTS + u64::from(config.draw)));
    Ok(network)
}

/// Several sessions trained side by side: the same data and the same initial draw (the same normal
/// numbers, scaled by each activation's initialisation scheme), stepped in lockstep.
#[derive(Clone, Debug)]
pub struct Race {
    sessions: Vec<Session>,
}

impl Race {
    /// A race from a config text whose `race` key lists 2 to 4 activations.
    pub fn from_config(config: &str) -> Result<Race, Error> {
        let config: Config = config.parse()?;
        if config.race.len() < 2 {
            return Err(Error::new(format!(
                "race needs 2 to 4 activations, got {}",
                config.race.len()
            )));
        }
        // A loop, not `collect::<Result<…>>()`: its adapter is one more generic copy in the wasm.
        let mut sessions = Vec::with_capacity(config.race.len());
        for &activation in &config.race {
            sessions.push(Session::new(Config {
                activation,
                ..config.clone()
            })?);
        }
        Ok(Race { sessions })
    }

    /// The racers, in the order of the `race` key.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    /// Steps every racer `n_epochs` epochs; a racer that diverges stops there, the others go on.
    pub fn step(&mut self, n_epochs: u32) -> Vec<StepOutcome> {
        self.sessions.iter_mut().map(|s| s.step(n_epochs)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(config: &str) -> Session {
        Session::from_config(config).unwrap()
    }

    /// The rows trained on are the training rows in the order a shuffle of their indices gives, each row
    /// whole, with its own label; a reset goes back to the data set's order.
    #[test]
    fn the_shuffled_rows_are_the_shuffled_indices_rows() {
        let mut s = session("dataset=xor&features=x1,x2,x1x2&seed=5&batch=7");
        let n_in = 3;
        let mut order: Vec<usize> = (0..s.train.len()).collect();
        let mut rng = Rng::new(5).fork(Rng::SHUFFLE);
        for _ in 0..3 {
            assert!(s.step(1).divergence().is_none());
            rng.shuffle(&mut order);
            for (k, &i) in order.iter().enumerate() {
                assert_eq!(s.shuffled.y[k], s.train.y[i]);
                assert_eq!(
                    s.shuffled.x[k * n_in..(k + 1) * n_in],
                    s.train.x[i * n_in..(i + 1) * n_in]
                );
            }
        }
        s.reset();
        assert_eq!((&s.shuffled.x, &s.shuffled.y), (&s.train.x, &s.train.y));
    }

    #[test]
    fn reset_returns_to_the_same_initial_weights() {
        let mut s = session("dataset=xor&layers=4&seed=3");
        let initial = s.network().params().to_vec();
        s.step(3);
        assert_ne!(s.network().params(), &initial[..]);
        assert_eq!(s.epoch(), 3);
        s.reset();
        assert_eq!(s.network().params(), &initial[..]);
        assert_eq!(s.epoch(), 0);
        s.new_weights().unwrap();
        assert_ne!(s.network().params(), &initial[..]);
        assert_eq!(s.config().draw, 1);
    }

    #[test]
    fn activation_switch_keeps_weights_and_epoch() {
        let mut s = session("layers=4,2");
        s.step(2);
        let weights = s.network().params().to_vec();
        assert_eq!(s.set("activation", "tanh").unwrap(), Change::Live);
        assert_eq!(s.network().params(), &weights[..]);
        assert_eq!(s.epoch(), 2);
        assert_eq!(s.network().activation(), Activation::Tanh);
        s.set_activation(Activation::Sigmoid);
        assert_eq!(s.config().activation, Activation::Sigmoid);
        assert_eq!(s.network().params(), &weights[..]);
    }

    #[test]
    fn changes_redo_what_they_must_and_errors_change_nothing() {
        let mut s = session("layers=4,2");
        s.step(2);
        assert_eq!(s.set("lr", "0.1").unwrap(), Change::Live);
        assert_eq!(s.epoch(), 2);
        assert_eq!(s.set("layers", "3").unwrap(), Change::Network);
        assert_eq!(s.network().sizes(), &[2, 3, 1]);
        assert_eq!(s.epoch(), 0);
        assert_eq!(s.set("dataset", "blobs3").unwrap(), Change::Data);
        assert_eq!(s.network().sizes(), &[2, 3, 3]);
        let before = s.config().to_string();
        assert!(s.set("lr", "11").is_err());
        assert!(s.set("layers", "17").is_err());
        assert_eq!(s.config().to_string(), before);
        assert!(s.set_config("dataset=nope").is_err());
        assert_eq!(s.config().to_string(), before);
        s.set("features", "x1,x2,x1x2").unwrap();
        assert_eq!(s.network().sizes(), &[3, 3, 3]);
    }

    #[test]
    fn stats_are_defined_before_training_and_cached() {
        let s = session("dataset=spiral&layers=8,8&activation=tanh");
        let stats = s.stats();
        assert_eq!(stats.epoch, 0);
        assert_eq!(stats.layers.len(), 3);
        assert!(stats
            .layers
            .iter()
            .all(|l| l.mean_abs_grad_a > 0.0 && l.mean_abs_grad_w > 0.0));
        assert!(stats.layers[0].saturated.is_some() && stats.layers[2].saturated.is_none());
        assert!((0.0..=1.0).contains(&stats.train_accuracy));
        assert_eq!(s.stats(), stats);
        let json: serde_json::Value = serde_json::from_str(&stats.to_json()).unwrap();
        assert_eq!(json["layers"][0]["dead"].as_array().unwrap().len(), 8);
        assert_eq!(json["nClasses"], 2);
    }

    #[test]
    fn dead_units_are_found() {
        let mut s = session("layers=3&activation=relu");
        // Unit 1 of the hidden layer: weights 0, bias −1 → pre-activation −1 everywhere.
        let mut w = s.network().weights(0).to_vec();
        let mut b = s.network().biases(0).to_vec();
        w[2] = 0.0;
        w[3] = 0.0;
        b[1] = -1.0;
        s.network.set_layer(0, &w, &b).unwrap();
        s.invalidate();
        assert!(s.stats().layers[0].dead[1]);
        assert_eq!(s.stats().layers[1].dead, vec![false]);
    }

    /// A 3,2 ReLU network whose last hidden layer is dead: every unit's weights 0 and bias −1, so its
    /// pre-activation is −1 on every point.
    fn session_with_a_dead_layer() -> Session {
        let mut s = session("layers=3,2&activation=relu");
        let (w, mut b) = (
            vec![0.0; s.network().weights(1).len()],
            s.network().biases(1).to_vec(),
        );
        b.fill(-1.0);
        s.network.set_layer(1, &w, &b).unwrap();
        s.invalidate();
        s
    }

    #[test]
    fn a_fully_dead_layer_passes_no_gradient() {
        let s = session_with_a_dead_layer();
        let stats = s.stats();
        let [first, dead, out] = &stats.layers[..] else {
            panic!("three weight layers")
        };
        assert_eq!(dead.dead, vec![true, true]);
        // Its outputs still receive an error signal from the output layer…
        assert!(dead.mean_abs_grad_a > 0.0);
        // …but ReLU′ = 0 stops it there: nothing reaches its weights or the layer below.
        assert_eq!(dead.mean_abs_grad_z, 0.0);
        assert_eq!(first.mean_abs_grad_a, 0.0);
        assert_eq!(first.mean_abs_grad_z, 0.0);
        assert_eq!(out.mean_abs_grad_z, out.mean_abs_grad_a);
        let json: serde_json::Value = serde_json::from_str(&stats.to_json()).unwrap();
        assert_eq!(json["layers"][1]["meanAbsGradZ"], 0.0);
    }

    #[test]
    fn slope_statistics_are_the_derivative_over_the_training_points() {
        // A fully dead layer: f′ = 0 on every point, so every slope is zero and small.
        let s = session_with_a_dead_layer();
        let stats = s.stats();
        assert_eq!(stats.layers[1].zero_slope, Some(1.0));
        assert_eq!(stats.layers[1].small_slope, Some(1.0));
        assert_eq!(stats.layers[1].mean_abs_slope, Some(0.0));
        assert_eq!(stats.layers[2].mean_abs_slope, None);
        let json: serde_json::Value = serde_json::from_str(&stats.to_json()).unwrap();
        assert_eq!(json["layers"][1]["zeroSlope"], 1.0);
        assert!(json["layers"][2]["smallSlope"].is_null());

        // Identity: f′ = 1 everywhere. Sigmoid: f′ ≤ 1/4, never exactly 0 at ordinary z.
        let identity = session("layers=4,4&activation=identity").stats();
        assert_eq!(identity.layers[0].mean_abs_slope, Some(1.0));
        assert_eq!(identity.layers[0].small_slope, Some(0.0));
        let sigmoid = session("layers=4,4&activation=sigmoid").stats();
        let l = &sigmoid.layers[0];
        assert!(l.mean_abs_slope.unwrap() > 0.0 && l.mean_abs_slope.unwrap() <= 0.25);
        assert_eq!(l.zero_slope, Some(0.0));

        // Leaky ReLU: the same weights as ReLU; where ReLU′ = 0, Leaky′ = 0.01: small but never zero.
        let relu = session("layers=4,4&activation=relu").stats();
        let leaky = session("layers=4,4&activation=leaky_relu").stats();
        assert!(relu.layers[0].zero_slope.unwrap() > 0.0);
        assert_eq!(leaky.layers[0].zero_slope, Some(0.0));
        assert!(leaky.layers[0].small_slope.unwrap() > 0.0);

        // Without training points there is nothing to measure.
        let mut empty = session("layers=3&activation=tanh");
        empty.clear_points();
        assert_eq!(empty.stats().layers[0].mean_abs_slope, None);
        assert_eq!(empty.stats().layers[0].zero_slope, None);
    }

    #[test]
    fn gradient_at_the_pre_activations_is_the_outputs_gradient_times_the_slope() {
        // Identity: f′ = 1, so |∂L/∂z| and |∂L/∂a| are the same numbers; tanh: f′ ≤ 1 shrinks them.
        let identity = session("layers=4,4&activation=identity").stats();
        for l in &identity.layers {
            let rel = (l.mean_abs_grad_z - l.mean_abs_grad_a).abs() / l.mean_abs_grad_a;
            assert!(rel < 1e-5, "{} vs {}", l.mean_abs_grad_z, l.mean_abs_grad_a);
        }
        let tanh = session("layers=4,4&activation=tanh").stats();
        for l in &tanh.layers[..2] {
            assert!(l.mean_abs_grad_z > 0.0 && l.mean_abs_grad_z < l.mean_abs_grad_a);
        }
    }

    #[test]
    fn histogram_counts_every_pre_activation_in_range() {
        let s = session("layers=4&points=100");
        let counts = s.histogram(0, -1e3, 1e3, 10).unwrap();
        assert_eq!(counts.iter().sum::<f32>(), (50 * 4) as f32);
        assert!(s.histogram(1, -1.0, 1.0, 10).is_err());
        assert!(s.histogram(0, 1.0, -1.0, 10).is_err());
        assert!(s.histogram(0, -1.0, 1.0, 0).is_err());
        assert!(s.histogram(0, f32::NAN, 1.0, 4).is_err());
    }

    #[test]
    fn point_edits_keep_the_weights() {
        let mut s = session("points=100");
        let weights = s.network().params().to_vec();
        s.add_point(Point {
            x: 1.0,
            y: 1.0,
            label: 1.0,
        })
        .unwrap();
        assert_eq!(s.points().len(), 101 * 4);
        assert!(s.remove_nearest(1.0, 1.0, 0.01));
        s.clear_points();
        assert!(s.points().is_empty());
        assert_eq!(s.step(1), StepOutcome::Trained);
        assert_eq!(s.epoch(), 0);
        assert!(s.stats().train_loss.is_nan());
        s.regenerate();
        assert_eq!(s.points().len(), 100 * 4);
        assert_eq!(s.network().params(), &weights[..]);
    }

    #[test]
    fn race_matches_the_initial_draw() {
        let race = Race::from_config("dataset=xor&layers=4&race=relu,tanh").unwrap();
        let [relu, tanh] = race.sessions() else {
            panic!("two racers")
        };
        assert_eq!(relu.dataset(), tanh.dataset());
        // Output layers use Glorot for every activation: identical.
        assert_eq!(relu.network().weights(1), tanh.network().weights(1));
        assert!(Race::from_config("race=").is_err());
    }
}
