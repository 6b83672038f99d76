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
//   - first load over three networks, for the development server (BASE_URL: www/ as `cargo xtask serve` sends
//     it, uncompressed) and the production folder (DIST_URL: `cargo xtask dist`, served gzip-compressed as a
//     static host serves it): every load in a fresh browser context (empty cache), Chromium's network
//     emulation set through a CDP session before navigation (`Network.emulateNetworkConditions`: its latency
//     is added to every request; TCP and its slow start are not emulated), navigation start →
//     `<html data-ready="true">` and → the first trained frame, both taken inside the page as above;
//     BENCH_LOADS loads per cell (default 7), interleaved (round by round, every profile, the two sites in
//     alternating order), medians, ranges and per-round dist/serve ratios, the load average before and after.
//     With each load: the bytes on the wire and the requests before ready and the end of the last of those
//     responses (resource timing), and the CPU time (user + system) Chromium's renderer processes and all of
//     its processes used from navigation to ready, read from /proc (the CPU-bound part: a renderer parses,
//     compiles the wasm and draws; the browser process also runs the network emulation and the driver's
//     commands; up to 20 ms more, as ready is polled).
// Results go to BENCH_OUT (JSON) and a summary on stdout; the first-load figures also into BENCH_RESULTS
// (`target/bench/results.json`, key `first_load`), beside the engine bench's figures. BENCH_FIRST_LOAD_ONLY=1
// measures only the first load.

import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdirSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, open, BASE_URL } from '../../tests/e2e/harness.mjs';
import { CASES, configOf } from './cases.mjs';

const OUT = process.env.BENCH_OUT ?? new URL('../../target/bench/browser.json', import.meta.url).pathname;
const MEASURE_MS = Number(process.env.BENCH_BROWSER_MS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 50);
const BUDGET_GZ = 100 * 1024;
const DIST_URL = process.env.DIST_URL ?? null;
const RESULTS = process.env.BENCH_RESULTS ?? null;
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const FIRST_LOAD_ONLY = process.env.BENCH_FIRST_LOAD_ONLY === '1';

/** Bytes per second of `mbit` Mbit/s (DevTools' and Lighthouse's convention: 1 Mbit = 1024 × 1024 bits). */
const mbit = (m) => (m * 1024 * 1024) / 8;
/** The emulated networks: none, a good connection, and Lighthouse's mobile profile ("slow 4G"). */
const PROFILES = [
  { key: 'localhost', label: 'localhost (no emulation)', conditions: null },
  {
    key: 'rtt40_10mbit',
    label: '40 ms round trip, 10 Mbit/s',
    conditions: { latency: 40, downloadThroughput: mbit(10), uploadThroughput: mbit(10) },
  },
  {
    key: 'mobile',
    label: 'mobile: 150 ms, 1.6 / 0.75 Mbit/s',
    conditions: { latency: 150, downloadThroughput: mbit(1.6), uploadThroughput: mbit(0.75) },
  },
];
/** Chromium's flags for the first loads: the e2e harness's, so both measure the same browser. */
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

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

