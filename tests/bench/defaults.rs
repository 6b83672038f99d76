//! Measures candidate default setups: how many epochs ReLU needs to reach 90 % test accuracy, what a switch
//! to sigmoid on the trained weights does, and how long an epoch takes natively, over several seeds. The
//! figures behind the defaults in `src/config/mod.rs` come from this program:
//! `cargo run --release --example defaults [config ...]` (each config without `activation` and `seed`).

use activation_playground::training::Session;
use activation_playground::Activation;
use std::time::Instant;

const SEEDS: [u64; 6] = [1, 2, 3, 4, 5, 6];
const TARGET: f32 = 0.9;
const MAX_EPOCHS: u64 = 3000;

/// Epochs until the test accuracy first reaches `TARGET` (None within `MAX_EPOCHS`), and ms per epoch.
fn epochs_to_target(session: &mut Session, limit: u64) -> (Option<u64>, f64) {
    let start = session.epoch();
    let t0 = Instant::now();
    let mut trained = 0u64;
    while session.epoch() - start < limit {
        if session.stats().test_accuracy >= TARGET {
            break;
        }
        session.step(1);
        trained += 1;
    }
    let ms = t0.elapsed().as_secs_f64() * 1e3 / trained.max(1) as f64;
    let hit = session.stats().test_accuracy >= TARGET;
    (hit.then(|| session.epoch() - start), ms)
}

fn show(e: Option<u64>) -> String {
    e.map_or_else(|| format!(">{MAX_EPOCHS}"), |e| e.to_string())
}

fn measure(base: &str) {
    println!("{base}");
    for seed in SEEDS {
        let relu = format!("{base}&seed={seed}&activation=relu");
        let mut s = Session::from_config(&relu).expect("a valid config");
        let (relu_epochs, ms) = epochs_to_target(&mut s, MAX_EPOCHS);
        // The watcher's path: ReLU trains 100 epochs past 90 %, then sigmoid on the same weights.
        s.step(100);
        let before = s.stats().test_accuracy;
        s.set_activation(Activation::Sigmoid);
        let after = s.stats();
        let (back, _) = epochs_to_target(&mut s, MAX_EPOCHS);
        let s200 = {
            s.step(200);
            s.stats()
        };
        let sig = format!("{base}&seed={seed}&activation=sigmoid");
        let mut fresh = Session::from_config(&sig).expect("a valid config");
        let (sig_epochs, _) = epochs_to_target(&mut fresh, MAX_EPOCHS);
        let first = after.layers[0].mean_abs_grad_z;
        let last = after.layers[after.layers.len() - 2].mean_abs_grad_z;
        println!(
            "  seed {seed}: relu→90% {:>5} ep ({ms:.3} ms/ep) | switch: {:.0}% → {:.0}%, back to 90% in {:>5} ep, \
             acc after 200 more {:.0}%, first/last grad {:.2e} | sigmoid from scratch {:>5} ep",
            show(relu_epochs),
            before * 100.0,
            after.test_accuracy * 100.0,
            show(back),
            s200.test_accuracy * 100.0,
            first / last,
            show(sig_epochs),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    for base in &args {
        measure(base);
    }
}
