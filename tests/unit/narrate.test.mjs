// The narration's sentences (www/story/narrate.js): the numbers in a sentence are the statistics given, and
// the explanation is the one those numbers call for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  narrate, explain, crossing, factsOf, stepLink, followUpOf, followUpDue, STEPS, LEVELS, FOLLOW_UP_EPOCHS,
} from '../../www/story/narrate.js';
import { percent, formatRatio } from '../../www/lib/format.js';

/** A hidden layer as `statsJson()` writes it. */
function hidden({ units = 8, dead = 0, zero = 0, small = 0, slope = 0.5, saturated = null, grad = 1e-3 } = {}) {
  return {
    units, dead: Array.from({ length: units }, (_, i) => i < dead), meanAbsGradZ: grad, meanAbsGradA: grad,
    meanAbsGradW: grad, meanAbsSlope: slope, zeroSlope: zero, smallSlope: small, saturated,
  };
}
const output = { units: 1, dead: [false], meanAbsGradZ: 0.1, meanAbsGradA: 0.1, meanAbsGradW: 0.01, meanAbsSlope: null, zeroSlope: null, smallSlope: null, saturated: null };
const stats = (layers, { epoch = 120, testAccuracy = 0.5 } = {}) => ({ epoch, testAccuracy, nClasses: 2, layers: [...layers, output] });

/** The numbers written in a sentence, as they appear. */
const numbersIn = (text) => text.match(/\d+(?:[.,]\d+)*/g) ?? [];

test('a switch to a saturating activation: the accuracies and the saturated share are the stats', () => {
  const before = stats([hidden(), hidden()], { testAccuracy: 0.99 });
  const after = stats([
    hidden({ saturated: 0.2, small: 0.31, slope: 0.12, grad: 3e-5 }),
    hidden({ saturated: 0.9, small: 1, slope: 0.02, grad: 2e-3 }),
  ], { epoch: 300, testAccuracy: 0.46 });
  const s = narrate({ kind: 'switch', from: 'ReLU', to: 'Sigmoid', before }, after);
  assert.equal(s.kind, 'saturated');
  assert.match(s.text, /^ReLU → Sigmoid at epoch 300, same weights: test accuracy fell from 99 % to 46 %\./);
  assert.match(s.text, /100 % of layer 2’s pre-activations sit where \|f′\| < 0\.1/);
  assert.ok(s.text.includes(`layer 1 receives ${formatRatio(3e-5 / 2e-3)} of layer 2’s gradient`), s.text);
  assert.equal(s.step, STEPS.deepSigmoid);
});

test('a shrinking gradient with few saturated units is explained by the per-layer slope, not saturation', () => {
  const layers = [0.21, 0.22, 0.24, 0.23].map((slope, i) => hidden({ saturated: 0.01, small: [0.02, 0.01, 0, 0.01][i], slope, grad: 10 ** (i - 4) * 0.5 }));
  const s = explain(stats(layers), 'sgd');
  assert.equal(s.kind, 'shrink');
  const f = factsOf(stats(layers));
  assert.ok(s.text.includes(`layer 1 receives ${formatRatio(f.ratio)} of layer 4’s gradient`), s.text);
  assert.ok(s.text.includes('at most 2 % of a layer’s pre-activations sit where |f′| < 0.1'), s.text);
  assert.ok(s.text.includes('The mean |f′| per layer is 0.21–0.24'), s.text);
  assert.doesNotMatch(s.text, /saturated|Adam/);
  assert.equal(s.step, STEPS.deepSigmoid);
  assert.match(explain(stats(layers), 'adam').text, /Adam rescales/);
});

test('dead units: the count is the stats’ count, the explanation is a zero gradient, the link is the dead step', () => {
  const layers = [hidden({ dead: 3, zero: 0.7 }), hidden({ dead: 8, zero: 1, grad: 0 }), hidden({ dead: 8, zero: 1, grad: 0 })];
  const st = stats(layers, { testAccuracy: 0.47 });
  const s = narrate({ kind: 'threshold' }, st);
  assert.equal(s.kind, 'dead');
  assert.match(s.text, /19 of 24 hidden units are dead \(all 8 of layer 2\): f′ = 0 on every training point/);
  assert.match(s.text, /Leaky ReLU keeps a small slope below 0; a lower learning rate helps/);
  assert.doesNotMatch(s.text, /vanish|saturat/);
  assert.deepEqual(numbersIn(s.text).slice(0, 3), ['120', '47', '19']);
  assert.equal(s.step, STEPS.dead);
  assert.deepEqual(stepLink(s.step), { href: '#lesson=7', title: 'Step 7: A high learning rate kills ReLUs' });
});

