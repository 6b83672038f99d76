// The named actions, over a fake Playground handle: what each one asks of the engine, what it puts in the
// state, and what it says when the engine refuses.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Actions, initialState, lowerRate, addMark, nextPair, fitHidden, labelFor, MAX_MARKS } from '../../www/app/actions.js';
import { gridFor, framePlan } from '../../www/app/frame.js';
import { createStore } from '../../www/app/store.js';

const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const DESCRIBE = {
  domain: { min: -6, max: 6 },
  frame: { grid: 100, thumb: 32 },
  limits: { linkChars: 4096 },
  learningRates: RATES,
  activations: [{ name: 'relu', display: 'ReLU', hue: 20 }, { name: 'tanh', display: 'Tanh', hue: 200 }, { name: 'leaky_relu', display: 'Leaky ReLU', hue: 40 }],
};
/** Which config keys are live changes, network rebuilds or data rebuilds (as the core says on set). */
const KINDS = { lr: 'live', activation: 'live', layers: 'network', dataset: 'data', race: 'network' };

/** A Playground stand-in: a dictionary of values, a counter of epochs and a log of calls. */
class FakePlayground {
  constructor() {
    this.v = { dataset: 'circle', lr: '0.03', activation: 'relu', layers: [4, 2], features: ['x1', 'x2'], race: [], edits: false };
    this.n = 0;
    this.calls = [];
    this.diverges = false;
    this.nPoints = 2;
  }

  config() {
    return Object.entries(this.v).filter(([k]) => k !== 'edits').map(([k, v]) => `${k}=${v}`).join('&');
  }

  values() {
    return JSON.stringify(this.v);
  }

  link() {
    return this.config();
  }

  linkHasPoints() {
    return true;
  }

  setPalette(rgb) {
    this.calls.push(['setPalette', rgb.length]);
  }

  set(key, value) {
    this.calls.push(['set', key, value]);
    if (key === 'lr' && !(Number(value) > 0)) throw new Error('lr must be a number from 0.00001 to 10');
    this.v[key] = key === 'layers' ? value.split(',').map(Number) : value;
    return KINDS[key] ?? 'live';
  }

  setActivation(spec) {
    this.calls.push(['setActivation', spec]);
    if (spec === 'nope') throw new Error('unknown activation nope');
    this.v.activation = spec;
  }

  setConfig(text) {
    this.calls.push(['setConfig', text]);
  }

  step(n) {
    if (this.diverges) return false;
    this.n += n;
    return true;
  }

  epoch() {
    return this.n;
  }

  reset() {
    this.calls.push(['reset']);
    this.n = 0;
  }

  divergence() {
    return this.diverges ? 'training diverged at epoch 3 with learning rate 10' : null;
  }

  statsJson() {
    return JSON.stringify({ epoch: this.n, nClasses: 2, trainLoss: 0.5, testLoss: 0.6, testAccuracy: 0.7, layers: [] });
  }

  layerSizes() {
    return Uint32Array.from([2, ...this.v.layers, 1]);
  }

  points() {
    return new Float32Array(4 * this.nPoints);
  }

  addPoint(x, y, label) {
    this.calls.push(['addPoint', x, y, label]);
    this.nPoints += 1;
  }
}

let pg;
let store;
let actions;
let loop;
let crashes;

beforeEach(() => {
  globalThis.location = { hash: '', pathname: '/', search: '' };
  globalThis.history = {
    replaceState: (_, __, url) => {
      globalThis.location.hash = url.slice(url.indexOf('#'));
    },
  };
  pg = new FakePlayground();
  store = createStore(initialState(DESCRIBE));
  loop = { playing: false, speed: 10, epochsPerSecond: 0, play() { this.playing = true; }, pause() { this.playing = false; }, invalidate() {}, every() {} };
  crashes = [];
  const crashGuard = { crash: (error) => (error?.name === 'RuntimeError' ? (crashes.push(error), true) : false) };
  const ap = { configWith: (config, key, value) => `${config}&${key}=${value}` };
  actions = new Actions({ ap, pg, memory: null, store, loop, crashGuard });
  actions.refresh('network');
});

test('pure helpers: the next lower learning rate, marks, neuron pairs, the hidden-space fit, the grid', () => {
  assert.equal(lowerRate(RATES, 10), 3);
  assert.equal(lowerRate(RATES, 0.03), 0.01);
  assert.equal(lowerRate(RATES, 0.00001), 0.00001, 'the lowest step stays');
  assert.equal(lowerRate(RATES, 0.02), 0.01, 'a rate between steps goes to the step below');
  const marks = addMark(addMark([], 5, 'lr 0.1'), 5, 'lr 0.3');
  assert.deepEqual(marks, [{ epoch: 5, label: 'lr 0.3', hue: null }], 'one mark per epoch: the last');
  let many = [];
  for (let e = 0; e < MAX_MARKS + 4; e++) many = addMark(many, e, `m${e}`);
  assert.equal(many.length, MAX_MARKS);
  assert.equal(many[0].epoch, 4);
  assert.deepEqual(nextPair({ i: 0, j: 1 }, 3), { i: 0, j: 2 });
  assert.deepEqual(nextPair({ i: 0, j: 2 }, 3), { i: 1, j: 2 });
  assert.deepEqual(nextPair({ i: 1, j: 2 }, 3), { i: 0, j: 1 });
  const fit = fitHidden({ layer: 0, i: 5, j: 5, shape: '' }, [8, 3]);
  assert.deepEqual([fit.layer, fit.i, fit.j, fit.shape], [1, 0, 1, '8,3'], 'a new shape starts on its last layer');
  assert.equal(fitHidden({ ...fit, layer: 0 }, [8, 3]).layer, 0, 'the same shape keeps the chosen layer');
  assert.equal(gridFor([2, 4, 2, 1], 100), 100);
  assert.equal(gridFor([7, 16, 16, 16, 16, 16, 1], 100), 72, 'big networks get a coarser grid');
  const plan = framePlan([2, 4, 2, 1], { frame: { grid: 100, thumb: 32 }, domain: DESCRIBE.domain, histogramLayer: 1 });
  assert.deepEqual(plan.map((c) => c.call), ['render', 'statsJson', 'weights', 'biases', 'weights', 'biases', 'weights', 'biases', 'histogram']);
  assert.deepEqual(plan.at(-1), { call: 'histogram', layer: 1, min: -6, max: 6, bins: 60 }, 'over the core domain');
  assert.equal(labelFor({ addClass: 1 }, 2, false), 1);
  assert.equal(labelFor({ addClass: 1 }, 2, true), 0, 'shift adds the other class');
  assert.equal(labelFor({ addClass: 2 }, 2, false), 1, 'a class beyond the data set is the last one');
  assert.equal(labelFor({ addClass: 0 }, 1, false), -1, 'regression adds -1 or +1');
});

