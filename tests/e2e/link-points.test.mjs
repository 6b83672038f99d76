// Copy link with drawn points: the link opens the same points and the same training, bit for bit; past the
// link limit the page says plainly that the points are not in the link and that Export model carries them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, canvasPixels } from './harness.mjs';

let browser;
after(async () => {
  await browser?.close();
});

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Clicks the output plot at (u, v) in [0, 1]² of its box, as a person adds a point. */
async function clickPlot(page, u, v, modifiers = []) {
  const plot = page.locator('[data-testid="boundary"]');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(box.x + u * box.width, box.y + v * box.height);
  for (const m of modifiers) await page.keyboard.up(m);
}

/** Copies the link with the page's button and returns what reached the clipboard. */
async function copyLink(page) {
  await page.click('#copy-link');
  await page.waitForFunction(() => /link/i.test(document.querySelector('[data-testid="status"]').textContent));
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Trains `n` single epochs with the Step button. */
async function steps(page, n) {
  for (let i = 0; i < n; i++) await page.click('[data-testid="step"]');
  await page.waitForFunction((want) => document.querySelector('[data-testid="epoch"]').textContent === String(want), n);
  await frames(page);
}

test('a copied link reproduces the drawn points and the training exactly', async () => {
  browser = await launch({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, problems } = await open(browser.context, '/#dataset=xor&layers=4,4&activation=tanh&seed=7');
  const generated = await page.textContent('[data-testid="point-counts"]');
  // Five points by hand, of both classes, as a learner draws them.
  await clickPlot(page, 0.2, 0.2);
  await clickPlot(page, 0.31, 0.77);
  await clickPlot(page, 0.55, 0.45, ['Shift']);
  await clickPlot(page, 0.8, 0.13, ['Shift']);
  await clickPlot(page, 0.66, 0.9);
  await page.waitForFunction((before) => document.querySelector('[data-testid="point-counts"]').textContent !== before, generated);
  await frames(page);
  const counts = await page.textContent('[data-testid="point-counts"]');
  assert.notEqual(counts, generated, 'the drawn points are counted');
  const url = await copyLink(page);
  assert.match(await page.textContent('[data-testid="status"]'), /Link copied/);
  assert.ok(url.length - url.indexOf('#') < 400, `five points keep the link short (${url.length} characters)`);
  const drawn = await canvasPixels(page, '[data-testid="boundary"]');
  await steps(page, 25);
  const trained = await canvasPixels(page, '[data-testid="boundary"]');
  const loss = await page.textContent('[data-testid="train-loss"]');

  // The link, opened in a fresh page: the same points, the same picture, the same training.
  const fresh = await open(browser.context, url.slice(url.indexOf('/', url.indexOf('//') + 2)));
  await frames(fresh.page);
  assert.equal(await fresh.page.textContent('[data-testid="point-counts"]'), counts);
  assert.deepEqual(await canvasPixels(fresh.page, '[data-testid="boundary"]'), drawn, 'the same points on the same map');
  await steps(fresh.page, 25);
  assert.equal(await fresh.page.textContent('[data-testid="train-loss"]'), loss);
  assert.deepEqual(await canvasPixels(fresh.page, '[data-testid="boundary"]'), trained, 'the same training');
  await assertClean(assert, fresh.page, fresh.problems);
  await fresh.page.close();
  await assertClean(assert, page, problems);
  await page.close();
});

test('past the link limit the page says the points are not in the link and Export model carries them', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&points=10');
  await page.click('#clear-points');
  // A learner drawing a dense picture: more points than a link holds (each costs about 15 characters).
  const plot = page.locator('[data-testid="boundary"]');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  for (let i = 0; i < 400; i++) {
    const u = 0.02 + 0.96 * ((i * 0.6180339887) % 1);
    const v = 0.02 + 0.96 * ((i * 0.7548776662 + 0.3) % 1);
    await page.mouse.click(box.x + u * box.width, box.y + v * box.height);
  }
  await page.waitForFunction(() => /^400 training points/.test(document.querySelector('[data-testid="point-counts"]').textContent));
  const url = await copyLink(page);
  const status = await page.textContent('[data-testid="status"]');
  assert.match(status, /drawn points are not in (the|this) link/i, status);
  assert.match(status, /Export model/, status);
  assert.ok(url.length - url.indexOf('#') - 1 <= 4096, 'the link itself stays within the limit');
  await assertClean(assert, page, problems);
  await page.close();
});
