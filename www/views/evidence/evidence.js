// Evidence mode: one-click presets that reproduce the classic failures of activations, and a race of
// activations on the same data from the same initial draw. (The gradient-flow strip the presets are read on
// sits beside the output: www/views/training/why.js.)
//
// A view like the others: it reads the state (the config after each change, a preset asked for by a link) and
// changes the page's training only through the actions (loadPreset, trainNow, switchActivation, play, setRace,
// tell, reveal). The race trains its own `Race` handle (race.js).
import { RacePanel } from './race.js';
import { el } from '../../lib/dom.js';
import { REDUCED_MOTION_NOTE, reducedMotion } from '../../lib/device.js';
import { formatRatio, percent, FRACTION_BELOW } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';
import { activationName } from '../../app/core.js';

/** How long the "same weights" preset shows the trained boundary before it switches. */
const SWITCH_PAUSE_MS = 1600;
/** Milliseconds of preset training per animation frame. */
const BUDGET_MS = 12;

const INTRO = 'Blog posts say that ReLU “does not suffer from vanishing gradients” and that Leaky ReLU helps '
  + 'where ReLUs die. Both are half the story. Here every claim is a setup you can run and a number you can '
  + 'read: the gradient that reaches each layer, the units that stopped learning, and who reaches 95 % first.';
const RACE_HINT = 'Tick 2 to 4 activations. They train side by side, epoch by epoch, with the data set, '
  + 'network and optimizer chosen above (generated points only: points drawn by hand are not raced). The link '
  + 'of a race opens the same race, bit for bit.';

/** What a preset's numbers say after its epochs: accuracy, dead units, and the first/last gradient ratio. */
export function presetFacts(stats) {
  const hidden = stats.layers.length - 1;
  let dead = 0;
  let units = 0;
  for (let l = 0; l < hidden; l++) {
    dead += stats.layers[l].dead.filter(Boolean).length;
    units += stats.layers[l].units;
  }
  const ratio = hidden >= 2 ? stats.layers[0].meanAbsGradZ / stats.layers[hidden - 1].meanAbsGradZ : NaN;
  const facts = [`test accuracy ${percent(stats.testAccuracy)}`, `${dead} of ${units} hidden units dead`];
  if (ratio === 0) facts.push('layer 1 receives no gradient at all');
  else if (Number.isFinite(ratio)) facts.push(`layer 1 receives ${formatRatio(ratio)}${ratio < FRACTION_BELOW ? ' of' : ''} layer ${hidden}’s gradient`);
  return facts;
}

/** The panel in `root`; `app` = { store, actions, ap, memory }. */
export class EvidencePanel {
  constructor(root, app) {
    this.app = app;
    const { describe } = app.store.get();
    this.presets = describe.presets;
    this.activations = describe.activations;
    this.active = null;
    this.stopAt = null;
    this.switchTimer = 0;
    this.msPerEpoch = 1;
    this.tick = this.tick.bind(this);
    this.build(root);
    this.race.ready();
    watch(app.store, (state, previous) => {
      if (previous && changed(state, previous, 'config')) this.race.configChanged(state);
      if (changed(state, previous, 'preset') && state.preset) this.askedFor(state.preset.slug);
    });
  }

  name(spec) {
    return activationName(this.activations, spec);
  }

  build(root) {
    this.claim = el('p', { class: 'ev-claim', role: 'status', 'aria-live': 'polite' },
      'Pick a preset: it loads a setup into the playground and trains it; the page scrolls to the output and the gradient flow beside it, so you can watch the claim happen.');
    this.buttons = this.presets.map((p, i) => el('button', {
      type: 'button', class: 'ev-preset', 'data-preset': p.slug, 'aria-pressed': 'false', on: { click: () => this.runPreset(p.slug) },
    }, el('span', { class: 'ev-step' }, String(i + 1)), el('span', { class: 'ev-title' }, p.title)));
    const cards = this.presets.map((p, i) => el('li', { class: 'ev-card' },
      this.buttons[i],
      el('a', { class: 'ev-link', href: `#preset=${p.slug}`, title: `A link that opens “${p.title}”` }, 'link')));
    const raceBox = el('div', { class: 'ev-race' });
    root.replaceChildren(
      el('div', { class: 'ev-head' }, el('h2', { id: 'evidence-title' }, 'Evidence: see the claims happen'), el('p', {}, INTRO)),
      el('ol', { class: 'ev-presets', 'aria-label': 'Presets' }, cards),
      this.claim,
      el('div', { class: 'ev-grid' },
        el('section', { class: 'ev-sub ev-race-panel', 'aria-labelledby': 'ev-race-title' },
          el('h3', { id: 'ev-race-title' }, 'Race: the same start, a different activation'), el('p', { class: 'hint' }, RACE_HINT), raceBox)));
    this.race = new RacePanel(raceBox, this.app);
  }

