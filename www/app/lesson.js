// The guided path's runs: each step's Run drives the real engine — the page's own Playground through the
// actions (the boundary, loss, network and gradient views follow it), the core's Race for races, and the
// core's timing kernel for step 2 — and resolves with the measured numbers its verdict is written from
// (www/story/lesson-steps.js). Progress goes to `onTick` once a frame.
import { TIMED, seededConfig } from '../story/lesson-steps.js';

/** Milliseconds of training per animation frame while a step runs (the page stays responsive). */
const BUDGET_MS = 12;
/** Epochs per frame at most: a 150-epoch step takes a few seconds, slow enough to watch the pictures move. */
const EPOCHS_PER_FRAME = 1;
/** Step 2's kernel: values per buffer. */
const KERNEL_VALUES = 4000;
/**
 * Step 2 times a call at least this long (the browser's clock may be coarsened to 0.1 ms): the kernel's
 * repeats and the epochs grow eightfold until a call takes this long, or reach their cap.
 */
const MIN_TIMED_MS = 5;
const MAX_REPEATS = 12000;
const MAX_EPOCHS = 500;
/** Step 2's rounds; the fastest is kept. */
const ROUNDS = 3;

/** Runs `task()` each frame until it returns false; resolves then. */
function frames(actions, task) {
  return new Promise((resolve, reject) => {
    actions.everyFrame(() => {
      try {
        if (task()) return true;
        resolve();
      } catch (error) {
        reject(error);
      }
      return false;
    });
  });
}

/** Step 1: ReLU on the page (explorer), and its f and f′ at −2 … 2 sampled by the core. */
export async function runCurve({ ap, actions }) {
  actions.switchActivation('relu', { quiet: true });
  const xs = [-2, -1, 0, 1, 2];
  const out = ap.sampleActivation('relu', -2, 2, xs.length);
  return { samples: xs.map((x, i) => ({ x, f: out[i], df: out[xs.length + i] })) };
}

/** Milliseconds of one call of `fn`. */
function timed(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Milliseconds per unit of work of `fn(k)` (k units): k starts at `from` and grows eightfold until a call
 * takes MIN_TIMED_MS or k would pass `max`.
 */
function perCall(fn, from, max) {
  let k = from;
  for (;;) {
    const ms = timed(() => fn(k));
    if (ms >= MIN_TIMED_MS || k * 8 > max) return ms / k;
    k *= 8;
  }
}

/**
 * Step 2: per million f + f′ evaluations (the kernel) and per training epoch of the same network (a Playground
 * per activation, same config and seed). Each is timed in `ROUNDS` rounds, the activations interleaved and one
 * per frame, and the fastest round kept: the first calls of a wasm function run before the browser has
 * optimised it, and a busy machine adds noise that only ever makes a time longer.
 */
export async function runTime({ ap, actions }, step, onTick) {
  const perMillion = {};
  const perEpoch = {};
  const nets = TIMED.map((name) => new ap.Playground(`${step.config}&seed=1&activation=${name}`));
  try {
    for (const [i, name] of TIMED.entries()) {
      ap.activationWorkload(name, KERNEL_VALUES, 16); // warm-up, untimed
      nets[i].step(2);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, name] of TIMED.entries()) {
        await actions.afterFrame();
        const kernel = perCall((k) => ap.activationWorkload(name, KERNEL_VALUES, k), 25, MAX_REPEATS) / (KERNEL_VALUES / 1e6);
        const epoch = perCall((k) => nets[i].step(k), 5, MAX_EPOCHS);
        perMillion[name] = Math.min(perMillion[name] ?? Infinity, kernel);
        perEpoch[name] = Math.min(perEpoch[name] ?? Infinity, epoch);
        onTick({ perMillion: { ...perMillion }, perEpoch: { ...perEpoch } });
      }
    }
  } finally {
    for (const net of nets) net.free();
  }
  return { perMillion, perEpoch };
}

/** Steps that train the page's own network: `step.epochs` epochs of the step's config, one at a time. */
export async function runTrain({ actions, store }, step, seed, onTick) {
  if (!actions.loadPreset(seededConfig(step, seed))) throw new Error(store.get().status || 'the setup did not load');
  let epochsTo90 = null;
  let stats = store.get().stats;
  let stopped = false;
  await frames(actions, () => {
    const t0 = performance.now();
    const end = Math.min(step.epochs, stats.epoch + EPOCHS_PER_FRAME);
    while (!stopped && stats.epoch < end && performance.now() - t0 < BUDGET_MS) {
      stopped = !actions.trainNow(1);
      stats = store.get().stats;
      if (epochsTo90 === null && stats.testAccuracy >= 0.9) epochsTo90 = stats.epoch;
    }
    onTick({ stats, epochsTo90, epochs: step.epochs });
    return !stopped && stats.epoch < step.epochs;
  });
  return { stats, epochsTo90, epochs: stats.epoch };
}

/** Race steps: the core's Race of `step.race` from the same initial weights; resolves with its table. */
export async function runRace({ ap, actions }, step, seed, onTick) {
  const config = actions.configWith(seededConfig(step, seed), 'race', step.race.join(','));
  const race = new ap.Race(config);
  try {
    let table = JSON.parse(race.statsJson());
    await frames(actions, () => {
      const t0 = performance.now();
      const end = Math.min(step.epochs, race.epoch() + EPOCHS_PER_FRAME);
      while (race.epoch() < end && performance.now() - t0 < BUDGET_MS) race.step(1);
      table = JSON.parse(race.statsJson());
      onTick({ table, epochs: step.epochs, epoch: race.epoch() });
      return race.epoch() < step.epochs;
    });
    return { table, epochs: race.epoch() };
  } finally {
    race.free();
  }
}

/** Runs step `step` with `seed`; resolves with the measured result its verdict reads. */
export function runStep(app, step, seed, onTick) {
  if (step.run === 'curve') return runCurve(app);
  if (step.run === 'time') return runTime(app, step, onTick);
  if (step.run === 'train') return runTrain(app, step, seed, onTick);
  return runRace(app, step, seed, onTick);
}
