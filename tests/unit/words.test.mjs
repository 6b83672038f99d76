// The pictures in words (www/lib/words.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NO_CLASS, summariseRegions, zonesText, regionsText, pointsText, boundaryText, regionsChange, networkText, flowText,
  classNames, zeroText, chartText,
} from '../../www/lib/words.js';

/** An n×n map from a rule on (row, col). */
const mapOf = (n, rule) => Uint8Array.from({ length: n * n }, (_, i) => rule(Math.floor(i / n), i % n));

test('a disc of class B in a square of class A: B holds the centre, A every edge and corner', () => {
  const n = 9;
  const map = mapOf(n, (r, c) => ((r - 4) ** 2 + (c - 4) ** 2 <= 4 ? 1 : 0));
  const s = summariseRegions(map, n, 2);
  assert.deepEqual(s.zones, [0, 0, 0, 0, 1, 0, 0, 0, 0]);
  assert.equal(s.shares[0] + s.shares[1], 1);
  assert.ok(s.shares[0] > s.shares[1]);
  assert.equal(regionsText(s, 2), 'Class A holds every edge and corner. Class B holds the centre. Of the square: class A 84 % and class B 16 %.');
});

test('xor: each class holds two opposite corners; the edges and the centre are split', () => {
  const n = 15;
  const map = mapOf(n, (r, c) => ((r < 8) === (c < 8) ? 0 : 1));
  const s = summariseRegions(map, n, 2);
  assert.deepEqual([s.zones[0], s.zones[2], s.zones[6], s.zones[8]], [0, 1, 1, 0]);
  const text = regionsText(s, 2);
  assert.match(text, /Class A holds the top-left corner and the bottom-right corner\./);
  assert.match(text, /Class B holds the top-right corner and the bottom-left corner\./);
  assert.match(text, /Split between classes: the top edge, left edge, centre, right edge and bottom edge\./);
});

test('zone lists say "all four edges", "all four corners", "the whole square"', () => {
  assert.equal(zonesText([0, 1, 2, 3, 4, 5, 6, 7, 8]), 'the whole square');
  assert.equal(zonesText([1, 3, 5, 7]), 'all four edges');
  assert.equal(zonesText([4, 0, 2, 6, 8]), 'the centre and all four corners');
  assert.equal(zonesText([0, 1, 2]), 'the top-left corner, the top edge and the top-right corner');
});

test('cells that are not a number count for no class, and a regression map speaks of the sign', () => {
  const map = new Uint8Array(9).fill(NO_CLASS);
  map[4] = 1;
  const s = summariseRegions(map, 3, 1);
  assert.deepEqual(s.zones, [null, null, null, null, 1, null, null, null, null]);
  assert.deepEqual(classNames(1), ['below 0', 'above 0']);
  assert.match(regionsText(s, 1), /^The prediction is above 0 the centre\./);
});

test('three classes: each named, the largest first', () => {
  const map = mapOf(6, (r) => (r < 3 ? 2 : r < 5 ? 0 : 1));
  const text = regionsText(summariseRegions(map, 6, 3), 3);
  assert.match(text, /^Class C holds the top-left corner, the top edge and the top-right corner\./);
  assert.match(text, /class C 50 %, class A 33 % and class B 17 %/);
});

test('points: training per class, test points drawn or not', () => {
  const points = Float32Array.from([0, 0, 1, 1, 1, 1, 0, 1, 2, 2, 1, 1, 3, 3, 0, 0]);
  assert.equal(pointsText(points, 2, false), 'Points: 3 training points (1 class A and 2 class B); 1 test point, not drawn.');
  assert.match(pointsText(points, 2, true), /1 test point, drawn ringed/);
  assert.equal(pointsText(new Float32Array(0), 2, false), 'No points: click the plot to add some.');
});

