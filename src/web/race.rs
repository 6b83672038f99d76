//! The `Race` handle: 2–4 activations trained side by side for the evidence panel, and the preset list.
//!
//! Thin like `Playground`: arguments are checked (JS numbers arrive as f64: NaN, ±∞, fractions and
//! out-of-range values are refused with a message naming the argument and its range) and passed to
//! [`RaceRun`]. Each racer's boundary image stays in wasm memory; JS reads it through
//! `boundaryPtr(i)`/`boundaryLen(i)` as a view rebuilt after every call.

use wasm_bindgen::prelude::*;

use super::args::{count, js, palette};
use crate::evidence::{RaceRun, HISTORY_STRIDE};
use crate::render::MAX_GRID;

/// Most epochs one `step` call may train (every racer, one epoch at a time).
pub const MAX_RACE_STEP_EPOCHS: u32 = 1_000;

/// The evidence presets as a JSON array of `{slug, title, config, epochs, claim, race, switchAfter?, switchTo?}`
/// (`config` is the canonical config string, ready for the URL hash; the text is the description's,
/// written down once: see `describe.rs`).
#[wasm_bindgen(js_name = evidencePresets)]
pub fn evidence_presets() -> String {
    crate::describe::PRESETS.to_owned()
}

/// A race of 2 to 4 activations on the same data from the same initial draw, stepped in lockstep.
#[wasm_bindgen]
pub struct Race {
    run: RaceRun,
}

#[wasm_bindgen]
impl Race {
    /// Builds a race from a config string whose `race` key lists 2 to 4 activations.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<Race, JsError> {
        Ok(Race {
            run: RaceRun::from_config(config).map_err(js)?,
        })
    }

    /// The canonical config string (for the URL hash).
    pub fn config(&self) -> String {
        self.run.config().to_string()
    }

    /// Every key's plain value as JSON (the `Playground.values()` form) for the race's config.
    pub fn values(&self) -> String {
        self.run.config().values_json()
    }

    /// Paints later boundaries with `rgb`: 12 bytes, class 0, class 1, class 2 and neutral, RGB each.
    #[wasm_bindgen(js_name = setPalette)]
    pub fn set_palette(&mut self, rgb: &[u8]) -> Result<(), JsError> {
        self.run.set_palette(palette(rgb)?);
        Ok(())
    }

    /// Number of racers (2 to 4).
    #[wasm_bindgen(js_name = nRacers)]
    pub fn n_racers(&self) -> u32 {
        self.run.len() as u32
    }

    /// Epochs trained by the racers still running.
    pub fn epoch(&self) -> f64 {
        self.run.epoch() as f64
    }

    /// Trains every racer `nEpochs` (0 to 1000) epochs in lockstep; a diverged racer stops, the others go on.
    pub fn step(&mut self, n_epochs: f64) -> Result<(), JsError> {
        let n = count("nEpochs", n_epochs, 0, MAX_RACE_STEP_EPOCHS as usize).map_err(js)?;
        self.run.step(n as u32);
        Ok(())
    }

    /// The table as JSON: one object per racer with `activation`, `name`, `epoch`, `trainLoss`,
    /// `testLoss`, `testAccuracy`, `epochsTo90`, `epochsTo95`, `dead`, `units`, `saturated`,
    /// `gradientRatio`, `diverged` (null or a message).
    #[wasm_bindgen(js_name = statsJson)]
    pub fn stats_json(&self) -> String {
        self.run.table_json()
    }

    /// Racer `racer`'s full statistics (the `Playground.statsJson` form, with per-layer gradient flow).
    #[wasm_bindgen(js_name = racerStatsJson)]
    pub fn racer_stats_json(&self, racer: f64) -> Result<String, JsError> {
        let i = self.racer(racer)?;
        Ok(self.run.race().sessions()[i].stats().to_json())
    }

    /// Racer `racer`'s curves from epoch `fromEpoch` on: 3 floats per recorded epoch (train loss, test
    /// loss, test accuracy); empty when nothing newer was recorded. Lets a page copy only what is new.
    #[wasm_bindgen(js_name = historyFrom)]
    pub fn history_from(&self, racer: f64, from_epoch: f64) -> Result<Vec<f32>, JsError> {
        let i = self.racer(racer)?;
        let from = count("fromEpoch", from_epoch, 0, u32::MAX as usize).map_err(js)?;
        let history = self.run.history(i);
        let start = from.saturating_mul(HISTORY_STRIDE).min(history.len());
        Ok(history[start..].to_vec())
    }

    /// Every point of the shared data set as x, y, label, 1 if training else 0.
    pub fn points(&self) -> Vec<f32> {
        self.run.race().sessions()[0].points()
    }

    /// Renders every racer's decision boundary over a `grid × grid` image (1 to 512 pixels).
    pub fn render(&mut self, grid: f64, discretize: bool) -> Result<(), JsError> {
        let grid = count("grid", grid, 1, MAX_GRID).map_err(js)?;
        self.run.render(grid, discretize).map_err(js)
    }

    /// Address of racer `racer`'s boundary image (RGBA, row-major, row 0 = top = y = +6) in wasm memory.
    #[wasm_bindgen(js_name = boundaryPtr)]
    pub fn boundary_ptr(&self, racer: f64) -> Result<usize, JsError> {
        let i = self.racer(racer)?;
        Ok(self.run.boundary(i).as_ptr() as usize)
    }

    /// Length in bytes of racer `racer`'s boundary image (0 before the first `render`).
    #[wasm_bindgen(js_name = boundaryLen)]
    pub fn boundary_len(&self, racer: f64) -> Result<usize, JsError> {
        let i = self.racer(racer)?;
        Ok(self.run.boundary(i).len())
    }
}

impl Race {
    /// A racer index: a whole number below the number of racers.
    fn racer(&self, racer: f64) -> Result<usize, JsError> {
        let n = self.run.len();
        count("racer", racer, 0, n - 1).map_err(js)
    }
}
