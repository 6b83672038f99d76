//! Every exported function refuses bad arguments with an `Error` whose message names the argument (and,
//! for numbers, the allowed range), and leaves the playground as it was. A trap would abort the test run,
//! so "returns Err" here also means "did not trap".

use activation_playground::web::{
    activation_catalogue, activation_spec, evidence_presets, sample_activation, Playground, Race,
};
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The message of a thrown `Error`.
pub(crate) fn message(e: JsError) -> String {
    let value = JsValue::from(e);
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Asserts `result` is an error whose message contains every one of `words`.
#[track_caller]
pub(crate) fn refused<T>(call: &str, result: Result<T, JsError>, words: &[&str]) {
    match result {
        Ok(_) => panic!("{call} was accepted"),
        Err(e) => {
            let m = message(e);
            for w in words {
                assert!(m.contains(w), "{call}: message {m:?} does not name {w:?}");
            }
        }
    }
}

/// What a refused call must leave alone.
fn fingerprint(pg: &Playground) -> (String, f64, Vec<f32>, Vec<f32>) {
    let mut weights = Vec::new();
    for l in 0..pg.layer_sizes().len() - 1 {
        weights.extend(pg.weights(l as f64).unwrap());
        weights.extend(pg.biases(l as f64).unwrap());
    }
    (pg.config(), pg.epoch(), weights, pg.points())
}

const NOT_FINITE: [f64; 3] = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];

#[wasm_bindgen_test]
fn free_functions_refuse_bad_arguments() {
    refused(
        "sampleActivation(unknown)",
        sample_activation("<script>", 0.0, 1.0, 10),
        &["relu"],
    );
    refused(
        "sampleActivation(NaN slope)",
        sample_activation("leaky_relu(negative_slope=NaN)", 0.0, 1.0, 10),
        &["negative_slope"],
    );
    for v in NOT_FINITE {
        refused(
            "sampleActivation(xMin)",
            sample_activation("relu", v, 1.0, 10),
            &["xMin"],
        );
        refused(
            "sampleActivation(xMax)",
            sample_activation("relu", 0.0, v, 10),
            &["xMax"],
        );
    }
    refused(
        "sampleActivation(xMin ≥ xMax)",
        sample_activation("relu", 1.0, 1.0, 10),
        &["xMin", "xMax"],
    );
    for n in [0, 1, (1 << 16) + 1, 1_000_000_000, u32::MAX] {
        refused(
            "sampleActivation(n)",
            sample_activation("relu", 0.0, 1.0, n),
            &["n", "2 to 65536"],
        );
    }
}

#[wasm_bindgen_test]
fn activation_specs_are_checked() {
    for (spec, word) in [
        ("", "relu"),
        ("<script>", "relu"),
        ("leaky_relu(negative_slope=inf)", "negative_slope"),
        ("elu(alpha=1e39)", "alpha"),
        ("celu(alpha=0)", "alpha"),
        ("hardtanh(min_val=1, max_val=-1)", "min_val"),
        ("relu(x=1)", "relu"),
        ("gelu(approximate=<b>)", "approximate"),
        ("leaky_relu(negative_slope=0.1", "("),
    ] {
        refused(
            &format!("activationSpec({spec:?})"),
            activation_spec(spec),
            &[word],
        );
    }
    assert_eq!(
        activation_spec(" leaky_relu( negative_slope = 0.10 ) ").unwrap(),
        "leaky_relu(negative_slope=0.1)"
    );
    let catalogue: serde_json::Value = serde_json::from_str(&activation_catalogue()).unwrap();
    assert!(catalogue.as_array().is_some_and(|a| a.len() >= 28));
    let presets: serde_json::Value = serde_json::from_str(&evidence_presets()).unwrap();
    assert!(presets.as_array().is_some_and(|a| !a.is_empty()));
}

