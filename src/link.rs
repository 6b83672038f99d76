//! The page's link: what a URL hash means. Either `preset=<slug>` (an evidence preset) or a config text,
//! read leniently: a link anyone can craft never fails to open, and each part it ignores is said in words.

use crate::config::Config;
use crate::evidence::PRESETS;

/// What a URL hash asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The config to open (the defaults for a preset link).
    pub config: Config,
    /// One sentence per ignored part of the link.
    pub warnings: Vec<String>,
    /// The preset to run, for a `preset=<slug>` link with a known slug.
    pub preset: Option<&'static str>,
}

impl Link {
    /// Reads a raw hash, with or without its leading `#`. Never fails: a text over
    /// [`Config::MAX_TEXT_LEN`] gives the defaults and one warning; see [`Config::parse_lenient`].
    pub fn parse(hash: &str) -> Link {
        let body = hash.strip_prefix('#').unwrap_or(hash);
        if body.len() <= Config::MAX_TEXT_LEN {
            if let Some(slug) = body.strip_prefix("preset=") {
                return match PRESETS.iter().find(|p| p.slug == slug) {
                    Some(p) => Link {
                        config: Config::default(),
                        warnings: Vec::new(),
                        preset: Some(p.slug),
                    },
                    None => Link {
                        config: Config::default(),
                        warnings: vec![format!(
                            "ignored the preset '{}': there is no such preset",
                            clip(slug)
                        )],
                        preset: None,
                    },
                };
            }
        }
        let (config, warnings) = Config::parse_lenient(body);
        Link {
            config,
            warnings,
            preset: None,
        }
    }

    /// As JSON: `{"config": "<canonical text>", "warnings": ["…"], "preset": "<slug>" | null}`.
    pub fn to_json(&self) -> String {
        let mut w = crate::json::Writer::new();
        w.begin_object();
        w.key("config").string(&self.config.to_string());
        w.key("preset").opt_string(self.preset);
        w.key("warnings").strings(&self.warnings);
        w.end_object();
        w.finish()
    }
}

/// At most 40 characters of `s`, with "…" when cut.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_a_config_a_preset_or_the_defaults_with_a_reason() {
        let link = Link::parse("#noise=10&colour=red");
        assert_eq!(link.config.noise, 10);
        assert_eq!(link.warnings.len(), 1);
        assert!(link.warnings[0].contains("colour"), "{:?}", link.warnings);
        assert_eq!(Link::parse("noise=10").config.noise, 10);

        let link = Link::parse("#preset=deep-sigmoid");
        assert_eq!(
            (link.preset, link.warnings.len()),
            (Some("deep-sigmoid"), 0)
        );
        assert_eq!(link.config, Config::default());
        let link = Link::parse("preset=no-such-thing");
        assert_eq!(link.preset, None);
        assert!(link.warnings[0].contains("no-such-thing"));

        let long = format!("#noise=1&seed={}", "1".repeat(5000));
        let link = Link::parse(&long);
        assert_eq!(link.config, Config::default());
        assert_eq!(link.warnings.len(), 1);
        assert!(
            link.warnings[0].contains("5013") && link.warnings[0].contains("4096"),
            "{:?}",
            link.warnings
        );

        let v: serde_json::Value =
            serde_json::from_str(&Link::parse("#lr=0.1&x").to_json()).unwrap();
        assert!(v["config"].as_str().unwrap().contains("lr=0.1"));
        assert_eq!(v["warnings"].as_array().unwrap().len(), 1);
        assert!(v["preset"].is_null());
        // One decoding only: %2525 is the text %25, which is no activation.
        let link = Link::parse("activation=leaky_relu(negative_slope%3D0.2)&noise=%2525");
        assert_eq!(
            link.config.activation.to_string(),
            "leaky_relu(negative_slope=0.2)"
        );
        assert_eq!(link.config.noise, 0);
        assert!(link.warnings[0].contains("noise"), "{:?}", link.warnings);
    }
}
