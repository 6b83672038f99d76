//! Same config, same bits, on every target: a fixed training run is pinned to fingerprints, and the wasm
//! build (Node and Chromium, through `wasm_node.rs` / `wasm_browser.rs`) must reproduce the native numbers
//! exactly — losses, weights and the rendered pixels.

use activation_playground::Session;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

/// FNV-1a over bytes.
fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn trained() -> Session {
    let mut session = Session::from_config(
        "dataset=spiral&layers=6,4&activation=tanh&lr=0.03&optimizer=adam&seed=11",
    )
    .expect("a valid config");
    assert!(session.step(20).divergence().is_none());
    session.render(16, 4, false).expect("a valid size");
    session
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn twenty_epochs_of_spiral_give_the_recorded_losses_and_weights() {
    let session = trained();
    let stats = session.stats();
    assert_eq!(stats.epoch, 20);
    assert_eq!(stats.train_loss.to_bits(), 0.538_016_4_f32.to_bits());
    assert_eq!(stats.test_loss.to_bits(), 0.592_177_1_f32.to_bits());
    assert_eq!(
        session.network().weights(0)[0].to_bits(),
        (-0.408_489_64_f32).to_bits()
    );
    let params = fnv(session
        .network()
        .params()
        .iter()
        .flat_map(|p| p.to_bits().to_le_bytes()));
    assert_eq!(params, PARAMS);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn the_rendered_pixels_match_the_recorded_fingerprints() {
    let session = trained();
    assert_eq!(
        fnv(session.output_pixels().iter().copied()),
        10_302_081_573_098_614_554
    );
    assert_eq!(
        fnv(session.neuron_pixels().iter().copied()),
        16_333_272_710_092_783_458
    );
}

/// FNV-1a of every parameter's bits after the run above.
const PARAMS: u64 = 0xf0de_9f4a_ca2d_d520;
