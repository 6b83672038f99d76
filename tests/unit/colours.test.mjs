// The page's colours (www/lib/colours.js): CSS text, hex parsing, the diverging map between the class colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { palette, css, rgb, diverging, pointColour } from '../../www/lib/colours.js';

test('CSS colour text and hex colours', () => {
  assert.equal(css([1, 2, 3]), 'rgb(1 2 3)');
  assert.equal(css([1, 2, 3], 0.5), 'rgb(1 2 3 / 0.5)');
  assert.deepEqual(rgb('#ff8000'), [255, 128, 0]);
  assert.deepEqual(rgb(' #f80 '), [255, 136, 0]);
  assert.deepEqual(rgb('not a colour'), [128, 128, 128]);
});

test('the diverging map runs class 0 … neutral … class 1, clamped, and paints NaN neutral', () => {
  Object.assign(palette, { classes: [[200, 0, 0], [0, 0, 200], [0, 200, 0]], neutral: [100, 100, 100] });
  const at = (t) => {
    const out = [0, 0, 0, 0];
    diverging(t, out, 0);
    return out;
  };
  assert.deepEqual(at(-1), [200, 0, 0, 255]);
  assert.deepEqual(at(1), [0, 0, 200, 255]);
  assert.deepEqual(at(0), [100, 100, 100, 255]);
  assert.deepEqual(at(-0.5), [150, 50, 50, 255]);
  assert.deepEqual(at(7), at(1), 'clamped');
  assert.deepEqual(at(NaN), at(0), 'never NaN on screen');
  palette.points = ['p0', 'p1', 'p2'];
  assert.equal(pointColour(1, 2), 'p1');
  assert.equal(pointColour(9, 3), 'p2', 'labels beyond the classes take the last colour');
  assert.equal(pointColour(1, 1), 'rgb(0 0 200)', 'regression: the target on the diverging map');
});
