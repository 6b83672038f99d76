//! A long session stays as small as a fresh one: after a warm-up, 10,000 resets, rebuilds and imports and
//! 1,000,000 training epochs leave the wasm memory's byte length exactly where it was (wasm memory only
//! grows, so any leak or unbounded cache would show as growth).
//!
//! Its own test target, run in Node only (`cargo test --target wasm32-unknown-unknown --test wasm_memory`):
//! the allocator and the code are the same in every engine, and the unoptimised test build needs about a
//! minute for the 10,000 rounds.
#![cfg(target_arch = "wasm32")]

use activation_playground::web::Playground;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

/// Bytes of the module's linear memory now.
fn memory_bytes() -> u32 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .expect("the module exports its memory")
        .buffer()
        .dyn_into::<js_sys::ArrayBuffer>()
        .expect("an ArrayBuffer")
        .byte_length()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Two configs the rebuilds alternate between: different data, shapes and features (small, so 10,000
/// rounds stay quick in the unoptimised test build).
const A: &str = "dataset=spiral&points=40&layers=8,8&features=x1,x2,x1sq";
const B: &str = "dataset=blobs3&points=30&layers=4&activation=tanh&optimizer=momentum";

/// One round: a rebuild (`setConfig`), an import (of a model saved from the other config, so it rebuilds
/// too) and a reset; every tenth round also everything else the page does besides training.
fn churn(pg: &mut Playground, models: &[String; 2], i: usize) {
    pg.set_config(if i % 2 == 0 { A } else { B }).unwrap();
    pg.import_model(&models[(i + 1) % 2]).unwrap();
    pg.reset();
    if i % 10 != 0 {
        return;
    }
    pg.set("lr", if i % 3 == 0 { "0.1" } else { "0.01" })
        .unwrap();
    pg.set_activation(if i % 20 == 0 { "gelu" } else { "relu" })
        .unwrap();
    pg.step(1.0).unwrap();
    let model = pg.export_model();
    // A refused import must not leak either.
    assert!(pg.import_model(&model[..model.len() / 2]).is_err());
    pg.new_weights().unwrap();
    // The page's full-size picture now and then, a small one otherwise.
    if i % 500 == 0 {
        pg.render(100.0, 32.0, false).unwrap();
    } else {
        pg.render(16.0, 8.0, i % 20 == 0).unwrap();
    }
    pg.add_point(1.0, 1.0, 1.0).unwrap();
    assert!(pg.remove_nearest(1.0, 1.0, 0.001).unwrap());
    let n = pg.layer_sizes().len() - 1;
    for l in 0..n {
        pg.weights(l as f64).unwrap();
        pg.biases(l as f64).unwrap();
    }
    pg.histogram(0.0, -6.0, 6.0, 60.0).unwrap();
    pg.project(0.0, 0.0, 1.0, i % 20 == 0, &[0.5; 64]).unwrap();
    let _ = pg.stats_json();
    let _ = pg.points();
}

#[wasm_bindgen_test]
fn ten_thousand_resets_rebuilds_and_imports_leave_memory_flat() {
    let models = [A, B].map(|c| {
        let mut pg = Playground::new(c).unwrap();
        pg.step(3.0).unwrap();
        pg.export_model()
    });
    let mut pg = Playground::new(A).unwrap();
    for i in 0..100 {
        churn(&mut pg, &models, i);
    }
    let warm = memory_bytes();
    let start = now_ms();
    for i in 0..10_000 {
        churn(&mut pg, &models, i);
        if i % 1000 == 999 {
            assert_eq!(memory_bytes(), warm, "memory grew after {} rounds", i + 1);
        }
    }
    console_log!(
        "10,000 rebuilds, imports and resets: {} bytes of wasm memory before and after, {:.0} ms",
        warm,
        now_ms() - start
    );
    assert_eq!(memory_bytes(), warm);
}

#[wasm_bindgen_test]
fn a_million_epochs_leave_memory_flat() {
    // The smallest session the config allows: 10 points, 10 % for training (one point), no hidden layer,
    // batch 1; one epoch is one forward, one backward and one optimizer step.
    let mut pg = Playground::new("points=10&train=10&layers=&batch=1&lr=0.001").unwrap();
    pg.step(10_000.0).unwrap();
    pg.render(100.0, 32.0, false).unwrap();
    let _ = pg.stats_json();
    let warm = memory_bytes();
    let start = now_ms();
    for round in 0..100 {
        assert!(pg.step(10_000.0).unwrap(), "diverged in round {round}");
        pg.render(100.0, 32.0, false).unwrap();
        let _ = pg.stats_json();
    }
    let ms = now_ms() - start;
    assert_eq!(pg.epoch(), 1_010_000.0);
    console_log!(
        "1,000,000 epochs: {} bytes of wasm memory before and after, {:.0} ms ({:.2} µs per epoch)",
        warm,
        ms,
        ms * 1000.0 / 1e6
    );
    assert_eq!(memory_bytes(), warm);
}
