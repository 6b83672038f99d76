// `cargo xtask bench --browser` runs this against the served page (BASE_URL): a performance measurement in
// headless Chromium, not a pass/fail test. It reports
//   - the payload: every same-origin response of a cold load (html, js, css, wasm, ...), raw and gzipped
//     (zlib level 9, what a compressing server would send), against the 100 KB gzipped budget;
//   - the time from navigation (performance.now(), whose origin is the navigation's start) to the page's first
//     picture and to its first trained frame, both taken inside the page by the init script `instrument`:
//     `ready_ms` is when `<html data-ready>` turns "true" (a MutationObserver on that attribute), and
//     at that very moment, in the same observer callback, the script presses play (a click on
//     `[data-testid="play"]`) unless training already runs: play pressed by a script in the page the moment
//     it is ready, so no driver round trip is counted. `first_trained_frame_ms` is when the `epoch` counter
//     first shows a number above 0 (a MutationObserver on it: the end of the animation frame that wrote it);
//   - on config (b) (spiral, 8,8,8 ReLU, batch 10), while it trains: frames per second, the JS time spent in
//     each animation frame (median and 95th percentile; the page's step + render + drawing), and epochs per
//     second and per frame read from the `epoch` counter;
//   - the benchmark's full frame in Chromium, for every case of cases.mjs: in an idle copy of the page (not
//     training), the page's own modules make the frame (`trainFrame` of app/loop.js, then `readFrame`
//     of app/frame.js: exactly what the page's loop does per frame), timed in blocks of about
//     BENCH_SAMPLE_MS (default 50) for BENCH_ROUNDS rounds (default 11), alternating with blocks of plain
//     epochs (`step(k)`); medians of ms per frame and per epoch, and the epochs per frame.
// Results go to BENCH_OUT (JSON) and a summary on stdout.

import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, open, BASE_URL } from '../../tests/e2e/harness.mjs';
import { CASES, configOf } from './cases.mjs';

const OUT = process.env.BENCH_OUT ?? new URL('../../target/bench/browser.json', import.meta.url).pathname;
const MEASURE_MS = Number(process.env.BENCH_BROWSER_MS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 50);
const BUDGET_GZ = 100 * 1024;

/**
 * Installed before any page script: times every animation-frame callback, the moment the page says it is
 * ready (pressing play right then if it does not train by itself) and the first frame with an epoch > 0.
 */
function instrument() {
  const raf = window.requestAnimationFrame.bind(window);
  const probe = { work: [], starts: [], ready: null, pressedPlay: false, firstTrained: null, recording: false };
  window.__bench = probe;
  window.requestAnimationFrame = (callback) =>
    raf((time) => {
      const t0 = performance.now();
      try {
        callback(time);
      } finally {
        if (probe.recording) {
          probe.work.push(performance.now() - t0);
          probe.starts.push(t0);
        }
      }
    });
  const watch = () => {
    const el = document.querySelector('[data-testid="epoch"]');
    if (!el) return false;
    const check = () => {
      const epoch = Number(el.textContent.replace(/[^0-9]/g, ''));
      if (probe.firstTrained === null && epoch > 0) probe.firstTrained = performance.now();
    };
    new MutationObserver(check).observe(el, { childList: true, characterData: true, subtree: true });
    check();
    return true;
  };
  if (!watch()) {
    const wait = new MutationObserver(() => {
      if (watch()) wait.disconnect();
    });
    document.addEventListener('DOMContentLoaded', () => {
      if (!watch()) wait.observe(document.body, { childList: true, subtree: true });
    });
  }
  // The init script may run before <html> is parsed, so the observer watches the document's subtree for the
  // attribute (only <html> carries it).
  const onReady = new MutationObserver(() => {
    if (probe.ready !== null || document.documentElement?.dataset.ready !== 'true') return;
    probe.ready = performance.now();
    onReady.disconnect();
    const epoch = document.querySelector('[data-testid="epoch"]');
    const play = document.querySelector('[data-testid="play"]');
    const running = play?.getAttribute('aria-pressed') === 'true';
    if (epoch && play && !running && Number(epoch.textContent.replace(/[^0-9]/g, '')) === 0) {
      play.click();
      probe.pressedPlay = true;
    }
  });
  onReady.observe(document, { attributes: true, attributeFilter: ['data-ready'], subtree: true });
}

function quantile(values, q) {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
}

