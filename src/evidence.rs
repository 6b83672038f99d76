//! Evidence mode: the presets that reproduce the classic failures of activations, the measurements that
//! check them, and the bookkeeping of a race.
//!
//! The claims this module makes measurable (and `tests/evidence_claims.rs` checks on the engine):
//! - Gradients vanish where sigmoid and tanh saturate: σ′(x) ≤ 1/4 everywhere and → 0 for large |x|, so
//!   every sigmoid layer the error passes on its way back shrinks it. At initialisation of the deep
//!   preset the first hidden layer receives a mean |∂L/∂z| hundreds of times smaller, relative to the last
//!   hidden layer, than the same network with ReLU (He initialisation), whose derivative is exactly 1 for
//!   x > 0.
//! - A ReLU unit whose pre-activation is ≤ 0 on every training point is dead: its derivative is 0 for
//!   every input, so no gradient reaches its weights and it never comes back. Too large a learning rate
//!   pushes many units there. Leaky ReLU's small negative slope keeps a gradient, so no unit dies.
//! - Weights only mean something together with their activation: switching a trained ReLU network to
//!   tanh, keeping every weight, throws its accuracy back to chance, while Leaky ReLU (nearly the same
//!   curve) keeps it.
//!
//! A race ([`RaceRun`]) trains 2–4 activations on the same data from the same initial draw: the same
//! standard-normal numbers, scaled per layer by each activation's initialisation scheme (He for the ReLU
//! family, Glorot for sigmoid/tanh-like curves, LeCun for SELU). It steps them in lockstep, one epoch at a
//! time, and records per racer the epochs to 90 % and 95 % test accuracy and the curves of loss and
//! accuracy.

use crate::activation::Activation;
use crate::config::Config;
use crate::error::Error;
use crate::json::Writer;
use crate::render::{Palette, Renderer};
use crate::training::{Divergence, Race, Stats, StepOutcome};

/// Test accuracy a race reports the epochs to reach, as fractions.
pub const RACE_THRESHOLDS: [f32; 2] = [0.90, 0.95];
/// Floats recorded per racer per epoch in [`RaceRun::history`]: train loss, test loss, test accuracy.
pub const HISTORY_STRIDE: usize = 3;

/// What a preset does after loading its config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Load and train: the claim is visible while it trains.
    Train,
    /// Train `after` epochs, then switch the hidden activation to `to`, keeping every weight.
    SwitchActivation {
        /// Epochs trained with the config's activation before the switch.
        after: u32,
        /// The activation spec switched to.
        to: &'static str,
    },
}

/// One click that reproduces a claim: a config, how long to watch it, and what to look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable identifier, used by `data-preset` and the `#preset=` URL.
    pub slug: &'static str,
    /// Button label.
    pub title: &'static str,
    /// The config (URL-query form; keys not given take their defaults).
    pub config: &'static str,
    /// Epochs after which the claim is measured (the native tests train this long).
    pub epochs: u32,
    /// What the preset does after loading.
    pub script: Script,
    /// The activations the race panel lines up on the preset's setup (comma-separated specs).
    pub race: &'static str,
    /// What to look at, in one or two sentences for a learner.
    pub claim: &'static str,
}

