// The race as a learner reads it: at 1400 px its table fits the panel (every column, including "Gradient,
// layer 1 ÷ last", in view); and each activation keeps one colour everywhere — in any race, whatever its slot,
// as a comparison curve in the explorer, and on the loss chart's switch marks — from its hue in the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, open, assertClean } from './harness.mjs';
import { recordCanvasText } from './drawn.mjs';

const browser = browserForFile(recordCanvasText);

/** A CSS colour (any syntax) as [r, g, b], by painting it on a 1×1 canvas. */
function rgbOf(page, colour) {
  return page.evaluate((c) => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }, colour);
}

/** The colour of each race row's swatch, by the row's activation name. */
async function raceSwatches(page) {
  const pairs = await page.$$eval('[data-testid="race-table"] tbody tr', (rows) => rows.map((r) => [
    r.querySelector('th').textContent.trim(), getComputedStyle(r.querySelector('.ev-swatch')).backgroundColor,
  ]));
  const out = {};
  for (const [name, colour] of pairs) out[name] = await rgbOf(page, colour);
  return out;
}

async function openRace(race) {
  const { page, problems } = await open(browser.context, `/#dataset=xor&layers=6,6&lr=0.03&seed=4&race=${race}`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="race-table"] tbody tr').length === n,
    race.split(',').length);
  return { page, problems };
}

test('at 1400 px the race table fits: every column is in view, nothing is cut off', async () => {
  const { page, problems } = await openRace('leaky_relu,silu,softplus,sigmoid');
  const fit = await page.$eval('.ev-table-wrap', (wrap) => {
    const table = wrap.querySelector('table');
    const box = wrap.getBoundingClientRect();
    const cut = [...table.querySelectorAll('th, td')].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.right > box.right + 0.5 || c.scrollWidth > c.clientWidth + 1;
    }).map((c) => c.textContent.trim());
    return { scroll: wrap.scrollWidth, client: wrap.clientWidth, cut };
  });
  assert.ok(fit.scroll <= fit.client + 1, `table ${fit.scroll} px wide in a ${fit.client} px panel`);
  assert.deepEqual(fit.cut, []);
  await assertClean(assert, page, problems);
});

test('each activation has one colour: in every race slot, as a comparison curve, and on the chart', async () => {
  const first = await openRace('relu,tanh,sigmoid');
  const a = await raceSwatches(first.page);
  await assertClean(assert, first.page, first.problems);
  const second = await openRace('sigmoid,relu,tanh');
  const b = await raceSwatches(second.page);
  for (const name of ['ReLU', 'Tanh', 'Sigmoid']) assert.deepEqual(b[name], a[name], `${name} changes colour with its slot`);
  assert.notDeepEqual(a.ReLU, a.Tanh);
  assert.notDeepEqual(a.Tanh, a.Sigmoid);

  const page = second.page;
  // The explorer's comparison curve for ReLU.
  await page.click('.ex-compare summary');
  await page.click('[data-ghost="relu"]');
  const ghost = await page.$eval('.ex-legend-ghosts .ex-swatch-ghost', (e) => getComputedStyle(e).borderTopColor);
  assert.deepEqual(await rgbOf(page, ghost), a.ReLU, 'the ReLU comparison curve');
  // The loss chart's mark for a switch to tanh.
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/\D/g, '')) > 5);
  await page.click('[data-activation="tanh"]');
  await page.waitForTimeout(300);
  await page.click('[data-testid="play"]');
  const marks = await page.$$eval('[data-testid="chart-mark"]', (els) => els.map((e) => ({ text: e.textContent, colour: getComputedStyle(e).color })));
  const mark = marks.find((m) => /Tanh/.test(m.text));
  assert.ok(mark, `a mark names Tanh: ${marks.map((m) => m.text).join(' | ')}`);
  assert.deepEqual(await rgbOf(page, mark.colour), a.Tanh, 'the chart mark for Tanh');
  await assertClean(assert, page, second.problems);
});
