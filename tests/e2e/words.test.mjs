// The pictures in words, as a screen reader reaches them (a canvas's aria-label and the texts its
// aria-describedby names): they follow training and the activation, and change at a calm rate. And reduced
// motion: under `prefers-reduced-motion: reduce` a link's preset, race and widget autoplay wait for a press,
// say so, and run when asked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What a screen reader gets for `selector`: its name and the texts its aria-describedby points to. */
const accessibleText = (page, selector) => page.$eval(selector, (e) => {
  const described = (e.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`);
  return [e.getAttribute('aria-label') ?? '', ...described].join(' | ');
});
const epochOf = async (page) => Number((await page.textContent('[data-testid="epoch"]')).replace(/\D/g, ''));

test('the decision map and the curve are described in words that follow training and the activation', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&layers=4,4&activation=tanh&lr=0.03&seed=2');
  const boundary = () => accessibleText(page, '[data-testid="boundary"]');
  const curve = () => accessibleText(page, '[data-testid="curve"]');
  const before = await boundary();
  assert.match(before, /Epoch 0: test accuracy \d+ %/);
  assert.match(before, /Points: \d+ training points \(\d+ class A and \d+ class B\)/);
  const curveBefore = await curve();
  const chartBefore = await accessibleText(page, '#chart');
  assert.match(chartBefore, /no epoch trained yet|Epochs 0 to 0:/);
  assert.match(curveBefore, /Tanh/);
  assert.match(curveBefore, /\|f′\| < 0\.1 and fading towards 0 for x < −1\.82 and x > 1\.82: saturation/);

  // Train; while it trains the description changes at a calm rate, not every frame.
  await page.click('[data-testid="play"]');
  const seen = new Set();
  const started = Date.now();
  while (Date.now() - started < 3000) {
    seen.add(await page.textContent('[data-testid="boundary-words"]'));
    await page.waitForTimeout(50);
  }
  assert.ok(seen.size >= 2 && seen.size <= 3, `${seen.size} different descriptions in 3 s of training`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/\D/g, '')) >= 400,
    null, { timeout: 20000 });
  await page.click('[data-testid="play"]');
  const epoch = await epochOf(page);
  await page.waitForFunction((e) => document.querySelector('[data-testid="boundary-words"]').textContent.startsWith(`Epoch ${e.toLocaleString('en-US')}:`),
    epoch, { timeout: 5000 });
  const trained = await boundary();
  // The loss chart's words name the epochs it covers and the accuracy it shows now.
  await page.waitForFunction((e) => document.getElementById('chart-words').textContent.includes(`to ${e.toLocaleString('en-US')}:`), epoch, { timeout: 5000 });
  assert.match(await accessibleText(page, '#chart'), /Epochs 0 to [\d,]+: train loss from [\d.]+ to [\d.]+, test loss from [\d.]+ to [\d.]+\. Test accuracy (9\d|100) % now/);
  assert.notEqual(trained, before);
  // The circle's inner class (B) in the middle, the outer ring's (A) all round.
  assert.match(trained, /Class A holds every edge and corner\. Class B holds the centre\./);
  assert.match(trained, /test accuracy (9\d|100) %/);
  // Stopping is a meaningful change: the live region says where training stopped.
  assert.match(await page.textContent('[data-testid="words-live"]'), new RegExp(`^Paused at epoch ${epoch.toLocaleString('en-US')}: test accuracy`));
  // The curve's words now include where the trained pre-activations sit.
  assert.notEqual(await curve(), curveBefore, 'the curve’s description follows training (the live pre-activations)');
  assert.match(await curve(), /% of layer \d+ inputs \(pre-activations\) on the training points sit where \|f′\| < 0\.1/);

  // Another activation: the curve says where its gradient is exactly zero; the network counts dead units.
  await page.click('.ex-picker [data-activation="relu"]');
  await page.waitForFunction(() => /ReLU/.test(document.querySelector('[data-testid="curve"]').getAttribute('aria-label')));
  const relu = await curve();
  assert.match(relu, /f′\(x\) = 0 exactly for x < 0: no gradient passes there at all/);
  assert.match(await accessibleText(page, '#network'), /Network: 2 inputs, 2 hidden layers of 4 and 4 units, 1 output\. (No dead units|Dead units)/);
  await assertClean(assert, page, problems);
  await page.close();
});

test('the widgets describe their pictures too: the curve follows the activation, the map follows training', async () => {
  const { page, problems } = await open(browser.context, '/embed.html#view=curve&activation=relu', { waitReady: false });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  assert.match(await accessibleText(page, '[data-testid="curve"]'), /^ReLU \(relu\).*f′\(x\) = 0 exactly for x < 0/);
  await page.selectOption('[data-testid="embed-activation"]', 'tanh');
  assert.match(await accessibleText(page, '[data-testid="curve"]'), /^Tanh \(tanh\).*for x < −1\.82 and x > 1\.82: saturation\.$/);
  await page.goto('about:blank');
  await page.goto(new URL('/embed.html#view=train&dataset=circle&layers=4,4&activation=tanh', process.env.BASE_URL ?? 'http://127.0.0.1:8080').href);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  assert.match(await accessibleText(page, '[data-testid="boundary"]'), /Epoch 0: test accuracy/);
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => /Epoch [1-9]/.test(document.querySelector('[data-testid="boundary-words"]').textContent), null, { timeout: 20000 });
  await assertClean(assert, page, problems);
  await page.close();
});

test('the gradient-flow strip names each layer’s gradient in words', async () => {
  const { page, problems } = await open(browser.context, '/#preset=deep-sigmoid');
  await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim').textContent), null, { timeout: 30000 });
  const text = await accessibleText(page, '[data-testid="gradient-flow"] canvas');
  assert.match(text, /Layer 1 receives 1\/[\d,]+ of the gradient that layer 6 receives/);
  assert.match(text, /Mean gradient at each layer, first to last: layer 1 [\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+ \(1\/[\d,]+ of layer 6’s\);.* layer 6 [\d.]+; output /);
  await assertClean(assert, page, problems);
  await page.close();
});

test('reduced motion: a preset link, a race link and a widget’s autoplay wait for a press, say so, and run when asked', async () => {
  const page = await browser.context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const go = async (path) => {
    await page.goto(`about:blank`);
    await page.goto(new URL(path, process.env.BASE_URL ?? 'http://127.0.0.1:8080').href);
  };
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await go('/#preset=relu-high-lr');
  await page.waitForFunction(() => document.documentElement.dataset.complete === 'true', null, { timeout: 20000 });
  await page.waitForTimeout(800);
  assert.equal(await epochOf(page), 0, 'the preset did not train by itself');
  assert.match(await page.textContent('.ev-claim'), /reduced motion.*press “/);
  assert.match(page.url(), /lr=/, 'the preset’s setup is loaded');
  await page.click('[data-preset="relu-high-lr"]');
  await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim').textContent), null, { timeout: 30000 });
  assert.ok(await epochOf(page) > 0, 'asked for, the preset trains');

  await go('/#dataset=xor&layers=6,6&lr=0.03&seed=4&race=relu,tanh');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="race-table"] tbody tr').length === 2, null, { timeout: 20000 });
  await page.waitForTimeout(800);
  const raceEpochs = () => page.$$eval('[data-testid="race-table"] tbody tr', (rows) => rows.map((r) => Number(r.children[1].textContent)));
  assert.deepEqual(await raceEpochs(), [0, 0], 'the race did not start by itself');
  assert.match(await page.textContent('.ev-race-status'), /reduced motion.*Start race/);
  await page.click('[data-testid="race-start"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="race-table"] tbody tr').children[1].textContent) > 0,
    null, { timeout: 20000 });

  await go('/embed.html#view=train&autoplay=1');
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  await page.waitForTimeout(800);
  assert.equal(await epochOf(page), 0, 'the widget did not start by itself');
  assert.match(await page.textContent('[data-testid="status"]'), /reduced motion.*press play/);
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) > 0, null, { timeout: 20000 });
  assert.deepEqual(errors, []);
  await page.close();
});
