// The hidden-space view shows real ranges: both axes carry their values and share one scale, so a neuron whose
// outputs collapse onto one value (the deep sigmoid preset's last layer) is drawn as a line or a dot, not
// stretched into a wide ellipse — and the note says in words that it collapsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, open, assertClean } from './harness.mjs';
import { recordCanvasText, drawnText, overlaps } from './drawn.mjs';

const browser = browserForFile(recordCanvasText);

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The drawn points' extent along x and y as shares of the canvas side. */
function spread({ arcs, width, height }) {
  const xs = arcs.map((a) => a.x);
  const ys = arcs.map((a) => a.y);
  return { x: (Math.max(...xs) - Math.min(...xs)) / width, y: (Math.max(...ys) - Math.min(...ys)) / height, n: arcs.length };
}

/** Numbers among the drawn texts (an axis's values), with "−" read as minus. */
const numbers = (texts) => texts.map((t) => t.text.replace('−', '-')).filter((t) => /^-?\d+(\.\d+)?$/.test(t)).map(Number);

test('a collapsed neuron looks collapsed, and the note says so in words', async () => {
  const { page, problems } = await open(browser.context, '/#preset=deep-sigmoid');
  await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim')?.textContent ?? ''),
    null, { timeout: 60000 });
  await page.locator('#hidden').scrollIntoViewIfNeeded();
  await frames(page);
  const note = await page.$eval('#hidden-note', (e) => e.textContent);
  const drawn = await drawnText(page, '#hidden');
  const s = spread(drawn);
  assert.ok(s.n > 100, `the data points are drawn (${s.n})`);
  // The last sigmoid layer maps every point to nearly one value: the picture must show that.
  assert.ok(s.x < 0.05 && s.y < 0.05, `collapsed outputs drawn across ${(s.x * 100).toFixed(0)} % × ${(s.y * 100).toFixed(0)} % of the view`);
  assert.match(note, /collapsed/i, `the note says so: ${note}`);
  assert.match(note, /neuron 1/);
  // Both axes carry their values.
  assert.ok(numbers(drawn.texts).length >= 4, `axis values drawn: ${drawn.texts.map((t) => t.text).join(' | ')}`);
  assert.ok(drawn.texts.some((t) => /neuron 1/.test(t.text)) && drawn.texts.some((t) => /neuron 2/.test(t.text)), 'axes named');
  assert.deepEqual(overlaps(drawn.texts), []);
  await assertClean(assert, page, problems);
});

test('a healthy layer fills the view, and the axis values bracket the note\'s real range', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&layers=6,6&activation=tanh&seed=2');
  for (let k = 0; k < 5; k++) await page.click('[data-testid="step"]');
  await page.locator('#hidden').scrollIntoViewIfNeeded();
  await frames(page);
  const note = await page.$eval('#hidden-note', (e) => e.textContent);
  const m = /x: neuron 1 from (\S+) to (\S+); y: neuron 2 from (\S+) to (\S+)/.exec(note.replaceAll('−', '-'));
  assert.ok(m, `the note gives both ranges: ${note}`);
  const [x0, x1, y0, y1] = m.slice(1, 5).map(Number);
  assert.doesNotMatch(note, /collapsed/);
  const drawn = await drawnText(page, '#hidden');
  const s = spread(drawn);
  assert.ok(Math.max(s.x, s.y) > 0.5, `the wider range fills the view (${(s.x * 100).toFixed(0)} % × ${(s.y * 100).toFixed(0)} %)`);
  // One scale for both axes: the drawn spreads are in the ratio of the real ranges.
  const want = (x1 - x0) / (y1 - y0);
  const got = s.x / s.y;
  assert.ok(Math.abs(Math.log(got / want)) < 0.15, `drawn x:y ${got.toFixed(2)}, real ${want.toFixed(2)}`);
  const values = numbers(drawn.texts);
  assert.ok(values.length >= 4, `axis values drawn: ${drawn.texts.map((t) => t.text).join(' | ')}`);
  assert.ok(Math.min(...values) <= Math.min(x0, y0) + 0.01 && Math.max(...values) >= Math.max(x1, y1) - 0.01,
    `axis values ${values} bracket ${[x0, x1, y0, y1]}`);
  assert.deepEqual(overlaps(drawn.texts), []);
  for (const t of drawn.texts) assert.ok(t.left >= 0 && t.right <= drawn.width && t.top >= 0 && t.bottom <= drawn.height, `"${t.text}" is cut off`);
  await assertClean(assert, page, problems);
});