#[wasm_bindgen_test]
fn races_refuse_bad_arguments() {
    for (config, word) in [
        ("", "race"),
        ("race=relu", "race"),
        ("race=relu,relu", "race"),
        ("race=relu,tanh,sigmoid,gelu,elu", "race"),
        ("race=relu,<script>", "race"),
        ("race=relu,tanh&lr=NaN", "lr"),
    ] {
        refused(&format!("new Race({config:?})"), Race::new(config), &[word]);
    }
    let mut race = Race::new("dataset=xor&layers=3&points=40&race=relu,tanh").unwrap();
    race.step(2.0).unwrap();
    for v in NOT_FINITE.into_iter().chain([-1.0, 0.5, 1e9]) {
        refused("race.step", race.step(v), &["nEpochs", "0 to 1000"]);
        refused("race.render", race.render(v, false), &["grid", "1 to 512"]);
        refused(
            "race.racerStatsJson",
            race.racer_stats_json(v),
            &["racer", "0 to 1"],
        );
        refused(
            "race.historyFrom(racer)",
            race.history_from(v, 0.0),
            &["racer", "0 to 1"],
        );
        if v != 1e9 {
            // Any whole epoch up to 2³² − 1 is a fine place to start reading history.
            refused(
                "race.historyFrom(from)",
                race.history_from(0.0, v),
                &["fromEpoch"],
            );
        }
        refused(
            "race.boundaryPtr",
            race.boundary_ptr(v),
            &["racer", "0 to 1"],
        );
        refused(
            "race.boundaryLen",
            race.boundary_len(v),
            &["racer", "0 to 1"],
        );
    }
    refused(
        "race.racerStatsJson(2)",
        race.racer_stats_json(2.0),
        &["racer", "0 to 1"],
    );
    refused(
        "race.render(513)",
        race.render(513.0, false),
        &["grid", "1 to 512"],
    );
    refused(
        "race.step(1001)",
        race.step(1001.0),
        &["nEpochs", "0 to 1000"],
    );
    assert_eq!(race.epoch(), 2.0, "a refused call trained");
    assert!(race.history_from(0.0, 1e6).unwrap().is_empty());
}

#[wasm_bindgen_test]
fn the_constructor_and_config_setters_refuse_bad_settings() {
    for (config, word) in [
        ("dataset=<script>alert(1)</script>", "dataset"),
        ("lr=NaN", "lr"),
        ("lr=inf", "lr"),
        ("lr=1e39", "lr"),
        ("lr=-1", "lr"),
        ("points=1000000000", "points"),
        ("points=0", "points"),
        ("layers=16,16,16,16,16,16,16,16,16", "layers"),
        ("layers=1000000", "layers"),
        ("batch=0", "batch"),
        ("seed=-1", "seed"),
        ("seed=9007199254740992", "seed"),
        ("noise=51", "noise"),
        ("features=", "features"),
        ("activation=javascript:alert(1)", "activation"),
        ("race=relu", "race"),
        ("javascript:alert(1)", "key=value"),
        ("%zz=1", "unknown key"),
        ("lr=%zz", "lr"),
    ] {
        refused(
            &format!("new Playground({config:?})"),
            Playground::new(config),
            &[word],
        );
    }
    let huge = "a".repeat(10 * 1024 * 1024);
    refused("new Playground(10 MB)", Playground::new(&huge), &["4096"]);

    let mut pg = Playground::new("dataset=xor&layers=3&points=40").unwrap();
    pg.step(3.0).unwrap();
    let before = fingerprint(&pg);
    for (key, value, word) in [
        ("lr", "NaN", "lr"),
        ("lr", "11", "10"),
        ("rate", "-1", "rate"),
        ("points", "1000000000", "2000"),
        ("layers", "17", "16"),
        ("unknown", "1", "unknown key"),
        ("<img src=x onerror=alert(1)>", "1", "unknown key"),
        ("activation", "<script>", "activation"),
        ("dataset", "", "dataset"),
        ("draw", "4294967296", "draw"),
    ] {
        refused(
            &format!("set({key:?}, {value:?})"),
            pg.set(key, value),
            &[word],
        );
        assert_eq!(
            fingerprint(&pg),
            before,
            "set({key:?}, {value:?}) changed the playground"
        );
    }
    refused("setConfig(bad)", pg.set_config("layers=4&lr=NaN"), &["lr"]);
    refused("setConfig(10 MB)", pg.set_config(&huge), &["4096"]);
    refused(
        "setActivation(unknown)",
        pg.set_activation("swishy"),
        &["relu"],
    );
    refused(
        "setActivation(NaN)",
        pg.set_activation("elu(alpha=NaN)"),
        &["alpha"],
    );
    assert_eq!(fingerprint(&pg), before);
}

