// The guided path's pure parts: steps, gradient flow, dead counts and the verdict sentences. A verdict's numbers
// are the stats passed in; a run that contradicts the post gets the honest verdict.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  STEPS, TIMED, clampStep, deadUnits, explainVanishing, firstTo90, gradientFlow, seededConfig, verdict,
} from '../../www/story/lesson-steps.js';

const step = (slug) => STEPS.find((s) => s.slug === slug);

/** A stats object of `grads` hidden layers' mean |∂L/∂z| (plus the output layer). */
function stats({ grads, saturated = 0, dead = [], epoch = 150, testAccuracy = 0.5 }) {
  const layers = grads.map((g, i) => ({
    meanAbsGradZ: g, saturated, units: 8, dead: Array.from({ length: 8 }, (_, k) => k < (dead[i] ?? 0)),
  }));
  layers.push({ meanAbsGradZ: 1, saturated: null, units: 1, dead: [false] });
  return { epoch, testAccuracy, layers };
}

test('the path has the eight fixed steps, each with 2–4 choices and a question', () => {
  assert.deepEqual(STEPS.map((s) => s.slug), ['relu', 'cheap', 'saturate', 'deep-sigmoid', 'tanh', 'relu-deep', 'dead', 'leaky']);
  for (const s of STEPS) {
    assert.ok(s.choices.length >= 2 && s.choices.length <= 4, s.slug);
    assert.ok(s.question.endsWith('?'), s.slug);
  }
  assert.deepEqual([clampStep(0), clampStep(4), clampStep(99), clampStep('x')], [1, 4, 8, 1]);
  assert.equal(seededConfig(step('dead'), 7).endsWith('&seed=7'), true);
  assert.equal(seededConfig(step('cheap'), 7).includes('seed='), false);
});

test('gradient flow: the ratio first/last, the per-layer factor and the largest saturated share', () => {
  const flow = gradientFlow(stats({ grads: [0.001, 0.004, 0.016, 0.064, 0.256, 1.024], saturated: 0.05 }));
  assert.ok(Math.abs(flow.ratio - 0.001 / 1.024) < 1e-12);
  assert.ok(Math.abs(flow.factor - 0.25) < 1e-9);
  assert.equal(flow.saturated, 0.05);
  assert.equal(gradientFlow(stats({ grads: [1] })), null, 'one hidden layer has no ratio');
  assert.equal(gradientFlow(stats({ grads: [1, 0] })), null, 'no gradient in the last layer');
  assert.deepEqual(deadUnits(stats({ grads: [1, 1, 1], dead: [2, 0, 5] })), { dead: 7, units: 24 });
});

test('step 4 chooses its explanation from the measured factor and saturation', () => {
  const cap = explainVanishing({ ratio: 0.0009, factor: 0.25, saturated: 0.02 });
  assert.match(cap, /σ′ ≤ ¼/);
  assert.match(cap, /2 %/);
  assert.match(explainVanishing({ ratio: 0.0001, factor: 0.16, saturated: 0.6 }), /60 % .*flat end/);
  assert.match(explainVanishing({ ratio: 0.8, factor: 0.95, saturated: 0 }), /try another seed/);
});

test('step 4 verdict quotes this run: ratio, factor, epochs; it says whether the prediction held', () => {
  const s = stats({ grads: [0.001, 0.004, 0.016, 0.064, 0.256, 1.024], saturated: 0.03, testAccuracy: 0.46 });
  const text = verdict(step('deep-sigmoid'), 'tiny', { stats: s, epochs: 150, epochsTo90: null });
  assert.match(text, /You predicted less than a hundredth/);
  assert.match(text, /1\/1,000 of the last/);
  assert.match(text, /0\.25 per layer/);
  assert.match(text, /had not reached 90 % by epoch 150 \(now 46 %\)/);
  assert.match(text, /Your prediction held/);
  const easy = stats({ grads: [0.9, 1, 1, 1, 1, 1], testAccuracy: 0.97 });
  const other = verdict(step('deep-sigmoid'), 'tiny', { stats: easy, epochs: 150, epochsTo90: 12 });
  assert.match(other, /0\.90× of the last/);
  assert.match(other, /reached 90 % at epoch 12/);
  assert.match(other, /try another seed/);
  assert.match(other, /did not hold/);
});

/** A race table row. */
const row = (name, epochsTo90, dead = 0, gradientRatio = null) => ({
  activation: name, name, epochsTo90, dead, units: 24, gradientRatio, testAccuracy: 0.9, epoch: 150,
});

