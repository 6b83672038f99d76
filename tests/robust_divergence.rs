//! Divergence on every data set: the harshest settings the config allows (learning rate up to 10, L1/L2
//! rate up to 10, batch 1) with every optimizer. Whatever happens, nothing non-finite reaches the weights,
//! the statistics, the histogram or the picture; where training breaks down it says so, keeps the last
//! finite weights, and "lower the learning rate and continue" (the page's ladder 10 → 3 → 1 → 0.3 …)
//! trains on from there with finite losses.

use activation_playground::config::DatasetKind;
use activation_playground::dataset::features_into;
use activation_playground::network::Workspace;
use activation_playground::render::{pixel_x, pixel_y};
use activation_playground::training::{Session, StepOutcome};

/// The learning rates the page offers when it lowers the rate after a divergence.
const LADDER: [f32; 11] = [
    10.0, 3.0, 1.0, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0001, 0.00001,
];

/// Epochs tried at the harsh setting before giving up waiting for a divergence.
const HARSH_EPOCHS: u32 = 12;

/// Everything the page reads must be finite (accuracies in [0, 1]).
fn assert_all_finite(s: &Session, what: &str) {
    assert!(
        s.network().params().iter().all(|v| v.is_finite()),
        "{what}: non-finite weights"
    );
    let stats = s.stats();
    for (name, v) in [
        ("train loss", stats.train_loss),
        ("test loss", stats.test_loss),
        ("train accuracy", stats.train_accuracy),
        ("test accuracy", stats.test_accuracy),
    ] {
        assert!(v.is_finite(), "{what}: {name} is {v}");
    }
    assert!((0.0..=1.0).contains(&stats.train_accuracy));
    for (l, layer) in stats.layers.iter().enumerate() {
        assert!(
            layer.mean_abs_grad_a.is_finite()
                && layer.mean_abs_grad_z.is_finite()
                && layer.mean_abs_grad_w.is_finite(),
            "{what}: layer {l} gradient flow {layer:?}"
        );
        if let Some(share) = layer.saturated {
            assert!((0.0..=1.0).contains(&share), "{what}: saturated {share}");
        }
    }
    // The page's JSON: NaN/∞ would show as null; only "saturated" is null by design (unbounded units).
    let json: serde_json::Value = serde_json::from_str(&stats.to_json()).unwrap();
    for key in ["trainLoss", "testLoss", "trainAccuracy", "testAccuracy"] {
        assert!(json[key].is_number(), "{what}: {key} in {json}");
    }
    for layer in json["layers"].as_array().unwrap() {
        for key in ["meanAbsGradA", "meanAbsGradZ", "meanAbsGradW"] {
            assert!(layer[key].is_number(), "{what}: {key} in {json}");
        }
    }
    let n_hidden = s.network().n_layers() - 1;
    for l in 0..n_hidden {
        let counts = s.histogram(l, -6.0, 6.0, 60).unwrap();
        assert!(counts.iter().all(|c| c.is_finite() && *c >= 0.0));
    }
    // The picture: the network's outputs over the render grid are all finite numbers.
    let grid = 24;
    let net = s.network();
    let features = &s.config().features;
    let n_in = net.n_inputs();
    let mut inputs = vec![0.0f32; grid * n_in];
    let mut ws = Workspace::new();
    for r in 0..grid {
        for (c, row) in inputs.chunks_exact_mut(n_in).enumerate() {
            features_into(features, pixel_x(c, grid), pixel_y(r, grid), row);
        }
        net.forward(&mut ws, &inputs);
        let out = ws.activations(net.n_layers() - 1);
        assert!(
            out.iter().all(|v| v.is_finite()),
            "{what}: non-finite output in grid row {r}"
        );
    }
}

