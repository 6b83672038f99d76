// Robustness as a visitor meets it: hostile links, damaged model files, oversized settings and a crash of the
// wasm core. Every page these tests open must stay clean — no dialog, no console or page error, no request
// leaving the origin, no CSP violation — and must never run or render text from the link or a file as HTML
// (a `window.__pwned` canary and a search for injected elements check that).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, canvasPixels, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const byTest = (id) => `[data-testid="${id}"]`;
const statusOf = (page) => page.textContent(byTest('status'));
const epochOf = async (page) => Number.parseInt(await page.textContent(byTest('epoch')), 10);

/** The page's current setup, read from the hash it writes back (its canonical config string). */
async function configOf(page) {
  const hash = await page.evaluate(() => location.hash.slice(1));
  return Object.fromEntries(hash.split('&').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i), decodeURIComponent(p.slice(i + 1))];
  }));
}

/** Nothing from a link or file was executed or turned into markup. */
async function assertNothingInjected(page, what) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    // Elements a payload would create: images or SVGs with handlers, extra scripts, iframes, anchors to javascript:.
    injected: document.querySelectorAll(
      'img[src="x"], [onerror], [onload], [onclick], svg[onload], iframe, script:not([src]), a[href^="javascript:"]',
    ).length,
  }));
  assert.equal(found.pwned, null, `${what}: the canary ran`);
  assert.equal(found.injected, 0, `${what}: markup from user text was inserted`);
}

/** Play advances the epoch counter (then pause): the page is usable. */
async function assertPlays(page, what) {
  const start = await epochOf(page);
  await page.click(byTest('play'));
  await page.waitForFunction(
    ([sel, from]) => Number.parseInt(document.querySelector(sel).textContent, 10) > from,
    [byTest('epoch'), start],
    { timeout: 10000 },
  ).catch(() => assert.fail(`${what}: play did not advance the epoch`));
  await page.click(byTest('play'));
}

