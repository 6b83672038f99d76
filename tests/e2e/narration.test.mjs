// The story beside the output, used as a visitor would: the first Play is something to watch, a switch to
// sigmoid and ReLUs dying at a high learning rate are narrated with the numbers the page shows, and the
// evidence (gradient flow, dead and saturated units) sits beside the boundary, where a preset's effect is seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, launch, open, assertClean } from './harness.mjs';

const NARRATION = '[data-testid="narration"]';
const browser = browserForFile();

const text = (page, sel) => page.$eval(sel, (e) => e.textContent);
/** The test-accuracy read-out as a whole percentage ("46.0%" → 46). */
const accuracyShown = async (page) => Math.round(parseFloat(await text(page, '[data-testid="test-accuracy"]')));
const epochShown = async (page) => Number((await text(page, '[data-testid="epoch"]')).replace(/,/g, ''));
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('the first Play on the default page is not over within 250 ms and learns within 10 s', async () => {
  const { page, problems } = await open(browser.context, '/');
  const early = await page.evaluate(() => new Promise((resolve) => {
    document.querySelector('[data-testid="play"]').click();
    setTimeout(() => resolve({
      epoch: document.querySelector('[data-testid="epoch"]').textContent,
      accuracy: document.querySelector('[data-testid="test-accuracy"]').textContent,
    }), 250);
  }));
  assert.ok(parseFloat(early.accuracy) < 90, `250 ms after Play: epoch ${early.epoch}, test accuracy ${early.accuracy}`);
  const t0 = Date.now();
  await page.waitForFunction(() => parseFloat(document.querySelector('[data-testid="test-accuracy"]').textContent) >= 90,
    null, { timeout: 10000, polling: 50 });
  console.log(`default page: 90 % test accuracy ${Date.now() - t0 + 250} ms after Play, epoch ${await epochShown(page)}`);
  await assertClean(assert, page, problems);
  await page.close();
});

test('a switch to sigmoid on the deep default net is narrated with the page’s own numbers', async () => {
  const { page, problems } = await open(browser.context, '/');
  await page.selectOption('#speed', '10');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => parseFloat(document.querySelector('[data-testid="test-accuracy"]').textContent) >= 95,
    null, { timeout: 20000 });
  await page.click('[data-testid="play"]'); // pause: the read-outs hold still
  await frames(page);
  const before = await accuracyShown(page);
  await page.click('[data-activation="sigmoid"]');
  await frames(page);
  const said = await text(page, NARRATION);
  const after = await accuracyShown(page);
  const epoch = await epochShown(page);
  assert.match(said, new RegExp(`^ReLU → Sigmoid at epoch ${epoch}, same weights: test accuracy fell from ${before} % to ${after} %\\.`), said);
  // The explanation the numbers call for on this run: few saturated units, a gradient that shrinks layer by
  // layer. Its ratio is the one the gradient-flow strip prints for the same weights.
  assert.match(said, /The gradient shrinks layer by layer: layer 1 receives (1\/[\d,]+) of layer 4’s gradient/);
  const ratio = /layer 1 receives (1\/[\d,]+) of layer 4/.exec(said)[1];
  assert.ok((await text(page, '[data-testid="gradient-flow"] .ev-ratio')).includes(`Layer 1 receives ${ratio} of the gradient`));
  assert.doesNotMatch(said, /dead/);
  assert.equal(await page.getAttribute(`${NARRATION} a`, 'href'), '#lesson=4');
  // Calm: a few epochs of training later, the sentence is the same one.
  for (let i = 0; i < 3; i++) await page.click('[data-testid="step"]');
  assert.equal(await epochShown(page), epoch + 3);
  assert.equal(await text(page, NARRATION), said);
  // Once, 200 epochs after the switch: what it led to, from the accuracy just after the switch.
  await page.click('[data-testid="play"]');
  await page.waitForFunction((e) => /epochs after the switch/.test(document.querySelector('[data-testid="narration"]').textContent)
    || Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/,/g, '')) > e + 400, epoch, { timeout: 20000 });
  await page.click('[data-testid="play"]');
  const later = await text(page, NARRATION);
  const m = new RegExp(`^(\\d+) epochs after the switch to Sigmoid at epoch ${epoch}: test accuracy `
    + `(?:fell from ${after} % to|rose from ${after} % to|stayed at) (\\d+) %\\.`).exec(later);
  assert.ok(m, later);
  assert.ok(Number(m[1]) >= 200 && Number(m[1]) < 260, `told at the first frame 200 epochs on: ${later}`);
  // Calm again: the follow-up is told once.
  for (let i = 0; i < 3; i++) await page.click('[data-testid="step"]');
  assert.equal(await text(page, NARRATION), later);
  await assertClean(assert, page, problems);
  await page.close();
});