/// Does what a person does with the page's "lower the learning rate and continue" button: one rung down
/// the ladder, then train on; if it diverges again, press again. Returns the rate at which `epochs`
/// epochs in a row trained.
fn continue_lower(s: &mut Session, epochs: u32, what: &str) -> f32 {
    loop {
        let lr = *LADDER
            .iter()
            .find(|&&lr| lr < s.config().lr)
            .unwrap_or_else(|| panic!("{what}: still diverging at the lowest learning rate"));
        s.set("lr", &lr.to_string()).unwrap();
        let epoch = s.epoch();
        match s.step(epochs) {
            StepOutcome::Trained => {
                assert_eq!(s.epoch(), epoch + u64::from(epochs));
                assert!(s.divergence().is_none());
                return lr;
            }
            StepOutcome::Diverged(d) => {
                assert_eq!(d.lr, lr, "{what}");
                assert_eq!(
                    s.epoch(),
                    d.epoch - 1,
                    "{what}: a diverged epoch was counted"
                );
                assert_all_finite(s, what);
            }
        }
    }
}

#[test]
fn harsh_settings_never_leak_non_finite_values_and_lower_rates_recover() {
    let mut diverged = 0;
    let mut runs = 0;
    let mut recovered_at = Vec::new();
    for kind in DatasetKind::ALL {
        for optimizer in ["sgd", "momentum", "adam"] {
            for (reg, rate, lr) in [("l2", 10, 10.0), ("l1", 10, 10.0), ("l2", 10, 1.0)] {
                let config = format!(
                    "dataset={}&layers=8,8&activation=relu&optimizer={optimizer}&lr={lr}&reg={reg}\
                     &rate={rate}&batch=1&points=200",
                    kind.name()
                );
                runs += 1;
                let mut s = Session::from_config(&config).unwrap();
                let mut outcome = StepOutcome::Trained;
                for _ in 0..HARSH_EPOCHS {
                    let before = s.network().params().to_vec();
                    let epoch = s.epoch();
                    outcome = s.step(1);
                    if let StepOutcome::Diverged(d) = outcome {
                        // The failed epoch is undone exactly and the report says what and where.
                        assert_eq!(s.network().params(), &before[..], "{config}");
                        assert_eq!(s.epoch(), epoch);
                        assert_eq!(d.epoch, epoch + 1);
                        assert_eq!(d.lr, lr);
                        assert!(d.layer < s.network().n_layers());
                        let message = s.divergence().unwrap().to_string();
                        assert!(
                            message.contains("diverged") && message.contains("learning rate"),
                            "{message}"
                        );
                        break;
                    }
                }
                assert_all_finite(&s, &config);
                if optimizer == "sgd" && reg == "l2" {
                    // lr · rate ≥ 10 makes every plain SGD step multiply the weights by ≤ −9.
                    assert!(outcome.divergence().is_some(), "{config}: no divergence");
                }
                if outcome.divergence().is_some() {
                    diverged += 1;
                    let lr = continue_lower(&mut s, 5, &config);
                    recovered_at.push(lr);
                    if lr < 1e-3 {
                        eprintln!("{config}: recovered only at lr {lr}");
                    }
                    assert_all_finite(&s, &format!("{config} continued at lr {lr}"));
                }
            }
        }
    }
    eprintln!(
        "{runs} harsh runs, {diverged} diverged and recovered at learning rates {:?}",
        recovered_at
    );
    assert!(diverged >= 20, "only {diverged} of {runs} runs diverged");
}

#[test]
fn regression_sets_with_mse_also_pause_and_recover() {
    // Plain SGD on MSE with lr 10 overshoots without any regularisation.
    for kind in [DatasetKind::Plane, DatasetKind::MultiGauss] {
        let config = format!(
            "dataset={}&layers=8,8,8&activation=tanh&optimizer=sgd&lr=10&batch=1",
            kind.name()
        );
        let mut s = Session::from_config(&config).unwrap();
        let outcome = s.step(30);
        assert_all_finite(&s, &config);
        if outcome.divergence().is_some() {
            continue_lower(&mut s, 5, &config);
            assert_all_finite(&s, &config);
        }
    }
}
