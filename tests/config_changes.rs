//! A session redoes exactly what `Config::change_from` says a change needs, for every key of the table:
//! live keys keep the weights and the epoch, network keys draw new weights on the same data, data keys
//! regenerate the data too.

use activation_playground::config::{Change, Config, KEY_TABLE};
use activation_playground::Session;

/// A valid value other than the default, per key.
fn other_value(key: &str) -> &'static str {
    match key {
        "dataset" => "xor",
        "noise" => "10",
        "train" => "60",
        "points" => "60",
        "activation" => "tanh",
        "layers" => "3",
        "lr" => "0.1",
        "optimizer" => "sgd",
        "batch" => "5",
        "reg" => "l2",
        "rate" => "0.01",
        "features" => "x1,x2,x1x2",
        "seed" => "2",
        "draw" => "1",
        "race" => "relu,tanh",
        "edits" => "r0",
        _ => panic!("no test value for the new key {key}: add one here"),
    }
}

#[test]
fn sessions_redo_what_the_key_table_says() {
    for key in KEY_TABLE {
        let mut s = Session::from_config("points=40").unwrap();
        s.step(3);
        let (params, data) = (s.network().params().to_vec(), s.dataset().clone());
        let before = s.config().clone();
        let change = s.set_value(key.name, other_value(key.name)).unwrap();
        assert_eq!(change, key.rebuilds, "{}", key.name);
        assert_eq!(change, s.config().change_from(&before), "{}", key.name);
        match change {
            Change::Live => {
                assert_eq!(s.epoch(), 3, "{}: a live change keeps training", key.name);
                assert_eq!(s.network().params(), &params[..], "{}", key.name);
            }
            Change::Network => {
                assert_eq!(s.epoch(), 0, "{}", key.name);
                assert_eq!(s.dataset(), &data, "{}: the data stays", key.name);
            }
            Change::Data => {
                assert_eq!(s.epoch(), 0, "{}", key.name);
                assert_ne!(s.dataset(), &data, "{}: the data is made again", key.name);
            }
        }
        let mut fresh: Config = "points=40".parse().unwrap();
        fresh.set_value(key.name, other_value(key.name)).unwrap();
        assert_eq!(s.config(), &fresh, "{}", key.name);
    }
}