test('a healthy network says so; Leaky ReLU’s small slope is named as a gradient that still flows', () => {
  const ok = explain(stats([hidden({ grad: 1e-3 }), hidden({ grad: 2e-3 })]));
  assert.equal(ok.kind, 'healthy');
  assert.equal(ok.text, `The error signal gets through: layer 1 receives ${formatRatio(0.5)} layer 2’s gradient; no hidden unit is dead.`);
  assert.equal(ok.step, null);
  const leaky = explain(stats([hidden({ small: 0.45, zero: 0 }), hidden({ small: 0.6, zero: 0 })]));
  assert.equal(leaky.kind, 'leaky');
  assert.match(leaky.text, /60 % of layer 2’s pre-activations sit on the small slope below 0: \|f′\| < 0\.1 but not 0/);
  assert.equal(leaky.step, STEPS.leaky);
});

test('a shrink caused by zero slopes names them, not saturation', () => {
  const s = explain(stats([hidden({ zero: 0.6, small: 0.6, grad: 1e-5 }), hidden({ zero: 0.3, small: 0.3, grad: 1e-3 })]));
  assert.equal(s.kind, 'shrink-zero');
  assert.match(s.text, /60 % of layer 1’s pre-activations get f′ = 0/);
});

test('a learning-rate change and a preset lead with their own facts', () => {
  const st = stats([hidden(), hidden()], { epoch: 40 });
  assert.match(narrate({ kind: 'lr', from: '0.003', to: '10' }, st).text, /^Learning rate 0\.003 → 10 at epoch 40\. /);
  assert.match(narrate({ kind: 'preset', title: 'Deep sigmoid' }, st).text, /^Loaded “Deep sigmoid”, epoch 40: /);
  assert.match(narrate({ kind: 'diverged', lr: 10 }, st).text, /diverged after epoch 40 at learning rate 10/);
  assert.equal(narrate(null, st), null);
  assert.match(narrate({ kind: 'switch', from: 'A', to: 'B', before: { testAccuracy: 0.9 } }, stats([hidden(), hidden()], { testAccuracy: 0.92 })).text, /stayed at 92 %/);
});

test('crossing: up at the level, down only below the lower one, nothing for a new shape', () => {
  const at = (dead) => stats([hidden({ dead }), hidden()]);
  let r = crossing(null, at(0));
  assert.equal(r.crossed, false);
  r = crossing(r.levels, at(3));
  assert.equal(r.crossed, false, '3 of 8 is below the level');
  r = crossing(r.levels, at(Math.ceil(8 * LEVELS.dead.up)));
  assert.equal(r.crossed, true);
  r = crossing(r.levels, at(3));
  assert.equal(r.crossed, false, 'hovering between the levels does not speak');
  r = crossing(r.levels, at(1));
  assert.equal(r.crossed, true, 'below the lower level it speaks again');
  r = crossing(r.levels, stats([hidden({ dead: 8 })]));
  assert.equal(r.crossed, false, 'a new network starts fresh');
  const sat = (small) => stats([hidden({ saturated: 0.1, small }), hidden({ saturated: 0.1, small: 0 })]);
  r = crossing(crossing(null, sat(0.1)).levels, sat(0.8));
  assert.equal(r.crossed, true);
  const relu = (small) => stats([hidden({ small }), hidden()]);
  assert.equal(crossing(crossing(null, relu(0.1)).levels, relu(0.9)).crossed, false, 'ReLU’s zero half is not saturation');
});

test('sentences use the page’s percent format', () => {
  assert.equal(percent(0.46), '46 %');
});

