//! Points a person draws travel in the config's `edits` key: a link reproduces the same data and the
//! same training bit for bit, the edits follow add / remove / clear / regenerate as the page sees them,
//! and hostile `edits` text is refused (strict) or dropped with a warning (lenient), never a panic.

use activation_playground::config::{Change, Config, Edits};
use activation_playground::dataset::Point;
use activation_playground::link::Link;
use activation_playground::rng::Rng;
use activation_playground::Session;

fn weights_bits(s: &Session) -> Vec<u32> {
    s.network().params().iter().map(|w| w.to_bits()).collect()
}

fn point(x: f32, y: f32, label: f32) -> Point {
    Point { x, y, label }
}

#[test]
fn a_link_with_five_drawn_points_reproduces_training_bit_for_bit() {
    let mut a = Session::from_config("dataset=xor&layers=5,3&seed=11&batch=7").unwrap();
    for (x, y, label) in [
        (1.234_567, -2.345_678, 1.0),
        (-5.999_9, 5.999_9, 0.0),
        (0.004_9, -0.005_1, 1.0),
        (3.151_59, 2.728_28, 0.0),
        (-4.444_44, -1.111_11, 1.0),
    ] {
        a.add_point(point(x, y, label)).unwrap();
    }
    let link = a.link();
    assert!(a.link_has_points());
    let edits = link
        .split("&edits=")
        .nth(1)
        .expect("the link carries the edits");
    assert!(edits.len() + "&edits=".len() < 100, "{edits}");
    let mut b = Session::from_config(&link).unwrap();
    assert_eq!(
        a.dataset(),
        b.dataset(),
        "same points, same order, same bits"
    );
    assert_eq!(weights_bits(&a), weights_bits(&b));
    a.step(40);
    b.step(40);
    assert_eq!(a.epoch(), 40);
    assert_eq!(
        weights_bits(&a),
        weights_bits(&b),
        "training diverged between the two"
    );
    // The page opens links through the lenient reader: the same config.
    assert_eq!(Link::parse(&format!("#{link}")).config, *b.config());
}

#[test]
fn removals_clears_and_regeneration_are_recorded_as_the_page_sees_them() {
    let mut s = Session::from_config("dataset=circle&points=40&train=50&seed=3").unwrap();
    let first_test = s.dataset().test[2];
    let first_train = s.dataset().train[5];
    s.add_point(point(1.0, 1.0, 1.0)).unwrap();
    s.add_point(point(-2.0, 2.0, 0.0)).unwrap();
    assert!(s.remove_nearest(first_test.x, first_test.y, 1e-6));
    assert!(s.remove_nearest(first_train.x, first_train.y, 1e-6));
    assert!(
        s.remove_nearest(1.0, 1.0, 1e-6),
        "an added point can be removed"
    );
    let edits = &s.config().edits;
    assert_eq!(edits.removed.len(), 2);
    assert_eq!(edits.added.len(), 1);
    assert_eq!(s.dataset().len(), 40 - 2 + 1);
    let again = Session::from_config(&s.config().to_string()).unwrap();
    assert_eq!(again.dataset(), s.dataset());

    s.clear_points();
    s.add_point(point(0.5, 0.5, 1.0)).unwrap();
    assert_eq!(
        s.config().to_string().split("&edits=").nth(1),
        Some("c;a0.5:0.5:1")
    );
    assert_eq!(s.dataset().len(), 1);
    let again = Session::from_config(&s.config().to_string()).unwrap();
    assert_eq!(again.dataset(), s.dataset());

    // Regenerate and data keys drop the edits; live and network keys keep them.
    s.set_value("lr", "0.1").unwrap();
    s.set_value("layers", "3").unwrap();
    assert!(!s.config().edits.is_empty());
    assert_eq!(s.set_value("noise", "5").unwrap(), Change::Data);
    assert!(s.config().edits.is_empty());
    assert_eq!(s.dataset().len(), 40);
    s.add_point(point(0.5, 0.5, 1.0)).unwrap();
    s.regenerate();
    assert!(s.config().edits.is_empty());
    assert!(!s.config().to_string().contains("edits"));
}

#[test]
fn added_points_are_snapped_and_a_point_outside_the_domain_is_refused() {
    let mut s = Session::from_config("dataset=plane&points=10").unwrap();
    s.add_point(point(1.006, -0.004, 0.333)).unwrap();
    let added = *s.dataset().train.last().unwrap();
    assert_eq!((added.x, added.y, added.label), (1.01, 0.0, 0.33));
    assert!(s.add_point(point(6.004, 0.0, 0.0)).is_err());
    assert!(s.add_point(point(0.0, f32::NAN, 0.0)).is_err());
    assert!(s.add_point(point(0.0, 0.0, 1.5)).is_err());
    assert_eq!(
        s.config().edits.added.len(),
        1,
        "refused points leave no trace"
    );
}