async function readEpoch(page) {
  const text = await page.locator('[data-testid="epoch"]').first().textContent({ timeout: 2000 });
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** Reads the first trained frame (play was pressed in the page at ready), then times steady training. */
async function measureTraining(page, result) {
  await page.waitForFunction(() => window.__bench.firstTrained !== null, null, { timeout: 10000 });
  const probe0 = await page.evaluate(() => ({ t: window.__bench.firstTrained, pressed: window.__bench.pressedPlay }));
  result.first_trained_frame_ms = probe0.t;
  result.pressed_play = probe0.pressed;

  // Steady state: a second of settling, then MEASURE_MS of recording.
  await page.waitForTimeout(1000);
  const e0 = await readEpoch(page);
  await page.evaluate(() => {
    window.__bench.work.length = 0;
    window.__bench.starts.length = 0;
    window.__bench.recording = true;
  });
  const t0 = Date.now();
  await page.waitForTimeout(MEASURE_MS);
  const probe = await page.evaluate(() => {
    window.__bench.recording = false;
    return { work: window.__bench.work, starts: window.__bench.starts };
  });
  const seconds = (Date.now() - t0) / 1000;
  const e1 = await readEpoch(page);
  const frames = probe.work.length;
  const span = frames > 1 ? (probe.starts[frames - 1] - probe.starts[0]) / 1000 : seconds;
  result.fps = frames > 1 ? (frames - 1) / span : 0;
  result.frame_js_ms_median = quantile(probe.work, 0.5);
  result.frame_js_ms_p95 = quantile(probe.work, 0.95);
  result.epochs_per_second = (e1 - e0) / seconds;
  result.epochs_per_frame = result.fps > 0 ? result.epochs_per_second / result.fps : null;
}

/**
 * Runs in the page (an idle one): the page's frame and plain epochs for every config, interleaved in blocks;
 * returns per config `{ frame_ms, epoch_ms, epochs_per_frame, frame_sizes }` (medians).
 */
async function framesInPage({ configs, rounds, sampleMs }) {
  const ap = await import('/pkg/activation_playground.js');
  await ap.default(); // the page has initialised the module already: this returns at once
  const { frameSizes, readFrame } = await import('/app/frame.js');
  const { trainFrame, SPEED, BUDGET_MS } = await import('/app/loop.js');
  const core = JSON.parse(ap.describe());
  const median = (v) => {
    const s = [...v].sort((x, y) => x - y);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };
  const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));
  const results = [];
  for (const config of configs) {
    const pg = new ap.Playground(config);
    const options = { frame: frameSizes(core), domain: core.domain };
    let epochs = 0;
    let frames = 0;
    const frameBlock = (k) => {
      const t0 = performance.now();
      for (let i = 0; i < k; i++) {
        const { done, ok } = trainFrame((n) => pg.step(n), SPEED, BUDGET_MS);
        if (!ok) throw new Error(`diverged: ${pg.divergence()}`);
        readFrame(pg, options);
        epochs += done;
        frames += 1;
      }
      return performance.now() - t0;
    };
    const epochBlock = (k) => {
      const t0 = performance.now();
      if (!pg.step(k)) throw new Error(`diverged: ${pg.divergence()}`);
      return performance.now() - t0;
    };
    const calibrate = (block) => {
      let k = 1;
      let ms = block(1);
      for (let tries = 0; ms < sampleMs && tries < 6 && k < 10000; tries++) {
        k = Math.min(10000, Math.max(k + 1, Math.ceil((k * sampleMs) / Math.max(ms, 0.1))));
        ms = block(k);
      }
      return k;
    };
    const kFrame = calibrate(frameBlock);
    const kEpoch = calibrate(epochBlock);
    epochs = 0;
    frames = 0;
    const frameMs = [];
    const epochMs = [];
    for (let round = 0; round < rounds; round++) {
      await yieldToBrowser();
      if (round % 2) {
        epochMs.push(epochBlock(kEpoch) / kEpoch);
        frameMs.push(frameBlock(kFrame) / kFrame);
      } else {
        frameMs.push(frameBlock(kFrame) / kFrame);
        epochMs.push(epochBlock(kEpoch) / kEpoch);
      }
    }
    pg.free();
    results.push({
      frame_ms: median(frameMs),
      epoch_ms: median(epochMs),
      epochs_per_frame: epochs / frames,
      frame_sizes: options.frame,
    });
  }
  return results;
}

