// The playground page, driven as a visitor would: through the stable hooks (data-testid, data-activation,
// data-dataset, aria-pressed) and the keyboard, never through the page's internals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SPIRAL = 'dataset=spiral&layers=8,8,8&activation=relu&lr=0.01&optimizer=adam&batch=10';

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
const epochOf = async (page) => Number.parseInt(await text(page, 'epoch'), 10);
const numberOf = async (page, id) => Number.parseFloat((await text(page, id)).replace('−', '-'));
const isPlaying = (page) => page.getAttribute('[data-testid="play"]', 'aria-pressed');

/** Waits until the epoch counter reaches `n`. */
async function waitEpoch(page, n, timeout = 15000) {
  await page.waitForFunction(
    (min) => Number.parseInt(document.querySelector('[data-testid="epoch"]').textContent, 10) >= min,
    n,
    { timeout },
  );
}

/** Waits until the epoch counter shows exactly `n` (the counter is repainted on the next frame). */
async function expectEpoch(page, n, message) {
  try {
    await page.waitForFunction(
      (want) => Number.parseInt(document.querySelector('[data-testid="epoch"]').textContent, 10) === want,
      n,
      { timeout: 5000 },
    );
  } catch {
    assert.equal(await epochOf(page), n, message);
  }
}

/** A hash of the curve canvas's pixels, to tell two drawings apart. */
function curveHash(page) {
  return page.$eval('[data-testid="curve"]', (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 1) h = Math.imul(h ^ data[i], 16777619);
    return h >>> 0;
  });
}

/** Share of the boundary's pixels that are a neutral grey (what NaN weights paint in TF Playground). */
function greyShare(page) {
  return page.$eval('[data-testid="boundary"]', (canvas) => {
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let grey = 0;
    for (let i = 0; i < d.length; i += 4) {
      const max = Math.max(d[i], d[i + 1], d[i + 2]);
      const min = Math.min(d[i], d[i + 1], d[i + 2]);
      if (max - min < 12 && max > 30 && max < 215) grey++;
    }
    return grey / (d.length / 4);
  });
}

test('the page loads with no console error and shows a trained-ready setup', async () => {
  const { page, problems } = await open(browser.context, '/');
  assert.equal(await epochOf(page), 0);
  assert.ok((await page.$$('[data-activation]')).length >= 9, 'every activation has a control');
  assert.ok((await page.$$('[data-dataset]')).length >= 8, 'dataset thumbnails are there');
  assert.equal(await page.getAttribute('[data-dataset="circle"]', 'aria-pressed'), 'true');
  assert.match(await page.title(), /Activation Playground/);
  await screenshot(page, 'playground-initial');
  await assertClean(assert, page, problems);
  await page.close();
});

test('play advances the epoch and lowers the loss; pause stops it', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&layers=4,2&lr=0.03');
  const loss0 = await numberOf(page, 'train-loss');
  await page.click('[data-testid="play"]');
  assert.equal(await isPlaying(page), 'true');
  await waitEpoch(page, 60);
  await page.click('[data-testid="play"]');
  assert.equal(await isPlaying(page), 'false');
  const e1 = await epochOf(page);
  await page.waitForTimeout(300);
  assert.equal(await epochOf(page), e1, 'paused means paused');
  const loss1 = await numberOf(page, 'train-loss');
  assert.ok(loss1 < loss0 * 0.8, `train loss went from ${loss0} to ${loss1}`);
  await screenshot(page, 'playground-circle-trained');
  await assertClean(assert, page, problems);
  await page.close();
});

test('spiral with 8,8,8 ReLU passes 90 % test accuracy within 20 seconds', async () => {
  const { page, problems } = await open(browser.context, `/#${SPIRAL}`);
  const started = Date.now();
  await page.click('[data-testid="play"]');
  await page.waitForFunction(
    () => Number.parseFloat(document.querySelector('[data-testid="test-accuracy"]').textContent) > 90,
    null,
    { timeout: 20000 },
  );
  const seconds = (Date.now() - started) / 1000;
  await page.click('[data-testid="play"]');
  assert.match(await text(page, 'test-accuracy'), /^\d+(\.\d+)?\s?%$/);
  await screenshot(page, 'playground-spiral-trained');
  await assertClean(assert, page, problems);
  await page.close();
  assert.ok(seconds < 20, `took ${seconds} s`);
});

