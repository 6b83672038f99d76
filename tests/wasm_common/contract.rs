//! The page's contract with the core, called as the page calls it: `describe`, `parseLink`,
//! `configWith`, the plain-value `set` / `values`, links with drawn points, palettes and the input-feature
//! thumbnails. Bad arguments come back as errors naming the argument.

use activation_playground::web::{config_with, describe, parse_link, Playground, Race};
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

use super::robust::refused;

fn parsed(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// A copy of the bytes a page would view at `ptr .. ptr + len` in wasm memory.
fn view(ptr: usize, len: usize) -> Vec<u8> {
    // SAFETY: ptr/len come from a live Vec<u8> owned by the playground, and nothing runs in between;
    // this is the view the page makes with `new Uint8Array(memory.buffer, ptr, len)`.
    unsafe { std::slice::from_raw_parts(ptr as *const u8, len) }.to_vec()
}

#[wasm_bindgen_test]
fn describe_gives_limits_keys_and_catalogues() {
    let d = parsed(&describe());
    assert_eq!(d["frame"], json!({"grid": 100, "thumb": 32}));
    assert_eq!(d["limits"]["linkChars"], 4096);
    assert_eq!(d["limits"]["hiddenLayers"]["max"], 8);
    assert_eq!(d["keys"].as_array().unwrap().len(), 16);
    assert_eq!(d["keys"][15]["name"], "edits");
    assert_eq!(d["datasets"][9]["regression"], true);
    assert!(d["activations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["hue"].as_u64().is_some_and(|h| h < 360)));
    assert_eq!(d["palette"]["class1"], json!([36, 110, 188]));
}

#[wasm_bindgen_test]
fn parse_link_never_throws_and_explains() {
    let link = parsed(&parse_link("#noise=10&colour=red"));
    assert!(link["config"].as_str().unwrap().contains("noise=10"));
    assert_eq!(link["warnings"].as_array().unwrap().len(), 1);
    assert!(link["preset"].is_null());
    assert_eq!(
        parsed(&parse_link("#preset=deep-sigmoid"))["preset"],
        "deep-sigmoid"
    );
    assert_eq!(parsed(&parse_link("#lesson=7"))["lesson"], 7);
    let bad = parsed(&parse_link("#lesson=0"));
    assert!(bad["lesson"].is_null());
    assert!(bad["warnings"][0].as_str().unwrap().contains("lesson step"));
    for hostile in [
        "",
        "#",
        "%",
        "&&&",
        "#edits=r99999",
        "#edits=a9:9:9",
        "\u{0}=\u{0}",
    ] {
        let v = parsed(&parse_link(hostile));
        assert!(v["config"].as_str().is_some(), "{hostile:?}");
    }
    let huge = format!("#{}", "x".repeat(10_000));
    let v = parsed(&parse_link(&huge));
    assert!(v["warnings"][0].as_str().unwrap().contains("4096"));
}

#[wasm_bindgen_test]
fn config_with_sets_a_plain_value_or_names_the_key() {
    let text = config_with(
        "dataset=xor",
        "activation",
        "leaky_relu(negative_slope=0.2)",
    )
    .unwrap();
    assert!(text.contains("dataset=xor&"), "{text}");
    assert!(
        text.contains("activation=leaky_relu(negative_slope%3D0.2)"),
        "{text}"
    );
    let text = config_with("", "race", "relu,tanh").unwrap();
    assert!(text.ends_with("race=relu,tanh"), "{text}");
    refused(
        "configWith(noise=99)",
        config_with("", "noise", "99"),
        &["noise", "0 to 50"],
    );
    refused(
        "configWith(bad key)",
        config_with("", "colour", "red"),
        &["colour"],
    );
    refused(
        "configWith(bad config)",
        config_with("noise=x", "lr", "0.1"),
        &["config", "noise"],
    );
    // Plain means not decoded: "%3D" is not "=".
    refused(
        "configWith(encoded)",
        config_with("", "activation", "leaky_relu(negative_slope%3D0.2)"),
        &["activation"],
    );
}

#[wasm_bindgen_test]
fn values_are_plain_and_set_does_not_decode_again() {
    let mut pg =
        Playground::new("activation=leaky_relu(negative_slope%3D0.1)&race=relu,tanh").unwrap();
    let v = parsed(&pg.values());
    assert_eq!(v["activation"], "leaky_relu(negative_slope=0.1)");
    assert_eq!(v["layers"], json!([8, 8, 8, 8]));
    assert_eq!(v["features"], json!(["x1", "x2"]));
    assert_eq!(v["race"], json!(["relu", "tanh"]));
    assert_eq!(v["lr"], "0.003");
    assert_eq!(v["edits"], false);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 16);
    assert_eq!(pg.set("activation", "tanh").unwrap(), "live");
    refused(
        "set(activation, %3D)",
        pg.set("activation", "elu(alpha%3D2)"),
        &["activation"],
    );
    refused("set(noise, %25)", pg.set("noise", "%25"), &["noise"]);
    assert_eq!(pg.set("activation", "elu(alpha=2)").unwrap(), "live");
}

#[wasm_bindgen_test]
fn drawn_points_are_in_the_link_until_it_is_too_long() {
    let mut pg = Playground::new("dataset=xor&points=10").unwrap();
    assert!(pg.link_has_points());
    pg.add_point(1.234, -2.5, 1.0).unwrap();
    assert!(parsed(&pg.values())["edits"] == true);
    let link = pg.link();
    assert!(link.ends_with("&edits=a1.23:-2.5:1"), "{link}");
    let other = Playground::new(&link).unwrap();
    assert_eq!(other.points(), pg.points());
    for k in 0..500 {
        let x = -5.0 + f64::from(k % 100) / 10.0;
        pg.add_point(x, f64::from(k / 100) - 2.0, 0.0).unwrap();
    }
    assert!(!pg.link_has_points());
    assert!(!pg.link().contains("edits") && pg.config().contains("edits"));
    pg.regenerate();
    assert!(pg.link_has_points() && !pg.config().contains("edits"));
}

#[wasm_bindgen_test]
fn palettes_and_feature_thumbnails() {
    let mut pg = Playground::new("").unwrap();
    refused(
        "setPalette(11 bytes)",
        pg.set_palette(&[0; 11]),
        &["rgb", "12"],
    );
    refused(
        "setPalette(13 bytes)",
        pg.set_palette(&[0; 13]),
        &["rgb", "12"],
    );
    for bad in [0.0, 65.0, 1.5, f64::NAN, f64::INFINITY, -1.0] {
        refused(
            "renderFeatures",
            pg.render_features(bad),
            &["thumb", "1 to 64"],
        );
    }
    let colours = [10, 20, 30, 200, 210, 220, 1, 2, 3, 90, 90, 90];
    pg.set_palette(&colours).unwrap();
    pg.render_features(32.0).unwrap();
    let px = view(pg.feature_pixels_ptr(), pg.feature_pixels_len());
    assert_eq!(px.len(), 7 * 32 * 32 * 4);
    // x1: the left column is the most negative value (class 0), the right column the most positive.
    assert_eq!(&px[..4], &[10, 20, 30, 255]);
    assert_eq!(&px[31 * 4..32 * 4], &[200, 210, 220, 255]);
    // x2, row 0 = top = y = +6: class 1.
    let x2 = &px[32 * 32 * 4..];
    assert_eq!(&x2[..4], &[200, 210, 220, 255]);
    // The output map is painted with the palette too: a class-0 corner of xor is near class 0's colour.
    pg.render(8.0, 4.0, true).unwrap();
    let out = view(pg.output_pixels_ptr(), pg.output_pixels_len());
    assert!(out
        .chunks(4)
        .all(|p| p[..3] == [10, 20, 30] || p[..3] == [200, 210, 220]));

    let mut race = Race::new("points=20&layers=2&race=relu,tanh").unwrap();
    refused(
        "Race.setPalette",
        race.set_palette(&[1, 2, 3]),
        &["rgb", "12"],
    );
    race.set_palette(&colours).unwrap();
    race.render(4.0, true).unwrap();
    let b = view(
        race.boundary_ptr(0.0).unwrap(),
        race.boundary_len(0.0).unwrap(),
    );
    assert!(b
        .chunks(4)
        .all(|p| p[..3] == [10, 20, 30] || p[..3] == [200, 210, 220]));
    let v = parsed(&race.values());
    assert_eq!(v["race"], json!(["relu", "tanh"]));
}

#[wasm_bindgen_test]
fn regions_name_a_class_per_cell() {
    let mut pg = Playground::new("dataset=circle&layers=4&optimizer=adam&lr=0.03&seed=3").unwrap();
    pg.step(100.0).unwrap();
    let map = pg.regions(9.0).unwrap();
    assert_eq!(map.len(), 81);
    assert!(map.iter().all(|&c| c <= 1), "{map:?}");
    // The circle's inner class is class 1: a trained net gives it the centre and class 0 the corners.
    assert_eq!(map[40], 1, "{map:?}");
    assert_eq!([map[0], map[8], map[72], map[80]], [0; 4], "{map:?}");
    let mut three = Playground::new("dataset=blobs3&layers=4").unwrap();
    assert!(three.regions(4.0).unwrap().iter().all(|&c| c <= 2));
}
