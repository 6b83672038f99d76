//! wasm-bindgen tests shared by the Node run (`wasm_node.rs`) and the Chromium run (`wasm_browser.rs`).
//!
//! They call the exported functions exactly as the page does and check what comes back, including that bad
//! arguments come back as errors rather than traps.

mod robust;

use activation_playground::web::sample_activation;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn relu_samples_are_max_zero_x_and_its_step_derivative() {
    let out = sample_activation("relu", -2.0, 2.0, 5).unwrap();
    assert_eq!(out, vec![0.0, 0.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, 1.0, 1.0]);
}

#[wasm_bindgen_test]
fn wasm_maths_is_bit_identical_to_the_expected_values() {
    // libm gives the same bits on every target; these are the correctly rounded f32 values.
    let out = sample_activation("sigmoid", 0.0, 1.0, 2).unwrap();
    assert_eq!(out[0], 0.5);
    assert_eq!(out[1].to_bits(), 0.731_058_6_f32.to_bits());
    let out = sample_activation("tanh", -1.0, 1.0, 2).unwrap();
    assert_eq!(out[1].to_bits(), 0.761_594_2_f32.to_bits());
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_not_traps() {
    assert!(sample_activation("no_such_function", 0.0, 1.0, 10).is_err());
    assert!(sample_activation("relu", f64::NAN, 1.0, 10).is_err());
    assert!(sample_activation("relu", 0.0, f64::INFINITY, 10).is_err());
    assert!(sample_activation("relu", 1.0, 1.0, 10).is_err());
    assert!(sample_activation("relu", 0.0, 1.0, 1).is_err());
    assert!(sample_activation("relu", 0.0, 1.0, u32::MAX).is_err());
}