test('race verdicts: the winner and its epochs from the table; a contradicting run is said to contradict', () => {
  const table = [row('sigmoid', null, 0, 0.0006), row('tanh', 40), row('relu', 12)];
  const text = verdict(step('relu-deep'), 'relu', { table, epochs: 150 });
  assert.equal(firstTo90(table, ['sigmoid', 'tanh', 'relu']), 'relu');
  assert.match(text, /relu reached 90 % at epoch 12/);
  assert.match(text, /tanh reached 90 % at epoch 40/);
  assert.match(text, /sigmoid had not reached 90 % by epoch 150 .*1\/1,700/);
  assert.match(text, /Your prediction held/);
  assert.doesNotMatch(text, /contradicts/);

  const lucky = [row('sigmoid', 9), row('tanh', 40), row('relu', 12)];
  const honest = verdict(step('relu-deep'), 'relu', { table: lucky, epochs: 150 });
  assert.match(honest, /contradicts the post: sigmoid got there first/);
  assert.match(honest, /try another seed/);
  assert.match(honest, /did not hold/);

  const names = { relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'Tanh' };
  assert.match(verdict(step('relu-deep'), 'relu', { table: lucky, epochs: 150 }, (n) => names[n]),
    /Sigmoid reached 90 % at epoch 9.*Sigmoid got there first/);

  const none = verdict(step('tanh'), 'neither', { table: [row('sigmoid', null), row('tanh', null)], epochs: 150 });
  assert.match(none, /No racer reached 90 % within 150 epochs/);
  assert.match(none, /Your prediction held/);
});

test('dead-unit verdicts count what the stats and the table say', () => {
  const s = stats({ grads: [1, 1, 1], dead: [3, 8, 8], testAccuracy: 0.46, epoch: 60 });
  const text = verdict(step('dead'), 'many', { stats: s, epochs: 60, epochsTo90: null });
  assert.match(text, /19 of 24 hidden ReLUs are dead/);
  assert.match(text, /Your prediction held/);
  const alive = verdict(step('dead'), 'many', { stats: stats({ grads: [1, 1, 1], epoch: 60 }), epochs: 60, epochsTo90: 20 });
  assert.match(alive, /0 of 24/);
  assert.match(alive, /No unit died on this seed.*try another seed/);

  const table = [row('relu', null, 19), row('leaky_relu', 3, 0), row('elu', 2, 7), row('gelu', null, 0)];
  const leaky = verdict(step('leaky'), 'leaky_relu', { table, epochs: 60 });
  assert.match(leaky, /relu 19 of 24 dead/);
  assert.match(leaky, /leaky_relu 0 of 24 dead, reached 90 % at epoch 3/);
  assert.match(leaky, /Your prediction held/);
  const same = verdict(step('leaky'), 'leaky_relu', { table: [row('relu', 3), row('leaky_relu', 3), row('elu', 3), row('gelu', 3)], epochs: 60 });
  assert.match(same, /does not show the post's fix/);
});

test('step 2 quotes the measured times and ratios, and says whether the per-epoch ratio is smaller', () => {
  const perMillion = { relu: 0.5, sigmoid: 10, tanh: 8, gelu: 80 };
  const perEpoch = { relu: 1, sigmoid: 1.2, tanh: 1.15, gelu: 2 };
  const text = verdict(step('cheap'), 'same', { perMillion, perEpoch });
  assert.match(text, /relu 0\.50 ms, sigmoid 10\.00 ms, tanh 8\.00 ms, gelu 80\.00 ms/);
  assert.match(text, /20\.0×/);
  assert.match(text, /ReLU 1\.00 ms, sigmoid 1\.20 ms \(1\.2×\)/);
  assert.match(text, /per-epoch ratio is smaller/);
  assert.match(text, /Your prediction held/);
  const odd = verdict(step('cheap'), 'same', { perMillion, perEpoch: { ...perEpoch, sigmoid: 30 } });
  assert.match(odd, /was not smaller/);
  assert.match(odd, /did not hold/);
  assert.deepEqual(TIMED, ['relu', 'sigmoid', 'tanh', 'gelu']);
});

test('steps 1 and 3 quote the sampled curve and the saturated shares', () => {
  const samples = [{ x: -2, f: 0, df: 0 }, { x: 2, f: 2, df: 1 }];
  assert.match(verdict(step('relu'), 'zero', { samples }), /f\(−2\) = 0, f′ = 0; f\(2\) = 2, f′ = 1.*held/);
  assert.match(verdict(step('relu'), 'small', { samples }), /did not hold/);
  const s = stats({ grads: [1, 1], saturated: 0.37 });
  const text = verdict(step('saturate'), 'some', { stats: s, epochs: 60 });
  assert.match(text, /layer 1 37 %, layer 2 37 %/);
  assert.match(text, /held/);
  assert.match(verdict(step('saturate'), 'most', { stats: stats({ grads: [1, 1], saturated: 0.02 }), epochs: 60 }), /Few pre-activations.*did not hold/);
});