/** `text` as the browser writes it in a URL's hash (its fragment percent-encode set). */
const asInHash = (text) => text.replace(/[ "<>`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const DEFAULTS = { dataset: 'circle', lr: '0.003', layers: '8,8,8,8', noise: '0', points: '500', activation: 'relu' };

/**
 * Hostile links. `ignored`: names the status line must quote (the keys it ignored), or `false` when the link
 * is harmless and nothing should be reported; `kept`: settings that must survive next to the bad ones;
 * every key not in `kept` must keep its default.
 */
const HASHES = [
  // Unknown keys, including ones that are special in JavaScript.
  { hash: 'bogus=1', ignored: ['bogus'] },
  { hash: '__proto__=1', ignored: ['__proto__'] },
  { hash: 'constructor=1&toString=2&hasOwnProperty=3', ignored: ['constructor', 'toString', 'hasOwnProperty'] },
  { hash: 'LR=1', ignored: ['LR'] },
  { hash: 'onerror=alert(1)', ignored: ['onerror'] },
  // Wrong types, NaN, infinities, huge and negative numbers.
  { hash: 'lr=NaN', ignored: ['lr'] },
  { hash: 'lr=Infinity', ignored: ['lr'] },
  { hash: 'lr=-1', ignored: ['lr'] },
  { hash: 'lr=1e309', ignored: ['lr'] },
  { hash: 'lr=0x10', ignored: ['lr'] },
  { hash: 'lr=ten', ignored: ['lr'] },
  { hash: 'rate=1e39', ignored: ['rate'] },
  { hash: 'noise=99999999999999999999999', ignored: ['noise'] },
  { hash: 'noise=-0', ignored: ['noise'] },
  { hash: 'train=0', ignored: ['train'] },
  { hash: 'points=1000000000', ignored: ['points'] },
  { hash: 'points=-5', ignored: ['points'] },
  { hash: 'points=2.5', ignored: ['points'] },
  { hash: 'batch=0', ignored: ['batch'] },
  { hash: 'seed=9007199254740993', ignored: ['seed'] },
  { hash: 'seed=1.5', ignored: ['seed'] },
  { hash: 'draw=-1', ignored: ['draw'] },
  { hash: 'layers=16,16,16,16,16,16,16,16,16', ignored: ['layers'] },
  { hash: 'layers=1000000', ignored: ['layers'] },
  { hash: 'layers=a,b', ignored: ['layers'] },
  { hash: 'layers=0', ignored: ['layers'] },
  { hash: 'features=', ignored: ['features'] },
  { hash: 'features=x1,x1', ignored: ['features'] },
  { hash: 'features=x9', ignored: ['features'] },
  { hash: 'optimizer=sgd;alert(1)', ignored: ['optimizer'] },
  { hash: 'reg=l3', ignored: ['reg'] },
  { hash: 'race=relu', ignored: ['race'] },
  { hash: 'race=a,b,c,d,e', ignored: ['race'] },
  // Markup and script in values and keys.
  { hash: 'dataset=<script>window.__pwned=1</script>', ignored: ['dataset'] },
  { hash: 'dataset=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', ignored: ['dataset'] },
  { hash: 'activation=javascript:window.__pwned=1', ignored: ['activation'] },
  { hash: 'activation=%3Csvg%20onload%3Dalert(1)%3E', ignored: ['activation'] },
  { hash: 'activation=leaky_relu(negative_slope%3DNaN)', ignored: ['activation'] },
  { hash: 'activation=relu)(', ignored: ['activation'] },
  { hash: 'javascript:alert(1)', ignored: ['javascript:alert(1)'] },
  { hash: '<script>window.__pwned=1</script>', ignored: ['<script>window.__pwned'] },
  // Keys are not percent-decoded (the core's rule): the status quotes the key as the link has it.
  { hash: '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1', ignored: ['%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'] },
  { hash: '"><img src=x onerror=window.__pwned=1>=1', ignored: ['"><img src'] },
  // Broken encodings and odd shapes.
  { hash: 'lr=%zz', ignored: ['lr'] },
  { hash: '%', ignored: ['%'] },
  { hash: '%E2%82=1', ignored: true },
  { hash: 'dataset=%E2%82', ignored: ['dataset'] },
  { hash: '%00=1', ignored: true },
  { hash: 'dataset=%F0%9F%99%82', ignored: ['dataset'] },
  { hash: 'dataset', ignored: ['dataset'] },
  { hash: '====', ignored: true },
  { hash: '&&&&', ignored: false },
  { hash: 'dataset=xor&dataset=spiral', ignored: ['dataset'], kept: { dataset: 'xor' } },
  // Good keys survive next to bad ones.
  { hash: 'dataset=xor&lr=NaN', ignored: ['lr'], kept: { dataset: 'xor' } },
  { hash: 'dataset=spiral&layers=8,8&evil=<b>x</b>', ignored: ['evil'], kept: { dataset: 'spiral', layers: '8,8' } },
  { hash: 'noise=10&points=99999&activation=tanh', ignored: ['points'], kept: { noise: '10', activation: 'tanh' } },
  // The evidence panel's preset links with a slug that does not exist, or is not a slug.
  { hash: 'preset=no-such-preset', ignored: ['no-such-preset'] },
  { hash: 'preset=../../etc/passwd', ignored: ['preset'] },
  // Long links: over the page's limit, and the longest URL Chromium navigates to (2 MB).
  { hash: `lr=${'9'.repeat(5000)}`, ignored: ['the whole config'] },
  { hash: `x=${'a'.repeat(2_000_000)}`, ignored: ['the whole config'] },
];

test(`${HASHES.length} hostile links load the defaults, say what they ignored, inject nothing, and play`, async () => {
  assert.ok(HASHES.length >= 50);
  let n = 0;
  for (const { hash, ignored, kept = {} } of HASHES) {
    const what = `#${hash.length > 60 ? `${hash.slice(0, 60)}… (${hash.length} characters)` : hash}`;
    n += 1;
    // A different query per case makes every case a full page load rather than a fragment navigation.
    const { page, problems } = await open(browser.context, `/?case=${n}#${hash}`);
    try {
      const status = await statusOf(page);
      if (ignored === false) {
        assert.doesNotMatch(status, /ignored|No preset/i, `${what}: status ${JSON.stringify(status)}`);
      } else {
        assert.match(status, /ignored|No preset/i, `${what}: status ${JSON.stringify(status)}`);
        for (const key of Array.isArray(ignored) ? ignored : []) {
          // Keys are quoted as the link holds them: the browser percent-encodes a space, '"', '<', '>' and '`'
          // in the hash, and the core does not decode keys.
          const named = [key, asInHash(key)].some((k) => status.includes(k.slice(0, 39)));
          assert.ok(named, `${what}: status ${JSON.stringify(status)} does not name ${key}`);
        }
      }
      const config = await configOf(page);
      for (const [key, value] of Object.entries({ ...DEFAULTS, ...kept })) {
        assert.equal(config[key], value, `${what}: ${key}`);
      }
      await assertNothingInjected(page, what);
      await assertPlays(page, what);
      await assertNothingInjected(page, what);
      await assertClean(assert, page, problems);
    } finally {
      await page.close();
    }
  }
});

test('a hostile link pasted into an open page (hashchange), up to 10 MB, is handled the same way', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=xor&layers=3');
  const set = (hash) => page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await set('dataset=spiral&lr=NaN&<img src=x onerror=window.__pwned=1>=1');
  await page.waitForFunction((sel) => /ignored/.test(document.querySelector(sel).textContent), byTest('status'));
  const status = await statusOf(page);
  assert.match(status, /lr/);
  // The browser percent-encodes '<' and the space in the hash; keys are not decoded, so it is quoted so.
  assert.match(status, /unknown key '%3Cimg%20src'/, 'the key is quoted as text');
  assert.equal((await configOf(page)).dataset, 'spiral');
  assert.equal((await configOf(page)).lr, '0.003', 'a link means its keys over the defaults');
  await assertNothingInjected(page, 'hashchange');

  // 10 MB: the browser may refuse to set such a URL; either way the page keeps its setup and stays usable.
  const before = await configOf(page);
  const outcome = await page.evaluate(() => {
    try {
      location.hash = `lr=${'7'.repeat(10 * 1024 * 1024)}`;
      return 'set';
    } catch (error) {
      return `refused: ${error.name}`;
    }
  });
  if (outcome === 'set') {
    await page.waitForFunction((sel) => /Ignored the new link: 10485763 characters/.test(document.querySelector(sel).textContent), byTest('status'));
    assert.ok((await page.evaluate(() => location.href.length)) < 1000, 'the page put its own setup back in the link');
  } else {
    await page.waitForTimeout(500);
  }
  const after = await configOf(page);
  assert.deepEqual(after, before, `10 MB hash (${outcome}) changed the setup`);
  await assertPlays(page, '10 MB hash');
  await assertNothingInjected(page, '10 MB hash');
  await assertClean(assert, page, problems);
  await page.close();
});

/** Picks `contents` in the page's "Import model" file input, as `name`. */
async function importFile(page, name, contents) {
  await page.evaluate((sel) => {
    document.querySelector(sel).textContent = '';
  }, byTest('status'));
  await page.setInputFiles('#import-json', { name, mimeType: 'application/json', buffer: Buffer.from(contents) });
  await page.waitForFunction((sel) => document.querySelector(sel).textContent !== '', byTest('status'));
  return statusOf(page);
}

test('damaged or hostile model files are refused naming the first problem, and the model stays', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=xor&layers=3&seed=5');
  for (let i = 0; i < 3; i++) await page.click(byTest('step'));
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === '3', byTest('epoch'));
  const download = page.waitForEvent('download');
  await page.click('#export-json');
  const file = await download;
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  const good = Buffer.concat(chunks).toString('utf8');
  assert.match(good, /"format": "activation-playground-model"/);

  const fingerprint = async () => ({
    config: await configOf(page),
    epoch: await epochOf(page),
    loss: await page.textContent(byTest('train-loss')),
    pixels: Buffer.from(await canvasPixels(page, byTest('boundary'))).toString('base64'),
  });
  const before = await fingerprint();

  const firstWeight = good.indexOf('"weights": [') + '"weights": ['.length;
  const replaceFirstWeight = (v) => good.slice(0, firstWeight) + v + good.slice(good.indexOf(',', firstWeight));
  const cases = [
    ['empty.json', '', /not valid JSON/],
    ['script.json', '<script>window.__pwned=1</script>', /not valid JSON/],
    ['array.json', '[1, 2, 3]', /not a JSON object/],
    ['object.json', '{}', /format/],
    ['truncated.json', good.slice(0, Math.floor(good.length / 2)), /not valid JSON/],
    ['nan.json', replaceFirstWeight('NaN'), /not valid JSON/],
    ['huge.json', replaceFirstWeight('1e39'), /32-bit/],
    ['null.json', replaceFirstWeight('null'), /weights/],
    ['version.json', good.replace('"version": 1', '"version": 99'), /version/],
    ['format.json', good.replace('activation-playground-model', '<img src=x onerror=window.__pwned=1>'), /format/],
    ['config.json', good.replace('dataset=xor', 'dataset=<img src=x onerror=window.__pwned=1>'), /dataset/],
    ['shape.json', good.replace('layers=3', 'layers=5'), /layers/],
    ['proto.json', good.replace('{', '{"__proto__": {"polluted": 1}, '), /__proto__/],
    ['nested.json', '['.repeat(100_000) + ']'.repeat(100_000), /JSON/],
    ['big.json', JSON.stringify({ pad: 'x'.repeat(4.5 * 1024 * 1024) }), /MB/],
    ['<img src=x onerror=window.__pwned=1>.json', '{', /not valid JSON/],
  ];
  for (const [name, contents, problem] of cases) {
    const status = await importFile(page, name, contents);
    assert.match(status, /Could not import/, `${name}: ${status}`);
    assert.match(status, problem, `${name}: ${status}`);
    assert.match(status, /unchanged/, `${name}: ${status}`);
    assert.deepEqual(await fingerprint(), before, `${name} changed the model`);
    await assertNothingInjected(page, name);
  }
  assert.equal(await page.evaluate(() => ({}).polluted ?? null), null, 'Object.prototype was polluted');

  // The control still works: a new setup, then the saved model brings everything back.
  await page.click(byTest('reset'));
  await page.evaluate(() => {
    location.hash = 'dataset=spiral&layers=6';
  });
  await page.waitForFunction(() => location.hash.includes('dataset=spiral'));
  const status = await importFile(page, 'model.json', good);
  assert.match(status, /Imported/, status);
  assert.deepEqual((await fingerprint()).config, before.config);
  assert.equal(await epochOf(page), 3);
  await assertPlays(page, 'after import');
  await assertClean(assert, page, problems);
  await page.close();
});

