//! Gradient check: backpropagation against central finite differences, for every activation, all three
//! output losses, and L1/L2 regularisation.
//!
//! Kinks: a parameter whose ± step makes some unit's slope jump (ReLU at 0, ...) or an L1-penalised weight
//! change sign is skipped (the difference quotient is meaningless there, whatever backprop says); the
//! test fails if more than a tenth of the parameters are skipped.

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

/// Hidden units' activation derivatives at the current parameters, all layers concatenated.
fn slopes(net: &Network, ws: &mut Workspace, x: &[f32]) -> Vec<f32> {
    net.forward(ws, x);
    let mut out = Vec::new();
    for l in 0..net.n_layers() - 1 {
        let z = ws.pre_activations(l);
        let mut d = vec![0.0; z.len()];
        net.activation().derivative_slice(z, &mut d);
        out.extend(d);
    }
    out
}

/// Central difference of the objective along parameter `i`, or `None` when the step crosses a kink:
/// some unit's slope jumps between the two sides, or an L1-penalised weight changes sign.
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
    let slopes_plus = slopes(net, ws, x);
    net.params_mut()[i] = original - h;
    let minus = objective(net, ws, x, y, reg, rate);
    let slopes_minus = slopes(net, ws, x);
    net.params_mut()[i] = original;
    if slopes_plus
        .iter()
        .zip(&slopes_minus)
        .any(|(a, b)| (a - b).abs() > 0.05)
    {
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
        let Some(fine) = central_difference(&mut net, &mut ws, &x, &y, reg, rate, i, 5e-3) else {
            skipped += 1;
            continue;
        };
        let analytic = f64::from(analytic);
        assert!(
            (analytic - fine).abs() <= 1e-4 + 2e-3 * fine.abs(),
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
