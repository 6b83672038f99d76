// The guided path's runs: each step's Run drives the real engine — the page's own Playground through the
// actions (the boundary, loss, network and gradient views follow it), the core's Race for races, and the
// core's timing kernel for step 2 — and resolves with the measured numbers its verdict is written from
// (www/story/lesson-steps.js). Progress goes to `onTick` once a frame.
import { TIMED, seededConfig } from '../story/lesson-steps.js';

/** Milliseconds of training per animation frame while a step runs (the page stays responsive). */
const BUDGET_MS = 12;
/** Epochs per frame at most: a 150-epoch step takes a few seconds, slow enough to watch the pictures move. */
const EPOCHS_PER_FRAME = 1;
/** Step 2's kernel: values per buffer and repeats (about a million f + f′ evaluations per activation). */
const KERNEL_VALUES = 4000;
const KERNEL_REPEATS = 250;
/** Step 2's epochs timed per activation on the same network, after one warm-up epoch. */
const TIMED_EPOCHS = 40;

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
 * Step 2: per million f + f′ evaluations (the kernel) and per training epoch of the same network (a Playground
 * per activation, same config and seed), each activation in its own frame.
 */
export async function runTime({ ap, actions }, step, onTick) {
  const perMillion = {};
  const perEpoch = {};
  const million = (KERNEL_VALUES * KERNEL_REPEATS) / 1e6;
  for (const name of TIMED) {
    await actions.afterFrame();
    ap.activationWorkload(name, KERNEL_VALUES, 16); // warm-up
    perMillion[name] = timed(() => ap.activationWorkload(name, KERNEL_VALUES, KERNEL_REPEATS)) / million;
    const net = new ap.Playground(`${step.config}&seed=1&activation=${name}`);
    try {
      net.step(1);
      perEpoch[name] = timed(() => net.step(TIMED_EPOCHS)) / TIMED_EPOCHS;
    } finally {
      net.free();
    }
    onTick({ perMillion: { ...perMillion }, perEpoch: { ...perEpoch } });
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