test('sizes the page cannot draw smoothly are refused with a message naming the limit', async () => {
  const limits = [
    ['points=2001', 'points', '2000'],
    ['layers=17', 'layers', '16'],
    ['layers=4,4,4,4,4,4,4,4,4', 'layers', '8'],
    ['batch=2001', 'batch', '2000'],
    ['features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2,x1', 'features', '7'],
  ];
  for (const [hash, key, limit] of limits) {
    const { page, problems } = await open(browser.context, `/?limit=${key}#${hash}`);
    const status = await statusOf(page);
    assert.match(status, new RegExp(`${key}.*${limit}`), `${hash}: ${status}`);
    await assertClean(assert, page, problems);
    await page.close();
  }
  // The largest setup the limits allow still trains and draws.
  const biggest = 'points=2000&layers=16,16,16,16,16,16,16,16&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&batch=1';
  const { page, problems } = await open(browser.context, `/#${biggest}`);
  assert.doesNotMatch(await statusOf(page), /ignored/);
  await assertPlays(page, 'the largest setup');
  await screenshot(page, 'robustness-largest');
  await assertClean(assert, page, problems);
  await page.close();
});

test('a crash of the wasm core shows a readable banner, keeps the link, and marks the page as crashed', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=moons&layers=5');
  const hash = await page.evaluate(() => location.hash);
  // Install the guard (main.js may already have; installing is idempotent), then report a panic the way
  // console_error_panic_hook does, followed by the trap that `panic = "abort"` turns it into.
  await page.evaluate(async () => {
    const { installCrashGuard } = await import('./crash.js');
    installCrashGuard({ statusElement: document.querySelector('[data-testid="status"]') });
    console.error('panicked at src/training.rs:1:1:\n<img src=x onerror=window.__pwned=1> is not a number');
    setTimeout(() => {
      throw new WebAssembly.RuntimeError('unreachable');
    });
  });
  const banner = page.locator(byTest('crash'));
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /Something went wrong — your setup is in the link; reload to continue/);
  assert.match(await statusOf(page), /Something went wrong/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.crashed), 'true');
  assert.equal(await page.evaluate(() => location.hash), hash, 'the link lost its setup');
  const details = page.locator('.crash-details');
  assert.equal(await details.isVisible(), false);
  await banner.getByRole('button', { name: 'Details' }).click();
  assert.match(await details.textContent(), /panicked at src\/training\.rs/);
  assert.match(await details.textContent(), /<img src=x onerror/, 'the panic text is shown as text');
  assert.match(await details.textContent(), /RuntimeError: unreachable/);
  await assertNothingInjected(page, 'crash banner');
  assert.equal(await page.locator(byTest('crash')).count(), 1, 'one banner, however many errors');
  await screenshot(page, 'robustness-crash');
  // Reload keeps the setup and brings a working page back.
  await banner.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !document.documentElement.dataset.crashed);
  assert.equal(await page.evaluate(() => location.hash), hash);
  await assertPlays(page, 'after reload');
  // The simulated panic and trap are the only problems this page may show.
  problems.console = problems.console.filter((m) => !m.includes('panicked at'));
  problems.page = problems.page.filter((m) => !m.includes('unreachable'));
  await assertClean(assert, page, problems);
  await page.close();
});

