// The served page loads its wasm core and draws the ReLU curve, with nothing going wrong on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, canvasPixels, paintedPixels, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the page loads, draws a curve from the wasm core, and stays on 127.0.0.1', async () => {
  const { page, problems } = await open(browser.context, '/');
  const pixels = await canvasPixels(page, '[data-testid="curve"]');
  const painted = paintedPixels(pixels);
  assert.ok(painted > 1000, `the curve canvas has only ${painted} painted pixels`);
  await screenshot(page, 'foundation');
  await assertClean(assert, page, problems);
});

test('the wasm module is served as application/wasm', async () => {
  const { page } = await open(browser.context, '/', { waitReady: false });
  const type = await page.evaluate(async () => {
    const response = await fetch('pkg/activation_playground_bg.wasm');
    return response.headers.get('content-type');
  });
  assert.equal(type, 'application/wasm');
});
