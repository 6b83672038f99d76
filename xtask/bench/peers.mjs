// The peers of the benchmark: the same network, loss, optimiser and batches as ours, built with
// @tensorflow/tfjs (cpu and wasm backends) and convnetjs. Every trainer exposes `epoch()`: one pass over the
// training set in a freshly shuffled order, weight updates included, and `accuracy()` (train set) as a check
// that it really learns.
//
// Data come in as `{ nFeatures, x: Float32Array(n * nFeatures), y: Float32Array(n) }` with labels 0 / 1: the
// exact feature vectors our engine trains on (see run.mjs), so every trainer sees identical inputs.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** A small seeded generator (xorshift32) for the peers' per-epoch shuffles; no Math.random. */
export class Shuffler {
  constructor(seed) {
    this.state = (seed >>> 0) || 0x9e3779b9;
  }

  next() {
    let s = this.state;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.state = s >>> 0;
    return this.state;
  }

  /** Fisher–Yates in place. */
  shuffle(order) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.next() % (i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}

let tfModule;

/** Loads @tensorflow/tfjs once, with the wasm backend's binaries taken from its npm package (no network). */
export async function loadTf() {
  if (!tfModule) {
    // tfjs greets Node users with a banner recommending tfjs-node (a native binding, not a peer here) on the
    // cpu backend's first tensor: make that tensor here, with the banner muted.
    const { log, warn } = console;
    console.log = () => {};
    console.warn = () => {};
    try {
      tfModule = await import('@tensorflow/tfjs');
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      wasm.setWasmPaths(`${dir}/`);
      await tfModule.setBackend('cpu');
      await tfModule.ready();
      tfModule.tensor1d([0]).dispose();
    } finally {
      console.log = log;
      console.warn = warn;
    }
  }
  return tfModule;
}

/**
 * Switches tfjs to `backend` ("cpu" or "wasm"); returns the reason it cannot run, or null when it runs.
 */
export async function useTfBackend(tf, backend) {
  try {
    const ok = await tf.setBackend(backend);
    await tf.ready();
    if (!ok || tf.getBackend() !== backend) return `tfjs backend ${backend} did not initialise`;
    return null;
  } catch (e) {
    return `tfjs backend ${backend}: ${e.message ?? e}`;
  }
}

/** The tfjs training loops: "ops" is the faster one and the benchmark's default (see tfjsTrainer). */
export const TFJS_METHODS = ['ops', 'fit'];

/**
 * A tfjs trainer for `spec` ({ layers, activation, lr, batch }) on `data`, SGD at `spec.lr`.
 *
 * `method` "ops" (the faster; the default): weights as `tf.variable`s, forward pass with `tf.matMul`/`tf.add`
 * and the activation, `tf.losses.sigmoidCrossEntropy` on the logits (our loss), one `optimizer.minimize` per
 * batch on rows gathered from tensors made once. `method` "fit": a Layers model with a sigmoid output and
 * binary cross-entropy, trained with `model.fit(xs, ys, {epochs: 1, batchSize, shuffle: true})` — 2–4× slower
 * in our runs (Layers bookkeeping, callbacks and a per-epoch shuffle copy of the data).
 */
export function tfjsTrainer(tf, spec, data, method = 'ops', seed = 1) {
  if (!TFJS_METHODS.includes(method)) throw new Error(`unknown tfjs method ${method}`);
  const n = data.y.length;
  const xs = tf.tensor2d(data.x, [n, data.nFeatures]);
  const ys = tf.tensor2d(data.y, [n, 1]);
  const optimizer = tf.train.sgd(spec.lr);
  const trainer = method === 'fit' ? tfjsFit(tf, spec, data, xs, ys, optimizer) : tfjsOps(tf, spec, data, xs, ys, optimizer, seed);
  return {
    epoch: trainer.epoch,
    accuracy() {
      return tf.tidy(() => {
        const out = trainer.predict(xs).dataSync();
        let right = 0;
        for (let i = 0; i < n; i++) if (out[i] > trainer.threshold === data.y[i] > 0.5) right++;
        return right / n;
      });
    },
    dispose() {
      xs.dispose();
      ys.dispose();
      trainer.dispose();
      optimizer.dispose();
    },
  };
}

function tfjsOps(tf, spec, data, xs, ys, optimizer, seed) {
  const n = data.y.length;
  const sizes = [data.nFeatures, ...spec.layers, 1];
  const weights = [];
  const biases = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    // He for ReLU, Glorot for tanh: the same schemes as ours (the draws differ; speed does not depend on them).
    const scale = spec.activation === 'relu' ? Math.sqrt(2 / sizes[l]) : Math.sqrt(2 / (sizes[l] + sizes[l + 1]));
    weights.push(tf.variable(tf.randomNormal([sizes[l], sizes[l + 1]], 0, scale, 'float32', seed + l)));
    biases.push(tf.variable(tf.zeros([sizes[l + 1]])));
  }
  const act = spec.activation === 'relu' ? tf.relu : spec.activation === 'tanh' ? tf.tanh : null;
  if (!act) throw new Error(`tfjs peer: unsupported activation ${spec.activation}`);
  const logits = (x) => {
    let h = x;
    for (let l = 0; l < weights.length; l++) {
      h = tf.add(tf.matMul(h, weights[l]), biases[l]);
      if (l + 1 < weights.length) h = act(h);
    }
    return h;
  };
  const shuffler = new Shuffler(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  return {
    threshold: 0,
    predict: logits,
    async epoch() {
      shuffler.shuffle(order);
      for (let start = 0; start < n; start += spec.batch) {
        const rows = order.subarray(start, Math.min(n, start + spec.batch));
        tf.tidy(() => {
          const index = tf.tensor1d(rows, 'int32');
          const xb = tf.gather(xs, index);
          const yb = tf.gather(ys, index);
          optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(yb, logits(xb)));
        });
      }
    },
    dispose() {
      for (const v of [...weights, ...biases]) v.dispose();
    },
  };
}

