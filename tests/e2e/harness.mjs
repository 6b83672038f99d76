// Shared e2e plumbing: one headless Chromium per test file, a page that records console errors, page errors,
// dialogs, CSP violations and every request that leaves the page's origin.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const ORIGIN = new URL(BASE_URL).origin;

/** Where screenshots go: artifacts of the run, not committed. */
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches Chromium with a fresh profile; call `close()` when done. `options` are playwright context options
 * over the defaults (a 1400×1000 window), e.g. `{ viewport, colorScheme: 'dark', hasTouch: true, isMobile: true }`.
 */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ap-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 1000 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium for the whole test file: launched (with `options`, as for `launch`) before its first test and
 * closed after its last. `prepare(context)`, if given, runs once after the launch (e.g. `recordCanvasText`).
 * Returns a holder whose `context` is the browser context once the tests run.
 */
export function browserForFile(prepare, options = {}) {
  const holder = { context: undefined };
  let browser;
  before(async () => {
    browser = await launch(options);
    holder.context = browser.context;
    if (prepare) await prepare(browser.context);
  });
  after(async () => {
    await browser?.close();
  });
  return holder;
}

/**
 * Watches `page` for console errors, page errors, dialogs (dismissed) and requests to any origin not in
 * `origins`; returns the live lists.
 */
export function watch(page, origins) {
  const problems = { console: [], page: [], dialogs: [], foreign: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.page.push(String(e)));
  page.on('dialog', async (d) => {
    problems.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!origins.includes(new URL(url).origin)) problems.foreign.push(url);
  });
  return problems;
}

/** Asserts that `problems` (from `watch`) is empty. */
export function assertNoProblems(assert, problems) {
  assert.deepEqual(problems.console, [], 'console errors');
  assert.deepEqual(problems.page, [], 'uncaught page errors');
  assert.deepEqual(problems.dialogs, [], 'dialogs');
  assert.deepEqual(problems.foreign, [], 'requests leaving the page origin');
}

/**
 * Opens `path` (relative to BASE_URL, may carry a #hash) and waits until the page says it is complete
 * (`document.documentElement.dataset.complete === "true"`): usable (`data-ready`, the first picture) and with
 * what it builds after that picture (picker icons, dataset thumbnails, the evidence panel) in place.
 * Returns the page and live lists of problems seen so far.
 */
export async function open(context, path = '/', { waitReady = true } = {}) {
  const page = await context.newPage();
  const problems = { ...watch(page, [ORIGIN]), csp: [] };
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  await page.goto(new URL(path, BASE_URL).href);
  if (waitReady) {
    await page.waitForFunction(
      () => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.complete === 'true',
      null,
      { timeout: 20000 },
    );
  }
  return { page, problems };
}

/** Collects CSP violations seen by the page into `problems.csp`. */
export async function collectCsp(page, problems) {
  problems.csp.push(...(await page.evaluate(() => window.__cspViolations ?? [])));
}

/** Asserts that nothing went wrong on the page: no console or page error, dialog, foreign request, CSP report. */
export async function assertClean(assert, page, problems) {
  await collectCsp(page, problems);
  assertNoProblems(assert, problems);
  assert.deepEqual(problems.csp, [], 'CSP violations');
}

/** RGBA pixels of a canvas, read back from the page (sent as base64: an array of numbers is slow). */
export async function canvasPixels(page, selector) {
  const base64 = await page.$eval(selector, (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  });
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** How many pixels of an RGBA array are not fully transparent. */
export function paintedPixels(rgba) {
  let n = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) n++;
  return n;
}

/** Saves a screenshot of the page under tests/e2e/artifacts/. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