/// The presets, in the order the page shows them.
pub const PRESETS: [Preset; 5] = [
    Preset {
        slug: "deep-sigmoid",
        title: "Deep sigmoid: gradients vanish",
        config: concat!(
            "dataset=circle&layers=8,8,8,8,8,8&lr=0.1&optimizer=sgd&batch=10&seed=1",
            "&activation=sigmoid"
        ),
        epochs: 200,
        script: Script::Train,
        race: "sigmoid,tanh,relu,leaky_relu",
        claim: "Six sigmoid layers. σ′ is at most 1/4 and nearly 0 where |x| is large, so each layer \
                the error passes back through shrinks it: the first layer gets about a thousandth of the \
                gradient the last one gets, and the loss stays flat near ln 2.",
    },
    Preset {
        slug: "deep-relu",
        title: "Same net with ReLU",
        config: concat!(
            "dataset=circle&layers=8,8,8,8,8,8&lr=0.1&optimizer=sgd&batch=10&seed=1",
            "&activation=relu"
        ),
        epochs: 200,
        script: Script::Train,
        race: "sigmoid,tanh,relu,leaky_relu",
        claim: "The same six layers with ReLU and He initialisation. ReLU′ is exactly 1 wherever x > 0, \
                so the first layer gets a gradient of the same order as the last, and the circle is \
                learnt within a few dozen epochs.",
    },
    Preset {
        slug: "relu-high-lr",
        title: "Too high a learning rate kills ReLUs",
        config: concat!(
            "dataset=circle&layers=8,8,8&lr=0.3&optimizer=adam&batch=10&seed=1",
            "&activation=relu"
        ),
        epochs: 100,
        script: Script::Train,
        race: "relu,leaky_relu",
        claim: "Learning rate 0.3, ten times too high. Big steps push many units' pre-activations \
                below 0 for every point; there ReLU′ = 0, no gradient reaches them, and they stay dead \
                (grey in the network).",
    },
    Preset {
        slug: "leaky-high-lr",
        title: "Leaky ReLU keeps them alive",
        config: concat!(
            "dataset=circle&layers=8,8,8&lr=0.3&optimizer=adam&batch=10&seed=1",
            "&activation=leaky_relu"
        ),
        epochs: 100,
        script: Script::Train,
        race: "relu,leaky_relu",
        claim: "The same learning rate with Leaky ReLU. Below 0 its slope is 0.01, not 0: a unit pushed \
                to the negative side still gets a small gradient and can come back. No unit dies.",
    },
    Preset {
        slug: "same-weights",
        title: "Same weights, switch activation",
        config: "dataset=spiral&layers=8,8,8&lr=0.01&optimizer=adam&batch=10&seed=1&activation=relu",
        epochs: 300,
        script: Script::SwitchActivation {
            after: 300,
            to: "tanh",
        },
        race: "relu,tanh",
        claim: "ReLU learns the spiral in 300 epochs; then the activation becomes tanh and not one \
                weight changes. The accuracy falls to about chance: weights only mean something \
                together with their activation. Training goes on from there.",
    },
];

/// The presets' slugs, in [`PRESETS`] order: what a `preset=` link is checked against. Computed at compile
/// time, so that code reading only the slugs does not bring the presets' texts into the wasm (which carries
/// them once, in the description: [`crate::describe::PRESETS`]).
pub const PRESET_SLUGS: [&str; PRESETS.len()] = names_of!(PRESETS, |p| p.slug);

impl Preset {
    /// The preset with this slug.
    pub fn find(slug: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.slug == slug)
    }

    /// The parsed config.
    pub fn parsed(&self) -> Config {
        // The presets are constants checked by the unit tests below.
        self.config
            .parse()
            .unwrap_or_else(|e| panic!("preset {} has a bad config: {e}", self.slug))
    }

    /// The canonical config text (the URL-hash form), defaults included.
    pub fn canonical_config(&self) -> String {
        self.parsed().to_string()
    }

    /// The JSON text the page reads: `{slug, title, config, epochs, claim, race, switchAfter?, switchTo?}`
    /// (keys in alphabetical order).
    pub fn to_json_value(&self) -> String {
        let mut w = Writer::new();
        w.begin_object();
        w.key("claim").string(self.claim);
        w.key("config").string(&self.canonical_config());
        w.key("epochs").uint(self.epochs.into());
        w.key("race").string(self.race);
        w.key("slug").string(self.slug);
        if let Script::SwitchActivation { after, to } = self.script {
            w.key("switchAfter").uint(after.into());
            w.key("switchTo").string(to);
        }
        w.key("title").string(self.title);
        w.end_object();
        w.finish()
    }
}

/// Every preset as a JSON array (see [`Preset::to_json_value`]).
pub fn presets_json() -> String {
    let mut w = Writer::new();
    w.begin_array();
    for p in PRESETS.iter() {
        w.raw(&p.to_json_value());
    }
    w.end_array();
    w.finish()
}

/// First hidden layer's mean |∂L/∂z| divided by the last hidden layer's: how much of the gradient the
/// last hidden layer learns from reaches the first (1 = all of it). `None` with fewer than two hidden
/// layers or when the last layer's value is not a positive finite number (a dead last layer passes none).
pub fn gradient_ratio(stats: &Stats) -> Option<f32> {
    let n_hidden = stats.layers.len().checked_sub(1)?;
    if n_hidden < 2 {
        return None;
    }
    let first = stats.layers[0].mean_abs_grad_z;
    let last = stats.layers[n_hidden - 1].mean_abs_grad_z;
    let ratio = first / last;
    (first.is_finite() && last.is_finite() && last > 0.0 && ratio.is_finite()).then_some(ratio)
}