function tfjsFit(tf, spec, data, xs, ys, optimizer) {
  const model = tf.sequential();
  spec.layers.forEach((units, i) => {
    model.add(
      tf.layers.dense({ units, activation: spec.activation, ...(i === 0 ? { inputShape: [data.nFeatures] } : {}) }),
    );
  });
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      ...(spec.layers.length === 0 ? { inputShape: [data.nFeatures] } : {}),
    }),
  );
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  return {
    threshold: 0.5,
    predict: (x) => model.predict(x),
    async epoch() {
      await model.fit(xs, ys, { epochs: 1, batchSize: spec.batch, shuffle: true, verbose: 0 });
    },
    dispose() {
      model.dispose();
    },
  };
}

/**
 * A convnetjs trainer for `spec`: fully connected layers with the hidden activation, a two-class softmax
 * output (convnetjs has no single-logit sigmoid loss; two-class softmax cross-entropy is the same model), and
 * its Trainer with plain SGD (momentum 0, no decay) at `spec.lr` and `spec.batch`. The input volumes are made
 * once, outside the timed loop.
 */
export function convnetjsTrainer(spec, data, seed = 1) {
  const convnetjs = require('convnetjs');
  const n = data.y.length;
  const nf = data.nFeatures;
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: nf }];
  for (const units of spec.layers) {
    defs.push({ type: 'fc', num_neurons: units, activation: spec.activation });
  }
  defs.push({ type: 'softmax', num_classes: 2 });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd',
    learning_rate: spec.lr,
    momentum: 0,
    batch_size: spec.batch,
    l2_decay: 0,
  });
  const vols = [];
  for (let i = 0; i < n; i++) {
    const v = new convnetjs.Vol(1, 1, nf, 0);
    for (let k = 0; k < nf; k++) v.w[k] = data.x[i * nf + k];
    vols.push(v);
  }
  const labels = Array.from(data.y, (l) => (l > 0.5 ? 1 : 0));
  const shuffler = new Shuffler(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  return {
    epoch() {
      shuffler.shuffle(order);
      for (let i = 0; i < n; i++) trainer.train(vols[order[i]], labels[order[i]]);
    },
    accuracy() {
      let right = 0;
      for (let i = 0; i < n; i++) {
        const p = net.forward(vols[i], false).w;
        if ((p[1] > p[0] ? 1 : 0) === labels[i]) right++;
      }
      return right / n;
    },
    dispose() {},
  };
}

/**
 * A brain.js trainer for `spec`: its `NeuralNetwork` (plain JavaScript on the CPU; its GPU class is not used)
 * with the hidden layers and activation of `spec`, plain SGD at `spec.lr` (momentum 0, see below). brain.js trains one
 * sample at a time (batch 1, no minibatch), whatever `spec.batch` is, and its output unit uses the hidden
 * activation with a squared-error delta: that is its fixed design. One epoch is one `trainPattern` per training
 * point in a freshly shuffled order: its own per-sample step (forward, deltas, weight update) without the
 * training-error pass its `train()` adds to every iteration, so this is the fastest way brain.js trains.
 * Weights start from the same seeded He/Glorot scales as the tfjs trainer (uniform, equal variance) instead
 * of its Math.random draws; inputs are formatted once, outside the timed loop.
 */
export function brainjsTrainer(spec, data, seed = 1) {
  const brain = require('brain.js');
  const n = data.y.length;
  const nf = data.nFeatures;
  const net = new brain.NeuralNetwork({
    inputSize: nf,
    hiddenLayers: spec.layers,
    outputSize: 1,
    activation: spec.activation,
    learningRate: spec.lr,
  });
  // Its option check refuses momentum 0 ("out of normal training range"); its update reads the value from
  // trainOpts, so plain SGD is set there. The update still does its momentum arithmetic, times 0.
  net.trainOpts.momentum = 0;
  net.initialize();
  const draws = new Shuffler(seed);
  const uniform = () => draws.next() / 2 ** 32;
  for (let layer = 1; layer < net.sizes.length; layer++) {
    const fanIn = net.sizes[layer - 1];
    const fanOut = net.sizes[layer];
    const std = spec.activation === 'relu' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    const half = std * Math.sqrt(3);
    for (const row of net.weights[layer]) for (let k = 0; k < row.length; k++) row[k] = (2 * uniform() - 1) * half;
    net.biases[layer].fill(spec.activation === 'relu' ? 0.1 : 0);
  }
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push({ input: Array.from(data.x.subarray(i * nf, (i + 1) * nf)), output: [data.y[i] > 0.5 ? 1 : 0] });
  }
  const prepared = net.formatData(rows);
  const shuffler = new Shuffler(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  return {
    epoch() {
      shuffler.shuffle(order);
      for (let i = 0; i < n; i++) net.trainPattern(prepared[order[i]]);
    },
    accuracy() {
      let right = 0;
      for (let i = 0; i < n; i++) if (net.run(prepared[i].input)[0] > 0.5 === data.y[i] > 0.5) right++;
      return right / n;
    },
    dispose() {},
  };
}
