//! `parseEmbedLink` as the embeddable widget calls it: any string gives JSON, anything else an error.

use activation_playground::web::parse_embed_link;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn parsed(hash: &str) -> serde_json::Value {
    serde_json::from_str(&parse_embed_link(JsValue::from_str(hash)).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn an_embed_link_splits_into_view_hide_autoplay_and_a_canonical_config() {
    let json = parsed("#view=race&race=relu,tanh&hide=chart,record&autoplay=1&dataset=xor");
    assert_eq!(json["view"], "race");
    assert_eq!(json["hide"], serde_json::json!(["chart", "record"]));
    assert_eq!(json["autoplay"], true);
    assert_eq!(json["race"], serde_json::json!(["relu", "tanh"]));
    let config = json["config"].as_str().unwrap();
    assert!(config.starts_with("dataset=xor&"), "{config}");
    assert!(!config.contains("view="), "{config}");
    assert_eq!(json["warnings"], serde_json::json!([]));
}

#[wasm_bindgen_test]
fn hostile_strings_give_defaults_and_warnings_never_a_trap() {
    for hash in [
        "",
        "#",
        "view=&hide=&autoplay=",
        "%%%&==&",
        &"a".repeat(100_000),
        "view=curve\u{0}",
    ] {
        let json = parsed(hash);
        assert!(json["view"].is_string(), "{hash:.40}");
        assert!(json["warnings"].is_array());
    }
    let json = parsed("view=film&autoplay=soon");
    assert_eq!(json["view"], "train");
    assert_eq!(json["autoplay"], false);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 2);
}

#[wasm_bindgen_test]
fn anything_but_a_string_is_an_error() {
    assert!(parse_embed_link(JsValue::from_f64(3.0)).is_err());
    assert!(parse_embed_link(JsValue::NULL).is_err());
    assert!(parse_embed_link(JsValue::UNDEFINED).is_err());
}
