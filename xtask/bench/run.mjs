// `cargo xtask bench` runs this: every implementation trains the same configurations (cases.mjs) on the same
// points, and the medians go to results.json and a table.
//
// Implementations: ours in wasm (the page's own www/pkg build, loaded in Node with initSync), ours native (the
// `bench_native` example, driven over a pipe), @tensorflow/tfjs on its cpu and wasm backends, convnetjs,
// brain.js. brain.js trains one sample at a time (batch 1); where a case's batch is larger, ours in wasm also
// trains the same case at batch 1, so the comparison is made at equal per-sample work both ways.
//
// A "full frame" is the page's animation frame, from the page's own modules: `trainFrame` of
// www/app/loop.js (up to the loop's default epochs per frame within its budget) and `readFrame` of
// www/app/frame.js (the engine calls of a drawn frame: the decision map and thumbnails at the page's
// sizes, the statistics, the weights, the histogram). The native build runs the same training rule and the
// list `framePlan` makes, and refuses a call it does not know.
// The points and feature vectors come from our engine (the native binary's dump, checked equal to the wasm
// module's `points()`), so every implementation trains on identical inputs.
//
// Method: per case, each implementation is warmed up (at least two sample lengths) and calibrated to blocks of
// k epochs lasting about BENCH_SAMPLE_MS (default 50 ms; at least one epoch); then BENCH_ROUNDS rounds (default 11), each timing one
// block of every implementation in a rotating order, so a burst of load on this shared machine hits them all
// alike. Reported: the median ms per epoch; ratios are medians of the per-round ratios (pair by pair).
// Every block is timed twice: wall clock, and CPU time (Node's process.cpuUsage; the native thread's
// /proc/thread-self/schedstat), which time spent waiting for a core does not inflate. results.json carries
// the clock BENCH_CLOCK names ("wall", the default, or "cpu"); both tables are printed and kept in
// details.json.
//
// Environment: BENCH_NATIVE (binary), BENCH_PKG (www/pkg), BENCH_OUT (results.json path), BENCH_TOOLCHAIN,
// BENCH_ROUNDS, BENCH_SAMPLE_MS, BENCH_CLOCK.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { CASES, configOf } from './cases.mjs';
import { loadTf, useTfBackend, tfjsTrainer, convnetjsTrainer, brainjsTrainer, TFJS_METHODS } from './peers.mjs';
import { frameSizes, framePlan, readFrame } from '../../www/app/frame.js';
import { trainFrame, SPEED, BUDGET_MS } from '../../www/app/loop.js';

const env = process.env;
const need = (key) => {
  if (!env[key]) throw new Error(`${key} is not set: run this through \`cargo xtask bench\``);
  return env[key];
};
const NATIVE = need('BENCH_NATIVE');
const PKG = need('BENCH_PKG');
const OUT = need('BENCH_OUT');
const ROUNDS = Number(env.BENCH_ROUNDS ?? 11);
const SAMPLE_MS = Number(env.BENCH_SAMPLE_MS ?? 50);
const CLOCK = env.BENCH_CLOCK ?? 'wall';
if (!['wall', 'cpu'].includes(CLOCK)) throw new Error(`BENCH_CLOCK must be wall or cpu, got ${CLOCK}`);

/** Runs `work` (sync or async) and returns its wall-clock and process CPU time in ms. */
async function measure(work) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000 };
}

/** The median of a list of numbers (mean of the middle two for an even count). */
export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The native benchmark binary, one JSON reply line per command line. */
class Native {
  constructor(path) {
    this.child = spawn(path, ['--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.waiting = [];
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
    });
  }

  async ask(command) {
    const reply = new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.exited.then((code) => reject(new Error(`the native benchmark exited (${code}) during '${command}'`)));
    });
    this.child.stdin.write(`${command}\n`);
    const parsed = JSON.parse(await reply);
    if (parsed.error) throw new Error(`native: ${parsed.error}`);
    return parsed;
  }

  close() {
    this.child.stdin.end();
  }
}

