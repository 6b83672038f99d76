//! Optimizers (SGD, SGD with momentum, Adam) and L1/L2 regularisation on flat parameter arrays.
//!
//! Update rules, with `g` the gradient and `lr` the learning rate (changeable between any two steps):
//! - SGD: `w ← w − lr·g`.
//! - Momentum (PyTorch's form, μ = 0.9): `v ← μ·v + g`, `w ← w − lr·v`.
//! - Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8): `m ← β₁m + (1−β₁)g`, `s ← β₂s + (1−β₂)g²`,
//!   `w ← w − lr·m̂ / (√ŝ + ε)` with the bias corrections `m̂ = m/(1−β₁ᵗ)`, `ŝ = s/(1−β₂ᵗ)`.
//!
//! Regularisation adds a penalty on the weights (never the biases) to the loss: L1 `rate·Σ|w|`,
//! L2 `rate·½·Σw²`; its gradient (`rate·sign(w)`, `rate·w`) is added to the loss gradient before the step.

use crate::config::{OptimizerKind, Regularization};

/// Momentum coefficient μ of SGD with momentum.
pub const MOMENTUM: f32 = 0.9;
/// Adam's first-moment decay β₁.
pub const ADAM_BETA1: f32 = 0.9;
/// Adam's second-moment decay β₂.
pub const ADAM_BETA2: f32 = 0.999;
/// Adam's ε.
pub const ADAM_EPSILON: f32 = 1e-8;

/// An optimizer and its per-parameter state.
#[derive(Debug, PartialEq)]
pub struct Optimizer {
    kind: OptimizerKind,
    /// Momentum's velocity, or Adam's first moment.
    first: Vec<f32>,
    /// Adam's second moment.
    second: Vec<f32>,
    /// β₁ᵗ and β₂ᵗ after `t` Adam steps.
    beta1_t: f32,
    beta2_t: f32,
}

impl Clone for Optimizer {
    fn clone(&self) -> Self {
        Optimizer {
            kind: self.kind,
            first: self.first.clone(),
            second: self.second.clone(),
            beta1_t: self.beta1_t,
            beta2_t: self.beta2_t,
        }
    }

    /// Reuses the buffers: a divergence snapshot taken every epoch allocates nothing ([`copy_into`]:
    /// `Vec::clone_from` would call into the engine even for SGD's empty state).
    fn clone_from(&mut self, source: &Self) {
        self.kind = source.kind;
        copy_into(&mut self.first, &source.first);
        copy_into(&mut self.second, &source.second);
        self.beta1_t = source.beta1_t;
        self.beta2_t = source.beta2_t;
    }
}

/// `dst` becomes a copy of `src`, element by element, reusing its buffer: `extend_from_slice` or
/// `clone_from` would be a `memcpy`, which wasm runs as a call into the engine (see `.cargo/config.toml`);
/// the parameter and optimiser snapshots are taken once per epoch.
pub(crate) fn copy_into(dst: &mut Vec<f32>, src: &[f32]) {
    dst.resize(src.len(), 0.0);
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = s;
    }
}

impl Optimizer {
    /// A fresh optimizer of `kind` for `n_params` parameters.
    pub fn new(kind: OptimizerKind, n_params: usize) -> Optimizer {
        let (n_first, n_second) = match kind {
            OptimizerKind::Sgd => (0, 0),
            OptimizerKind::Momentum => (n_params, 0),
            OptimizerKind::Adam => (n_params, n_params),
        };
        Optimizer {
            kind,
            first: vec![0.0; n_first],
            second: vec![0.0; n_second],
            beta1_t: 1.0,
            beta2_t: 1.0,
        }
    }

    /// Forgets the state (velocities, moments, step count), as after [`Optimizer::new`].
    pub fn reset(&mut self) {
        self.first.fill(0.0);
        self.second.fill(0.0);
        self.beta1_t = 1.0;
        self.beta2_t = 1.0;
    }

    /// Whether every state value is finite.
    pub fn is_finite(&self) -> bool {
        self.first.iter().chain(&self.second).all(|v| v.is_finite())
    }

    /// One update of `params` along `grads` with learning rate `lr`. Panics if the lengths differ from each
    /// other or from the size the optimizer was made for (SGD has no state and takes any length).
    pub fn step(&mut self, params: &mut [f32], grads: &[f32], lr: f32) {
        assert_eq!(
            params.len(),
            grads.len(),
            "optimizer: params and grads differ in length"
        );
        match self.kind {
            OptimizerKind::Sgd => {
                for (w, &g) in params.iter_mut().zip(grads) {
                    *w -= lr * g;
                }
            }
            OptimizerKind::Momentum => {
                assert_eq!(
                    self.first.len(),
                    params.len(),
                    "optimizer: made for another size"
                );
                for ((w, &g), v) in params.iter_mut().zip(grads).zip(&mut self.first) {
                    *v = MOMENTUM * *v + g;
                    *w -= lr * *v;
                }
            }
            OptimizerKind::Adam => {
                assert_eq!(
                    self.first.len(),
                    params.len(),
                    "optimizer: made for another size"
                );
                self.beta1_t *= ADAM_BETA1;
                self.beta2_t *= ADAM_BETA2;
                let c1 = 1.0 / (1.0 - self.beta1_t);
                let c2 = 1.0 / (1.0 - self.beta2_t);
                for (((w, &g), m), s) in params
                    .iter_mut()
                    .zip(grads)
                    .zip(&mut self.first)
                    .zip(&mut self.second)
                {
                    *m = ADAM_BETA1 * *m + (1.0 - ADAM_BETA1) * g;
                    *s = ADAM_BETA2 * *s + (1.0 - ADAM_BETA2) * g * g;
                    // `f32::sqrt` (not libm): IEEE square root is correctly rounded on every target, so it
                    // is as deterministic as libm, and unlike libm's it vectorises.
                    *w -= lr * (*m * c1) / ((*s * c2).sqrt() + ADAM_EPSILON);
                }
            }
        }
    }
}

