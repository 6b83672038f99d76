// Evidence mode: one-click presets that reproduce the classic failures of activations, a live gradient-flow
// strip for the page's network, and a race of activations on the same data from the same initial draw.
//
// The page mounts it with a host object — the only way this module touches the page's training:
//   host = {
//     ap, wasm, catalogue,        // the wasm module, its memory, the activation catalogue (parsed)
//     config(): string,           // the page's canonical config string
//     stats(): object,            // the page's parsed statsJson()
//     load(config): void,         // replace the page's setup (as a link would), paused at epoch 0
//     train(nEpochs): boolean,    // train synchronously and redraw; false on divergence
//     switchActivation(spec),     // same weights, another hidden activation (marks the chart)
//     play(), pause(), playing(): boolean,
//     setRace(race): void,        // put `race=…` into the page's config and link, weights untouched
//   }
// and calls back `update(stats)` after each drawn frame and `configChanged(config)` after each change.
import { GradientFlow } from './flow.js';
import { RacePanel } from './race.js';
import { el, formatRatio, percent, FRACTION_BELOW } from './dom.js';
import { presetSlugFromHash } from '../playground/config.js';

export { presetSlugFromHash };

/** How long the "same weights" preset shows the trained boundary before it switches. */
const SWITCH_PAUSE_MS = 1600;
/** Milliseconds of preset training per animation frame. */
const BUDGET_MS = 12;

