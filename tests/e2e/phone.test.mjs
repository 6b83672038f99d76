// A phone, 390×844 with a touch screen: the output, Play/Pause, the epoch, test accuracy and an activation
// switcher share the screen; everything a finger can tap is at least 44×44 CSS px; hints speak of taps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean } from './harness.mjs';

let phone;
let desk;
before(async () => {
  phone = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  desk = await launch();
});
after(async () => {
  await phone?.close();
  await desk?.close();
});

/** The fraction of `selector`'s box inside the viewport, and whether the element at its centre is it. */
const onScreen = (page, locator) => locator.evaluate((e) => {
  const r = e.getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  const cx = (Math.max(r.left, 0) + Math.min(r.right, innerWidth)) / 2;
  const cy = (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2;
  const top = document.elementFromPoint(cx, cy);
  return { share: r.width && r.height ? (w * h) / (r.width * r.height) : 0, reachable: top === e || e.contains(top) };
});
const number = (text) => Number(String(text).replace(/[^\d.]/g, ''));

test('phone: with the output on screen, Play, the epoch, test accuracy and the activation switcher are too', async () => {
  const { page, problems } = await open(phone.context, '/#dataset=circle&layers=4,4&activation=relu&lr=0.03');
  const boundary = page.locator('[data-testid="boundary"]');
  await boundary.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(100);
  const scrolled = await page.evaluate(() => scrollY);
  assert.ok((await onScreen(page, boundary)).share > 0.9, 'the output is on screen');

  const visible = async (locator, what) => {
    const all = await locator.all();
    for (const l of all) {
      const s = await onScreen(page, l);
      if (s.share > 0.99 && s.reachable) return l;
    }
    assert.fail(`${what} is not on screen (and uncovered) with the output`);
  };
  const play = await visible(page.getByRole('button', { name: /^(Play|Pause)$/ }), 'Play/Pause');
  const switcher = await visible(page.locator('[data-testid="activation-switcher"]'), 'the activation switcher');
  const epoch = await visible(page.locator('[data-testid="bar-epoch"]'), 'the epoch');
  const accuracy = await visible(page.locator('[data-testid="bar-accuracy"]'), 'test accuracy');
  assert.match(await epoch.textContent(), /Epoch\s*0\b/);

  await play.tap();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/,/g, '')) > 200);
  assert.match(await play.textContent(), /Pause/);
  const e1 = number(await epoch.textContent());
  assert.ok(e1 > 0, 'the bar counts epochs while training');
  assert.match(await accuracy.textContent(), /Test accuracy\s*\d+(\.\d)?\s*%/);

  // Switch mid-run from the bar: same weights, training continues, nobody scrolled.
  const options = await switcher.locator('option').allTextContents();
  assert.ok(options.includes('Tanh') && options.includes('ReLU'), `the switcher offers the activations: ${options}`);
  await switcher.selectOption({ label: 'Tanh' });
  await page.waitForFunction(() => document.getElementById('activation-name').textContent === 'Tanh');
  assert.match(await page.textContent('[data-testid="status"]'), /Switched to Tanh.*same weights/);
  await page.waitForFunction((e) => Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/,/g, '')) > e + 100, e1);
  assert.equal(await switcher.evaluate((s) => s.selectedOptions[0].textContent), 'Tanh');
  // The switcher follows a switch made elsewhere (the explorer's picker).
  await page.locator('.ex-picker [data-activation="sigmoid"]').evaluate((b) => b.click());
  await page.waitForFunction(() => document.querySelector('[data-testid="activation-switcher"]').selectedOptions[0].textContent === 'Sigmoid');
  await page.evaluate((y) => scrollTo(0, y), scrolled);
  await play.tap();
  assert.match(await play.textContent(), /Play/);
  assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'false', 'the run bar agrees');
  assert.equal(await page.evaluate(() => scrollY), scrolled, 'no scrolling was needed');
  await assertClean(assert, page, problems);
  await page.close();
});

test('phone: every touch target is at least 44×44 CSS px', async () => {
  const { page, problems } = await open(phone.context, '/');
  await page.evaluate(() => document.querySelector('.ex-compare')?.setAttribute('open', ''));
  const small = await page.evaluate(() => {
    const out = [];
    const targets = new Set();
    for (const e of document.querySelectorAll('button, select, summary, a[href], input, [tabindex="0"], label')) {
      if (e.closest('[hidden], .sr-only') || e.getClientRects().length === 0) continue;
      if (e.matches('a.skip')) continue;
      // Inline links in a sentence are exempt (as WCAG's target-size rule has it).
      if (e.matches('a') && e.closest('p, li, dd')) continue;
      let t = e;
      // A checkbox, radio or file input is tapped through its label.
      if (e.matches('input[type="checkbox"], input[type="radio"], input[type="file"]')) t = e.closest('label') ?? e;
      if (e.matches('label') && !e.querySelector('input[type="checkbox"], input[type="radio"], input[type="file"]')) continue;
      if (getComputedStyle(t).pointerEvents === 'none' || getComputedStyle(t).visibility === 'hidden') continue;
      targets.add(t);
    }
    for (const t of targets) {
      const r = t.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) {
        out.push(`${t.tagName.toLowerCase()}${t.id ? `#${t.id}` : ''}.${t.className} "${(t.textContent || t.getAttribute('aria-label') || '').trim().slice(0, 24)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
      }
    }
    return out;
  });
  assert.deepEqual(small, [], `targets smaller than 44×44:\n${small.join('\n')}`);
  await assertClean(assert, page, problems);
  await page.close();
});

/** The page's rendered text (what a visitor reads), lower-cased. */
const readText = (page) => page.evaluate(() => document.body.innerText.toLowerCase());
const MOUSE_WORDS = /\b(click|clicks|shift-click|right-click|alt-click|hover|press 1–9)\b/;

test('hints are worded for the device: taps on a touch screen, clicks and keys with a mouse', async () => {
  const { page, problems } = await open(phone.context, '/');
  const touchText = await readText(page);
  const found = touchText.match(new RegExp(MOUSE_WORDS.source, 'g'));
  assert.equal(found, null, `a touch screen is told about mouse or keyboard: ${found}`);
  assert.match(touchText, /tap the plot to add a point/);
  assert.match(touchText, /touch a neuron, link or bias/);
  assert.match(touchText, /touch the plot to read f and f′/);
  await assertClean(assert, page, problems);
  await page.close();

  const desktop = await open(desk.context, '/');
  const mouseText = await readText(desktop.page);
  assert.match(mouseText, /click the plot to add a point/);
  assert.match(mouseText, /press 1–9/);
  assert.match(mouseText, /hover the plot/);
  assert.doesNotMatch(mouseText, /\b(tap|touch)\b|bar at the bottom/, 'a mouse is not told about taps');
  await assertClean(assert, desktop.page, desktop.problems);
  await desktop.page.close();
});
