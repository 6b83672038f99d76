// Evidence mode as a visitor: a race link opens a live race (boundaries drawn, table filled, same link → same
// table), every preset loads and runs and its numbers back its claim, the gradient strip is live, and the
// panel works on a phone and in dark mode — with no console error anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, canvasPixels, paintedPixels, screenshot } from './harness.mjs';

const RACE = '/#dataset=xor&layers=6,6&lr=0.03&seed=4&race=relu,tanh,sigmoid';
const PRESETS = ['deep-sigmoid', 'deep-relu', 'relu-high-lr', 'leaky-high-lr', 'same-weights'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Distinct colours among the opaque pixels of an RGBA array (a blank or flat canvas has one or two). */
function distinctColours(rgba) {
  const seen = new Set();
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 0) seen.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
  }
  return seen.size;
}

/** The race table's body as text, one array of cell texts per row. */
function tableRows(page) {
  return page.$$eval('[data-testid="race-table"] tbody tr', (rows) =>
    rows.map((r) => Array.from(r.children, (c) => c.textContent.trim())));
}

async function waitForFinish(page) {
  await page.waitForFunction(() => /Finish line/.test(document.querySelector('.ev-race-status')?.textContent ?? ''),
    null, { timeout: 60000 });
}

test('a race link opens a race of three: three live boundaries and a three-row table', async () => {
  const { page, problems } = await open(browser.context, RACE);
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="race-table"] tbody tr');
    return rows.length === 3 && Number(rows[0].children[1].textContent) >= 20;
  }, null, { timeout: 30000 });
  const boards = await page.$$('[data-testid="race-boundary"]');
  assert.equal(boards.length, 3);
  for (let i = 0; i < 3; i++) {
    const pixels = await canvasPixels(page, `[data-testid="race-boundary"] >> nth=${i}`);
    const total = pixels.length / 4;
    assert.ok(total > 1000, `boundary ${i} has only ${total} pixels`);
    assert.ok(paintedPixels(pixels) > 0.95 * total, `boundary ${i} is partly blank`);
    assert.ok(distinctColours(pixels) > 20, `boundary ${i} is flat (${distinctColours(pixels)} colours)`);
  }
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r[0]), ['ReLU', 'Tanh', 'Sigmoid']);
  for (const row of rows) {
    assert.match(row[2], /^\d+\.\d %$/, `accuracy cell ${row[2]}`);
    assert.match(row[6], /^\d+ of 12$/, `dead-units cell ${row[6]}`);
  }
  // tanh and sigmoid saturate, ReLU does not: the saturated column says so.
  assert.equal(rows[0][7], '—');
  assert.match(rows[1][7], /^\d+ %$/);
  assert.match(page.url(), /race=relu,tanh,sigmoid/);
  await screenshot(page, 'evidence-race');
  await assertClean(assert, page, problems);
});

test('the same race link gives the same table, bit for bit', async () => {
  const tables = [];
  for (let k = 0; k < 2; k++) {
    const { page, problems } = await open(browser.context, RACE);
    await waitForFinish(page);
    tables.push(await tableRows(page));
    await assertClean(assert, page, problems);
    await page.close();
  }
  assert.equal(tables[0].length, 3);
  const epochs = new Set(tables[0].map((r) => r[1]));
  assert.equal(epochs.size, 1, 'racers step in lockstep');
  assert.deepEqual(tables[1], tables[0]);
});

test('racers are picked 2 to 4, and a race of two draws two boundaries', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=gauss&layers=4');
  await page.click('.ev-chip:has(input[value="sigmoid"])');
  await page.click('.ev-chip:has(input[value="tanh"])');
  assert.ok(await page.$eval('[data-testid="race-start"]', (b) => b.disabled), 'one racer cannot start');
  await page.click('.ev-chip:has(input[value="leaky_relu"])');
  await page.click('[data-testid="race-start"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="race-table"] tbody tr td')?.textContent) > 5);
  assert.equal((await page.$$('[data-testid="race-boundary"]')).length, 2);
  assert.match(page.url(), /race=relu,leaky_relu/);
  for (const name of ['elu', 'gelu']) await page.click(`.ev-chip:has(input[value="${name}"])`);
  assert.ok(await page.$eval('input[value="silu"]', (b) => b.disabled), 'a fifth racer is refused');
  await page.click('[data-testid="race-start"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="race-boundary"]').length === 4);
  assert.equal(await page.$$eval('[data-testid="race-table"] tbody tr', (r) => r.length), 4);
  await assertClean(assert, page, problems);
});