#[wasm_bindgen_test]
fn every_method_refuses_bad_numbers_naming_the_argument_and_range() {
    let mut pg = Playground::new("dataset=spiral&layers=4,3&points=60").unwrap();
    pg.step(2.0).unwrap();
    let before = fingerprint(&pg);
    let weird = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.5,
        1e9,
        1e300,
    ];
    for v in weird {
        refused("step", pg.step(v), &["nEpochs", "0 to 10000"]);
        refused("weights", pg.weights(v), &["layer", "0 to 2"]);
        refused("biases", pg.biases(v), &["layer", "0 to 2"]);
        refused(
            "histogram(layer)",
            pg.histogram(v, -1.0, 1.0, 10.0),
            &["layer", "0 to 1"],
        );
        refused(
            "histogram(bins)",
            pg.histogram(0.0, -1.0, 1.0, v),
            &["bins", "1 to 256"],
        );
        refused(
            "render(grid)",
            pg.render(v, 8.0, false),
            &["grid", "1 to 512"],
        );
        refused(
            "render(thumb)",
            pg.render(10.0, v, false),
            &["thumb", "1 to 64"],
        );
        refused("regions", pg.regions(v), &["n", "1 to 64"]);
        refused(
            "project(layer)",
            pg.project(v, 0.0, 1.0, true, &[0.0, 0.0]),
            &["layer", "0 to 1"],
        );
        refused(
            "project(i)",
            pg.project(0.0, v, 1.0, true, &[0.0, 0.0]),
            &["i", "0 to 3"],
        );
        refused(
            "project(j)",
            pg.project(1.0, 0.0, v, false, &[0.0, 0.0]),
            &["j", "0 to 2"],
        );
    }
    for v in [10_001.0, 2e9] {
        refused("step(too many)", pg.step(v), &["nEpochs", "0 to 10000"]);
    }
    refused("weights(3)", pg.weights(3.0), &["layer", "0 to 2"]);
    refused(
        "histogram(2)",
        pg.histogram(2.0, -1.0, 1.0, 10.0),
        &["layer", "0 to 1"],
    );
    refused(
        "histogram(0 bins)",
        pg.histogram(0.0, -1.0, 1.0, 0.0),
        &["bins", "1 to 256"],
    );
    refused(
        "histogram(257 bins)",
        pg.histogram(0.0, -1.0, 1.0, 257.0),
        &["bins", "1 to 256"],
    );
    refused(
        "render(0)",
        pg.render(0.0, 8.0, false),
        &["grid", "1 to 512"],
    );
    refused(
        "render(513)",
        pg.render(513.0, 8.0, false),
        &["grid", "1 to 512"],
    );
    refused(
        "render(65 thumb)",
        pg.render(100.0, 65.0, false),
        &["thumb", "1 to 64"],
    );
    refused("regions(0)", pg.regions(0.0), &["n", "1 to 64"]);
    refused("regions(65)", pg.regions(65.0), &["n", "1 to 64"]);
    refused(
        "project(i = 4)",
        pg.project(0.0, 4.0, 1.0, true, &[]),
        &["i", "0 to 3"],
    );
    for v in NOT_FINITE.into_iter().chain([1e39, -1e300]) {
        refused(
            "histogram(xMin)",
            pg.histogram(0.0, v, 1.0, 10.0),
            &["xMin"],
        );
        refused(
            "histogram(xMax)",
            pg.histogram(0.0, -1.0, v, 10.0),
            &["xMax"],
        );
        refused("addPoint(x)", pg.add_point(v, 0.0, 1.0), &["x"]);
        refused("addPoint(y)", pg.add_point(0.0, v, 1.0), &["y"]);
        refused("addPoint(label)", pg.add_point(0.0, 0.0, v), &["label"]);
        refused("removeNearest(x)", pg.remove_nearest(v, 0.0, 1.0), &["x"]);
        refused("removeNearest(y)", pg.remove_nearest(0.0, v, 1.0), &["y"]);
        refused(
            "removeNearest(radius)",
            pg.remove_nearest(0.0, 0.0, v),
            &["radius"],
        );
    }
    refused(
        "histogram(xMin ≥ xMax)",
        pg.histogram(0.0, 1.0, 1.0, 10.0),
        &["xMin", "xMax"],
    );
    refused(
        "addPoint(outside)",
        pg.add_point(7.0, 0.0, 1.0),
        &["x", "[-6, 6]"],
    );
    refused(
        "addPoint(class 2)",
        pg.add_point(0.0, 0.0, 2.0),
        &["label", "0 or 1"],
    );
    refused(
        "addPoint(class 0.5)",
        pg.add_point(0.0, 0.0, 0.5),
        &["label", "0 or 1"],
    );
    refused(
        "removeNearest(radius < 0)",
        pg.remove_nearest(0.0, 0.0, -1.0),
        &["radius", "≥ 0"],
    );
    refused(
        "project(odd)",
        pg.project(0.0, 0.0, 1.0, true, &[1.0, 2.0, 3.0]),
        &["xy", "even"],
    );
    refused(
        "project(NaN)",
        pg.project(0.0, 0.0, 1.0, true, &[1.0, f32::NAN]),
        &["xy[1]", "finite"],
    );
    let too_many = vec![0.0f32; 200_002];
    refused(
        "project(100001 points)",
        pg.project(0.0, 0.0, 1.0, true, &too_many),
        &["xy", "200000"],
    );
    assert_eq!(
        fingerprint(&pg),
        before,
        "a refused call changed the playground"
    );

    // A network without hidden layers has nothing to project or histogram.
    let pg = Playground::new("layers=").unwrap();
    refused(
        "histogram(no hidden)",
        pg.histogram(0.0, -1.0, 1.0, 4.0),
        &["layer"],
    );
    let mut pg = pg;
    refused(
        "project(no hidden)",
        pg.project(0.0, 0.0, 0.0, true, &[]),
        &["layer"],
    );
}