/// Dead hidden units and all hidden units: `(dead, units)`.
pub fn dead_units(stats: &Stats) -> (usize, usize) {
    let hidden = &stats.layers[..stats.layers.len().saturating_sub(1)];
    let dead = hidden
        .iter()
        .map(|l| l.dead.iter().filter(|&&d| d).count())
        .sum();
    let units = hidden.iter().map(|l| l.units).sum();
    (dead, units)
}

/// Share of hidden (point, unit) outputs within 3 % of a bound, over all hidden layers (weighted by
/// their widths); `None` when the activation has no finite bounds or there are no hidden layers.
pub fn saturated_share(stats: &Stats) -> Option<f32> {
    let hidden = &stats.layers[..stats.layers.len().saturating_sub(1)];
    let mut weighted = 0.0f64;
    let mut units = 0usize;
    for layer in hidden {
        weighted += f64::from(layer.saturated?) * layer.units as f64;
        units += layer.units;
    }
    (units > 0).then(|| (weighted / units as f64) as f32)
}

/// One racer's standing.
#[derive(Clone, Debug, PartialEq)]
pub struct RacerRow {
    /// The racer's activation.
    pub activation: Activation,
    /// Its statistics at the current weights.
    pub stats: Stats,
    /// Epochs after which the test accuracy first reached 90 %, and 95 % (`None`: not yet).
    pub epochs_to: [Option<u64>; 2],
    /// Dead hidden units and all hidden units.
    pub dead: (usize, usize),
    /// Saturated share of the hidden outputs (`None` for unbounded activations).
    pub saturated: Option<f32>,
    /// First / last hidden layer mean |∂L/∂z| (see [`gradient_ratio`]).
    pub gradient_ratio: Option<f32>,
    /// The divergence that stopped this racer, if any.
    pub divergence: Option<Divergence>,
}

impl RacerRow {
    /// The JSON text the page reads for one table row (camelCase keys in alphabetical order, non-finite
    /// numbers as `null`).
    pub fn to_json_value(&self) -> String {
        let mut w = Writer::new();
        self.write_json(&mut w);
        w.finish()
    }

    fn write_json(&self, w: &mut Writer) {
        let num = |v: Option<f32>| v.map_or(f64::NAN, f64::from);
        w.begin_object();
        w.key("activation").string(&self.activation.to_string());
        w.key("dead").uint(self.dead.0 as u64);
        w.key("diverged")
            .opt_string(self.divergence.map(|d| d.to_string()).as_deref());
        w.key("epoch").uint(self.stats.epoch);
        w.key("epochsTo90").opt_uint(self.epochs_to[0]);
        w.key("epochsTo95").opt_uint(self.epochs_to[1]);
        w.key("gradientRatio").float(num(self.gradient_ratio));
        w.key("name").string(self.activation.name());
        w.key("saturated").float(num(self.saturated));
        w.key("testAccuracy").float(self.stats.test_accuracy.into());
        w.key("testLoss").float(self.stats.test_loss.into());
        w.key("trainLoss").float(self.stats.train_loss.into());
        w.key("units").uint(self.dead.1 as u64);
        w.end_object();
    }
}

/// Per-racer records kept next to the engine's [`Race`].
#[derive(Clone, Debug, Default)]
struct Record {
    epochs_to: [Option<u64>; 2],
    divergence: Option<Divergence>,
    /// [`HISTORY_STRIDE`] floats per recorded epoch, from epoch 0.
    history: Vec<f32>,
}

impl Record {
    fn observe(&mut self, stats: &Stats) {
        for (slot, &threshold) in self.epochs_to.iter_mut().zip(&RACE_THRESHOLDS) {
            if slot.is_none() && stats.test_accuracy >= threshold {
                *slot = Some(stats.epoch);
            }
        }
        self.history
            .extend_from_slice(&[stats.train_loss, stats.test_loss, stats.test_accuracy]);
    }
}

/// A race with its table: the engine's [`Race`] stepped one epoch at a time so that the epochs to each
/// accuracy threshold are exact, and every epoch's losses and accuracy kept for the curves.
#[derive(Clone, Debug)]
pub struct RaceRun {
    race: Race,
    config: Config,
    records: Vec<Record>,
    /// One renderer per racer: its decision boundary.
    renderers: Vec<Renderer>,
}