test('the Race handle refuses bad arguments with messages that name them', async () => {
  const { page, problems } = await open(browser.context, '/');
  const messages = await page.evaluate(async () => {
    const ap = await import('./pkg/activation_playground.js');
    const error = (fn) => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        return e.message;
      }
    };
    const race = new ap.Race('dataset=xor&layers=3&race=relu,tanh');
    const out = {
      noRace: error(() => new ap.Race('dataset=xor')),
      badSpec: error(() => new ap.Race('race=relu,nope')),
      fraction: error(() => race.step(1.5)),
      negative: error(() => race.step(-1)),
      nan: error(() => race.step(Number.NaN)),
      tooMany: error(() => race.step(1001)),
      racer: error(() => race.boundaryPtr(2)),
      grid: error(() => race.render(0, false)),
      fromEpoch: error(() => race.historyFrom(0, -3)),
    };
    race.step(3);
    out.epoch = race.epoch();
    out.history = race.historyFrom(1, 2).length;
    race.render(8, false);
    out.pixels = race.boundaryLen(1);
    out.presets = JSON.parse(ap.evidencePresets()).map((p) => p.slug);
    race.free();
    return out;
  });
  assert.match(messages.noRace, /race needs 2 to 4 activations, got 0/);
  assert.match(messages.badSpec, /race/);
  for (const key of ['fraction', 'negative', 'nan', 'tooMany']) {
    assert.match(messages[key], /nEpochs must be a whole number from 0 to 1000/, key);
  }
  assert.match(messages.racer, /racer must be a whole number from 0 to 1, got 2/);
  assert.match(messages.grid, /grid must be a whole number from 1 to 512/);
  assert.match(messages.fromEpoch, /fromEpoch must be a whole number/);
  assert.equal(messages.epoch, 3);
  assert.equal(messages.history, 2 * 3, 'epochs 2 and 3, three floats each');
  assert.equal(messages.pixels, 8 * 8 * 4);
  assert.deepEqual(messages.presets, PRESETS);
  await assertClean(assert, page, problems);
});

test('every preset loads, runs, and its numbers back its claim', async () => {
  const { page, problems } = await open(browser.context, '/');
  const claim = () => page.$eval('.ev-claim', (e) => e.textContent);
  for (const slug of PRESETS) {
    await page.click(`[data-preset="${slug}"]`);
    assert.equal(await page.$eval(`[data-preset="${slug}"]`, (b) => b.getAttribute('aria-pressed')), 'true');
    if (slug === 'same-weights') {
      await page.waitForFunction(() => /not one weight changed/.test(document.querySelector('.ev-claim').textContent),
        null, { timeout: 30000 });
      const text = await claim();
      const [, before, after] = text.match(/Test accuracy (\d+) % → (\d+) %/);
      assert.ok(Number(before) >= 90 && Number(after) <= 70, `switch: ${before} % → ${after} %`);
    } else {
      await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim').textContent),
        null, { timeout: 30000 });
      const text = await claim();
      const epoch = Number(await page.textContent('[data-testid="epoch"]'));
      assert.ok(text.includes(`Epoch ${epoch}:`), `${slug}: the claim is read at the page's epoch (${epoch})`);
      const [, dead, units] = text.match(/(\d+) of (\d+) hidden units dead/);
      if (slug === 'relu-high-lr') assert.ok(4 * Number(dead) >= Number(units), `${dead} of ${units} dead`);
      if (slug === 'leaky-high-lr') assert.equal(Number(dead), 0);
      if (slug === 'deep-sigmoid') assert.match(text, /layer 1 receives 1\/[\d,]+ of layer 6’s gradient/);
    }
    const flow = await canvasPixels(page, '[data-testid="gradient-flow"] canvas');
    assert.ok(paintedPixels(flow) > 1000, `${slug}: the gradient strip is drawn`);
    assert.ok((await page.textContent('[data-testid="gradient-flow"] .ev-ratio')).length > 20);
    const race = await page.$$eval('[data-testid="race-table"] tbody tr', (r) => r.length);
    assert.ok(race >= 2, `${slug}: the race panel lines up its racers`);
    await screenshot(page, `evidence-preset-${slug}`);
  }
  await assertClean(assert, page, problems);
});

test('a preset link opens the preset', async () => {
  const { page, problems } = await open(browser.context, '/#preset=deep-sigmoid');
  await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim').textContent),
    null, { timeout: 30000 });
  assert.match(await page.textContent('[data-testid="gradient-flow"]'), /vanishing/);
  assert.match(page.url(), /activation=sigmoid/);
  assert.match(page.url(), /layers=8,8,8,8,8,8/);
  await assertClean(assert, page, problems);
});

test('on a phone and in dark mode the panel fits and stays readable', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('/#preset=relu-high-lr', process.env.BASE_URL ?? 'http://127.0.0.1:8080').href);
  await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim')?.textContent ?? ''),
    null, { timeout: 30000 });
  const overflow = await page.$eval('#evidence', (e) => e.scrollWidth - e.clientWidth);
  assert.ok(overflow <= 0, `the evidence panel overflows by ${overflow}px`);
  const bg = await page.$eval('#evidence', (e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark mode panel');
  await (await page.$('#evidence')).screenshot({ path: new URL('./artifacts/evidence-phone-dark.png', import.meta.url).pathname });
  assert.deepEqual(errors, []);
  await page.close();
});