test('divergence on every data set pauses with an explanation, and lowering the rate continues', async () => {
  const datasets = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'checkerboard', 'blobs3', 'spiral3', 'plane', 'multigauss'];
  for (const dataset of datasets) {
    const hash = `dataset=${dataset}&layers=8,8&optimizer=sgd&lr=10&reg=l2&rate=10&batch=1`;
    const { page, problems } = await open(browser.context, `/?diverge=${dataset}#${hash}`);
    await page.click(byTest('play'));
    await page.locator('#diverged').waitFor({ state: 'visible', timeout: 15000 });
    const status = await statusOf(page);
    assert.match(status, /diverged/i, `${dataset}: ${status}`);
    assert.match(status, /learning rate 10/, `${dataset}: ${status}`);
    assert.equal(await page.getAttribute(byTest('play'), 'aria-pressed'), 'false', `${dataset}: still playing`);
    // Press "lower the learning rate and continue" until an epoch trains (each press is one rung lower).
    let lr = 10;
    for (let press = 0; press < 11 && (await page.locator('#diverged').isVisible()); press++) {
      const epoch = await epochOf(page);
      await page.click('#lower-lr');
      lr = Number((await configOf(page)).lr);
      await page.waitForFunction(
        ([sel, from]) => Number.parseInt(document.querySelector(sel).textContent, 10) > from
          || !document.querySelector('#diverged').hidden,
        [byTest('epoch'), epoch],
        { timeout: 15000 },
      );
    }
    assert.ok(lr < 10, `${dataset}: the rate was not lowered`);
    assert.equal(await page.locator('#diverged').isVisible(), false, `${dataset}: still diverging at lr ${lr}`);
    const epoch = await epochOf(page);
    await page.waitForFunction(
      ([sel, from]) => Number.parseInt(document.querySelector(sel).textContent, 10) >= from + 3,
      [byTest('epoch'), epoch],
      { timeout: 15000 },
    );
    await page.click(byTest('play'));
    // Every number on screen is a number: no NaN or ∞ reached the read-outs.
    for (const id of ['train-loss', 'test-loss']) {
      const text = await page.textContent(byTest(id));
      assert.ok(Number.isFinite(Number.parseFloat(text)), `${dataset}: ${id} shows ${text}`);
    }
    await assertClean(assert, page, problems);
    await page.close();
  }
});

test('the strict CSP is enforced: injected inline script, inline handlers and outside requests are blocked', async () => {
  const { page, problems } = await open(browser.context, '/');
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'"]) {
    assert.ok(policy.includes(directive), `the policy lacks ${directive}: ${policy}`);
  }
  // What a bug that inserted user text as markup would let through, tried directly: all of it must be blocked.
  const blocked = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline script"';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__pwned = "inline handler"');
    img.src = 'data:,broken';
    document.body.append(img);
    let fetched = 'blocked';
    try {
      await fetch('https://example.com/');
      fetched = 'sent';
    } catch {
      // Refused by connect-src.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    script.remove();
    img.remove();
    return { pwned: window.__pwned ?? null, fetched, violations: window.__cspViolations.slice() };
  });
  assert.equal(blocked.pwned, null, 'injected code ran');
  assert.equal(blocked.fetched, 'blocked');
  assert.ok(blocked.violations.some((v) => v.startsWith('script-src')), JSON.stringify(blocked.violations));
  assert.ok(blocked.violations.some((v) => v.startsWith('connect-src')), JSON.stringify(blocked.violations));
  // The blocked fetch never left the browser.
  assert.deepEqual(problems.foreign, []);
  await page.close();
});
