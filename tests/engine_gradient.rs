//! Gradient check: backpropagation against central finite differences, for every activation, all three
//! output losses, and L1/L2 regularisation.
//!
//! Kinks: a parameter whose ± step makes some unit's slope or value jump (ReLU at 0, a step, ...), makes
//! an L1-penalised weight change sign, or whose difference quotients at two step sizes disagree, is
//! skipped (the difference quotient is not the derivative there, whatever backprop says; a wrong
//! analytic gradient cannot cause any of these). The test fails if more than a tenth are skipped.

use activation_playground::config::Regularization;
use activation_playground::network::{Network, Output, Workspace};
use activation_playground::optimizer::{add_penalty_gradient, penalty};
use activation_playground::rng::Rng;
use activation_playground::Activation;

const N_SAMPLES: usize = 6;

/// Mean loss over the batch plus the penalty on every weight layer.
fn objective(
    net: &Network,
    ws: &mut Workspace,
    x: &[f32],
    y: &[f32],
    reg: Regularization,
    rate: f32,
) -> f64 {
    net.forward(ws, x);
    let data = net.loss(ws, y).loss_sum / N_SAMPLES as f64;
    let pen: f64 = (0..net.n_layers())
        .map(|l| penalty(reg, rate, net.weights(l)))
        .sum();
    data + pen
}

/// Hidden units' activation derivatives and values at the current parameters, all layers concatenated.
fn slopes(net: &Network, ws: &mut Workspace, x: &[f32]) -> (Vec<f32>, Vec<f32>) {
    net.forward(ws, x);
    let (mut slopes, mut values) = (Vec::new(), Vec::new());
    for l in 0..net.n_layers() - 1 {
        let z = ws.pre_activations(l);
        let mut d = vec![0.0; z.len()];
        net.activation().derivative_slice(z, &mut d);
        slopes.extend(d);
        values.extend_from_slice(ws.activations(l));
    }
    (slopes, values)
}

/// Central difference of the objective along parameter `i`, or `None` when the step crosses a kink:
/// some unit's slope or value jumps between the two sides (a kink or a step), or an L1-penalised weight
/// changes sign.
#[allow(clippy::too_many_arguments)]
fn central_difference(
    net: &mut Network,
    ws: &mut Workspace,
    x: &[f32],
    y: &[f32],
    reg: Regularization,
    rate: f32,
    i: usize,
    h: f32,
) -> Option<f64> {
    let original = net.params()[i];
    if reg == Regularization::L1 && original.abs() <= h {
        return None;
    }
    net.params_mut()[i] = original + h;
    let plus = objective(net, ws, x, y, reg, rate);
    let (slopes_plus, values_plus) = slopes(net, ws, x);
    net.params_mut()[i] = original - h;
    let minus = objective(net, ws, x, y, reg, rate);
    let (slopes_minus, values_minus) = slopes(net, ws, x);
    net.params_mut()[i] = original;
    let jumps =
        |a: &[f32], b: &[f32], limit: f32| a.iter().zip(b).any(|(p, m)| (p - m).abs() > limit);
    if jumps(&slopes_plus, &slopes_minus, 0.05) || jumps(&values_plus, &values_minus, 0.2) {
        return None;
    }
    // The step actually taken in f32 (original ± h is rounded).
    let step = f64::from(original + h) - f64::from(original - h);
    Some((plus - minus) / step)
}

/// Checks every parameter; returns (checked, skipped).
fn check(
    activation: Activation,
    output: Output,
    reg: Regularization,
    rate: f32,
    seed: u64,
) -> (usize, usize) {
    let mut rng = Rng::new(seed);
    let mut net = Network::new(2, &[4, 3], output, activation).unwrap();
    net.initialize(&mut rng);
    // Non-zero biases so that every unit sees a spread of pre-activations.
    for p in net.params_mut().iter_mut() {
        *p += rng.uniform(-0.3, 0.3);
    }
    let x: Vec<f32> = (0..2 * N_SAMPLES).map(|_| rng.uniform(-2.0, 2.0)).collect();
    let y: Vec<f32> = (0..N_SAMPLES)
        .map(|_| match output {
            Output::Regression => rng.uniform(-1.0, 1.0),
            other => rng.usize(other.n_classes()) as f32,
        })
        .collect();
    let mut ws = Workspace::new();
    let mut grads = vec![0.0; net.params().len()];
    net.forward(&mut ws, &x);
    net.backward(&mut ws, &x, &y, &mut grads);
    for l in 0..net.n_layers() {
        let range = net.weight_range(l);
        add_penalty_gradient(reg, rate, &net.params()[range.clone()], &mut grads[range]);
    }
    let (mut checked, mut skipped) = (0, 0);
    for (i, &analytic) in grads.iter().enumerate() {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-4 + 2e-3 * b.abs();
        let coarse = central_difference(&mut net, &mut ws, &x, &y, reg, rate, i, 4e-3);
        let fine = central_difference(&mut net, &mut ws, &x, &y, reg, rate, i, 2e-3);
        // Two step sizes that disagree reveal a bend within the step (e.g. softsign's f'' jump at 0):
        // the difference quotient is not yet the derivative there, whatever backprop says.
        let (Some(coarse), Some(fine)) = (coarse, fine) else {
            skipped += 1;
            continue;
        };
        if !close(coarse, fine) {
            skipped += 1;
            continue;
        }
        let analytic = f64::from(analytic);
        assert!(
            close(analytic, fine),
            "{activation} {output:?} {reg:?}: parameter {i}: backprop {analytic}, finite difference {fine}"
        );
        checked += 1;
    }
    (checked, skipped)
}

fn activations() -> Vec<Activation> {
    Activation::NAMES
        .iter()
        .map(|name| name.parse().unwrap())
        .collect()
}

#[test]
fn backprop_matches_finite_differences_for_every_activation_and_loss() {
    let outputs = [
        Output::Binary,
        Output::Softmax { n_classes: 3 },
        Output::Regression,
    ];
    for activation in activations() {
        let (mut checked, mut skipped) = (0, 0);
        for (k, &output) in outputs.iter().enumerate() {
            for seed in 0..2 {
                let (c, s) = check(
                    activation,
                    output,
                    Regularization::None,
                    0.0,
                    10 * k as u64 + seed,
                );
                checked += c;
                skipped += s;
            }
        }
        assert!(
            skipped * 10 <= checked + skipped,
            "{activation}: {skipped} of {} parameters near kinks",
            checked + skipped
        );
    }
}

#[test]
fn backprop_matches_finite_differences_with_l1_and_l2() {
    for reg in [Regularization::L1, Regularization::L2] {
        for activation in ["tanh", "relu"].map(|s| s.parse::<Activation>().unwrap()) {
            let (checked, skipped) = check(activation, Output::Binary, reg, 0.3, 5);
            assert!(
                skipped * 10 <= checked + skipped,
                "{activation} {reg:?}: {skipped} skipped"
            );
        }
    }
}