  /** A link asked for preset `slug`: run it, or say there is none. */
  askedFor(slug) {
    if (!this.runPreset(slug, !reducedMotion())) this.app.actions.say(`No preset is called ${slug}; the default setup is loaded.`);
  }

  /** Loads a preset and, when `run`, runs it; false for an unknown slug. */
  runPreset(slug, run = true) {
    const p = this.presets.find((q) => q.slug === slug);
    if (!p) return false;
    clearTimeout(this.switchTimer);
    this.active = p;
    this.stopAt = null;
    for (const b of this.buttons) b.setAttribute('aria-pressed', String(b.dataset.preset === slug));
    if (!this.app.actions.loadPreset(p.config, p.title)) return true;
    this.app.actions.reveal();
    this.race.prepare(p.race);
    if (!run) {
      this.claim.textContent = `${p.claim} — ${REDUCED_MOTION_NOTE}: the setup is loaded; press “${p.title}” to train it.`;
    } else if (p.switchTo) {
      this.runSwitch(p);
    } else {
      // Trained here, a few epochs per frame, so the claim is read at exactly the preset's epoch.
      this.stopAt = p.epochs;
      this.claim.textContent = `${p.claim} — Training ${p.epochs} epochs…`;
      this.app.actions.everyFrame(this.tick);
    }
    return true;
  }

  /** The "same weights" preset: train, show the boundary, switch the activation, and play on. */
  runSwitch(p) {
    const { actions, store } = this.app;
    const from = this.name(store.get().values.activation);
    if (!actions.trainNow(p.switchAfter)) {
      this.claim.textContent = `${p.title}: training diverged before the switch.`;
      return;
    }
    const before = store.get().stats;
    this.claim.textContent = `${p.claim} — Trained ${p.switchAfter} epochs with ${from}: test accuracy `
      + `${percent(before.testAccuracy)}. Switching to ${this.name(p.switchTo)} in a moment, weights untouched…`;
    this.switchTimer = setTimeout(() => {
      if (this.active !== p) return;
      actions.switchActivation(p.switchTo, { reset: false, quiet: true });
      const after = store.get().stats;
      this.claim.textContent = `${p.claim} — Epoch ${after.epoch}: ${from} → ${this.name(p.switchTo)}, not one weight `
        + `changed. Test accuracy ${percent(before.testAccuracy)} → ${percent(after.testAccuracy)}. Training `
        + 'continues from these weights: watch how fast it finds its way back.';
      actions.play();
    }, SWITCH_PAUSE_MS);
  }

  /** One frame of a preset's training (a task of the page's loop); false when done. */
  tick() {
    const { actions, store } = this.app;
    if (!this.active || this.stopAt === null) return false;
    if (store.get().playing) {
      // The visitor pressed play: the page trains on, the preset stops counting.
      this.stopAt = null;
      return false;
    }
    const left = this.stopAt - store.get().stats.epoch;
    if (left <= 0) {
      this.finishPreset(store.get().stats);
      return false;
    }
    const n = Math.max(1, Math.min(left, 50, Math.floor(BUDGET_MS / Math.max(0.05, this.msPerEpoch))));
    const t0 = performance.now();
    if (!actions.trainNow(n)) {
      this.stopAt = null;
      return false;
    }
    this.msPerEpoch = 0.7 * this.msPerEpoch + 0.3 * ((performance.now() - t0) / n);
    return true;
  }

  /** After a preset's epochs: what the numbers say, then the page pauses. */
  finishPreset(stats) {
    this.stopAt = null;
    this.claim.textContent = `${this.active.claim} — Epoch ${stats.epoch}: ${presetFacts(stats).join(', ')}. Paused; press play to go on.`;
    this.app.actions.tell({ kind: 'preset', title: this.active.title });
  }

  /** Re-fits canvases and re-reads colours (resize, colour scheme). */
  redraw() {
    this.race.redraw();
  }
}

/** Mounts the evidence panel into `root`; see EvidencePanel. */
export function mountEvidence(root, app) {
  return new EvidencePanel(root, app);
}