function median(values) {
  const v = values.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function range(values) {
  const v = values.filter((x) => x != null && Number.isFinite(x));
  return v.length ? [Math.min(...v), Math.max(...v)] : null;
}

/**
 * CPU time (user + system, ms) used so far by every process started by this one (Chromium: its browser,
 * renderer, GPU and utility processes), read from /proc: a map pid → `{ ms, renderer }`, empty where /proc is
 * missing.
 */
function chromiumCpu() {
  const rootPid = process.pid;
  const out = new Map();
  if (!existsSync('/proc')) return out;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const stats = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * tick });
    } catch {
      // A process that ended meanwhile.
    }
  }
  const mine = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, st] of stats) {
      if (!mine.has(pid) && mine.has(st.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  mine.delete(rootPid);
  for (const pid of mine) {
    if (!stats.has(pid)) continue;
    let renderer = false;
    try {
      renderer = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      // Ended meanwhile.
    }
    out.set(pid, { ms: stats.get(pid).ms, renderer });
  }
  return out;
}

/** CPU ms used between two readings of `chromiumCpu`: `{ all, renderers }`, or nulls without /proc. */
function cpuBetween(before, after) {
  if (!after.size) return { all: null, renderers: null };
  let all = 0;
  let renderers = 0;
  for (const [pid, { ms, renderer }] of after) {
    const used = ms - (before.get(pid)?.ms ?? 0);
    all += used;
    if (renderer) renderers += used;
  }
  return { all, renderers };
}

/**
 * One first load of `base` in a fresh context of `browser` over `profile`: navigation → ready and → first
 * trained frame, the bytes on the wire and requests before ready, when the last of those responses ended,
 * and the CPU time all of Chromium's processes used from navigation to ready (ms).
 */
async function firstLoad(browser, base, profile) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (profile.conditions) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.conditions });
    }
    const cpuBefore = chromiumCpu();
    await page.goto(`${base}/`, { waitUntil: 'commit', timeout: 60000 });
    // Polled every 20 ms rather than every frame, so the driver adds little work of its own.
    await page.waitForFunction(() => window.__bench?.ready != null, null, { timeout: 60000, polling: 20 });
    const cpu = cpuBetween(cpuBefore, chromiumCpu());
    const atReady = await page.evaluate(() => {
      const ready = window.__bench.ready;
      const entries = [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ].filter((e) => e.responseEnd <= ready);
      return {
        ready,
        state: document.documentElement.dataset.ready,
        bytes: entries.reduce((s, e) => s + (e.transferSize || 0), 0),
        requests: entries.length,
        lastByte: Math.max(...entries.map((e) => e.responseEnd)),
      };
    });
    if (atReady.state !== 'true') throw new Error(`${base}: the page says data-ready="${atReady.state}"`);
    let firstTrained = null;
    const hasEpoch = (await page.locator('[data-testid="epoch"]').count()) > 0;
    if (hasEpoch) {
      await page.waitForFunction(() => window.__bench.firstTrained !== null, null, { timeout: 60000 });
      firstTrained = await page.evaluate(() => window.__bench.firstTrained);
    }
    if (errors.length) throw new Error(`${base}: page errors: ${errors.join(' | ')}`);
    return {
      ready_ms: atReady.ready,
      first_trained_frame_ms: firstTrained,
      bytes_before_ready: atReady.bytes,
      requests_before_ready: atReady.requests,
      last_byte_ms: atReady.lastByte,
      after_last_byte_ms: atReady.ready - atReady.lastByte,
      chromium_cpu_ms: cpu.all,
      renderer_cpu_ms: cpu.renderers,
    };
  } finally {
    await context.close();
  }
}

/** First loads of both sites over every profile, interleaved; medians, ranges and dist/serve ratios. */
async function measureFirstLoads() {
  const sites = [{ key: 'serve', url: BASE_URL }];
  if (DIST_URL) sites.push({ key: 'dist', url: DIST_URL });
  const loadBefore = loadavg();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  const samples = {};
  for (const p of PROFILES) for (const s of sites) samples[`${p.key}/${s.key}`] = [];
  try {
    // One untimed load of each: the servers read (and the dist server compresses) every file once, as a
    // host that has been serving for a while has.
    for (const s of sites) await firstLoad(browser, s.url, PROFILES[0]);
    for (let round = 0; round < LOADS; round++) {
      for (const p of PROFILES) {
        const order = round % 2 ? [...sites].reverse() : sites;
        for (const s of order) {
          const m = await firstLoad(browser, s.url, p);
          samples[`${p.key}/${s.key}`].push({ round, ...m });
        }
      }
      process.stdout.write(`  first load: round ${round + 1} of ${LOADS} done\n`);
    }
  } finally {
    await browser.close();
  }
  const loadAfter = loadavg();
  const fields = [
    'ready_ms',
    'first_trained_frame_ms',
    'bytes_before_ready',
    'requests_before_ready',
    'last_byte_ms',
    'after_last_byte_ms',
    'chromium_cpu_ms',
    'renderer_cpu_ms',
  ];
  const profiles = PROFILES.map((p) => {
    const out = { key: p.key, label: p.label, conditions: p.conditions };
    for (const s of sites) {
      const list = samples[`${p.key}/${s.key}`];
      const cell = { loads: list.length };
      for (const f of fields) {
        cell[f] = median(list.map((m) => m[f]));
        cell[`${f}_range`] = range(list.map((m) => m[f]));
      }
      cell.samples = list;
      out[s.key] = cell;
    }
    if (out.dist) {
      // Ratios taken round by round (both sites loaded in the same round, one after the other).
      const ratio = (f) =>
        median(out.dist.samples.map((d, i) => (d[f] != null && out.serve.samples[i]?.[f] ? d[f] / out.serve.samples[i][f] : null)));
      out.dist_over_serve = { ready: ratio('ready_ms'), first_trained_frame: ratio('first_trained_frame_ms') };
    }
    return out;
  });
  return {
    loads_per_cell: LOADS,
    load_average_before: loadBefore,
    load_average_after: loadAfter,
    serve_url: BASE_URL,
    dist_url: DIST_URL,
    dist_served_with: 'gzip (Content-Encoding) for html, js, css, svg, wasm, as a static host',
    goals_dist_ms: { mobile: 1500, localhost: 400 },
    profiles,
  };
}