test('switching the activation mid-run keeps the weights and the epoch, and changes the curve', async () => {
  const { page, problems } = await open(browser.context, `/#${SPIRAL}`);
  await page.click('[data-testid="play"]');
  await waitEpoch(page, 40);
  await page.click('[data-testid="play"]');
  const epoch = await epochOf(page);
  const curve = await curveHash(page);
  await page.locator('[data-activation="tanh"]').first().click();
  assert.equal(await page.locator('[data-activation="tanh"]').first().getAttribute('aria-pressed'), 'true');
  await page.waitForTimeout(100);
  assert.equal(await epochOf(page), epoch, 'switching does not reset the epoch');
  assert.notEqual(await curveHash(page), curve, 'the curve shows the new activation');
  assert.match(await page.evaluate(() => location.hash), /activation=tanh/);
  await page.click('[data-testid="play"]');
  await waitEpoch(page, epoch + 20);
  await page.click('[data-testid="play"]');
  await screenshot(page, 'playground-switched-to-tanh');
  await assertClean(assert, page, problems);
  await page.close();
});

test('clicking the plot adds a point; right-click removes the nearest', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=gauss&points=100');
  const counts = () => text(page, 'point-counts');
  const before = Number.parseInt(await counts(), 10);
  const box = await page.locator('[data-testid="boundary"]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.8);
  await page.waitForFunction((n) => Number.parseInt(document.querySelector('[data-testid="point-counts"]').textContent, 10) === n + 1, before);
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.8, { button: 'right' });
  await page.waitForFunction((n) => Number.parseInt(document.querySelector('[data-testid="point-counts"]').textContent, 10) === n, before);
  // On a touch screen: add, then the Erase toggle makes a plain click remove.
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.1);
  await page.waitForFunction((n) => Number.parseInt(document.querySelector('[data-testid="point-counts"]').textContent, 10) === n + 1, before);
  await page.click('#add-class button:text-is("Erase")');
  await page.locator('[data-testid="boundary"]').scrollIntoViewIfNeeded(); // clicking Erase may have scrolled
  const again = await page.locator('[data-testid="boundary"]').boundingBox();
  await page.mouse.click(again.x + again.width * 0.9, again.y + again.height * 0.1);
  await page.waitForFunction((n) => Number.parseInt(document.querySelector('[data-testid="point-counts"]').textContent, 10) === n, before);
  await assertClean(assert, page, problems);
  await page.close();
});

test('a link with a hash restores its setup, and names the keys it ignored', async () => {
  const hash = 'dataset=xor&noise=20&layers=6,3&activation=tanh&lr=0.1&optimizer=sgd&batch=30&seed=42';
  const { page, problems } = await open(browser.context, `/#${hash}`);
  assert.equal(await page.getAttribute('[data-dataset="xor"]', 'aria-pressed'), 'true');
  assert.equal(await page.locator('[data-activation="tanh"]').first().getAttribute('aria-pressed'), 'true');
  assert.equal(await page.inputValue('#lr'), '0.1');
  assert.equal(await page.inputValue('#optimizer'), 'sgd');
  const restored = await page.evaluate(() => location.hash);
  for (const part of ['dataset=xor', 'noise=20', 'layers=6,3', 'lr=0.1', 'seed=42']) assert.ok(restored.includes(part), `${part} in ${restored}`);
  // Following another link in the same tab: its keys over the defaults, not over the current setup.
  await page.evaluate(() => {
    location.hash = 'dataset=circle&layers=3';
  });
  await page.waitForFunction(() => document.querySelector('[data-dataset="circle"]').getAttribute('aria-pressed') === 'true');
  const next = await page.evaluate(() => location.hash);
  assert.match(next, /layers=3(&|$)/);
  assert.match(next, /noise=0(&|$)/, 'noise is back to its default');
  await assertClean(assert, page, problems);
  await page.close();

  const bad = await open(browser.context, '/#dataset=moons&bogus=1&noise=999&layers=3&lr=1e+1');
  const status = await text(bad.page, 'status');
  assert.match(status, /bogus/);
  assert.match(status, /noise/);
  assert.doesNotMatch(status, /[:;] lr \(/, 'a literal + in a number is a plus, not a space');
  assert.equal(await bad.page.inputValue('#lr'), '10');
  assert.equal(await bad.page.getAttribute('[data-dataset="moons"]', 'aria-pressed'), 'true', 'good keys are kept');
  await assertClean(assert, bad.page, bad.problems);
  await bad.page.close();
});

test('divergence at lr 10 pauses with a message, keeps a finite picture, and can continue at a lower rate', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=spiral&layers=8,8&lr=10&reg=l2&rate=10&optimizer=sgd');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => /diverg/i.test(document.querySelector('[data-testid="status"]').textContent), null, { timeout: 15000 });
  assert.equal(await isPlaying(page), 'false', 'training paused by itself');
  assert.ok(await page.isVisible('#lower-lr'), 'offers to lower the learning rate');
  assert.ok(await page.isVisible('#diverged-reset'), 'offers to reset');
  const grey = await greyShare(page);
  assert.ok(grey < 0.01, `${(grey * 100).toFixed(2)} % of the boundary is grey`);
  assert.notEqual(await text(page, 'train-loss'), 'NaN');
  await screenshot(page, 'playground-diverged');
  // Each click lowers the rate one step and continues; a rate that still diverges pauses again and says so.
  const rates = [];
  for (let i = 0; i < 8; i++) {
    await page.click('#lower-lr');
    rates.push(Number(await page.inputValue('#lr')));
    await page.waitForTimeout(400);
    if ((await isPlaying(page)) === 'true') break;
    assert.match(await text(page, 'status'), /diverg/i);
  }
  assert.equal(await isPlaying(page), 'true', `training continues (rates tried: ${rates.join(', ')})`);
  assert.ok(rates.every((r, i) => r < (i === 0 ? 10 : rates[i - 1])), `each click lowers the rate: ${rates}`);
  const epoch = await epochOf(page);
  await waitEpoch(page, epoch + 5);
  assert.ok(await page.isHidden('#lower-lr'), 'the offer goes away once training runs');
  await page.click('[data-testid="play"]');
  assert.ok(Number.isFinite(await numberOf(page, 'train-loss')));
  await assertClean(assert, page, problems);
  await page.close();
});