test('the boundary text starts with the epoch and the accuracies the core measured', () => {
  const summary = summariseRegions(mapOf(3, () => 0), 3, 2);
  const text = boundaryText({
    stats: { epoch: 1234, testAccuracy: 0.975, trainAccuracy: 0.99 }, summary, nClasses: 2, points: new Float32Array(0), showTest: false,
  });
  assert.match(text, /^Epoch 1,234: test accuracy 98 %, training accuracy 99 %\. Class A holds the whole square\./);
  assert.match(boundaryText({ stats: null, summary: null, nClasses: 2, points: new Float32Array(0) }), /^Not trained yet\./);
});

test('a change of the map is named zone by zone; no change says nothing', () => {
  const a = summariseRegions(mapOf(3, () => 0), 3, 2);
  const b = summariseRegions(mapOf(3, (r, c) => (r === 1 && c === 1 ? 1 : 0)), 3, 2);
  assert.equal(regionsChange(a, b, 2), 'The decision map changed: the centre to class B.');
  assert.equal(regionsChange(a, a, 2), null);
  assert.equal(regionsChange(null, a, 2), null);
});

test('the network: its shape and its dead units, layer by layer', () => {
  const layer = (units, dead = 0) => ({ units, dead: Array.from({ length: units }, (_, i) => i < dead) });
  const stats = { layers: [layer(4, 1), layer(4, 3), { units: 1, dead: [false] }] };
  assert.equal(networkText([2, 4, 4, 1], stats),
    'Network: 2 inputs, 2 hidden layers of 4 and 4 units, 1 output. Dead units (f′ = 0 on every training point, so they no longer learn): 4 of 8, 1 of 4 in layer 1 and 3 of 4 in layer 2.');
  assert.match(networkText([2, 4, 4, 1], { layers: [layer(4), layer(4), layer(1)] }), /No dead units/);
  assert.equal(networkText([2, 1], null), 'Network: 2 inputs, no hidden layer, 1 output.');
});

test('gradient flow: every layer’s mean gradient and its ratio to the last hidden layer’s', () => {
  const stats = { layers: [{ meanAbsGradZ: 0.00002 }, { meanAbsGradZ: 0.002 }, { meanAbsGradZ: 0.05 }] };
  assert.equal(flowText(stats),
    'Mean gradient at each layer, first to last: layer 1 2.0 × 10⁻⁵ (1/100 of layer 2’s); layer 2 2.0 × 10⁻³; output 0.05.');
  assert.match(flowText({ layers: [{ meanAbsGradZ: 0.3 }, { meanAbsGradZ: 0.1 }, { meanAbsGradZ: 1 }] }), /layer 1 0\.3 \(3\.0× layer 2’s\)/);
  assert.equal(flowText({ layers: [] }), '');
  assert.match(flowText({ layers: [{ meanAbsGradZ: null }, { meanAbsGradZ: 0.1 }] }), /layer 1 –/);
});

test('where the derivative is exactly zero', () => {
  assert.equal(zeroText(['x < 0']), 'f′(x) = 0 exactly for x < 0: no gradient passes there at all.');
  assert.equal(zeroText([]), '');
  assert.match(zeroText(['a', 'b', 'c', 'd', 'e']), /on 5 stretches/);
});

test('the chart in words: first and last losses, accuracy now and at best, the marks, from the samples given', () => {
  const h = {
    count: 3,
    epoch: Float64Array.from([0, 50, 100]),
    train: Float32Array.from([0.75, 0.25, 0.125]),
    test: Float32Array.from([0.8, 0.3, 0.5]),
    acc: Float32Array.from([0.5, 0.97, 0.6]),
  };
  const text = chartText(h, [{ epoch: 60, label: '\u2192 Sigmoid' }]);
  assert.equal(text, 'Epochs 0 to 100: train loss from 0.750 to 0.125, test loss from 0.800 to 0.500. '
    + 'Test accuracy 60 % now, at best 97 % at epoch 50. Changes marked: Sigmoid at epoch 60.');
  assert.doesNotMatch(chartText(h, [], false), /accuracy/);
  assert.match(chartText({ count: 0 }), /no epoch trained yet/);
});
