//! The claims the evidence presets make, checked on the engine for five seeds each (not just drawn).
//!
//! Each preset pins seed 1 in its URL; these tests replace the seed to show the claim does not hang on
//! one lucky draw.

use activation_playground::evidence::{
    dead_units, gradient_ratio, Preset, RaceRun, Script, HISTORY_STRIDE,
};
use activation_playground::training::{Session, StepOutcome};
use activation_playground::Activation;

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

/// A session of the preset `slug` with its seed replaced by `seed`.
fn preset_session(slug: &str, seed: u64) -> Session {
    let mut config = Preset::find(slug).expect("preset exists").parsed();
    config.seed = seed;
    Session::new(config).expect("preset builds")
}

fn train(session: &mut Session, epochs: u32) {
    assert_eq!(
        session.step(epochs),
        StepOutcome::Trained,
        "{} diverged",
        session.config()
    );
}

#[test]
fn at_initialisation_sigmoid_passes_back_a_hundred_times_less_gradient_than_relu() {
    for seed in SEEDS {
        let sigmoid = gradient_ratio(&preset_session("deep-sigmoid", seed).stats()).unwrap();
        let relu = gradient_ratio(&preset_session("deep-relu", seed).stats()).unwrap();
        assert!(
            relu >= 100.0 * sigmoid,
            "seed {seed}: first/last hidden-layer gradient ratio {sigmoid:e} (sigmoid) vs {relu:e} (ReLU)"
        );
        // The presets' texts: "about a thousandth" for sigmoid, "the same order" for ReLU.
        assert!(sigmoid < 3e-3, "seed {seed}: sigmoid ratio {sigmoid:e}");
        assert!(
            (0.1..10.0).contains(&relu),
            "seed {seed}: ReLU ratio {relu:e}"
        );
        // The shrinking happens layer after layer, not in one place.
        let stats = preset_session("deep-sigmoid", seed).stats();
        let hidden = &stats.layers[..stats.layers.len() - 1];
        for pair in hidden.windows(2) {
            assert!(
                pair[0].mean_abs_grad_z < pair[1].mean_abs_grad_z,
                "seed {seed}: sigmoid gradient does not shrink towards the input"
            );
        }
    }
}

#[test]
fn deep_sigmoid_stays_at_chance_while_the_same_net_with_relu_learns() {
    let epochs = Preset::find("deep-sigmoid").unwrap().epochs;
    for seed in SEEDS {
        let mut sigmoid = preset_session("deep-sigmoid", seed);
        train(&mut sigmoid, epochs);
        let s = sigmoid.stats();
        assert!(
            s.test_accuracy < 0.65 && (s.train_loss - std::f32::consts::LN_2).abs() < 0.05,
            "seed {seed}: deep sigmoid learnt (accuracy {}, loss {} is not near ln 2)",
            s.test_accuracy,
            s.train_loss
        );
        let mut relu = preset_session("deep-relu", seed);
        train(&mut relu, 60);
        let r = relu.stats();
        assert!(
            r.test_accuracy >= 0.95,
            "seed {seed}: deep ReLU reached only {} in 60 epochs",
            r.test_accuracy
        );
    }
}

#[test]
fn a_high_learning_rate_kills_a_quarter_of_the_relus_and_no_leaky_relu() {
    let epochs = Preset::find("relu-high-lr").unwrap().epochs;
    for seed in SEEDS {
        let mut relu = preset_session("relu-high-lr", seed);
        train(&mut relu, epochs);
        let (dead, units) = dead_units(&relu.stats());
        assert!(
            4 * dead >= units,
            "seed {seed}: only {dead} of {units} ReLUs dead"
        );

        let mut leaky = preset_session("leaky-high-lr", seed);
        train(&mut leaky, epochs);
        let (dead, _) = dead_units(&leaky.stats());
        assert_eq!(dead, 0, "seed {seed}: {dead} Leaky ReLUs dead");
    }
}

