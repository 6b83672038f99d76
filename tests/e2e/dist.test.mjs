// The production folder (`cargo xtask dist`), served by Python's plain static server under a sub-path as a
// course site would serve it: the page loads, trains, switches activation and learns, asks nothing of any
// other origin, and the whole payload stays within its budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, screenshot, watch, assertNoProblems } from './harness.mjs';
import { startStatic, distRoot, SUB_PATH } from './static.mjs';

/**
 * The gzip -9 ceiling of every file of the folder (each file a visitor of index.html or embed.html can load:
 * html, js, css, wasm and the icon), in bytes: what the folder weighs today plus under 2 KB of room, so any
 * growth is a decision. The goal is GOAL; the wasm core alone is about 111 KB gzipped of today's 185.2.
 */
export const CEILING = 187 * 1024;
/** The payload the project aims at, gzip -9, in bytes. */
export const GOAL = 170 * 1024;

let browser;
let site;
let server;
before(async () => {
  site = distRoot();
  server = await startStatic(site.root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
  site?.cleanup();
});

/** gzip -9 bytes per kind of file and in total, over every file of the folder. */
function payload(dir) {
  const sizes = { html: 0, js: 0, css: 0, wasm: 0, other: 0, total: 0 };
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    const kind = name.split('.').pop();
    const gz = gzipSync(bytes, { level: 9 }).length;
    sizes[kind in sizes ? kind : 'other'] += gz;
    sizes.total += gz;
  }
  return sizes;
}

test('the payload (every file of the folder, gzip -9) stays under its ceiling', () => {
  const sizes = payload(site.dist);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const text = Object.entries(sizes).map(([k, v]) => `${k} ${kb(v)}`).join(', ');
  const against = sizes.total <= GOAL ? `within it, ${kb(GOAL - sizes.total)} to spare` : `over it by ${kb(sizes.total - GOAL)}`;
  console.log(`    payload (every file a visitor of index.html or embed.html can load): ${text}`);
  console.log(`    goal ${kb(GOAL)} gzipped: ${against}; ceiling ${kb(CEILING)}`);
  assert.ok(sizes.wasm > 50 * 1024 && sizes.js > 10 * 1024, `the folder looks incomplete: ${text}`);
  assert.ok(sizes.total <= CEILING, `the payload is ${kb(sizes.total)}, over the ceiling of ${kb(CEILING)} (${text})`);
});

test('every file but the pages is named by its content, and the pages use relative URLs only', () => {
  const names = readdirSync(site.dist);
  for (const name of names) {
    if (name.endsWith('.html')) continue;
    assert.match(name, /-[0-9A-Za-z]{8}\.(js|css|wasm|svg)$/, `${name} has no content hash`);
  }
  for (const page of ['index.html', 'embed.html'].filter((p) => names.includes(p))) {
    const html = readFileSync(join(site.dist, page), 'utf8');
    assert.doesNotMatch(html, /(href|src)="(\/|https?:)/, `${page} has an absolute URL`);
    assert.doesNotMatch(html, /<!--/, `${page} still has comments`);
    assert.match(html, /rel="preload" href="activation_playground_bg-[0-9a-f]{8}\.wasm" as="fetch"/, `${page} preloads the wasm`);
    assert.match(html, /Content-Security-Policy/, `${page} keeps its CSP`);
  }
});

test('under a sub-path the built page loads, plays, switches activation and learns, all same-origin', async () => {
  const page = await browser.context.newPage();
  const problems = watch(page, [server.origin]);
  const csp = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(`${server.origin}${SUB_PATH}#dataset=circle&layers=4,2&lr=0.03&activation=relu`);
  await page.waitForFunction(() => document.documentElement.dataset.complete === 'true', null, { timeout: 30000 });
  const acc0 = Number.parseFloat(await page.textContent('[data-testid="test-accuracy"]'));
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-testid="epoch"]').textContent, 10) >= 30);
  await page.locator('[data-activation="tanh"]').first().click();
  assert.equal(await page.locator('[data-activation="tanh"]').first().getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => Number.parseFloat(document.querySelector('[data-testid="test-accuracy"]').textContent) > 90, null, { timeout: 30000 });
  await page.click('[data-testid="play"]');
  const acc1 = Number.parseFloat(await page.textContent('[data-testid="test-accuracy"]'));
  assert.ok(acc1 > acc0, `accuracy went from ${acc0} to ${acc1}`);
  assert.match(await page.evaluate(() => location.hash), /activation=tanh/);
  // The evidence panel (on demand under serve; in the folder, part of the one script and stylesheet) is mounted too.
  assert.ok(await page.locator('#evidence [data-testid="race-start"]').count() > 0, 'the evidence panel is mounted');
  await screenshot(page, 'dist-subpath');
  assertNoProblems(assert, problems);
  assert.deepEqual(csp, [], 'CSP violations');
  await page.close();
});

test('under the sub-path the built widget draws each view', async () => {
  let page;
  let problems;
  for (const [view, selector] of [['curve', '[data-testid="curve"]'], ['train', '[data-testid="boundary"]'], ['race', '[data-testid="race-boundary"]']]) {
    if (page) {
      assertNoProblems(assert, problems);
      await page.close();
    }
    page = await browser.context.newPage();
    problems = watch(page, [server.origin]);
    await page.goto(`${server.origin}${SUB_PATH}embed.html#view=${view}&dataset=xor`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
    const painted = await page.$eval(selector, (canvas) => {
      const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
      return n / (d.length / 4);
    });
    assert.ok(painted > 0.5, `${view}: ${painted} of the canvas painted`);
  }
  await page.click('[data-testid="race-start"]');
  await page.waitForFunction(() => /epoch [1-9]/.test(document.querySelector('[data-testid="race-epoch"]').textContent));
  assertNoProblems(assert, problems);
  await page.close();
});