test('a switch is followed up once, FOLLOW_UP_EPOCHS later, from the accuracy at the switch to the one then', () => {
  const at = stats([hidden(), hidden()], { epoch: 158, testAccuracy: 0.42 });
  const pending = followUpOf({ kind: 'switch', from: 'Sigmoid', to: 'ReLU', before: at }, at);
  assert.deepEqual(pending, { about: 'switch', to: 'ReLU', epoch: 158, accuracy: 0.42 });
  for (const kind of ['threshold', 'diverged', 'since']) assert.equal(followUpOf({ kind }, at), null);
  assert.equal(followUpOf({ kind: 'switch', to: 'ReLU' }, null), null);
  // Not yet one epoch before; due at the mark and after it (a frame may train several epochs past it).
  assert.equal(followUpDue(pending, stats([hidden(), hidden()], { epoch: 158 + FOLLOW_UP_EPOCHS - 1 })), null);
  assert.equal(followUpDue(null, at), null);
  const later = stats([hidden(), hidden()], { epoch: 158 + FOLLOW_UP_EPOCHS + 6, testAccuracy: 0.948 });
  const event = followUpDue(pending, later);
  assert.deepEqual(event, { kind: 'since', about: 'switch', to: 'ReLU', epoch: 158, accuracy: 0.42 });
  const s = narrate(event, later);
  assert.match(s.text, new RegExp(`^${FOLLOW_UP_EPOCHS + 6} epochs after the switch to ReLU at epoch 158: test accuracy `
    + `rose from ${percent(0.42)} to ${percent(0.948)}\\. The error signal gets through`), s.text);
  const flat = narrate(event, stats([hidden(), hidden()], { epoch: 400, testAccuracy: 0.44 }));
  assert.match(flat.text, new RegExp(`^242 epochs after the switch to ReLU at epoch 158: test accuracy stayed at ${percent(0.44)}\\.`));
});

test('a start, a preset and a learning-rate change are followed up too, each in its own words', () => {
  const h = [hidden(), hidden()];
  const start = stats(h, { epoch: 0, testAccuracy: 0.5 });
  const due = (event, at, later) => followUpDue(followUpOf(event, at), later);
  // A run from the start, told once it has trained FOLLOW_UP_EPOCHS epochs: the activation, the epochs, the
  // accuracy at the start and now.
  assert.equal(due({ kind: 'start', to: 'Sigmoid' }, start, stats(h, { epoch: FOLLOW_UP_EPOCHS - 1 })), null);
  const run = due({ kind: 'start', to: 'Sigmoid' }, start, stats(h, { epoch: FOLLOW_UP_EPOCHS + 3, testAccuracy: 0.46 }));
  assert.deepEqual(run, { kind: 'since', about: 'start', to: 'Sigmoid', epoch: 0, accuracy: 0.5 });
  assert.match(narrate(run, stats(h, { epoch: FOLLOW_UP_EPOCHS + 3, testAccuracy: 0.46 })).text,
    new RegExp(`^${FOLLOW_UP_EPOCHS + 3} epochs of Sigmoid from the start: test accuracy stayed at ${percent(0.46)}\\. The error`));
  const resumed = due({ kind: 'start' }, stats(h, { epoch: 30, testAccuracy: 0.5 }), stats(h, { epoch: 230, testAccuracy: 0.97 }));
  assert.match(narrate(resumed, stats(h, { epoch: 230, testAccuracy: 0.97 })).text,
    new RegExp(`^200 epochs since epoch 30: test accuracy rose from ${percent(0.5)} to ${percent(0.97)}\\.`));
  const preset = due({ kind: 'preset', title: 'Deep sigmoid' }, start, stats(h, { epoch: 250, testAccuracy: 0.51 }));
  assert.match(narrate(preset, stats(h, { epoch: 250, testAccuracy: 0.51 })).text,
    new RegExp(`^250 epochs after loading “Deep sigmoid”: test accuracy stayed at ${percent(0.51)}\\.`));
  const lr = due({ kind: 'lr', from: '0.003', to: '10' }, stats(h, { epoch: 40, testAccuracy: 0.9 }),
    stats(h, { epoch: 240, testAccuracy: 0.5 }));
  assert.match(narrate(lr, stats(h, { epoch: 240, testAccuracy: 0.5 })).text,
    new RegExp(`^200 epochs after the learning-rate change to 10 at epoch 40: test accuracy fell from ${percent(0.9)} to ${percent(0.5)}\\.`));
  // The first sentence says when the line will speak.
  assert.match(narrate({ kind: 'start' }, start).text, new RegExp(`^Press Play\\. ${FOLLOW_UP_EPOCHS} epochs into the run`));
});
