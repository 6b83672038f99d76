// Explorer bands from sampled f′ (www/views/explorer/bands.js): zero, a small constant slope and a fading
// slope are told apart by the numbers alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandRuns, BAND_NAMES } from '../../www/views/explorer/bands.js';

const xs = Array.from({ length: 101 }, (_, i) => -6 + (12 * i) / 100);
const relu = Float32Array.from(xs, (x) => (x > 0 ? 1 : 0));
const leaky = Float32Array.from(xs, (x) => (x > 0 ? 1 : 0.01));
const sigmoid = Float32Array.from(xs, (x) => {
  const s = 1 / (1 + Math.exp(-x));
  return s * (1 - s);
});

test('ReLU’s negative half is a zero gradient, Leaky ReLU’s a small constant slope: different kinds', () => {
  assert.deepEqual(bandRuns(relu), [{ start: 0, end: 51, kind: 'zero' }]);
  assert.deepEqual(bandRuns(leaky), [{ start: 0, end: 51, kind: 'leak' }]);
});

test('sigmoid’s tails fade: saturation, on both sides', () => {
  const runs = bandRuns(sigmoid);
  assert.equal(runs.length, 2);
  assert.ok(runs.every((r) => r.kind === 'fade'));
  assert.equal(runs[0].start, 0);
  assert.equal(runs[1].end, 101);
  // |x| > 2.06 on a grid of 0.12: the first run ends at the first sample with σ′ ≥ 0.1.
  assert.ok(xs[runs[0].end] > -2.07 && xs[runs[0].end - 1] < -2.06);
});

test('a zero stretch next to a small slope makes two runs; steep slopes make none', () => {
  assert.deepEqual(bandRuns(Float32Array.from([0, 0, 0.05, 0.05, 1, 1])), [
    { start: 0, end: 2, kind: 'zero' }, { start: 2, end: 4, kind: 'leak' },
  ]);
  assert.deepEqual(bandRuns(Float32Array.from([1, -1, 0.5])), []);
  assert.deepEqual(bandRuns(new Float32Array(0)), []);
});

test('every kind has a label and a legend of its own', () => {
  const labels = Object.values(BAND_NAMES).map((n) => n.label);
  assert.equal(new Set(labels).size, 3);
  assert.doesNotMatch(BAND_NAMES.zero.legend, /vanish/);
});
