// Narration: the "what just happened" sentence beside the output, built from the statistics the core
// measured (`statsJson()`: per hidden layer the dead units, the mean |f′|, the shares of pre-activations with
// f′ = 0 and with |f′| < 0.1, the saturated share, the mean |∂L/∂z|). Pure: no DOM, no engine; every number
// in a sentence is one of the numbers passed in, formatted by www/lib/format.js. The explanation is chosen
// from the numbers: dead units (f′ = 0: no gradient at all), saturation (a flat, bounded curve: |f′| < 0.1 for
// most pre-activations), or a gradient that shrinks layer by layer although few units are saturated (the mean
// |f′| per layer, multiplied once per layer on the way back).
import { formatRatio, formatShort, percent, FRACTION_BELOW } from '../lib/format.js';

/** The guided path's step a sentence links to (`#lesson=N`; the numbers are fixed). */
export const STEPS = { saturate: 3, deepSigmoid: 4, dead: 7, leaky: 8 };
const STEP_TITLES = {
  [STEPS.saturate]: 'Sigmoid and tanh saturate',
  [STEPS.deepSigmoid]: 'A deep sigmoid net stalls',
  [STEPS.dead]: 'A high learning rate kills ReLUs',
  [STEPS.leaky]: 'Leaky ReLU keeps them alive',
};

/**
 * When a layer's share is worth a sentence: at or above `up` it speaks; it speaks again about that layer only
 * after the share fell below `down` (so a share hovering at the line does not make the sentence flicker).
 */
export const LEVELS = { dead: { up: 0.5, down: 0.25 }, saturated: { up: 0.5, down: 0.25 } };
/** Share of all hidden units dead from which the dead units are the story. */
const DEAD_STORY = 0.25;
/** First ÷ last hidden layer's mean |∂L/∂z| below which the gradient is said to shrink on its way back. */
const SHRINK = FRACTION_BELOW;
/** A drop (or rise) of test accuracy smaller than this is "stayed". */
const ACCURACY_STEP = 0.05;

/** The numbers a sentence may use, read from a `statsJson()` object. */
export function factsOf(stats) {
  const hidden = (stats?.layers ?? []).slice(0, -1);
  const layers = hidden.map((l, i) => ({
    n: i + 1,
    units: l.units,
    dead: (l.dead ?? []).filter(Boolean).length,
    zero: l.zeroSlope,
    small: l.smallSlope,
    slope: l.meanAbsSlope,
    bounded: l.saturated !== null && l.saturated !== undefined,
    grad: l.meanAbsGradZ,
  }));
  const dead = layers.reduce((s, l) => s + l.dead, 0);
  const units = layers.reduce((s, l) => s + l.units, 0);
  const ratio = layers.length >= 2 ? layers[0].grad / layers.at(-1).grad : NaN;
  return { epoch: stats?.epoch ?? 0, accuracy: stats?.testAccuracy ?? NaN, layers, dead, units, ratio };
}

/** The layer with the largest `key` among those `keep` accepts, or null. */
function topLayer(layers, key, keep = () => true) {
  return layers.filter((l) => keep(l) && Number.isFinite(l[key])).reduce((a, l) => (!a || l[key] > a[key] ? l : a), null);
}

/** "layer 1 receives 1/90 of layer 4's gradient" (or "0.5×"), from the first/last ratio. */
function ratioText(f) {
  const last = f.layers.length;
  if (f.ratio === 0) return `layer 1 receives no gradient at all`;
  const r = formatRatio(f.ratio);
  return f.ratio < FRACTION_BELOW ? `layer 1 receives ${r} of layer ${last}’s gradient` : `layer 1 receives ${r} layer ${last}’s gradient`;
}

/** "0.21" or "0.19–0.24": the mean |f′| of the hidden layers. */
function slopeRange(layers) {
  const slopes = layers.map((l) => l.slope).filter(Number.isFinite);
  const lo = formatShort(Math.min(...slopes), 2);
  const hi = formatShort(Math.max(...slopes), 2);
  return lo === hi ? lo : `${lo}–${hi}`;
}

function deadStory(f) {
  const worst = topLayer(f.layers, 'dead');
  const where = worst && worst.dead === worst.units ? ` (all ${worst.units} of layer ${worst.n})` : '';
  return {
    kind: 'dead',
    text: `${f.dead} of ${f.units} hidden units are dead${where}: f′ = 0 on every training point, so no gradient `
      + 'reaches their weights and they cannot come back. Leaky ReLU keeps a small slope below 0; a lower learning rate helps.',
    step: STEPS.dead,
  };
}