test('refresh puts the engine settings in the state and the link in the hash', () => {
  const s = store.get();
  assert.equal(s.values.lr, '0.03');
  assert.deepEqual(s.sizes, [2, 4, 2, 1]);
  assert.equal(s.hidden.layer, 1, 'the hidden space starts on the last hidden layer');
  assert.match(location.hash, /lr=0\.03/);
});

test('setKey: a live change marks the chart and says training continues; a data change starts a new run', () => {
  const run = store.get().run;
  actions.setKey('lr', '0.1');
  assert.deepEqual(pg.calls.at(-1), ['set', 'lr', '0.1'], 'the plain value goes to the engine');
  assert.equal(store.get().values.lr, '0.1');
  assert.deepEqual(store.get().marks, [{ epoch: 0, label: 'lr 0.1', hue: null }]);
  assert.match(store.get().status, /lr is now 0\.1; training continues on the same weights/);
  assert.equal(store.get().run, run, 'a live change keeps the run');
  actions.setKey('dataset', 'xor');
  assert.equal(store.get().run, run + 1);
  assert.deepEqual(store.get().marks, [], 'a new run starts without marks');
  assert.match(location.hash, /dataset=xor/);
});

test('setKey refused: the engine says why, and the controls get the engine values back', () => {
  const before = store.get().values;
  actions.setKey('lr', '-1');
  assert.equal(store.get().status, 'Could not set lr: lr must be a number from 0.00001 to 10');
  assert.notEqual(store.get().values, before, 'a new values object, so every control syncs');
  assert.deepEqual(store.get().values, before);
  assert.deepEqual(store.get().marks, []);
});

test('switchActivation keeps the weights and marks the chart; with the reset option it resets', () => {
  pg.n = 40;
  assert.equal(actions.switchActivation('tanh'), true);
  assert.deepEqual(pg.calls.at(-1), ['setActivation', 'tanh']);
  assert.equal(store.get().epoch, 40);
  assert.deepEqual(store.get().marks.at(-1), { epoch: 40, label: '→ Tanh', hue: 200 }, 'in the colour of tanh');
  assert.match(store.get().status, /Switched to Tanh, tanh, at epoch 40: same weights/);
  actions.setOption('resetOnSwitch', true);
  actions.switchActivation('relu');
  assert.ok(pg.calls.some((c) => c[0] === 'reset'));
  assert.equal(store.get().epoch, 0);
  actions.setOption('resetOnSwitch', false);
  assert.equal(actions.switchActivation('nope'), false);
  assert.match(store.get().status, /Could not switch to nope: unknown activation nope/);
});

test('divergence pauses with the engine explanation and offers the next lower rate; lowering plays on', () => {
  actions.setKey('lr', '10');
  actions.play();
  pg.diverges = true;
  assert.equal(actions.train(5), false);
  actions.stopped();
  const s = store.get();
  assert.equal(s.playing, false);
  assert.deepEqual(s.diverged, { lowerTo: 3 });
  assert.match(s.status, /^Training diverged at epoch 3 with learning rate 10\. Training is paused/);
  pg.diverges = false;
  actions.lowerRate();
  assert.equal(store.get().values.lr, '3');
  assert.equal(store.get().diverged, null);
  assert.equal(store.get().playing, true);
  assert.equal(loop.playing, true);
});

test('a trap of the core marks the page crashed and stops playing for good', () => {
  pg.step = () => {
    const error = new Error('unreachable');
    error.name = 'RuntimeError';
    throw error;
  };
  actions.play();
  assert.equal(actions.train(1), false);
  actions.stopped();
  assert.equal(store.get().crashed, true);
  assert.equal(crashes.length, 1);
  actions.play();
  assert.equal(store.get().playing, false, 'a crashed page does not play');
});

test('addPoint adds the chosen class (shift: the other) and updates points and link', () => {
  actions.setEdit({ addClass: 0 });
  actions.addPoint(1, 2, false);
  actions.addPoint(1, 2, true);
  assert.deepEqual(pg.calls.filter((c) => c[0] === 'addPoint').map((c) => c[3]), [0, 1]);
  assert.equal(store.get().points.length, 4 * 4);
});

test('a link longer than the core allows is ignored in an open page, and the setup stays', () => {
  const config = store.get().config;
  actions.followLink('x'.repeat(5000));
  assert.equal(store.get().status, 'Ignored the new link: 5000 characters is more than 4096.');
  assert.equal(store.get().config, config);
  assert.ok(!pg.calls.some((c) => c[0] === 'setConfig'));
});
