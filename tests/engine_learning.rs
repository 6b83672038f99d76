//! Learning: the networks the issue names reach their accuracy targets within their epoch budgets.
//!
//! Each case trains in chunks of 10 epochs and passes as soon as the test accuracy reaches the target.

use activation_playground::Session;

/// Trains until the test accuracy reaches `target`; returns the epoch it did, or fails with the best seen.
fn epochs_to(config: &str, target: f32, max_epochs: u64) -> u64 {
    let mut session = Session::from_config(config).unwrap();
    let mut best = 0.0f32;
    while session.epoch() < max_epochs {
        let outcome = session.step(10);
        assert!(outcome.divergence().is_none(), "{config}: {outcome:?}");
        let accuracy = session.stats().test_accuracy;
        if accuracy >= target {
            return session.epoch();
        }
        best = best.max(accuracy);
    }
    panic!("{config}: best test accuracy {best} after {max_epochs} epochs, target {target}");
}

/// Whether the test accuracy reaches `target` within `max_epochs`.
fn reaches(config: &str, target: f32, max_epochs: u64) -> bool {
    let mut session = Session::from_config(config).unwrap();
    while session.epoch() < max_epochs {
        session.step(10);
        if session.stats().test_accuracy >= target {
            return true;
        }
    }
    false
}

#[test]
fn spiral_relu_8_8_8_reaches_95_percent_for_five_seeds() {
    for seed in 1..=5 {
        let config = format!(
            "dataset=spiral&layers=8,8,8&activation=relu&optimizer=adam&lr=0.01&batch=10&seed={seed}"
        );
        let epochs = epochs_to(&config, 0.95, 500);
        eprintln!("spiral seed {seed}: {epochs} epochs");
    }
}

#[test]
fn xor_with_one_tanh_layer_of_4_reaches_97_percent_with_defaults() {
    // The default settings (seed 1) must get there.
    let epochs = epochs_to("dataset=xor&layers=4&activation=tanh", 0.97, 500);
    eprintln!("xor default: {epochs} epochs");
    // Four tanh units are just enough for xor: some draws settle near 95 %. Most must not.
    let reached = (1..=10)
        .filter(|seed| {
            reaches(
                &format!("dataset=xor&layers=4&activation=tanh&seed={seed}"),
                0.97,
                500,
            )
        })
        .count();
    assert!(reached >= 6, "xor: only {reached} of 10 seeds reached 97 %");
}

#[test]
fn circle_with_tanh_4_2_reaches_97_percent_with_defaults() {
    for seed in 1..=3 {
        let epochs = epochs_to(
            &format!("dataset=circle&layers=4,2&activation=tanh&seed={seed}"),
            0.97,
            500,
        );
        eprintln!("circle seed {seed}: {epochs} epochs");
    }
}

#[test]
fn three_classes_reach_95_percent() {
    for seed in 1..=3 {
        let config = format!("dataset=spiral3&layers=8,8,8&activation=relu&lr=0.01&seed={seed}");
        let epochs = epochs_to(&config, 0.95, 500);
        eprintln!("spiral3 seed {seed}: {epochs} epochs");
        let epochs = epochs_to(&format!("dataset=blobs3&seed={seed}"), 0.95, 500);
        eprintln!("blobs3 seed {seed}: {epochs} epochs");
    }
}