/** The benchmark's full frame and plain epochs in Chromium, in an idle page of its own browser. */
async function measureFramesInChromium() {
  const browser = await launch();
  try {
    const { page } = await open(browser.context, '/');
    const configs = CASES.map(configOf);
    const measured = await page.evaluate(framesInPage, { configs, rounds: ROUNDS, sampleMs: SAMPLE_MS });
    return CASES.map((spec, i) => ({ name: spec.name, config: configs[i], ...measured[i] }));
  } finally {
    await browser.close();
  }
}

async function main() {
  const spec = CASES[1];
  const config = configOf(spec);
  const browser = await launch();
  const responses = [];
  browser.context.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.origin !== new URL(BASE_URL).origin || response.status() !== 200) return;
    try {
      const body = await response.body();
      responses.push({ path: url.pathname, type: response.headers()['content-type'] ?? '', body });
    } catch {
      // A response whose body is gone (a navigation away) is not part of the payload.
    }
  });
  await browser.context.addInitScript(instrument);
  const result = { base_url: BASE_URL, config, measure_ms: MEASURE_MS };
  try {
    const { page, problems } = await open(browser.context, `/#${config}`);
    result.ready_ms = await page.evaluate(() => window.__bench.ready);
    const hasEpoch = (await page.locator('[data-testid="epoch"]').count()) > 0;
    if (hasEpoch) {
      await measureTraining(page, result);
    } else {
      result.missing = 'the page has no [data-testid="epoch"] counter: training was not measured';
    }
    result.page_errors = [...problems.console, ...problems.page];
  } finally {
    await browser.close();
  }

  result.frames = await measureFramesInChromium();

  const byKind = {};
  for (const r of responses) {
    const ext = r.path.endsWith('/') ? 'html' : r.path.split('.').pop();
    const gz = gzipSync(r.body, { level: 9 }).length;
    const entry = (byKind[ext] ??= { files: 0, raw: 0, gzip: 0 });
    entry.files += 1;
    entry.raw += r.body.length;
    entry.gzip += gz;
  }
  const counted = ['html', 'js', 'css', 'wasm'];
  const sum = (key) => counted.reduce((s, k) => s + (byKind[k]?.[key] ?? 0), 0);
  result.payload = { by_kind: byKind, raw: sum('raw'), gzip: sum('gzip'), budget_gzip: BUDGET_GZ };

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const ms = (v) => (v == null ? '—' : `${v.toFixed(1)} ms`);
  console.log(`page at ${BASE_URL}, config (b): ${config}`);
  for (const [kind, e] of Object.entries(byKind)) {
    const files = `${String(e.files).padStart(2)} files`;
    console.log(`  ${kind.padEnd(5)} ${files} ${kb(e.raw).padStart(10)} raw ${kb(e.gzip).padStart(9)} gz`);
  }
  console.log(
    `  payload (html+js+css+wasm): ${kb(result.payload.raw)} raw, ${kb(result.payload.gzip)} gzipped — ` +
      `${result.payload.gzip <= BUDGET_GZ ? 'within' : 'OVER'} the 100 KB gz budget`,
  );
  console.log(`  navigation → first picture (ready): ${ms(result.ready_ms)}`);
  if (result.missing) {
    console.log(`  ${result.missing}`);
  } else {
    console.log(
      `  navigation → first trained frame: ${ms(result.first_trained_frame_ms)}` +
        `${result.pressed_play ? ' (play pressed at ready)' : ''} — target ≤ 300 ms`,
    );
    console.log(
      `  training (b): ${result.fps.toFixed(1)} fps, JS per frame ${ms(result.frame_js_ms_median)} median / ` +
        `${ms(result.frame_js_ms_p95)} p95, ${result.epochs_per_second.toFixed(0)} epochs/s = ` +
        `${result.epochs_per_frame?.toFixed(1) ?? '—'} epochs per frame — target ≥ 10 per frame at 60 fps`,
    );
  }
  console.log(
    `  full frame in Chromium (the page's loop.js trainFrame + frame.js readFrame, ${ROUNDS} rounds, medians):`,
  );
  for (const f of result.frames) {
    console.log(
      `    ${f.name.padEnd(44)} ${f.frame_ms.toFixed(2).padStart(6)} ms per frame (${f.epochs_per_frame.toFixed(1)} epochs), ` +
        `${f.epoch_ms.toFixed(3)} ms per epoch`,
    );
  }
  if (result.page_errors.length) console.log(`  page errors: ${result.page_errors.join(' | ')}`);
}

main().catch((e) => {
  console.error(`bench (browser): ${e.stack ?? e}`);
  process.exit(1);
});
