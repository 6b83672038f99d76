//! Embed links: the keys that only the embeddable widget (`embed.html`) reads, split off a link's hash.
//!
//! An embed link is an ordinary config link with up to three more keys:
//! - `view=curve|train|race`: what the widget shows (default `train`);
//! - `hide=a,b,…`: controls to leave out, named from [`HIDEABLE`];
//! - `autoplay=1`: start training (or the race) at once; `0` or absent: wait for the reader.
//!
//! Everything else goes to [`Config::parse_lenient`], so the config keys mean exactly what they mean on the
//! main page. Like the config, parsing never fails: every key or value it cannot use becomes a warning
//! sentence and the default stands.

use crate::Config;

/// What the widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// One activation's f and f′, with a hover read-out.
    Curve,
    /// The decision boundary training, with play, an activation switcher and the accuracy.
    Train,
    /// Two to four activations racing on the same data from the same draw.
    Race,
}

impl View {
    /// Every view, in the order the page offers them.
    pub const ALL: [View; 3] = [View::Curve, View::Train, View::Race];

    /// The name in a link.
    pub const fn name(self) -> &'static str {
        match self {
            View::Curve => "curve",
            View::Train => "train",
            View::Race => "race",
        }
    }

    /// Every name, in [`View::ALL`] order.
    const NAMES: [&'static str; View::ALL.len()] = names_of!(View::ALL, |v| v.name());

    fn from_name(name: &str) -> Option<View> {
        crate::name_index(&View::NAMES, name).map(|i| View::ALL[i])
    }
}

/// The controls `hide=` can leave out (each view has the ones that apply to it).
pub const HIDEABLE: [&str; 7] = [
    "title", "picker", "play", "readout", "chart", "record", "link",
];

/// The keys an embed link adds to a config link.
pub const KEYS: [&str; 3] = ["view", "hide", "autoplay"];

/// A parsed embed link.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedLink {
    /// What the widget shows.
    pub view: View,
    /// Names from [`HIDEABLE`], each once, in [`HIDEABLE`] order.
    pub hide: Vec<&'static str>,
    /// Whether training (or the race) starts without the reader pressing play.
    pub autoplay: bool,
    /// The config from the link's other keys.
    pub config: Config,
    /// One sentence per key or value that was ignored.
    pub warnings: Vec<String>,
}

/// Longest value quoted back in a warning.
const ECHO: usize = 24;

fn echo(text: &str) -> String {
    let mut out: String = text.chars().take(ECHO).collect();
    if text.chars().count() > ECHO {
        out.push('…');
    }
    out
}

/// Parses a link's hash (with or without its `#`); never fails.
pub fn parse(hash: &str) -> EmbedLink {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut link = EmbedLink {
        view: View::Train,
        hide: Vec::new(),
        autoplay: false,
        config: Config::default(),
        warnings: Vec::new(),
    };
    if body.len() > Config::MAX_TEXT_LEN {
        link.warnings.push(format!(
            "ignored the whole link: it is {} characters long, the limit is {}",
            body.len(),
            Config::MAX_TEXT_LEN
        ));
        return link;
    }
    let mut rest: Vec<&str> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !KEYS.contains(&key) {
            rest.push(pair);
            continue;
        }
        if seen.contains(&key) {
            link.warnings.push(format!(
                "ignored a repeated '{key}' (the first one is kept)"
            ));
            continue;
        }
        seen.push(key);
        match key {
            "view" => match View::from_name(value) {
                Some(view) => link.view = view,
                None => link.warnings.push(format!(
                    "ignored view '{}': it is one of {}",
                    echo(value),
                    View::NAMES.join(", ")
                )),
            },
            "hide" => {
                let mut hidden = [false; HIDEABLE.len()];
                for name in value.split(',').filter(|n| !n.is_empty()) {
                    match crate::name_index(&HIDEABLE, name) {
                        Some(i) => hidden[i] = true,
                        None => link.warnings.push(format!(
                            "ignored hide '{}': the controls that can be hidden are {}",
                            echo(name),
                            HIDEABLE.join(", ")
                        )),
                    }
                }
                // In HIDEABLE order, each once (a plain filter: a sort would cost the wasm 13 KB).
                link.hide.clear();
                for (name, on) in HIDEABLE.into_iter().zip(hidden) {
                    if on {
                        link.hide.push(name);
                    }
                }
            }
            _ => match value {
                "1" | "true" => link.autoplay = true,
                "0" | "false" => link.autoplay = false,
                other => link.warnings.push(format!(
                    "ignored autoplay '{}': it is 1 (start at once) or 0",
                    echo(other)
                )),
            },
        }
    }
    let (config, warnings) = Config::parse_lenient(&rest.join("&"));
    link.config = config;
    link.warnings.extend(warnings);
    link
}

