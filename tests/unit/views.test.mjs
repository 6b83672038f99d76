// The pure parts of the views: what the controls do to a list of layers or features, the read-outs' texts,
// a preset's facts, and what makes two setups race alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addLayer, resizeLayer, toggleFeature } from '../../www/views/controls/controls.js';
import { accuracyText } from '../../www/views/training/runbar.js';
import { presetFacts } from '../../www/views/evidence/evidence.js';
import { raceBase } from '../../www/views/evidence/race.js';
import { activationEntry, activationName } from '../../www/app/core.js';

test('layer steppers stay within the core limits', () => {
  assert.deepEqual(addLayer([4, 2], 8), [4, 2, 2]);
  assert.deepEqual(addLayer([], 8), [4]);
  assert.deepEqual(addLayer([1, 1, 1, 1, 1, 1, 1, 1], 8), [1, 1, 1, 1, 1, 1, 1, 1]);
  const units = { min: 1, max: 16 };
  assert.deepEqual(resizeLayer([4, 2], 1, -1, units), [4, 1]);
  assert.deepEqual(resizeLayer([4, 1], 1, -1, units), [4, 1]);
  assert.deepEqual(resizeLayer([16, 2], 0, 1, units), [16, 2]);
});

test('features toggle in the core order', () => {
  const order = ['x1', 'x2', 'x1sq', 'x2sq'];
  assert.deepEqual(toggleFeature(['x2', 'x1'], 'x1sq', order), ['x1', 'x2', 'x1sq']);
  assert.deepEqual(toggleFeature(['x1', 'x2'], 'x1', order), ['x2']);
});

test('test accuracy reads as a percentage, or a dash for regression and before there is one', () => {
  assert.equal(accuracyText({ nClasses: 2, testAccuracy: 0.9567 }), '95.7%');
  assert.equal(accuracyText({ nClasses: 1, testAccuracy: 0.5 }), '–');
  assert.equal(accuracyText({ nClasses: 2, testAccuracy: NaN }), '–');
  assert.equal(accuracyText(null), '–');
});

test('a preset reads its claim from the numbers: accuracy, dead units, the gradient ratio', () => {
  const layer = (g, dead) => ({ meanAbsGradZ: g, units: dead.length, dead });
  const stats = { testAccuracy: 0.5, layers: [layer(0.0001, [true, false]), layer(0.1, [false, false]), layer(1, [])] };
  assert.deepEqual(presetFacts(stats), ['test accuracy 50 %', '1 of 4 hidden units dead', 'layer 1 receives 1/1,000 of layer 2’s gradient']);
  stats.layers[0].meanAbsGradZ = 0;
  assert.equal(presetFacts(stats)[2], 'layer 1 receives no gradient at all');
});

test('two setups race alike when everything but the racers and the page activation agree', () => {
  const values = { dataset: 'xor', lr: '0.03', activation: 'relu', race: ['relu', 'tanh'], edits: false };
  assert.equal(raceBase(values), raceBase({ ...values, activation: 'tanh', race: [], edits: true }));
  assert.notEqual(raceBase(values), raceBase({ ...values, lr: '0.1' }));
});

test('a spec finds its catalogue entry by name, the longest name that fits', () => {
  const activations = [{ name: 'relu', display: 'ReLU' }, { name: 'relu6', display: 'ReLU6' }, { name: 'leaky_relu', display: 'Leaky ReLU' }];
  assert.equal(activationEntry(activations, 'relu6').display, 'ReLU6');
  assert.equal(activationName(activations, 'leaky_relu(negative_slope=0.1)'), 'Leaky ReLU');
  assert.equal(activationName(activations, 'gelu'), 'gelu', 'unknown: the spec itself');
});