/** The wall-clock and CPU milliseconds of a native reply (CPU falls back to wall where unreadable). */
function nativeTimes(reply) {
  return { ms: reply.ms, cpu: reply.cpuMs ?? reply.ms };
}

/** Loads the page's wasm module (the `--target web` build) into Node. */
async function loadOurs() {
  const ap = await import(pathToFileURL(join(PKG, 'activation_playground.js')).href);
  ap.initSync({ module: readFileSync(join(PKG, 'activation_playground_bg.wasm')) });
  return ap;
}

/**
 * One page frame on `pg`: the loop's training, then the drawn frame's engine calls; returns the epochs trained.
 */
function pageFrame(pg, options) {
  const { done, ok } = trainFrame((n) => pg.step(n), SPEED, BUDGET_MS);
  if (!ok) throw new Error(`ours (wasm) diverged: ${pg.divergence()}`);
  readFrame(pg, options);
  return done;
}

/** Checks that the wasm module generated the very points the native build dumped (train set, in any order). */
function checkSamePoints(pg, data) {
  const all = pg.points();
  const wasmTrain = [];
  for (let i = 0; i < all.length; i += 4) if (all[i + 3] === 1) wasmTrain.push(`${all[i]} ${all[i + 1]} ${all[i + 2]}`);
  const nativeTrain = [];
  for (let i = 0; i < data.points.length; i += 3) {
    const [x, y, l] = data.points.slice(i, i + 3).map(Math.fround);
    nativeTrain.push(`${x} ${y} ${l}`);
  }
  wasmTrain.sort();
  nativeTrain.sort();
  if (wasmTrain.length !== nativeTrain.length || wasmTrain.some((p, i) => p !== nativeTrain[i])) {
    throw new Error(`wasm and native generated different training points (${wasmTrain.length} vs ${nativeTrain.length})`);
  }
}

/** Most epochs one `step` call of the wasm handle accepts. */
const MAX_BLOCK = 10000;

/**
 * Times `impl.run(k)` blocks: warm-up, then k such that a block takes about SAMPLE_MS of CPU time (wall
 * clock on this shared machine stretches with the load, which would shorten the blocks). The warm-up runs
 * blocks (doubling while they are short) for at least two sample lengths, so that V8's tier-up of hot wasm
 * and JS, which it compiles in the background, is behind the calibration (timed in the baseline tier, a
 * few-microsecond epoch got blocks of less than half the sample length). Then three blocks of about a sample
 * length each: the fastest per epoch sets k, as one block slowed by a burst of load or a garbage collection
 * would make every block short.
 */
async function calibrate(impl) {
  await impl.before?.();
  let k = 1;
  let perEpoch = Infinity;
  const cpuOf = async (k) => {
    const { ms, cpu } = await impl.run(k);
    return cpu ?? ms;
  };
  for (let spent = 0; spent < 2 * SAMPLE_MS; ) {
    const ms = await cpuOf(k);
    spent += ms;
    perEpoch = ms / k;
    if (ms < SAMPLE_MS / 4) k = Math.min(MAX_BLOCK, k * 2);
  }
  const blockOf = (ms) => Math.min(MAX_BLOCK, Math.max(1, Math.ceil(SAMPLE_MS / Math.max(ms, 1e-6))));
  k = blockOf(perEpoch);
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, (await cpuOf(k)) / k);
  return blockOf(best);
}