impl EmbedLink {
    /// JSON for the page: `{view, hide, autoplay, config, activation, race, dataset, layers, warnings}`, where
    /// `config` is the canonical config text, `activation` its hidden activation's spec, `race` its racers'
    /// specs, `dataset` the data set's name and `layers` the hidden layer sizes (for a clip's file name).
    pub fn to_json(&self) -> String {
        // Keys in alphabetical order.
        let mut w = crate::json::Writer::new();
        w.begin_object();
        w.key("activation")
            .string(&self.config.activation.to_string());
        w.key("autoplay").bool(self.autoplay);
        w.key("config").string(&self.config.to_string());
        w.key("dataset").string(self.config.dataset.name());
        w.key("hide").strings(&self.hide);
        w.key("layers").begin_array();
        for &n in &self.config.layers {
            w.uint(n as u64);
        }
        w.end_array();
        w.key("race").begin_array();
        for a in &self.config.race {
            w.string(&a.to_string());
        }
        w.end_array();
        w.key("view").string(self.view.name());
        w.key("warnings").strings(&self.warnings);
        w.end_object();
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_config_link_is_the_train_view_with_that_config() {
        let link = parse("#dataset=spiral&activation=tanh&layers=8,8");
        assert_eq!(link.view, View::Train);
        assert!(link.hide.is_empty());
        assert!(!link.autoplay);
        assert!(link.warnings.is_empty(), "{:?}", link.warnings);
        let (expected, _) = Config::parse_lenient("dataset=spiral&activation=tanh&layers=8,8");
        assert_eq!(link.config, expected);
    }

    #[test]
    fn the_embed_keys_are_split_off_wherever_they_stand() {
        let link = parse("dataset=xor&view=curve&activation=gelu&hide=readout,title&autoplay=1");
        assert_eq!(link.view, View::Curve);
        assert_eq!(link.hide, vec!["title", "readout"]);
        assert!(link.autoplay);
        assert!(link.warnings.is_empty(), "{:?}", link.warnings);
        assert!(link.config.activation.to_string().starts_with("gelu"));
        assert_eq!(link.config.dataset.name(), "xor");
    }

    #[test]
    fn every_view_has_its_name() {
        for view in View::ALL {
            assert_eq!(parse(&format!("view={}", view.name())).view, view);
        }
    }

    #[test]
    fn bad_embed_values_are_warnings_and_the_defaults_stand() {
        let link = parse("view=movie&hide=play,everything,play&autoplay=yes&view=race");
        assert_eq!(link.view, View::Train);
        assert_eq!(link.hide, vec!["play"]);
        assert!(!link.autoplay);
        let text = link.warnings.join(" | ");
        assert!(text.contains("view 'movie'"), "{text}");
        assert!(text.contains("hide 'everything'"), "{text}");
        assert!(text.contains("autoplay 'yes'"), "{text}");
        assert!(text.contains("repeated 'view'"), "{text}");
        assert_eq!(link.warnings.len(), 4, "{text}");
    }

    #[test]
    fn bad_config_keys_are_the_configs_own_warnings() {
        let link = parse("view=race&lr=banana&race=relu,tanh");
        assert_eq!(link.view, View::Race);
        assert_eq!(link.warnings.len(), 1, "{:?}", link.warnings);
        assert!(link.warnings[0].contains("lr"), "{:?}", link.warnings);
        assert_eq!(link.config.race.len(), 2);
    }

    #[test]
    fn an_overlong_or_hostile_hash_gives_the_defaults() {
        let long = format!("view=curve&{}", "x".repeat(5000));
        let link = parse(&long);
        assert_eq!(link.view, View::Train);
        assert_eq!(link.config, Config::default());
        assert_eq!(link.warnings.len(), 1);
        for hostile in [
            "&&&",
            "=",
            "view",
            "hide=,,,",
            "#",
            "%",
            "view=%00",
            "autoplay=",
            "\u{0}",
        ] {
            let link = parse(hostile);
            assert_eq!(link.view, View::Train, "{hostile}");
            serde_json::from_str::<serde_json::Value>(&link.to_json()).unwrap();
        }
    }

    #[test]
    fn json_carries_the_canonical_config_and_the_specs() {
        let link =
            parse("view=race&race=relu,tanh&activation=leaky_relu(negative_slope=0.2)&hide=chart");
        let json: serde_json::Value = serde_json::from_str(&link.to_json()).unwrap();
        assert_eq!(json["view"], "race");
        assert_eq!(json["hide"], serde_json::json!(["chart"]));
        assert_eq!(json["autoplay"], false);
        assert_eq!(json["config"], link.config.to_string());
        assert_eq!(json["activation"], "leaky_relu(negative_slope=0.2)");
        assert_eq!(json["race"], serde_json::json!(["relu", "tanh"]));
        assert_eq!(json["dataset"], "circle");
        assert_eq!(json["layers"], serde_json::json!([8, 8, 8, 8]));
        assert_eq!(json["warnings"], serde_json::json!([]));
        // The canonical config reads back to the same config.
        assert_eq!(
            json["config"].as_str().unwrap().parse::<Config>().unwrap(),
            link.config
        );
    }
}
