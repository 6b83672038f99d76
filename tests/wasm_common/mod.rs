//! wasm-bindgen tests shared by the Node run (`wasm_node.rs`) and the Chromium run (`wasm_browser.rs`).
//!
//! They call the exported functions exactly as the page does and check what comes back, including that bad
//! arguments come back as errors rather than traps.

mod contract;
mod embed;
mod robust;

use activation_playground::web::{
    activation_catalogue, activation_spec, activation_workload, sample_activation,
};
use activation_playground::Activation;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn relu_samples_are_max_zero_x_and_its_step_derivative() {
    let out = sample_activation("relu", -2.0, 2.0, 5).unwrap();
    assert_eq!(out, vec![0.0, 0.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, 1.0, 1.0]);
}

#[wasm_bindgen_test]
fn the_timing_kernel_returns_a_finite_checksum_and_refuses_bad_arguments() {
    for name in ["relu", "sigmoid", "tanh", "gelu"] {
        let sum = activation_workload(name, 4000.0, 25.0).unwrap();
        assert!(sum.is_finite(), "{name}: {sum}");
    }
    // ReLU over −4 … 4: picks f[r % n] + f′[7r % n]; with 3 values and 3 repeats that is f′(0) + 4 + 1.
    let relu = activation_workload("relu", 3.0, 3.0).unwrap();
    assert_eq!(relu, f64::from(Activation::Relu.derivative(0.0)) + 5.0);
    for (n, k, word) in [
        (f64::NAN, 1.0, "n"),
        (1.0, 1.0, "n"),
        (4000.5, 1.0, "n"),
        (4000.0, 0.0, "repeats"),
        (4000.0, -1.0, "repeats"),
        (65536.0, 100_000.0, "at most"),
    ] {
        robust::refused(
            "activationWorkload",
            activation_workload("relu", n, k),
            &[word],
        );
    }
    robust::refused(
        "activationWorkload",
        activation_workload("nope", 10.0, 1.0),
        &["nope"],
    );
}

#[wasm_bindgen_test]
fn wasm_maths_is_bit_identical_to_the_expected_values() {
    // The bits the native build gives (tanh and sigmoid run in f32 arithmetic of their own, IEEE-exact
    // on every target): σ(1) is the correctly rounded value, tanh(1) one ulp above it (0.761_594_2).
    let out = sample_activation("sigmoid", 0.0, 1.0, 2).unwrap();
    assert_eq!(out[0], 0.5);
    assert_eq!(out[1].to_bits(), 0.731_058_6_f32.to_bits());
    let out = sample_activation("tanh", -1.0, 1.0, 2).unwrap();
    assert_eq!(out[0].to_bits(), (-0.761_594_24_f32).to_bits());
    assert_eq!(out[1].to_bits(), 0.761_594_24_f32.to_bits());
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

#[wasm_bindgen_test]
fn catalogue_parses_and_lists_every_activation_in_order() {
    let catalogue: serde_json::Value = serde_json::from_str(&activation_catalogue()).unwrap();
    let entries = catalogue.as_array().unwrap();
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, Activation::NAMES);
    for entry in entries {
        let name = entry["name"].as_str().unwrap();
        for key in [
            "display",
            "group",
            "formula",
            "range",
            "smoothness",
            "saturates",
            "origin",
            "whenToUse",
            "numpy",
        ] {
            let text = entry[key]
                .as_str()
                .unwrap_or_else(|| panic!("{name}.{key} is not text"));
            assert!(!text.is_empty(), "{name}.{key} is empty");
        }
        for key in ["monotonic", "zeroCentred"] {
            assert!(entry[key].is_boolean(), "{name}.{key} is not a boolean");
        }
        // Every parameter's default, alone, is a spec the sampler accepts.
        for param in entry["params"].as_array().unwrap() {
            let p = param["name"].as_str().unwrap();
            let default = match &param["default"] {
                serde_json::Value::String(word) => word.clone(),
                number => {
                    let (v, lo, hi) = (
                        number.as_f64().unwrap(),
                        param["min"].as_f64().unwrap(),
                        param["max"].as_f64().unwrap(),
                    );
                    assert!(lo <= v && v <= hi, "{name}.{p}: {v} outside [{lo}, {hi}]");
                    format!("{}", v as f32)
                }
            };
            let spec = format!("{name}({p}={default})");
            assert!(sample_activation(&spec, -1.0, 1.0, 3).is_ok(), "{spec}");
        }
    }
}

#[wasm_bindgen_test]
fn specs_come_back_canonical_and_bad_specs_are_errors() {
    assert_eq!(activation_spec("relu").unwrap(), "relu");
    assert_eq!(
        activation_spec(" leaky_relu( negative_slope = 0.10 ) ").unwrap(),
        "leaky_relu(negative_slope=0.1)"
    );
    assert_eq!(
        activation_spec("gelu(approximate=tanh)").unwrap(),
        "gelu(approximate=tanh)"
    );
    for name in Activation::NAMES {
        let canonical = activation_spec(name).unwrap();
        assert_eq!(activation_spec(&canonical).unwrap(), canonical, "{name}");
        assert!(
            sample_activation(&canonical, -10.0, 10.0, 64).is_ok(),
            "{canonical}"
        );
    }
    for bad in [
        "",
        "no_such_function",
        "relu(",
        "leaky_relu(slope=0.1)",
        "leaky_relu(negative_slope=NaN)",
        "hardtanh(min_val=2, max_val=1)",
        "gelu(approximate=fast)",
    ] {
        assert!(activation_spec(bad).is_err(), "{bad:?} was accepted");
        assert!(
            sample_activation(bad, 0.0, 1.0, 10).is_err(),
            "{bad:?} was sampled"
        );
    }
}

#[wasm_bindgen_test]
fn samples_are_finite_wherever_the_true_values_are() {
    for name in Activation::NAMES {
        let out = sample_activation(name, -1000.0, 1000.0, 4001).unwrap();
        assert!(
            out.iter().all(|v| v.is_finite()),
            "{name} gave a non-finite sample"
        );
    }
}
