//! The page's link: what a URL hash means. Either `preset=<slug>` (an evidence preset), `lesson=<n>` (a step
//! of the guided path, 1-based) or a config text,
//! read leniently: a link anyone can craft never fails to open, and each part it ignores is said in words.

use crate::config::Config;
use crate::evidence::PRESET_SLUGS;

/// What a URL hash asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The config to open (the defaults for a preset link).
    pub config: Config,
    /// One sentence per ignored part of the link.
    pub warnings: Vec<String>,
    /// The preset to run, for a `preset=<slug>` link with a known slug.
    pub preset: Option<&'static str>,
    /// The guided path's step to open, for a `lesson=<n>` link with `n` in 1..=[`Link::MAX_LESSON`].
    pub lesson: Option<u32>,
}

impl Link {
    /// The highest step number a `lesson=<n>` link may name (the page shows its own last step for any
    /// number above its count).
    pub const MAX_LESSON: u32 = 99;

    /// Reads a raw hash, with or without its leading `#`. Never fails: a text over
    /// [`Config::MAX_TEXT_LEN`] gives the defaults and one warning; see [`Config::parse_lenient`].
    pub fn parse(hash: &str) -> Link {
        let body = hash.strip_prefix('#').unwrap_or(hash);
        if body.len() <= Config::MAX_TEXT_LEN {
            if let Some(n) = body.strip_prefix("lesson=") {
                return Link::lesson(n);
            }
            if let Some(slug) = body.strip_prefix("preset=") {
                return match PRESET_SLUGS.iter().find(|&&known| known == slug) {
                    Some(&known) => Link {
                        config: Config::default(),
                        warnings: Vec::new(),
                        preset: Some(known),
                        lesson: None,
                    },
                    None => Link {
                        config: Config::default(),
                        warnings: vec![format!(
                            "ignored the preset '{}': there is no such preset",
                            clip(slug)
                        )],
                        preset: None,
                        lesson: None,
                    },
                };
            }
        }
        let (config, warnings) = Config::parse_lenient(body);
        Link {
            config,
            warnings,
            preset: None,
            lesson: None,
        }
    }

    /// A `lesson=<n>` link: step `n` of the guided path on the defaults, or the defaults and a warning.
    fn lesson(n: &str) -> Link {
        let step = n
            .parse::<u32>()
            .ok()
            .filter(|k| (1..=Link::MAX_LESSON).contains(k));
        let warnings = match step {
            Some(_) => Vec::new(),
            None => vec![format!(
                "ignored the lesson step '{}': a step is a whole number from 1 to {}",
                clip(n),
                Link::MAX_LESSON
            )],
        };
        Link {
            config: Config::default(),
            warnings,
            preset: None,
            lesson: step,
        }
    }

    /// As JSON: `{"config": "<canonical text>", "lesson": <n> | null, "preset": "<slug>" | null,
    /// "warnings": ["…"]}`.
    pub fn to_json(&self) -> String {
        let mut w = crate::json::Writer::new();
        w.begin_object();
        w.key("config").string(&self.config.to_string());
        match self.lesson {
            Some(n) => w.key("lesson").uint(n.into()),
            None => w.key("lesson").null(),
        };
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
        assert!(v["lesson"].is_null());
        // One decoding only: %2525 is the text %25, which is no activation.
        let link = Link::parse("activation=leaky_relu(negative_slope%3D0.2)&noise=%2525");
        assert_eq!(
            link.config.activation.to_string(),
            "leaky_relu(negative_slope=0.2)"
        );
        assert_eq!(link.config.noise, 0);
        assert!(link.warnings[0].contains("noise"), "{:?}", link.warnings);
    }

    #[test]
    fn a_lesson_link_names_a_step_or_says_why_not() {
        let link = Link::parse("#lesson=4");
        assert_eq!((link.lesson, link.preset), (Some(4), None));
        assert!(link.warnings.is_empty());
        assert_eq!(link.config, Config::default());
        let v: serde_json::Value = serde_json::from_str(&link.to_json()).unwrap();
        assert_eq!(v["lesson"], 4);
        for bad in [
            "lesson=0",
            "lesson=100",
            "lesson=two",
            "lesson=",
            "lesson=-1",
        ] {
            let link = Link::parse(bad);
            assert_eq!(link.lesson, None, "{bad}");
            assert_eq!(link.config, Config::default(), "{bad}");
            assert!(
                link.warnings[0].contains("lesson step"),
                "{bad}: {:?}",
                link.warnings
            );
        }
    }
}