#[test]
fn dead_relus_get_no_gradient_and_stay_dead() {
    // Dead means ReLU′ = 0 on every training point: the unit's incoming weights get exactly zero
    // gradient, so further training cannot revive it (only a change in the layers below could).
    let mut relu = preset_session("relu-high-lr", 1);
    train(&mut relu, 100);
    let before = relu.stats();
    let first = &before.layers[0];
    let dead: Vec<usize> = (0..first.units).filter(|&u| first.dead[u]).collect();
    assert!(
        !dead.is_empty(),
        "the preset kills units in the first layer"
    );
    let weights = relu.network().weights(0).to_vec();
    let n_in = relu.network().n_inputs();
    train(&mut relu, 10);
    let after = relu.network().weights(0);
    for &u in &dead {
        assert_eq!(
            &after[u * n_in..(u + 1) * n_in],
            &weights[u * n_in..(u + 1) * n_in],
            "dead unit {u} of the first layer moved"
        );
        assert!(relu.stats().layers[0].dead[u]);
    }
}

#[test]
fn switching_trained_relu_weights_to_tanh_loses_what_was_learnt() {
    let preset = Preset::find("same-weights").unwrap();
    let Script::SwitchActivation { after, to } = preset.script else {
        panic!("the same-weights preset switches")
    };
    for seed in SEEDS {
        let mut s = preset_session("same-weights", seed);
        train(&mut s, after);
        let trained = s.stats().test_accuracy;
        let weights = s.network().params().to_vec();
        assert!(trained >= 0.93, "seed {seed}: ReLU reached only {trained}");

        let mut leaky = s.clone();
        leaky.set_activation("leaky_relu".parse().unwrap());
        let kept = leaky.stats().test_accuracy;

        s.set_activation(to.parse::<Activation>().unwrap());
        assert_eq!(
            s.network().params(),
            &weights[..],
            "the switch keeps every weight"
        );
        let switched = s.stats().test_accuracy;
        assert!(
            switched <= trained - 0.3 && switched <= 0.65,
            "seed {seed}: accuracy {trained} → {switched} after switching to {to}"
        );
        assert!(
            kept >= trained - 0.05,
            "seed {seed}: Leaky ReLU, nearly the same curve, lost accuracy: {trained} → {kept}"
        );
    }
}

#[test]
fn the_same_race_url_gives_the_same_table_bit_for_bit() {
    let url = "dataset=xor&layers=6,6&lr=0.03&race=relu,tanh,sigmoid&seed=11";
    let run = |url: &str| {
        let mut run = RaceRun::from_config(url).unwrap();
        run.step(40);
        run
    };
    let a = run(url);
    let b = run(url);
    assert_eq!(a.table_json(), b.table_json());
    for i in 0..a.len() {
        let bits = |r: &RaceRun| r.history(i).iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&b), "racer {i}'s curves differ");
        assert_eq!(a.history(i).len(), 41 * HISTORY_STRIDE);
    }
    // The table does depend on the URL: another seed, another table.
    assert_ne!(
        a.table_json(),
        run(&url.replace("seed=11", "seed=12")).table_json()
    );
}

#[test]
fn racers_share_the_data_and_the_normal_draw_scaled_per_scheme() {
    let run = RaceRun::from_config("dataset=spiral&layers=8,8&race=relu,tanh,leaky_relu").unwrap();
    let [relu, tanh, leaky] = run.race().sessions() else {
        panic!("three racers")
    };
    assert_eq!(relu.dataset(), tanh.dataset());
    // ReLU and Leaky ReLU both use He: identical weights.
    assert_eq!(relu.network().params(), leaky.network().params());
    // tanh uses Glorot: each hidden weight is ReLU's times one factor per layer, the same normals.
    for layer in 0..2 {
        let (r, t) = (relu.network().weights(layer), tanh.network().weights(layer));
        let scale = t[0] / r[0];
        assert!(scale > 0.0 && scale < 1.0);
        for (a, b) in r.iter().zip(t) {
            assert!((a * scale - b).abs() <= 1e-6 * a.abs().max(1.0));
        }
    }
}