#[test]
fn a_link_too_long_for_the_points_says_so_and_a_model_file_carries_them() {
    let mut s = Session::from_config("dataset=gauss&points=10&layers=2").unwrap();
    let mut rng = Rng::new(4);
    for _ in 0..600 {
        let p = point(
            rng.uniform(-6.0, 6.0),
            rng.uniform(-6.0, 6.0),
            rng.usize(2) as f32,
        );
        s.add_point(p).unwrap();
    }
    assert!(s.config().to_string().len() > Config::MAX_TEXT_LEN);
    assert!(!s.link_has_points());
    let link = s.link();
    assert!(!link.contains("edits") && link.len() <= Config::MAX_TEXT_LEN);
    let model = s.export_model();
    let mut t = Session::from_config("").unwrap();
    t.import_model(&model).unwrap();
    assert_eq!(t.dataset(), s.dataset());
    assert_eq!(t.config(), s.config());
}

#[test]
fn edits_must_fit_their_data_set() {
    for (text, fragment) in [
        ("points=10&edits=r10", "only 10 points"),
        ("dataset=circle&edits=a0:0:2", "class 0 or 1"),
        ("dataset=blobs3&edits=a0:0:0.5", "class 0, 1 or 2"),
        ("dataset=plane&edits=a0:0:2", "target from -1 to 1"),
    ] {
        let e = text.parse::<Config>().expect_err(text);
        assert_eq!(e.key(), Some("edits"), "{text}");
        assert!(e.to_string().contains(fragment), "{text}: {e}");
        let (lenient, warnings) = Config::parse_lenient(text);
        assert!(
            lenient.edits.is_empty() && warnings.len() == 1,
            "{text}: {warnings:?}"
        );
    }
    // The label reads as `{}` writes it.
    let e = "dataset=blobs3&edits=a0:0:0.5"
        .parse::<Config>()
        .unwrap_err();
    assert!(e.to_string().contains("has label 0.5;"), "{e}");
    // Key order does not matter: the check runs once every key is read.
    let c: Config = "edits=a0:0:2&dataset=blobs3".parse().unwrap();
    assert_eq!(c.edits.added.len(), 1);
    // 2000 generated and 2000 drawn is the most a set holds.
    let full = format!("points=2000&edits=a{}", vec!["0:0:0"; 2000].join(","));
    assert!(full.parse::<Config>().is_ok());
    let over = format!("points=2000&edits=a{}", vec!["0:0:0"; 2001].join(","));
    assert!(over
        .parse::<Config>()
        .unwrap_err()
        .to_string()
        .contains("4001 points"));
}

#[test]
fn hostile_edits_are_refused_or_dropped_never_a_panic() {
    const PIECES: &[&str] = &[
        "c",
        "r",
        "a",
        ";",
        ",",
        ":",
        "-",
        ".",
        "0",
        "1",
        "2",
        "5",
        "9",
        "10",
        "600",
        "1999",
        "2000",
        "-6",
        "6.01",
        "0.5",
        "0.001",
        "99999999999",
        "%3B",
        "%",
        "&",
        "=",
        "é",
        "\u{0}",
        " ",
        "+",
    ];
    let mut rng = Rng::new(77);
    let mut accepted = 0;
    for _ in 0..20_000 {
        let value: String = (0..rng.usize(14))
            .map(|_| PIECES[rng.usize(PIECES.len())])
            .collect();
        let text = format!("points={}&edits={value}", 10 + rng.usize(30));
        match text.parse::<Config>() {
            Ok(c) => {
                accepted += 1;
                let again: Config = c.to_string().parse().unwrap();
                assert_eq!(again, c, "{text}");
                let s = Session::new(c.clone()).unwrap();
                let kept = if c.edits.cleared {
                    0
                } else {
                    c.points as usize - c.edits.removed.len()
                };
                assert_eq!(s.dataset().len(), kept + c.edits.added.len(), "{text}");
            }
            Err(e) => {
                if e.key() == Some("edits") {
                    assert!(e.to_string().starts_with("edits"), "{text}: {e}");
                }
                let (lenient, warnings) = Config::parse_lenient(&text);
                assert!(!warnings.is_empty(), "{text}");
                assert_eq!(lenient.to_string().parse::<Config>().unwrap(), lenient);
            }
        }
        let mut c = Config::default();
        let before = c.clone();
        if c.set_value("edits", &value).is_err() {
            assert_eq!(c, before);
        }
    }
    assert!(
        accepted > 100,
        "only {accepted} accepted: the generator tests too little"
    );
    assert_eq!(Edits::parse("").unwrap(), Edits::default());
}