test('a plain run is told what it led to, once, 200 epochs after Play: a deep sigmoid net that stalls', async () => {
  const { page, problems } = await open(browser.context, '/#activation=sigmoid&layers=6,6,6,6');
  assert.match(await text(page, NARRATION), /^Press Play\. 200 epochs into the run/);
  const first = await accuracyShown(page);
  await page.selectOption('#speed', '10');
  await page.click('[data-testid="play"]');
  // The sentence and the strip as one frame left them (both draw from the same statistics).
  const told = await page.waitForFunction(() => {
    const said = document.querySelector('[data-testid="narration"]').textContent;
    const strip = document.querySelector('[data-testid="gradient-flow"] .ev-ratio').textContent;
    return /epochs of Sigmoid from the start/.test(said) && { said, strip };
  }, null, { timeout: 20000, polling: 'raf' });
  const { said, strip } = await told.jsonValue();
  await page.click('[data-testid="play"]'); // pause
  const m = new RegExp(`^(\\d+) epochs of Sigmoid from the start: test accuracy `
    + `(?:fell from ${first} % to|rose from ${first} % to|stayed at) (\\d+) %\\.`).exec(said);
  assert.ok(m, said);
  assert.ok(Number(m[1]) >= 200 && Number(m[1]) < 260, `told at the first frame 200 epochs on: ${said}`);
  // This net stalls near chance, and the sentence says why with the strip's own ratio.
  assert.ok(Number(m[2]) < 70, said);
  const ratio = /layer 1 receives (1\/[\d,]+) of layer 4/.exec(said)?.[1];
  assert.ok(ratio, said);
  assert.ok(strip.includes(`Layer 1 receives ${ratio} of the gradient`), `${strip} / ${said}`);
  // Told once: more training leaves it.
  for (let i = 0; i < 3; i++) await page.click('[data-testid="step"]');
  assert.equal(await text(page, NARRATION), said);
  await assertClean(assert, page, problems);
  await page.close();
});

test('ReLUs dying at learning rate 10 are narrated: the dead count is the strip’s', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&layers=8,8,8&optimizer=adam&lr=0.03&seed=1');
  for (let i = 0; i < 5; i++) await page.click('[data-testid="step"]');
  await page.selectOption('#lr', '10');
  assert.match(await text(page, NARRATION), /^Learning rate 0\.03 → 10 at epoch 5\./);
  let said = '';
  for (let i = 0; i < 60 && !/are dead/.test(said); i++) {
    await page.click('[data-testid="step"]');
    said = await text(page, NARRATION);
  }
  const m = /^Epoch (\d+), test accuracy (\d+) %: (\d+) of (\d+) hidden units are dead/.exec(said);
  assert.ok(m, `the narration names the dead units: ${said}`);
  assert.equal(Number(m[1]), await epochShown(page));
  assert.equal(Number(m[2]), await accuracyShown(page));
  const units = await text(page, '[data-testid="gradient-flow"] .ev-units');
  assert.ok(units.startsWith(`Dead units: ${m[3]} of ${m[4]} `), `strip: ${units}; narration: ${said}`);
  assert.match(said, /f′ = 0 on every training point, so no gradient reaches their weights/);
  assert.match(said, /Leaky ReLU keeps a small slope below 0; a lower learning rate helps/);
  assert.doesNotMatch(said, /vanish|saturat/);
  assert.equal(await page.getAttribute(NARRATION, 'data-kind'), 'dead');
  assert.equal(await page.getAttribute(`${NARRATION} a`, 'href'), '#lesson=7');
  assert.equal(await page.getAttribute(NARRATION, 'aria-live'), 'polite');
  await assertClean(assert, page, problems);
  await page.close();
});

test('a divergence is narrated with the epoch and the learning rate the page shows', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=spiral&layers=8,8&lr=10&reg=l2&rate=10&optimizer=sgd');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => /diverged/.test(document.querySelector('[data-testid="narration"]').textContent), null, { timeout: 15000 });
  const said = (await text(page, NARRATION)).trim();
  assert.match(said, new RegExp(`^Training diverged after epoch ${await epochShown(page)} at learning rate 10: `), said);
  assert.match(said, /A lower learning rate helps\.$/);
  assert.equal(await page.getAttribute(NARRATION, 'data-kind'), 'diverged');
  await assertClean(assert, page, problems);
  await page.close();
});

/** A box's [left, top, right, bottom] in CSS pixels of the viewport. */
const box = (page, sel) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom];
});

test('at 1400×1000 the gradient flow and the dead counts sit beside the boundary, both on screen', async () => {
  const { page, problems } = await open(browser.context, '/');
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(500);
  const boundary = await box(page, '[data-testid="boundary"]');
  for (const sel of ['[data-testid="gradient-flow"] canvas', '[data-testid="gradient-flow"] .ev-units', NARRATION]) {
    const b = await box(page, sel);
    assert.ok(b[1] >= 0 && b[3] <= 1000, `${sel} is on screen: ${b}`);
    assert.ok(b[2] <= boundary[0] && boundary[0] - b[2] < 200, `${sel} is just left of the boundary: ${b} vs ${boundary}`);
    assert.ok(b[1] < boundary[3] + 300, `${sel} is level with the boundary: ${b} vs ${boundary}`);
  }
  assert.ok(boundary[1] >= 0 && boundary[3] <= 1000);
  await assertClean(assert, page, problems);
  await page.close();
});

test('at 390×844 the evidence follows the output directly, and a preset click brings the output into view', async () => {
  const phone = await launch({ viewport: { width: 390, height: 844 } });
  try {
    const { page, problems } = await open(phone.context, '/');
    const output = await box(page, '.output-panel');
    const why = await box(page, '.why-panel');
    assert.ok(why[1] > output[3] && why[1] - output[3] < 40, `the why panel follows the output: ${why} after ${output}`);
    const preset = page.locator('[data-preset="deep-sigmoid"]');
    await preset.scrollIntoViewIfNeeded();
    await preset.click();
    await page.waitForTimeout(800);
    const boundary = await box(page, '[data-testid="boundary"]');
    assert.ok(boundary[1] >= 0 && boundary[1] < 844, `after the preset click the boundary is on screen: ${boundary}`);
    assert.match(await text(page, NARRATION), /^Loaded “Deep sigmoid: gradients vanish”/);
    await assertClean(assert, page, problems);
  } finally {
    await phone.close();
  }
});
