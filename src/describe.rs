//! What the page must not write down itself, as one JSON text: limits, the config keys, the data sets,
//! features, optimisers, penalties, activations with their hues, evidence presets, the palette and the
//! frame sizes. Every value comes from the constant or table that the rest of the core uses.

use serde_json::{json, Value};

use crate::config::{Config, DatasetKind, Feature, OptimizerKind, Regularization, KEY_TABLE};
use crate::dataset::{DOMAIN_MAX, DOMAIN_MIN};
use crate::render::{COLOURS, FRAME_GRID, FRAME_THUMB};
use crate::Activation;

/// An f32 as the JSON number its shortest decimal text is (0.00001, not 0.0000099999997…).
fn number(v: f32) -> Value {
    v.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn range<T: Into<Value>>((min, max): (T, T)) -> Value {
    json!({"min": min.into(), "max": max.into()})
}

/// The description as a JSON value (see the module documentation and `describe` in `web/`).
pub fn describe() -> Value {
    let defaults = Config::default();
    let keys: Vec<Value> = KEY_TABLE
        .iter()
        .map(|k| {
            json!({
                "name": k.name,
                "default": defaults.value_text(k.name).unwrap_or_default(),
                "rebuilds": k.rebuilds.name(),
                "doc": k.doc,
            })
        })
        .collect();
    let datasets: Vec<Value> = DatasetKind::ALL
        .iter()
        .map(|d| {
            json!({
                "name": d.name(),
                "label": d.label(),
                "classes": d.n_classes(),
                "regression": d.is_regression(),
            })
        })
        .collect();
    let named = |name: &str, label: &str| json!({"name": name, "label": label});
    let features: Vec<Value> = Feature::ALL
        .iter()
        .map(|f| named(f.name(), f.label()))
        .collect();
    let optimizers: Vec<Value> = OptimizerKind::ALL
        .iter()
        .map(|o| named(o.name(), o.label()))
        .collect();
    let regularizations: Vec<Value> = Regularization::ALL
        .iter()
        .map(|r| named(r.name(), r.label()))
        .collect();
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    let [class0, class1, class2, neutral] = COLOURS;
    json!({
        "domain": {"min": number(DOMAIN_MIN), "max": number(DOMAIN_MAX)},
        "frame": {"grid": FRAME_GRID, "thumb": FRAME_THUMB},
        "limits": {
            "linkChars": Config::MAX_TEXT_LEN,
            "hiddenLayers": {"min": 0, "max": Config::MAX_LAYERS},
            "units": range(Config::UNITS),
            "points": range(Config::POINTS),
            "pointsWithDrawn": Config::MAX_DATA_POINTS,
            "features": {"min": 1, "max": Feature::ALL.len()},
            "batch": range(Config::BATCH),
            "lr": {"min": number(Config::LR.0), "max": number(Config::LR.1)},
            "rate": {"min": number(Config::RATE.0), "max": number(Config::RATE.1)},
            "noise": range(Config::NOISE),
            "train": range(Config::TRAIN),
            "racers": range(Config::RACERS),
        },
        "learningRates": Config::LEARNING_RATES.iter().map(|&v| number(v)).collect::<Vec<_>>(),
        "keys": keys,
        "datasets": datasets,
        "features": features,
        "optimizers": optimizers,
        "regularizations": regularizations,
        "activations": parse(&Activation::catalogue_json()),
        "presets": parse(&crate::evidence::presets_json()),
        "palette": {"class0": class0, "class1": class1, "class2": class2, "neutral": neutral},
    })
}

/// [`describe`] as text.
pub fn describe_json() -> String {
    describe().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_holds_the_cores_own_values() {
        let d: Value = serde_json::from_str(&describe_json()).expect("JSON");
        assert_eq!(d["domain"], json!({"min": -6.0, "max": 6.0}));
        assert_eq!(d["frame"], json!({"grid": 100, "thumb": 32}));
        let limits = &d["limits"];
        assert_eq!(limits["linkChars"], 4096);
        assert_eq!(limits["hiddenLayers"], json!({"min": 0, "max": 8}));
        assert_eq!(limits["units"], json!({"min": 1, "max": 16}));
        assert_eq!(limits["points"], json!({"min": 10, "max": 2000}));
        assert_eq!(limits["pointsWithDrawn"], 4000);
        assert_eq!(limits["features"], json!({"min": 1, "max": 7}));
        assert_eq!(limits["batch"], json!({"min": 1, "max": 2000}));
        assert_eq!(limits["lr"], json!({"min": 0.00001, "max": 10.0}));
        assert_eq!(limits["rate"], json!({"min": 0.0, "max": 10.0}));
        assert_eq!(limits["noise"], json!({"min": 0, "max": 50}));
        assert_eq!(limits["train"], json!({"min": 10, "max": 90}));
        assert_eq!(limits["racers"], json!({"min": 2, "max": 4}));
        assert_eq!(
            d["learningRates"],
            json!([0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0])
        );
        let keys: Vec<&str> = d["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["name"].as_str().unwrap())
            .collect();
        assert_eq!(keys, Config::KEYS);
        assert_eq!(
            d["keys"][0],
            json!({"name": "dataset", "default": "circle", "rebuilds": "data",
            "doc": "which data set to generate"})
        );
        assert_eq!(d["keys"][5]["default"], "4,2");
        assert_eq!(
            d["datasets"][8],
            json!({"name": "plane", "label": "Plane", "classes": 1, "regression": true})
        );
        assert_eq!(d["datasets"][6]["classes"], 3);
        assert_eq!(
            d["features"][6],
            json!({"name": "sinx2", "label": "sin x₂"})
        );
        assert_eq!(d["optimizers"].as_array().unwrap().len(), 3);
        assert_eq!(
            d["regularizations"][1],
            json!({"name": "l1", "label": "L1"})
        );
        let activations = d["activations"].as_array().unwrap();
        assert_eq!(activations.len(), Activation::NAMES.len());
        assert_eq!(activations[5]["name"], "relu");
        assert_eq!(activations[5]["hue"], 0);
        assert_eq!(d["presets"][0]["slug"], "deep-sigmoid");
        assert_eq!(d["palette"]["class0"], json!([235, 126, 36]));
        assert_eq!(d["palette"]["neutral"], json!([242, 240, 235]));
    }
}