/** Mounts the evidence panel into `root`; see the header comment for `host`. */
export function mountEvidence(root, host) {
  const presets = JSON.parse(host.ap.evidencePresets());
  const name = (spec) => {
    const n = String(spec).split('(')[0].trim();
    return host.catalogue.find((a) => a.name === n)?.display ?? n;
  };
  let active = null;
  let stopAt = null;
  let switchTimer = 0;
  let ticker = 0;
  let msPerEpoch = 1;

  // ----- intro and presets ---------------------------------------------------------------------------------
  const claim = el('p', { class: 'ev-claim', role: 'status', 'aria-live': 'polite' },
    'Pick a preset: it loads a setup into the playground above and trains it, so you can watch the claim happen.');
  const buttons = presets.map((p, i) => {
    const button = el('button', { type: 'button', class: 'ev-preset', 'data-preset': p.slug, 'aria-pressed': 'false' },
      el('span', { class: 'ev-step' }, String(i + 1)), el('span', { class: 'ev-title' }, p.title));
    button.addEventListener('click', () => runPreset(p.slug));
    return button;
  });
  const cards = presets.map((p, i) => el('li', { class: 'ev-card' },
    buttons[i],
    el('a', { class: 'ev-link', href: `#preset=${p.slug}`, title: `A link that opens “${p.title}”` }, 'link')));
  const presetBar = el('ol', { class: 'ev-presets', 'aria-label': 'Presets' }, ...cards);

  // ----- gradient flow -------------------------------------------------------------------------------------
  const flowBox = el('div', { class: 'ev-flow', 'data-testid': 'gradient-flow' });
  const flowPanel = el('section', { class: 'ev-sub ev-flow-panel', 'aria-labelledby': 'ev-flow-title' },
    el('h3', { id: 'ev-flow-title' }, 'Gradient flow through the network above'),
    el('p', { class: 'hint' }, 'Each bar is the mean size of ∂L/∂z, the error signal at a layer’s pre-activations: what its '
      + 'weights learn from, and all it passes back. Log scale: one grid line is a factor of ten. A layer whose '
      + 'units are all dead gets none. The dashed tick marks where the bar started at epoch 0. '
      + 'Backpropagation multiplies by f′ once per layer on the way back, so the bars shrink towards the input '
      + 'wherever f′ is small: sigmoid’s f′ is at most 0.25 and near 0 where |x| is large (saturation); '
      + 'ReLU’s is exactly 1 for x > 0 and exactly 0 for x < 0.'),
    flowBox);
  const flow = new GradientFlow(flowBox);

  // ----- race ----------------------------------------------------------------------------------------------
  const raceBox = el('div', { class: 'ev-race' });
  const racePanel = el('section', { class: 'ev-sub ev-race-panel', 'aria-labelledby': 'ev-race-title' },
    el('h3', { id: 'ev-race-title' }, 'Race: the same start, a different activation'),
    el('p', { class: 'hint' }, 'Tick 2 to 4 activations. They train side by side, epoch by epoch, with the data set, '
      + 'network and optimizer chosen above (generated points only: points drawn by hand are not raced). The link '
      + 'of a race opens the same race, bit for bit.'),
    raceBox);
  const race = new RacePanel(raceBox, {
    ap: host.ap,
    wasm: host.wasm,
    catalogue: host.catalogue,
    config: () => host.config(),
    setRace: (list) => host.setRace(list),
  });

  root.replaceChildren(
    el('div', { class: 'ev-head' },
      el('h2', { id: 'evidence-title' }, 'Evidence: see the claims happen'),
      el('p', {}, 'Blog posts say that ReLU “does not suffer from vanishing gradients” and that Leaky ReLU helps '
        + 'where ReLUs die. Both are half the story. Here every claim is a setup you can run and a number you can '
        + 'read: the gradient that reaches each layer, the units that stopped learning, and who reaches 95 % first.')),
    presetBar, claim,
    el('div', { class: 'ev-grid' }, flowPanel, racePanel));

  // ----- presets -------------------------------------------------------------------------------------------
  function mark(slug) {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.preset === slug));
  }

  /** Loads and runs a preset; false for an unknown slug. */
  function runPreset(slug) {
    const p = presets.find((q) => q.slug === slug);
    if (!p) return false;
    clearTimeout(switchTimer);
    cancelAnimationFrame(ticker);
    active = p;
    mark(slug);
    host.load(p.config);
    race.prepare(p.race.split(','));
    if (p.switchTo) {
      stopAt = null;
      const from = name(configValue(p.config, 'activation'));
      if (!host.train(p.switchAfter)) {
        claim.textContent = `${p.title}: training diverged before the switch.`;
        return true;
      }
      const before = host.stats();
      claim.textContent = `${p.claim} — Trained ${p.switchAfter} epochs with ${from}: test accuracy `
        + `${percent(before.testAccuracy)}. Switching to ${name(p.switchTo)} in a moment, weights untouched…`;
      switchTimer = setTimeout(() => {
        if (active !== p) return;
        host.switchActivation(p.switchTo);
        const after = host.stats();
        claim.textContent = `${p.claim} — Epoch ${after.epoch}: ${from} → ${name(p.switchTo)}, not one weight `
          + `changed. Test accuracy ${percent(before.testAccuracy)} → ${percent(after.testAccuracy)}. Training `
          + 'continues from these weights: watch how fast it finds its way back.';
        host.play();
      }, SWITCH_PAUSE_MS);
    } else {
      // Trained here, a few epochs per frame, so the claim is read at exactly the preset's epoch.
      stopAt = p.epochs;
      claim.textContent = `${p.claim} — Training ${p.epochs} epochs…`;
      ticker = requestAnimationFrame(tick);
    }
    return true;
  }

  function tick() {
    ticker = 0;
    if (!active || stopAt === null) return;
    if (host.playing()) {
      // The visitor pressed play: the page trains on, the preset stops counting.
      stopAt = null;
      return;
    }
    const epoch = host.stats().epoch;
    const left = stopAt - epoch;
    if (left <= 0) {
      finishPreset(host.stats());
      return;
    }
    const n = Math.max(1, Math.min(left, 50, Math.floor(BUDGET_MS / Math.max(0.05, msPerEpoch))));
    const t0 = performance.now();
    if (!host.train(n)) {
      stopAt = null;
      return;
    }
    msPerEpoch = 0.7 * msPerEpoch + 0.3 * ((performance.now() - t0) / n);
    ticker = requestAnimationFrame(tick);
  }

  /** After a preset's epochs: what the numbers say, then the page pauses. */
  function finishPreset(stats) {
    const p = active;
    stopAt = null;
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
    claim.textContent = `${p.claim} — Epoch ${stats.epoch}: ${facts.join(', ')}. Paused; press play to go on.`;
  }

  function configValue(config, key) {
    const part = config.split('&').find((s) => s.startsWith(`${key}=`));
    return part ? decodeURIComponent(part.slice(key.length + 1)) : '';
  }

  flow.readColours(); // now that the strip is in the document, its CSS colours resolve
  race.ready();

  return {
    presets,
    runPreset,
    /** Feeds the gradient strip (a parsed or textual statsJson()) and ends a preset's run on time. */
    update(stats) {
      flow.update(typeof stats === 'string' ? JSON.parse(stats) : stats);
    },
    /** The same as `update`: the name the page's brief uses. */
    updateGradientFlow(stats) {
      this.update(stats);
    },
    /** The page's setup changed (a control, a link, an import): a race on another setup follows it. */
    configChanged(config) {
      race.configChanged(config);
    },
    /** Handles a `#preset=<slug>` link; true when it was one. */
    handleHash(hash) {
      const slug = presetSlugFromHash(hash);
      return slug !== null && runPreset(slug);
    },
    /** Starts a race from a config string with `race=…`. */
    startRace(config) {
      return race.startFromConfig(config);
    },
    /** Re-fits canvases and re-reads colours (resize, colour scheme). */
    redraw() {
      flow.readColours();
      flow.draw();
      race.redraw();
    },
  };
}
