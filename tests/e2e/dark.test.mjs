// Dark mode: every picture — the output map, the neuron thumbnails, the input-feature thumbnails and the race
// tiles — is drawn with the page's own neutral colour (its CSS custom property), and flipping the colour scheme
// redraws them all at once, without training.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, canvasPixels } from './harness.mjs';

let browser;
after(async () => {
  await browser?.close();
});

const hex = (text) => {
  const n = Number.parseInt(text.trim().replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
/** The page's --neutral as [r, g, b] under the colour scheme in force. */
const cssNeutral = async (page) => hex(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--neutral')));

/** Opaque pixels within `tol` of `rgb` on every channel. */
function near(rgba, [r, g, b], tol) {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 255 && Math.abs(rgba[i] - r) <= tol && Math.abs(rgba[i + 1] - g) <= tol && Math.abs(rgba[i + 2] - b) <= tol) n++;
  }
  return n;
}

/** Share of opaque pixels that are grey (channels within 20) and light (all above 180) or dark (all below 70). */
function greys(rgba) {
  let light = 0;
  let dark = 0;
  let all = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 255) continue;
    all++;
    const lo = Math.min(rgba[i], rgba[i + 1], rgba[i + 2]);
    const hi = Math.max(rgba[i], rgba[i + 1], rgba[i + 2]);
    if (hi - lo > 20) continue;
    if (lo > 180) light++;
    if (hi < 70) dark++;
  }
  return { light: light / all, dark: dark / all };
}

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('dark mode draws every picture in the dark palette, and a scheme change redraws them all', async () => {
  browser = await launch({ colorScheme: 'dark' });
  // Few points, so the points' light rims do not count; ReLU thumbnails are exactly neutral where a unit is 0.
  const { page, problems } = await open(browser.context, '/#dataset=circle&points=10&layers=6,6&activation=relu');
  await frames(page);
  const dark = await cssNeutral(page);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await cssNeutral(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await frames(page);
  assert.notDeepEqual(dark, light, 'the page has a neutral of its own in each scheme');

  const check = async (scheme, own, other) => {
    const net = await canvasPixels(page, '#network');
    assert.ok(near(net, own, 3) > 200, `${scheme}: the network's thumbnails use the ${scheme} neutral (${near(net, own, 3)} pixels)`);
    assert.ok(near(net, other, 4) < 20, `${scheme}: the network's thumbnails show the other scheme's neutral (${near(net, other, 4)} pixels)`);
    const boards = [['the output map', '[data-testid="boundary"]']];
    const tiles = await page.$$('[data-testid="race-boundary"]');
    assert.ok(tiles.length >= 2, 'the race tiles are drawn');
    for (let i = 0; i < tiles.length; i++) boards.push([`race tile ${i + 1}`, `[data-testid="race-boundary"] >> nth=${i}`]);
    for (const [name, selector] of boards) {
      const px = await canvasPixels(page, selector);
      const g = greys(px);
      const wrong = scheme === 'dark' ? g.light : g.dark;
      assert.ok(wrong < 0.01, `${scheme}: ${name} has ${(wrong * 100).toFixed(1)} % of the other scheme's greys`);
    }
  };
  await check('dark', dark, light);
  const epoch = await page.textContent('[data-testid="epoch"]');
  await page.emulateMedia({ colorScheme: 'light' });
  await frames(page);
  await check('light', light, dark);
  await page.emulateMedia({ colorScheme: 'dark' });
  await frames(page);
  await check('dark', dark, light);
  assert.equal(await page.textContent('[data-testid="epoch"]'), epoch, 'redrawn without training');
  await assertClean(assert, page, problems);
});