test('the keyboard alone runs the demo', async () => {
  const { page, problems } = await open(browser.context, `/#${SPIRAL}`);
  await page.keyboard.press('s');
  await expectEpoch(page, 1, 's steps one epoch');
  await page.keyboard.press(' ');
  await waitEpoch(page, 30);
  await page.keyboard.press(' ');
  assert.equal(await isPlaying(page), 'false');
  await page.keyboard.press('6');
  assert.equal(await page.locator('[data-activation="tanh"]').first().getAttribute('aria-pressed'), 'true', 'key 6 picks tanh');
  await page.keyboard.press('r');
  await expectEpoch(page, 0, 'r resets');
  // Tab to the play button and press Enter, as a keyboard user would.
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.dataset?.testid === 'play');
  }
  assert.ok(found, 'the play button is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await waitEpoch(page, 10);
  await page.keyboard.press('Enter');
  assert.equal(await isPlaying(page), 'false');
  await assertClean(assert, page, problems);
  await page.close();
});

test('nothing moves while training (no layout shift), and the model exports and re-imports', async () => {
  const { page, problems } = await open(browser.context, `/#${SPIRAL}`);
  const boxes = () => page.$$eval('[data-testid], canvas, section', (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',');
  }));
  const before = await boxes();
  await page.click('[data-testid="play"]');
  await waitEpoch(page, 200);
  const during = await boxes();
  await page.click('[data-testid="play"]');
  assert.deepEqual(during, before);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const model = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(model.format, 'activation-playground-model');
  const epoch = await epochOf(page);
  assert.equal(model.epoch, epoch);

  await page.keyboard.press('r');
  await expectEpoch(page, 0, 'r resets');
  await page.setInputFiles('#import-json', path);
  await expectEpoch(page, epoch, 'the import restores the exported epoch');

  await page.setInputFiles('#import-json', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "nope"}') });
  await page.waitForFunction(() => /Could not import/.test(document.querySelector('[data-testid="status"]').textContent));
  assert.equal(await epochOf(page), epoch, 'a bad file leaves the model untouched');
  await assertClean(assert, page, problems);
  await page.close();
});

test('phone width and dark mode: everything fits, nothing overflows sideways', async () => {
  const { page, problems } = await open(browser.context, `/#${SPIRAL}`);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.click('[data-testid="play"]');
  await waitEpoch(page, 50);
  await page.click('[data-testid="play"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark mode changes the background');
  await screenshot(page, 'playground-phone-dark');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await screenshot(page, 'playground-desktop-dark');
  await assertClean(assert, page, problems);
  await page.close();
});