function printFirstLoads(fl) {
  const f0 = (v) => (v == null ? '—' : v.toFixed(0));
  const cell = (c, f) => (c ? `${f0(c[f])} [${f0(c[`${f}_range`]?.[0])}–${f0(c[`${f}_range`]?.[1])}]` : '—');
  const la = (l) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `\nfirst load, fresh context per load, ${fl.loads_per_cell} loads per cell, interleaved; ms from navigation, ` +
      `median [min–max]; load average ${la(fl.load_average_before)} before, ${la(fl.load_average_after)} after:`,
  );
  const head = ['profile', 'to ready: serve', 'dist (gzip)', 'dist/serve', 'to first trained frame: serve', 'dist', 'dist/serve'];
  console.log(`  ${head.join(' | ')}`);
  for (const p of fl.profiles) {
    const r = (v) => (v == null ? '—' : `${v.toFixed(2)}×`);
    console.log(
      `  ${[
        p.label,
        cell(p.serve, 'ready_ms'),
        cell(p.dist, 'ready_ms'),
        r(p.dist_over_serve?.ready),
        cell(p.serve, 'first_trained_frame_ms'),
        cell(p.dist, 'first_trained_frame_ms'),
        r(p.dist_over_serve?.first_trained_frame),
      ].join(' | ')}`,
    );
  }
  console.log(
    '  where the time to ready goes (medians): bytes on the wire and requests before ready, the bytes at the ' +
      "profile's throughput, the last response's end, ready after it; CPU time from navigation to ready of the " +
      "page's renderer processes and of all of Chromium:",
  );
  for (const p of fl.profiles) {
    for (const key of ['serve', 'dist']) {
      const c = p[key];
      if (!c) continue;
      const wire = p.conditions ? `${f0((c.bytes_before_ready / p.conditions.downloadThroughput) * 1000)} ms` : '—';
      console.log(
        `    ${p.label.padEnd(34)} ${key.padEnd(5)} ${(c.bytes_before_ready / 1024).toFixed(1).padStart(6)} KB in ` +
          `${f0(c.requests_before_ready).padStart(2)} requests (at the throughput ${wire}), last byte ` +
          `${f0(c.last_byte_ms)} ms, ready ${f0(c.after_last_byte_ms)} ms after it; CPU: renderer ${cell(c, 'renderer_cpu_ms')} ms, ` +
          `all ${f0(c.chromium_cpu_ms)} ms`,
      );
    }
  }
  const mobile = fl.profiles.find((p) => p.key === 'mobile')?.dist?.ready_ms;
  const local = fl.profiles.find((p) => p.key === 'localhost')?.dist?.ready_ms;
  if (mobile != null && local != null) {
    console.log(
      `  goals for dist: mobile ≤ 1500 ms: ${f0(mobile)} ms, ${mobile <= 1500 ? 'met' : 'missed'}; ` +
        `localhost ≤ 400 ms: ${f0(local)} ms, ${local <= 400 ? 'met' : 'missed'}`,
    );
  }
}

/** Adds the first-load figures to the engine bench's results.json (creating it if the engine bench has not run). */
function mergeIntoResults(firstLoadResult) {
  if (!RESULTS) return;
  let results = {};
  if (existsSync(RESULTS)) {
    try {
      results = JSON.parse(readFileSync(RESULTS, 'utf8'));
    } catch {
      results = {};
    }
  }
  results.first_load = firstLoadResult;
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

async function main() {
  const firstLoads = await measureFirstLoads();
  printFirstLoads(firstLoads);
  mergeIntoResults(firstLoads);
  if (FIRST_LOAD_ONLY) {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify({ first_load: firstLoads }, null, 2)}\n`);
    return;
  }
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
  const result = { base_url: BASE_URL, config, measure_ms: MEASURE_MS, first_load: firstLoads };
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
