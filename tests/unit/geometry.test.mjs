// The input square and the core's points (www/lib/geometry.js), and the geometry helpers of the views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toPixel, toDomain, gridLines, dataXY, dataLabels, trainingCount } from '../../www/lib/geometry.js';
import { diagramHeight } from '../../www/views/training/network.js';
import { axisRange, axisNote, commonScale } from '../../www/views/training/hidden.js';

const DOMAIN = { min: -6, max: 6 };

test('pixels and domain points map both ways: y up, row 0 at the top, clamped to the square', () => {
  assert.deepEqual(toPixel(DOMAIN, -6, 6, 120, 120), { px: 0, py: 0 });
  assert.deepEqual(toPixel(DOMAIN, 6, -6, 120, 120), { px: 120, py: 120 });
  assert.deepEqual(toPixel(DOMAIN, 0, 0, 120, 60), { px: 60, py: 30 });
  for (const [x, y] of [[1.5, -2], [-6, 6], [5.9, 0.1]]) {
    const { px, py } = toPixel(DOMAIN, x, y, 300, 300);
    const back = toDomain(DOMAIN, px, py, 300, 300);
    assert.ok(Math.abs(back.x - x) < 1e-12 && Math.abs(back.y - y) < 1e-12, `${x}, ${y}`);
  }
  assert.deepEqual(toDomain(DOMAIN, -10, 400, 300, 300), { x: -6, y: -6 });
});

test('grid lines cross the square from edge to edge, horizontal ones first', () => {
  const xy = gridLines(DOMAIN, 3, 4);
  assert.equal(xy.length, 2 * 3 * 4 * 2);
  assert.deepEqual(Array.from(xy.slice(0, 8)), [-6, -6, -2, -6, 2, -6, 6, -6], 'first line: y fixed at the bottom');
  const vertical = 2 * 3 * 4;
  assert.deepEqual(Array.from(xy.slice(vertical, vertical + 4)), [-6, -6, -6, -2], 'then x fixed, y moving');
});

test('points split into positions, labels and the training count', () => {
  const points = Float32Array.from([1, 2, 0, 1, 3, 4, 1, 0, 5, 6, 2, 1]);
  assert.deepEqual(Array.from(dataXY(points)), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(dataLabels(points)), [0, 1, 2]);
  assert.equal(trainingCount(points), 2);
});

test('the diagram grows with its tallest column, within bounds', () => {
  assert.equal(diagramHeight([2, 4, 2, 1], 600), 4 * (46 + 6) + 40);
  assert.equal(diagramHeight([2, 1], 600), 180, 'at least 180 px');
  assert.equal(diagramHeight([7, 16, 16, 16, 1], 900), 470, 'at most 470 px');
});

test('the hidden-space axes: one scale for both, at least one unit wide; constant and collapsed neurons named', () => {
  assert.deepEqual(axisRange([Float32Array.from([0, 5, 10, 7])], 0), { lo: 0, hi: 10 });
  assert.deepEqual(axisRange([Float32Array.from([NaN, 1])], 0), { lo: 0, hi: 0 }, 'nothing finite');
  const { span, vx, vy } = commonScale({ lo: 0, hi: 10 }, { lo: 1, hi: 1 });
  assert.ok(Math.abs(span - 11.2) < 1e-9);
  assert.ok(Math.abs(vy.hi - vy.lo - span) < 1e-9 && Math.abs((vy.lo + vy.hi) / 2 - 1) < 1e-9, 'the flat axis is centred');
  assert.ok(Math.abs((vx.lo + vx.hi) / 2 - 5) < 1e-9);
  assert.equal(commonScale({ lo: 0, hi: 0.1 }, { lo: 0, hi: 0.2 }).span, 1.12, 'at least one unit');
  assert.match(axisNote('y', 'neuron 2', { lo: 1, hi: 1 }, span), /^y: neuron 2 is constant \(1\.000\)/);
  assert.match(axisNote('x', 'neuron 1', { lo: 0.5, hi: 0.6 }, span), /has collapsed: every point lands between 0\.50 and 0\.60/);
  assert.equal(axisNote('x', 'neuron 1', { lo: 0, hi: 10 }, span), 'x: neuron 1 from 0.00 to 10.00');
});
