// The activation picker stays where it is while the learner switches: whatever the explorer says about the
// chosen activation (its formula, where its gradient vanishes, its parameters, the live pre-activations) must
// not push the buttons around under the pointer.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean } from './harness.mjs';

const browsers = [];
after(async () => {
  for (const b of browsers) await b.close();
});

/** Every picker button's box, by activation name (page coordinates, so scrolling does not count). */
const boxes = (page) => page.$$eval('.ex-picker [data-activation]', (els) => Object.fromEntries(els.map((e) => {
  const r = e.getBoundingClientRect();
  return [e.dataset.activation, [r.left + scrollX, r.top + scrollY, r.width, r.height].map((v) => Math.round(v * 10) / 10)];
})));

for (const [width, height] of [[1400, 1000], [1000, 900], [390, 844]]) {
  test(`switching activation never moves the picker (${width}×${height}, training)`, async () => {
    const browser = await launch({ viewport: { width, height } });
    browsers.push(browser);
    const { page, problems } = await open(browser.context, '/#dataset=circle&layers=4,4&activation=relu');
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) > 20);
    const names = await page.$$eval('.ex-picker [data-activation]', (els) => els.map((e) => e.dataset.activation));
    assert.ok(names.length >= 20, 'the picker lists the catalogue');
    const start = await boxes(page);
    for (const name of names) {
      const button = page.locator(`.ex-picker [data-activation="${name}"]`);
      await button.scrollIntoViewIfNeeded();
      const b = await button.boundingBox();
      const x = b.x + b.width / 2;
      const y = b.y + b.height / 2;
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => document.querySelector(`.ex-picker [data-activation="${n}"]`).getAttribute('aria-pressed') === 'true', name);
      // Two frames: the explorer's notes and the live histogram are written on the next frames.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const under = await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest('[data-activation]')?.dataset.activation ?? null, [x, y]);
      assert.equal(under, name, `after clicking ${name} the pointer is over ${under}`);
      const now = await boxes(page);
      for (const other of names) {
        assert.deepEqual(now[other], start[other], `${other}'s button moved after switching to ${name}`);
      }
    }
    await assertClean(assert, page, problems);
  });
}
