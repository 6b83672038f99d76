// Numbers and short texts for people (www/lib/format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fmt, grouped, niceCeil, trim, formatNumber, formatShort, formatTick, niceStep, powerOfTen, scientific, formatRatio,
  percent, listOf, clip, messageOf, count,
} from '../../www/lib/format.js';

test('fmt: fixed digits, a real minus sign, a dash for anything not finite', () => {
  assert.equal(fmt(0.12345), '0.123');
  assert.equal(fmt(-1.5, 1), '−1.5');
  for (const v of [NaN, Infinity, -Infinity]) assert.equal(fmt(v), '–');
});

test('grouped writes what toLocaleString writes, for integers of every size', () => {
  for (const v of [0, 7, 999, 1000, 12345, -1234567, 9007199254740991, 1.5, 1e21]) {
    assert.equal(grouped(v), v.toLocaleString('en-US'), String(v));
  }
  assert.equal(grouped(-0), '0');
});

test('axis helpers: a round top, three significant digits, nice steps and tick labels', () => {
  assert.equal(niceCeil(0.7), 1);
  assert.equal(niceCeil(1.7), 2);
  assert.equal(niceCeil(2.2), 2.5);
  assert.equal(niceCeil(31), 50);
  assert.equal(trim(0.30000000000000004), '0.3');
  assert.equal(niceStep(12, 6), 2);
  assert.equal(niceStep(1, 10), 0.1);
  assert.equal(niceStep(400, 5), 100);
  assert.equal(formatTick(-0.5, 0.5), '−0.5');
  assert.equal(formatTick(2, 1), '2');
  assert.equal(formatTick(-0.00001, 0.1), '0.0', 'no minus on a tick that rounds to zero');
});

test('formatNumber and formatShort: plain, exponent outside the usual range, special values in words', () => {
  assert.equal(formatNumber(0.5), '0.5000');
  assert.equal(formatNumber(-2), '−2.0000');
  assert.equal(formatNumber(123456), '1.23e+5');
  assert.equal(formatNumber(0.00001), '1.00e-5');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '−∞');
  assert.equal(formatShort(2.0612), '2.06');
  assert.equal(formatShort(-6), '−6');
  assert.equal(formatShort(-0.001), '0');
});

test('scientific notation, ratios and percentages as a learner reads them', () => {
  assert.equal(powerOfTen(-4), '10⁻⁴');
  assert.equal(powerOfTen(0), '1');
  assert.equal(scientific(0.00069), '6.9 × 10⁻⁴');
  assert.equal(scientific(0.25), '0.25');
  assert.equal(scientific(NaN), '–');
  assert.equal(formatRatio(1 / 1450), '1/1,500');
  assert.equal(formatRatio(0.88), '0.88×');
  assert.equal(formatRatio(3.5), '3.5×');
  assert.equal(formatRatio(0), '0');
  assert.equal(formatRatio(-1), '–');
  assert.equal(percent(0.954), '95 %');
  assert.equal(percent(NaN), '–');
});

test('short texts: lists, clipped user text, error messages, counts', () => {
  assert.equal(listOf(['A']), 'A');
  assert.equal(listOf(['A', 'B', 'C']), 'A, B and C');
  assert.equal(clip('x'.repeat(50)), `${'x'.repeat(39)}…`);
  assert.equal(clip('short'), 'short');
  assert.equal(messageOf(new Error('why')), 'why');
  assert.equal(messageOf('plain'), 'plain');
  assert.equal(count(1, 'hidden layer'), '1 hidden layer');
  assert.equal(count(0, 'input'), '0 inputs');
});