impl RaceRun {
    /// A race from a config text whose `race` key lists 2 to 4 activations (the `activation` key is
    /// ignored: each racer uses its own).
    pub fn from_config(config: &str) -> Result<RaceRun, Error> {
        let race = Race::from_config(config)?;
        let config: Config = config.parse()?;
        // One loop (no adapter chain, no clones of a renderer): this runs once per race.
        let n = race.sessions().len();
        let (mut records, mut renderers) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for session in race.sessions() {
            let mut record = Record::default();
            record.observe(&session.stats());
            records.push(record);
            renderers.push(Renderer::new());
        }
        Ok(RaceRun {
            race,
            config,
            records,
            renderers,
        })
    }

    /// The config the race was built from (canonical text via `Display`).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The engine's race (its sessions, in the order of the `race` key).
    pub fn race(&self) -> &Race {
        &self.race
    }

    /// Number of racers.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Always false: a race has 2 to 4 racers.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Epochs trained by the racers still running (a diverged racer stays at the epoch before).
    pub fn epoch(&self) -> u64 {
        self.race
            .sessions()
            .iter()
            .map(|s| s.epoch())
            .max()
            .unwrap_or(0)
    }

    /// Trains every racer `n_epochs` epochs in lockstep, one epoch at a time, recording each epoch. A
    /// racer that diverges keeps its last finite weights and stops recording; the others go on.
    pub fn step(&mut self, n_epochs: u32) {
        for _ in 0..n_epochs {
            if self.records.iter().all(|r| r.divergence.is_some()) {
                return;
            }
            let outcomes = self.race.step(1);
            for ((record, outcome), session) in self
                .records
                .iter_mut()
                .zip(outcomes)
                .zip(self.race.sessions())
            {
                if record.divergence.is_some() {
                    continue;
                }
                match outcome {
                    StepOutcome::Trained => record.observe(&session.stats()),
                    StepOutcome::Diverged(d) => record.divergence = Some(d),
                }
            }
        }
    }

    /// The table: one row per racer, in race order.
    pub fn table(&self) -> Vec<RacerRow> {
        self.race
            .sessions()
            .iter()
            .zip(&self.records)
            .map(|(session, record)| {
                let stats = session.stats();
                RacerRow {
                    activation: session.network().activation(),
                    epochs_to: record.epochs_to,
                    dead: dead_units(&stats),
                    saturated: saturated_share(&stats),
                    gradient_ratio: gradient_ratio(&stats),
                    divergence: record.divergence,
                    stats,
                }
            })
            .collect()
    }

    /// The table as a JSON array of rows (see [`RacerRow::to_json_value`]).
    pub fn table_json(&self) -> String {
        let mut w = Writer::new();
        w.begin_array();
        for row in self.table() {
            row.write_json(&mut w);
        }
        w.end_array();
        w.finish()
    }

    /// Paints later boundaries with `colours` = `[class 0, class 1, class 2, neutral]` (sRGB).
    pub fn set_palette(&mut self, colours: [[u8; 3]; 4]) {
        for renderer in &mut self.renderers {
            renderer.set_palette(Palette::with_colours(colours));
        }
    }

    /// Renders every racer's decision boundary over a `grid × grid` image (1 to
    /// [`crate::render::MAX_GRID`]); read it with [`RaceRun::boundary`].
    pub fn render(&mut self, grid: usize, discretize: bool) -> Result<(), Error> {
        let features = &self.config.features;
        for (renderer, session) in self.renderers.iter_mut().zip(self.race.sessions()) {
            // Thumbnails are not shown in a race: the smallest size keeps their cost negligible.
            renderer.render_inputs(session.network(), features, grid, 1, discretize)?;
        }
        Ok(())
    }

    /// Racer `racer`'s boundary from the last [`RaceRun::render`]: RGBA, row-major, row 0 at the top
    /// (y = +6); empty before the first render. Panics if `racer >= self.len()`.
    pub fn boundary(&self, racer: usize) -> &[u8] {
        self.renderers[racer].output_pixels()
    }