/// The regularisation penalty `rate·Σ|w|` (L1) or `rate·½·Σw²` (L2) of `weights`.
pub fn penalty(reg: Regularization, rate: f32, weights: &[f32]) -> f64 {
    let rate = f64::from(rate);
    match reg {
        Regularization::None => 0.0,
        Regularization::L1 => rate * weights.iter().map(|&w| f64::from(w.abs())).sum::<f64>(),
        Regularization::L2 => {
            0.5 * rate
                * weights
                    .iter()
                    .map(|&w| f64::from(w) * f64::from(w))
                    .sum::<f64>()
        }
    }
}

/// Adds the penalty's gradient to `grads`: `rate·sign(w)` (L1, 0 at w = 0) or `rate·w` (L2).
pub fn add_penalty_gradient(reg: Regularization, rate: f32, weights: &[f32], grads: &mut [f32]) {
    match reg {
        Regularization::None => {}
        Regularization::L1 => {
            for (g, &w) in grads.iter_mut().zip(weights) {
                if w > 0.0 {
                    *g += rate;
                } else if w < 0.0 {
                    *g -= rate;
                }
            }
        }
        Regularization::L2 => {
            for (g, &w) in grads.iter_mut().zip(weights) {
                *g += rate * w;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minimises f(w) = ½ Σ (w − 3)², whose gradient is w − 3.
    fn minimise(kind: OptimizerKind, lr: f32, steps: usize) -> Vec<f32> {
        let mut opt = Optimizer::new(kind, 2);
        let mut w = vec![0.0, -5.0];
        let mut g = vec![0.0; 2];
        for _ in 0..steps {
            for (gv, &wv) in g.iter_mut().zip(&w) {
                *gv = wv - 3.0;
            }
            opt.step(&mut w, &g, lr);
        }
        w
    }

    #[test]
    fn every_optimizer_converges_on_a_quadratic() {
        for kind in [
            OptimizerKind::Sgd,
            OptimizerKind::Momentum,
            OptimizerKind::Adam,
        ] {
            let w = minimise(kind, 0.05, 2000);
            assert!(w.iter().all(|v| (v - 3.0).abs() < 1e-3), "{kind:?}: {w:?}");
        }
    }

    #[test]
    fn first_steps_match_the_formulas() {
        // SGD: 0 − 0.1·(−3) = 0.3.
        assert_eq!(minimise(OptimizerKind::Sgd, 0.1, 1)[0], 0.3);
        // Momentum, two steps: v1 = −3, w1 = 0.3; v2 = 0.9·(−3) + (0.3 − 3) = −5.4, w2 = 0.3 + 0.54.
        assert!((minimise(OptimizerKind::Momentum, 0.1, 2)[0] - 0.84).abs() < 1e-6);
        // Adam's first step moves every parameter by lr (bias-corrected m/√s = sign(g)).
        let w = minimise(OptimizerKind::Adam, 0.1, 1);
        assert!((w[0] - 0.1).abs() < 1e-6 && (w[1] + 4.9).abs() < 1e-6);
    }

    #[test]
    fn reset_forgets_state() {
        let mut opt = Optimizer::new(OptimizerKind::Adam, 1);
        let fresh = opt.clone();
        opt.step(&mut [1.0], &[1.0], 0.1);
        assert_ne!(opt, fresh);
        opt.reset();
        assert_eq!(opt, fresh);
    }

    #[test]
    fn penalties_and_their_gradients() {
        let w = [2.0, -1.0, 0.0];
        assert_eq!(penalty(Regularization::L1, 0.5, &w), 1.5);
        assert_eq!(penalty(Regularization::L2, 0.5, &w), 1.25);
        assert_eq!(penalty(Regularization::None, 0.5, &w), 0.0);
        let mut g = [0.0; 3];
        add_penalty_gradient(Regularization::L1, 0.5, &w, &mut g);
        assert_eq!(g, [0.5, -0.5, 0.0]);
        let mut g = [0.0; 3];
        add_penalty_gradient(Regularization::L2, 0.5, &w, &mut g);
        assert_eq!(g, [1.0, -0.5, 0.0]);
    }
}