function saturationStory(f, sat) {
  const shrink = Number.isFinite(f.ratio) && f.ratio < SHRINK ? `; ${ratioText(f)}` : '';
  return {
    kind: 'saturated',
    text: `${percent(sat.small)} of layer ${sat.n}’s pre-activations sit where |f′| < 0.1: the curve is flat `
      + `there (saturated), so those units pass back less than a tenth of the error${shrink}.`,
    step: shrink ? STEPS.deepSigmoid : STEPS.saturate,
  };
}

function shrinkStory(f, optimizer) {
  const sat = topLayer(f.layers, 'small', (l) => l.bounded);
  const zero = topLayer(f.layers, 'zero', (l) => !l.bounded);
  const adam = optimizer === 'adam' ? ' Adam rescales each weight’s step, which hides much of this.' : '';
  if (zero && zero.zero >= LEVELS.dead.down) {
    return {
      kind: 'shrink-zero',
      text: `The gradient fades on its way back: ${ratioText(f)}. ${percent(zero.zero)} of layer ${zero.n}’s `
        + `pre-activations get f′ = 0, which passes back nothing.${adam}`,
      step: STEPS.dead,
    };
  }
  const few = sat ? `, yet at most ${percent(sat.small)} of a layer’s pre-activations sit where |f′| < 0.1` : '';
  return {
    kind: 'shrink',
    text: `The gradient shrinks layer by layer: ${ratioText(f)}${few}. The mean |f′| per layer is `
      + `${slopeRange(f.layers)}, and backpropagation multiplies the error by it once per layer.${adam}`,
    step: STEPS.deepSigmoid,
  };
}

function healthyStory(f) {
  const leaky = topLayer(f.layers, 'small', (l) => !l.bounded && l.zero === 0 && l.small > 0);
  const through = f.layers.length >= 2 ? `The error signal gets through: ${ratioText(f)}` : 'The error signal gets through';
  const dead = f.dead > 0 ? `; ${f.dead} of ${f.units} hidden units are dead` : '; no hidden unit is dead';
  if (leaky && leaky.small >= LEVELS.saturated.down) {
    return {
      kind: 'leaky',
      text: `${through}${dead}. ${percent(leaky.small)} of layer ${leaky.n}’s pre-activations sit on the small `
        + 'slope below 0: |f′| < 0.1 but not 0, so they still pass a gradient back.',
      step: STEPS.leaky,
    };
  }
  return { kind: 'healthy', text: `${through}${dead}.`, step: null };
}

/**
 * What the numbers say, as `{ kind, text, step }`: `kind` one of dead, saturated, shrink, shrink-zero, leaky,
 * healthy; `step` the guided path's step to link to, or null. `optimizer` is the config's optimizer name.
 */
export function explain(stats, optimizer = '') {
  const f = factsOf(stats);
  if (f.layers.length === 0) return { kind: 'none', text: 'No hidden layer: nothing for an activation to do.', step: null };
  if (f.dead > 0 && (f.dead / f.units >= DEAD_STORY || f.ratio === 0)) return deadStory(f);
  const sat = topLayer(f.layers, 'small', (l) => l.bounded);
  if (sat && sat.small >= LEVELS.saturated.up) return saturationStory(f, sat);
  if (Number.isFinite(f.ratio) && f.ratio < SHRINK) return shrinkStory(f, optimizer);
  return healthyStory(f);
}

/** "fell from 99 % to 46 %", "rose from …", "stayed at 98 %". */
function accuracyChange(before, after) {
  if (!Number.isFinite(before) || !Number.isFinite(after)) return `is ${percent(after)}`;
  if (after <= before - ACCURACY_STEP) return `fell from ${percent(before)} to ${percent(after)}`;
  if (after >= before + ACCURACY_STEP) return `rose from ${percent(before)} to ${percent(after)}`;
  return `stayed at ${percent(after)}`;
}

/**
 * Epochs after an event at which the narration tells, once, what it led to: the event's own sentence reads
 * the first statistics after it (for a switch, still the old weights; for a start, the untrained ones).
 */
export const FOLLOW_UP_EPOCHS = 200;

/** The events that are followed up. */
const FOLLOWED = new Set(['start', 'switch', 'preset', 'lr']);

/**
 * The follow-up a story event is owed: for a start, a switch, a preset or a learning-rate change told at
 * `stats` (the first statistics after it), the record `{ about, to, title, epoch, accuracy }` that
 * `followUpDue` turns into a sentence later (`about` the event's kind; `to` the activation, or the new rate,
 * `title` the preset's); null for any other event.
 */
export function followUpOf(event, stats) {
  if (!FOLLOWED.has(event?.kind) || !stats) return null;
  const pending = { about: event.kind, epoch: stats.epoch ?? 0, accuracy: stats.testAccuracy };
  if (event.to !== undefined) pending.to = event.to;
  if (event.title !== undefined) pending.title = event.title;
  return pending;
}