    /// Racer `racer`'s curves: [`HISTORY_STRIDE`] floats per epoch from epoch 0 (train loss, test
    /// loss, test accuracy). Panics if `racer >= self.len()`.
    pub fn history(&self, racer: usize) -> &[f32] {
        &self.records[racer].history
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::Session;

    #[test]
    fn every_preset_parses_and_has_a_unique_slug() {
        for (i, p) in PRESETS.iter().enumerate() {
            let config = p.parsed();
            assert!(
                config.race.is_empty(),
                "{}: presets are single networks",
                p.slug
            );
            assert_eq!(Preset::find(p.slug), Some(p));
            assert!(PRESETS[i + 1..].iter().all(|q| q.slug != p.slug));
            assert!(
                p.config.contains("seed="),
                "{}: a preset pins its seed",
                p.slug
            );
            if let Script::SwitchActivation { to, .. } = p.script {
                assert!(
                    to.parse::<Activation>().is_ok(),
                    "{}: bad switch target",
                    p.slug
                );
            }
            let mut raced = config.clone();
            raced.set("race", p.race).unwrap();
            assert!(
                raced.race.contains(&config.activation),
                "{}: the race includes the preset's activation",
                p.slug
            );
        }
        assert_eq!(Preset::find("nope"), None);
        let json: serde_json::Value = serde_json::from_str(&presets_json()).unwrap();
        assert_eq!(json.as_array().unwrap().len(), PRESETS.len());
        assert_eq!(json[4]["switchTo"], "tanh");
        assert!(json[0].get("switchTo").is_none());
    }

    #[test]
    fn the_paired_presets_differ_only_in_the_activation() {
        let pairs = [
            ("deep-sigmoid", "deep-relu"),
            ("relu-high-lr", "leaky-high-lr"),
        ];
        for (a, b) in pairs {
            let mut a = Preset::find(a).unwrap().parsed();
            let b = Preset::find(b).unwrap().parsed();
            assert_ne!(a.activation, b.activation);
            a.activation = b.activation;
            assert_eq!(a, b);
        }
    }

    #[test]
    fn measurements_read_the_stats() {
        let s = Session::from_config("layers=4,3&activation=tanh").unwrap();
        let stats = s.stats();
        let ratio = gradient_ratio(&stats).unwrap();
        assert_eq!(
            ratio,
            stats.layers[0].mean_abs_grad_z / stats.layers[1].mean_abs_grad_z
        );
        assert_eq!(dead_units(&stats).1, 7);
        let share = saturated_share(&stats).unwrap();
        let expected = (f64::from(stats.layers[0].saturated.unwrap()) * 4.0
            + f64::from(stats.layers[1].saturated.unwrap()) * 3.0)
            / 7.0;
        assert!((f64::from(share) - expected).abs() < 1e-6);

        let relu = Session::from_config("layers=4&activation=relu")
            .unwrap()
            .stats();
        assert_eq!(gradient_ratio(&relu), None, "one hidden layer has no ratio");
        assert_eq!(saturated_share(&relu), None);
        let flat = Session::from_config("layers=").unwrap().stats();
        assert_eq!(dead_units(&flat), (0, 0));
        assert_eq!(saturated_share(&flat), None);
    }

    #[test]
    fn a_race_records_every_epoch_and_the_thresholds() {
        let mut run = RaceRun::from_config("dataset=gauss&layers=4&race=relu,tanh&seed=2").unwrap();
        assert_eq!(run.len(), 2);
        assert_eq!(run.history(0).len(), HISTORY_STRIDE);
        run.step(5);
        assert_eq!(run.epoch(), 5);
        for (i, row) in run.table().iter().enumerate() {
            let history = run.history(i);
            assert_eq!(history.len(), 6 * HISTORY_STRIDE);
            let accuracies: Vec<f32> = history.chunks(HISTORY_STRIDE).map(|h| h[2]).collect();
            let first_90 = accuracies.iter().position(|&a| a >= 0.9).map(|e| e as u64);
            assert_eq!(row.epochs_to[0], first_90);
            assert_eq!(history[history.len() - 1], row.stats.test_accuracy);
        }
        let json: serde_json::Value = serde_json::from_str(&run.table_json()).unwrap();
        assert_eq!(json[1]["name"], "tanh");
        assert_eq!(json[0]["epoch"], 5);
        assert!(json[0]["saturated"].is_null() && json[1]["saturated"].is_number());
        assert!(RaceRun::from_config("race=relu").is_err());
        assert!(run.boundary(0).is_empty());
        run.render(16, false).unwrap();
        assert_eq!(run.boundary(1).len(), 16 * 16 * 4);
        assert_ne!(run.boundary(0), run.boundary(1));
        assert!(run.render(0, false).is_err());
    }
}