#[wasm_bindgen_test]
fn damaged_and_hostile_model_files_are_refused_and_change_nothing() {
    let mut pg = Playground::new("dataset=gauss&layers=3&points=40&seed=9").unwrap();
    pg.step(4.0).unwrap();
    let good = pg.export_model();
    let before = fingerprint(&pg);
    let nan = good.replacen("\"biases\": [", "\"biases\": [NaN, ", 1);
    // The first weight replaced by a number beyond f32 (the shape stays right).
    let first = good.find("\"weights\": [").unwrap() + "\"weights\": [".len();
    let end = first + good[first..].find(',').unwrap();
    let huge_number = format!("{}1e39{}", &good[..first], &good[end..]);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(6 * 1024 * 1024));
    for (name, text, word) in [
        ("empty", "", "JSON"),
        ("script", "<script>alert(1)</script>", "JSON"),
        ("object", "{}", "format"),
        ("array", "[1, 2]", "object"),
        ("truncated", &good[..good.len() / 2], "JSON"),
        ("NaN", &nan, "JSON"),
        ("1e39", &huge_number, "32-bit"),
        (
            "version 2",
            &good.replacen("\"version\": 1", "\"version\": 2", 1),
            "version",
        ),
        (
            "hostile config",
            &good.replacen("dataset=gauss", "dataset=<script>", 1),
            "dataset",
        ),
        (
            "wrong shape",
            &good.replacen("layers=3", "layers=4", 1),
            "layers",
        ),
        ("deeply nested", &deep, "JSON"),
        ("6 MB", &big, "5 MB"),
    ] {
        refused(
            &format!("importModel({name})"),
            pg.import_model(text),
            &[word],
        );
        assert_eq!(
            fingerprint(&pg),
            before,
            "importModel({name}) changed the playground"
        );
    }
    let mut other = Playground::new("dataset=xor").unwrap();
    other.import_model(&good).unwrap();
    assert_eq!(fingerprint(&other).2, before.2);
}

/// Hostile numbers as a JS caller could pass them.
const HOSTILE: [f64; 14] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    -1.0,
    0.5,
    1.0,
    2.0,
    6.5,
    100.0,
    1e9,
    -1e9,
    f64::MAX,
];

#[wasm_bindgen_test]
fn random_hostile_calls_never_trap() {
    // A small seeded walk over the whole API with hostile numbers: any trap aborts the run.
    let mut pg = Playground::new("dataset=blobs3&layers=3,2&points=30").unwrap();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut pick = move || HOSTILE[(next() % HOSTILE.len() as u64) as usize];
    let mut errors = 0;
    for i in 0..3000 {
        let (a, b, c, d) = (pick(), pick(), pick(), pick());
        let ok = match i % 12 {
            0 => pg.step(a.abs().min(3.0)).is_ok(),
            1 => pg.histogram(a, b, c, d).is_ok(),
            2 => pg.render(a, b, c > 0.0).is_ok(),
            3 => pg.weights(a).is_ok() && pg.biases(b).is_ok(),
            4 => pg.add_point(a, b, c).is_ok(),
            5 => pg.remove_nearest(a, b, c).is_ok(),
            6 => pg.project(a, b, c, d > 0.0, &[a as f32, b as f32]).is_ok(),
            7 => pg.set("lr", &a.to_string()).is_ok(),
            8 => pg.set("layers", &format!("{},{}", a, b)).is_ok(),
            9 => pg
                .set_activation(if a > 1.0 {
                    "tanh"
                } else {
                    "gelu(approximate=x)"
                })
                .is_ok(),
            10 => {
                let json = pg.export_model();
                let cut = (b.abs().min(1.0) * json.len() as f64) as usize;
                pg.import_model(&json[..cut.min(json.len())]).is_ok()
            }
            _ => {
                pg.reset();
                serde_json::from_str::<serde_json::Value>(&pg.stats_json()).is_ok()
            }
        };
        errors += usize::from(!ok);
    }
    assert!(
        errors > 1000,
        "only {errors} of 3000 hostile calls were refused"
    );
    let sizes = pg.layer_sizes();
    for l in 0..sizes.len() - 1 {
        assert!(pg.weights(l as f64).unwrap().iter().all(|v| v.is_finite()));
    }
}