/**
 * The `since` event to tell at `stats` for a `pending` follow-up (from `followUpOf`), once at least
 * FOLLOW_UP_EPOCHS epochs have passed since its event; null before, and for none pending.
 */
export function followUpDue(pending, stats) {
  if (!pending || !stats || (stats.epoch ?? 0) - pending.epoch < FOLLOW_UP_EPOCHS) return null;
  return { kind: 'since', ...pending };
}

/** "200 epochs after the switch to ReLU at epoch 56", and the like, for a `since` event at `epoch`. */
function sinceWhat(event, epoch) {
  const n = epoch - event.epoch;
  switch (event.about) {
    case 'start': {
      const of = event.to ? ` of ${event.to}` : '';
      return `${n} epochs${of} ${event.epoch === 0 ? 'from the start' : `since epoch ${event.epoch}`}`;
    }
    case 'preset':
      return `${n} epochs after loading “${event.title}”`;
    case 'lr':
      return `${n} epochs after the learning-rate change to ${event.to} at epoch ${event.epoch}`;
    default:
      return `${n} epochs after the switch to ${event.to} at epoch ${event.epoch}`;
  }
}

/** The first words of a sentence about `event` (see `narrate`). */
function lead(event, stats) {
  const epoch = stats?.epoch ?? 0;
  switch (event.kind) {
    case 'switch':
      return `${event.from} → ${event.to} at epoch ${epoch}, same weights: test accuracy `
        + `${accuracyChange(event.before?.testAccuracy, stats.testAccuracy)}.`;
    case 'since':
      return `${sinceWhat(event, epoch)}: test accuracy ${accuracyChange(event.accuracy, stats.testAccuracy)}.`;
    case 'lr':
      return `Learning rate ${event.from} → ${event.to} at epoch ${epoch}.`;
    case 'preset':
      return `Loaded “${event.title}”, epoch ${epoch}:`;
    case 'threshold':
      return `Epoch ${epoch}, test accuracy ${percent(stats.testAccuracy)}:`;
    default:
      return '';
  }
}

/**
 * The sentence for `event` at `stats` (a `statsJson()` object after the event), as `{ kind, text, step }`, or
 * null when there is nothing to say. Events: `{ kind: 'switch', from, to, before }` (activation names and the
 * stats just before), `{ kind: 'since', about, … }` (see `followUpDue`), `{ kind: 'lr', from, to }`,
 * `{ kind: 'preset', title }`, `{ kind: 'threshold' }` (a share crossed a level: see `crossing`),
 * `{ kind: 'diverged', lr }`, `{ kind: 'start', to }` (`to` the activation's name, optional).
 */
export function narrate(event, stats, { optimizer = '' } = {}) {
  if (!event) return null;
  if (event.kind === 'start') {
    return {
      kind: 'start',
      text: `Press Play. ${FOLLOW_UP_EPOCHS} epochs into the run, and after a switch, a learning-rate change or a preset, `
        + 'this line says what the numbers show.',
      step: null,
    };
  }
  if (event.kind === 'diverged') {
    return {
      kind: 'diverged',
      text: `Training diverged after epoch ${stats?.epoch ?? 0} at learning rate ${event.lr}: a loss or weight stopped `
        + 'being a finite number, so the last finite weights are kept. A lower learning rate helps.',
      step: null,
    };
  }
  if (!stats) return null;
  const why = explain(stats, optimizer);
  return { kind: why.kind, text: `${lead(event, stats)} ${why.text}`.trim(), step: why.step };
}

/** The step's `#lesson=N` link and its title, or null. */
export function stepLink(step) {
  return STEP_TITLES[step] ? { href: `#lesson=${step}`, title: `Step ${step}: ${STEP_TITLES[step]}` } : null;
}

/**
 * Whether a layer's dead share or (for a bounded activation) its share with |f′| < 0.1 crossed a level
 * since `levels` (from the previous call; null at first): `{ levels, crossed }`. A new network shape starts
 * fresh levels and crosses nothing. Up at `LEVELS[k].up`, down only below `LEVELS[k].down`.
 */
export function crossing(levels, stats) {
  const f = factsOf(stats);
  const shape = f.layers.map((l) => l.units).join(',');
  const fresh = !levels || levels.shape !== shape;
  const share = {
    dead: (l) => l.dead / l.units,
    saturated: (l) => (l.bounded && Number.isFinite(l.small) ? l.small : 0),
  };
  let crossed = false;
  const next = { shape, on: {} };
  for (const l of f.layers) {
    for (const k of Object.keys(LEVELS)) {
      const key = `${k}${l.n}`;
      const was = fresh ? null : levels.on[key];
      const v = share[k](l);
      const on = was ? v >= LEVELS[k].down : v >= LEVELS[k].up;
      next.on[key] = on;
      if (was !== null && was !== undefined && on !== was) crossed = true;
    }
  }
  return { levels: next, crossed };
}