function fmtMs(ms) {
  if (ms == null) return '—';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

function fmtTimes(x) {
  if (x == null) return '—';
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

function pad(text, width, left = false) {
  const s = String(text);
  return left ? s.padEnd(width) : s.padStart(width);
}

async function main() {
  const started = Date.now();
  const load = os.loadavg()[0];
  const ap = await loadOurs();
  const core = JSON.parse(ap.describe());
  const native = new Native(NATIVE);
  const tf = await loadTf();
  const backends = {};
  for (const b of ['cpu', 'wasm']) backends[b] = await useTfBackend(tf, b);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const cpu = os.cpus();
  const machine =
    `${cpu[0]?.model.trim() ?? 'unknown CPU'} (${cpu.length} cores), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, ${env.BENCH_TOOLCHAIN ?? 'rustc ?'}, ` +
    `tfjs ${tf.version.tfjs} (wasm backend simd ${simd}, threads ${threads}), load average ${load.toFixed(2)} at start, ` +
    `${CLOCK === 'wall' ? 'wall-clock' : 'CPU'} time`;
  console.log(`machine: ${machine}`);
  console.log(`method: ${ROUNDS} interleaved rounds of ~${SAMPLE_MS} ms blocks after a warm-up; medians\n`);

  const cases = [];
  const details = [];
  for (const spec of CASES) {
    const config = configOf(spec);
    console.log(`${spec.name}\n    ${config}`);
    await native.ask(`case ${config}`);
    const data = await native.ask('data');
    const trainData = { nFeatures: data.nFeatures, x: Float32Array.from(data.x), y: Float32Array.from(data.y) };
    const pg = new ap.Playground(config);
    checkSamePoints(pg, data);
    // The same case at batch 1 (brain.js's only batch), when the case's own batch is larger.
    const pg1 = spec.batch > 1 ? new ap.Playground(configOf({ ...spec, batch: 1 })) : null;
    if (pg1) checkSamePoints(pg1, data);
    const frameOptions = { frame: frameSizes(core), domain: core.domain };
    const plan = framePlan(Array.from(pg.layerSizes()), frameOptions);
    await native.ask(`plan ${SPEED} ${BUDGET_MS} ${JSON.stringify(plan)}`);

    const impls = [];
    impls.push({
      key: 'ours_wasm',
      run: (k) =>
        measure(() => {
          if (!pg.step(k)) throw new Error(`ours (wasm) diverged: ${pg.divergence()}`);
        }),
      accuracy: () => JSON.parse(pg.statsJson()).trainAccuracy,
    });
    impls.push({
      key: 'ours_native',
      run: async (k) => nativeTimes(await native.ask(`epochs ${k}`)),
      accuracy: async () => (await native.ask('accuracy')).trainAccuracy,
    });
    if (pg1) {
      impls.push({
        key: 'ours_wasm_batch1',
        run: (k) =>
          measure(() => {
            if (!pg1.step(k)) throw new Error(`ours (wasm, batch 1) diverged: ${pg1.divergence()}`);
          }),
        accuracy: () => JSON.parse(pg1.statsJson()).trainAccuracy,
      });
    }
    const frameEpochs = { ours_wasm_frame: [0, 0], ours_native_frame: [0, 0] };
    impls.push({
      key: 'ours_wasm_frame',
      run: async (k) => {
        let epochs = 0;
        const times = await measure(() => {
          for (let i = 0; i < k; i++) epochs += pageFrame(pg, frameOptions);
        });
        frameEpochs.ours_wasm_frame[0] += epochs;
        frameEpochs.ours_wasm_frame[1] += k;
        return times;
      },
    });
    impls.push({
      key: 'ours_native_frame',
      run: async (k) => {
        const reply = await native.ask(`frames ${k}`);
        frameEpochs.ours_native_frame[0] += reply.epochs;
        frameEpochs.ours_native_frame[1] += k;
        return nativeTimes(reply);
      },
    });
    const skipped = {};
    for (const [backend, problem] of Object.entries(backends)) {
      const key = `tfjs_${backend}`;
      if (problem) {
        skipped[key] = problem;
        continue;
      }
      // Both tfjs training loops run; the faster one (by median) is reported, and which it was.
      for (const method of TFJS_METHODS) {
        await useTfBackend(tf, backend);
        const trainer = tfjsTrainer(tf, spec, trainData, method);
        impls.push({
          key: `${key}:${method}`,
          before: () => useTfBackend(tf, backend),
          run: (k) =>
            measure(async () => {
              for (let i = 0; i < k; i++) await trainer.epoch();
            }),
          accuracy: () => trainer.accuracy(),
          dispose: () => trainer.dispose(),
        });
      }
    }
    const cn = convnetjsTrainer(spec, trainData);
    impls.push({
      key: 'convnetjs',
      run: (k) =>
        measure(() => {
          for (let i = 0; i < k; i++) cn.epoch();
        }),
      accuracy: () => cn.accuracy(),
    });
    const bj = brainjsTrainer(spec, trainData);
    impls.push({
      key: 'brainjs',
      run: (k) =>
        measure(() => {
          for (let i = 0; i < k; i++) bj.epoch();
        }),
      accuracy: () => bj.accuracy(),
    });

    for (const impl of impls) {
      try {
        impl.k = await calibrate(impl);
        impl.wall = [];
        impl.cpu = [];
      } catch (e) {
        // Ours must run every case; a peer that cannot is reported as null.
        if (impl.key.startsWith('ours')) throw e;
        impl.failed = String(e.message ?? e);
        console.log(`    ${impl.key} cannot run this case: ${impl.failed}`);
      }
    }
    const live = impls.filter((i) => !i.failed);
    for (let round = 0; round < ROUNDS; round++) {
      for (let j = 0; j < live.length; j++) {
        const impl = live[(j + round) % live.length];
        await impl.before?.();
        const { ms, cpu } = await impl.run(impl.k);
        impl.wall[round] = ms / impl.k;
        impl.cpu[round] = cpu / impl.k;
      }
    }
    const by = Object.fromEntries(live.map((i) => [i.key, i]));
    const accuracy = {};
    for (const impl of live) {
      if (!impl.accuracy) continue;
      if (impl.before) await impl.before();
      accuracy[impl.key] = await impl.accuracy();
    }
    for (const impl of impls) impl.dispose?.();
    pg.free();
    pg1?.free();

    const epochsPerFrame = Object.fromEntries(
      Object.entries(frameEpochs).map(([key, [epochs, frames]]) => [key, frames ? epochs / frames : null]),
    );
    const summary = {};
    for (const clock of ['wall', 'cpu']) summary[clock] = summarise(spec, by, clock, epochsPerFrame);
    const { row } = summary[CLOCK];
    cases.push(row);
    details.push({
      name: spec.name,
      config,
      train_points: trainData.y.length,
      frame: { speed: SPEED, budget_ms: BUDGET_MS, plan, epochs_per_frame: epochsPerFrame },
      wall: summary.wall,
      cpu: summary.cpu,
      train_accuracy_after_run: accuracy,
      epochs_per_block: Object.fromEntries(live.map((i) => [i.key, i.k])),
      samples_ms: Object.fromEntries(live.map((i) => [i.key, { wall: i.wall, cpu: i.cpu }])),
      skipped: { ...skipped, ...Object.fromEntries(impls.filter((i) => i.failed).map((i) => [i.key, i.failed])) },
    });
    for (const clock of ['wall', 'cpu']) {
      const r = summary[clock].row;
      console.log(
        `    ${clock.padEnd(4)} ours wasm ${fmtMs(r.ours_wasm_ms_per_epoch)} ms/epoch, ` +
          `native ${fmtMs(r.ours_native_ms_per_epoch)}, tfjs-cpu ${fmtMs(r.tfjs_cpu_ms_per_epoch)}, ` +
          `tfjs-wasm ${fmtMs(r.tfjs_wasm_ms_per_epoch)}, convnetjs ${fmtMs(r.convnetjs_ms_per_epoch)}, ` +
          `brain.js ${fmtMs(r.brainjs_ms_per_epoch)}, ours wasm batch 1 ${fmtMs(r.ours_wasm_batch1_ms_per_epoch)}, ` +
          `frame ${fmtMs(r.ours_wasm_frame_ms)} ms`,
      );
    }
  }
  native.close();

  // The one-minute load average at the start and at the end of the run: the figures are only comparable
  // with the load they were measured under.
  const loadAverage = { start: load, end: os.loadavg()[0] };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({ machine, load_average: loadAverage, cases }, null, 2)}\n`);
  writeFileSync(
    join(dirname(OUT), 'details.json'),
    `${JSON.stringify({ machine, load_average: loadAverage, clock: CLOCK, rounds: ROUNDS, sample_ms: SAMPLE_MS, frame: frameSizes(core), cases: details }, null, 2)}\n`,
  );
  for (const clock of ['wall', 'cpu']) printTables(clock, details.map((d) => d[clock]));
  console.log(
    `\nload average ${loadAverage.start.toFixed(2)} at the start, ${loadAverage.end.toFixed(2)} at the end ` +
      `(${((Date.now() - started) / 1000).toFixed(0)} s; details per round in details.json)`,
  );
}

/** Medians and per-round ratios of one clock's samples: the results.json row and the ratios. */
function summarise(spec, by, clock, epochsPerFrame) {
  const { name } = spec;
  const med = (key) => (by[key] ? median(by[key][clock]) : null);
  const ratio = (a, b) => (by[a] && by[b] ? median(by[a][clock].map((s, r) => s / by[b][clock][r])) : null);
  const tfjsBest = (backend) => {
    const options = TFJS_METHODS.map((m) => `tfjs_${backend}:${m}`).filter((k) => by[k]);
    if (!options.length) return null;
    return options.reduce((best, k) => (med(k) < med(best) ? k : best));
  };
  const best = { cpu: tfjsBest('cpu'), wasm: tfjsBest('wasm') };
  return {
    row: {
      name,
      ours_wasm_ms_per_epoch: med('ours_wasm'),
      ours_native_ms_per_epoch: med('ours_native'),
      tfjs_cpu_ms_per_epoch: best.cpu && med(best.cpu),
      tfjs_wasm_ms_per_epoch: best.wasm && med(best.wasm),
      convnetjs_ms_per_epoch: med('convnetjs'),
      brainjs_ms_per_epoch: med('brainjs'),
      // Ours at brain.js's batch 1 (the case itself when its batch is 1).
      ours_wasm_batch1_ms_per_epoch: spec.batch === 1 ? med('ours_wasm') : med('ours_wasm_batch1'),
      ours_wasm_frame_ms: med('ours_wasm_frame'),
      ours_native_frame_ms: med('ours_native_frame'),
      frame_epochs: epochsPerFrame.ours_wasm_frame,
    },
    frame_epochs_native: epochsPerFrame.ours_native_frame,
    wasm_over_native: ratio('ours_wasm', 'ours_native'),
    wasm_over_native_frame: ratio('ours_wasm_frame', 'ours_native_frame'),
    tfjs_cpu_over_ours_wasm: best.cpu && ratio(best.cpu, 'ours_wasm'),
    tfjs_wasm_over_ours_wasm: best.wasm && ratio(best.wasm, 'ours_wasm'),
    convnetjs_over_ours_wasm: ratio('convnetjs', 'ours_wasm'),
    brainjs_over_ours_wasm: ratio('brainjs', 'ours_wasm'),
    brainjs_over_ours_wasm_batch1: spec.batch === 1 ? ratio('brainjs', 'ours_wasm') : ratio('brainjs', 'ours_wasm_batch1'),
    tfjs_method: { cpu: best.cpu?.split(':')[1] ?? null, wasm: best.wasm?.split(':')[1] ?? null },
    tfjs_medians_by_method: Object.fromEntries(
      Object.keys(by)
        .filter((k) => k.startsWith('tfjs_'))
        .map((k) => [k, med(k)]),
    ),
  };
}

function printTables(clock, details) {
  const cases = details.map((d) => d.row);
  const clockName = clock === 'wall' ? 'wall-clock' : 'CPU';
  const head = ['case', 'ours wasm', 'ours native', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs', 'brain.js', 'ours b=1'];
  const widths = [44, 10, 12, 10, 10, 10, 10, 10];
  const line = (cells, w) => cells.map((c, i) => pad(c, w[i], i === 0)).join(' ');
  console.log(
    `\n${clockName} ms per epoch (median; one pass over the 250 training points incl. weight updates; ` +
      'brain.js at batch 1, "ours b=1" ours in wasm at batch 1)',
  );
  console.log(line(head, widths));
  for (const c of cases) {
    console.log(
      line(
        [
          c.name,
          fmtMs(c.ours_wasm_ms_per_epoch),
          fmtMs(c.ours_native_ms_per_epoch),
          fmtMs(c.tfjs_cpu_ms_per_epoch),
          fmtMs(c.tfjs_wasm_ms_per_epoch),
          fmtMs(c.convnetjs_ms_per_epoch),
          fmtMs(c.brainjs_ms_per_epoch),
          fmtMs(c.ours_wasm_batch1_ms_per_epoch),
        ],
        widths,
      ),
    );
  }
  const fw = [44, 12, 12, 16];
  console.log(
    `\n${clockName} ms per full frame (the page's: up to ${SPEED} epochs within ${BUDGET_MS} ms, then the drawn ` +
      "frame's engine calls; median)",
  );
  console.log(line(['case', 'wasm', 'native', 'epochs/frame w/n'], fw));
  for (const d of details) {
    const epochs = (x) => (x == null ? '—' : x.toFixed(x % 1 ? 1 : 0));
    console.log(
      line(
        [d.row.name, fmtMs(d.row.ours_wasm_frame_ms), fmtMs(d.row.ours_native_frame_ms), `${epochs(d.row.frame_epochs)}/${epochs(d.frame_epochs_native)}`],
        fw,
      ),
    );
  }
  console.log(`\nratios (median of per-round ${clockName} ratios) and targets`);
  const head2 = ['case', 'wasm/native', 'frame w/n', 'tfjs-cpu/ours', 'tfjs-wasm/ours', 'convnetjs/ours', 'brain.js/ours', 'brain.js/ours b=1', 'tfjs method'];
  const widths2 = [44, 12, 10, 14, 15, 15, 14, 18, 12];
  console.log(line(head2, widths2));
  for (const d of details) {
    console.log(
      line(
        [
          d.row.name,
          fmtTimes(d.wasm_over_native),
          fmtTimes(d.wasm_over_native_frame),
          fmtTimes(d.tfjs_cpu_over_ours_wasm),
          fmtTimes(d.tfjs_wasm_over_ours_wasm),
          fmtTimes(d.convnetjs_over_ours_wasm),
          fmtTimes(d.brainjs_over_ours_wasm),
          fmtTimes(d.brainjs_over_ours_wasm_batch1),
          `${d.tfjs_method.cpu ?? '—'}/${d.tfjs_method.wasm ?? '—'}`,
        ],
        widths2,
      ),
    );
  }
  const [a, b] = details;
  const verdict = (ok) => (ok == null ? 'n/a' : ok ? 'met' : 'MISSED');
  const atLeast = (x, t) => (x == null ? null : x >= t);
  const atMost = (x, t) => (x == null ? null : x <= t);
  const both = (p, q) => (p == null || q == null ? null : p && q);
  const frameFits = details.map((d) => `${d.row.name[0]} ${verdict(atMost(d.row.ours_wasm_frame_ms, 1000 / 60))}`);
  console.log(
    [
      `  ≥100× tfjs-cpu on a, b: ${verdict(both(atLeast(a?.tfjs_cpu_over_ours_wasm, 100), atLeast(b?.tfjs_cpu_over_ours_wasm, 100)))}`,
      `  ≥20× convnetjs on a, b: ${verdict(both(atLeast(a?.convnetjs_over_ours_wasm, 20), atLeast(b?.convnetjs_over_ours_wasm, 20)))}`,
      `  ≥10× brain.js on a, b (ours at the case's batch 10): ${verdict(both(atLeast(a?.brainjs_over_ours_wasm, 10), atLeast(b?.brainjs_over_ours_wasm, 10)))}; ` +
        `at batch 1 both: ${verdict(both(atLeast(a?.brainjs_over_ours_wasm_batch1, 10), atLeast(b?.brainjs_over_ours_wasm_batch1, 10)))}`,
      `  full frame within a 60 Hz frame (16.7 ms), wasm: ${frameFits.join(', ')}`,
      `  wasm within 1.5× of native on b: ${verdict(atMost(b?.wasm_over_native, 1.5))}`,
    ].join('\n'),
  );
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
