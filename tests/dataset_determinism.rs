//! Same seed, same bits, on every target: the generator, the normal draws and every data set are pinned
//! to fingerprints recorded natively. `cargo test --test dataset_determinism` checks the native build;
//! `cargo test --target wasm32-unknown-unknown --test dataset_determinism` runs the same tests in Node
//! through wasm-bindgen-test and must match the same constants.

use activation_playground::config::{Config, DatasetKind};
use activation_playground::dataset::{Dataset, Point};
use activation_playground::rng::Rng;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

/// FNV-1a over the bits of every value, in order.
fn fnv(bits: impl IntoIterator<Item = u32>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bits {
        for byte in b.to_le_bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn fingerprint(points: &[Point]) -> u64 {
    fnv(points
        .iter()
        .flat_map(|p| [p.x.to_bits(), p.y.to_bits(), p.label.to_bits()]))
}

/// Per data set: (train fingerprint, test fingerprint) for seed 7, 20 % noise, 500 points, 50 % train.
const DATASETS: [(DatasetKind, u64, u64); 10] = [
    (DatasetKind::Circle, 0x308d3b6dfd0a7e32, 0xc99a4901f6afe6af),
    (DatasetKind::Xor, 0x977542ce02e050d3, 0xeb495475242085a1),
    (DatasetKind::Gauss, 0x24a00b09171751ae, 0x9855598587934f34),
    (DatasetKind::Spiral, 0xc49c1e0bdb66eab9, 0x40736479d833af8e),
    (DatasetKind::Moons, 0xf3469506142ff3f1, 0x71191025b7a0a036),
    (
        DatasetKind::Checkerboard,
        0x04c100bc466393e3,
        0x68689f212073ada9,
    ),
    (DatasetKind::Blobs3, 0x07a5f60793f970a1, 0x72f7f6d4a2866cce),
    (DatasetKind::Spiral3, 0x4774fa926aff4c1c, 0xd4e69bf547dc767d),
    (DatasetKind::Plane, 0xc9d8a06921948581, 0x2d08a6b36d5bbb43),
    (
        DatasetKind::MultiGauss,
        0xe1d54d84d5841ad5,
        0x2ad98653d106b7f1,
    ),
];

/// Fingerprint of 10 000 draws of each kind from `Rng::new(99)`'s data stream.
const RNG_DRAWS: (u64, u64, u64) = (0xf69171880cad8a3f, 0x9a2e8e7448473952, 0x0a6b010b13220189);

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn rng_draws_match_the_recorded_bits() {
    let mut rng = Rng::new(99).fork(Rng::DATA);
    let uniform = fnv((0..10_000).map(|_| rng.uniform(-6.0, 6.0).to_bits()));
    let normal = fnv((0..10_000).map(|_| rng.normal().to_bits()));
    let mut order: Vec<u32> = (0..10_000).collect();
    rng.shuffle(&mut order);
    let shuffled = fnv(order);
    assert_eq!((uniform, normal, shuffled), RNG_DRAWS);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn every_dataset_matches_the_recorded_bits() {
    let mut got = Vec::new();
    for (kind, _, _) in DATASETS {
        let config = Config {
            dataset: kind,
            noise: 20,
            seed: 7,
            ..Config::default()
        };
        let d = Dataset::generate(&config);
        got.push((kind, fingerprint(&d.train), fingerprint(&d.test)));
    }
    assert_eq!(got, DATASETS);
}
