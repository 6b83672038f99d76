// The named actions: the only code that calls the page's Playground handle. Each one changes the engine, then
// the state (through the store), and says in the status line what happened; a refused change says why and
// keeps the user's state. Views call these and never touch the handle.
import { configWith, linkHasPoints, linkOf, setPlain, valuesOf, activationEntry, activationName, parseLink } from './core.js';
import { writeHash } from './link.js';
import { readFrame } from './frame.js';
import { clip, messageOf } from '../lib/format.js';
import { paletteBytes } from '../lib/colours.js';
import { dataLabels, dataXY, gridLines, trainingCount } from '../lib/geometry.js';

/** The hidden-space view's grid: lines per direction, and samples along each line. */
const GRID_LINES = 13;
const GRID_SAMPLES = 48;

/** Marks kept on the chart at most. */
export const MAX_MARKS = 16;

/** The next learning rate below `lr` on the menu's steps (the lowest step if none is lower). */
export function lowerRate(rates, lr) {
  return [...rates].reverse().find((r) => r < lr * 0.99) ?? rates[0];
}

/**
 * `marks` plus one at `epoch`; several changes at one epoch (a slider being dragged) make one mark: the last.
 * A switch to an activation passes that activation's hue, and the mark is drawn in its colour.
 */
export function addMark(marks, epoch, label, hue = null) {
  const out = marks.at(-1)?.epoch === epoch ? marks.slice(0, -1) : marks.slice();
  out.push({ epoch, label, hue });
  return out.length > MAX_MARKS ? out.slice(out.length - MAX_MARKS) : out;
}

/** The next pair of neurons among `units`: (0,1), (0,2) … (1,2) … in order, wrapping round. */
export function nextPair({ i, j }, units) {
  let a = i;
  let b = j + 1;
  if (b >= units) {
    a = (a + 1) % (units - 1);
    b = a + 1;
  }
  return { i: a, j: b };
}

/**
 * The hidden-space choice made valid for layer sizes `hiddenSizes`: a new network shape starts on its last
 * hidden layer (the space where the classes are pulled apart); neuron indices stay inside the layer.
 */
export function fitHidden(hidden, hiddenSizes) {
  const shape = hiddenSizes.join(',');
  let { layer, i, j } = hidden;
  if (shape !== hidden.shape) layer = Math.max(0, hiddenSizes.length - 1);
  if (layer >= hiddenSizes.length) layer = Math.max(0, hiddenSizes.length - 1);
  const units = hiddenSizes[layer] ?? 0;
  if (i >= units) i = 0;
  if (j >= units || j === i) j = units > 1 ? (i + 1) % units : 0;
  return { ...hidden, shape, layer, i, j };
}

/** The state the store starts with, before the first `refresh`. */
export function initialState(describe) {
  return {
    describe,
    config: '',
    values: {},
    linkHasPoints: true,
    stats: null,
    nClasses: 2,
    sizes: [],
    points: new Float32Array(0),
    epoch: 0,
    epochsPerSecond: 0,
    run: 0,
    marks: [],
    playing: false,
    speed: 1,
    status: '',
    diverged: null,
    crashed: false,
    frame: null,
    options: { showTest: false, discretize: false, resetOnSwitch: false },
    hidden: { layer: 0, i: 0, j: 1, pre: false, visible: false, shape: '' },
    edit: { addClass: 1, erase: false },
    preset: null,
    /** What the narration tells about (www/story/narrate.js's events), numbered so a repeat tells again. */
    story: { kind: 'start', n: 0 },
    /** Bumped to bring the output into view (a preset clicked far from it). */
    reveal: 0,
    lesson: { open: false, step: 1 },
  };
}

/**
 * The actions over `pg` (the page's Playground), `store`, `loop` (app/loop.js), `ap` (the wasm module),
 * `memory` (its memory, for pixel views) and `crashGuard` (www/crash.js). Every method is bound, so a view
 * can pass `actions.play` as a listener.
 */
export class Actions {
  constructor({ ap, pg, memory, store, loop, crashGuard, writeLink = true, grid = null, thumb = null }) {
    Object.assign(this, { ap, pg, memory, store, loop, crashGuard, writeLink });
    this.describe = store.get().describe;
    /** Output cells per side and neuron thumbnail size: the page's (the core's frame), or a widget's own. */
    this.grid = grid ?? this.describe.frame.grid;
    this.thumb = thumb ?? this.describe.frame.thumb;
    this.gridXY = gridLines(this.describe.domain, GRID_LINES, GRID_SAMPLES);
    this.trainError = null;
    /** Bumped when the input-feature pictures are drawn again (at start and after a palette change). */
    this.featuresVersion = 0;
    this.featuresStale = true;
    for (const key of Object.getOwnPropertyNames(Actions.prototype)) {
      const { value } = Object.getOwnPropertyDescriptor(Actions.prototype, key);
      if (key !== 'constructor' && typeof value === 'function') this[key] = value.bind(this);
    }
  }

  get state() {
    return this.store.get();
  }

  /** Writes a message for people and screen readers in the status line. */
  say(status) {
    this.store.set({ status });
  }

  /** Runs an engine call; on a thrown error says what went wrong and keeps the user's state. */
  guard(what, fn) {
    try {
      return { ok: true, value: fn() };
    } catch (error) {
      if (this.crashGuard.crash(error)) {
        // The instance is unusable after a trap: stop touching it; the banner offers a reload.
        this.loop.pause();
        this.store.set({ playing: false, crashed: true });
      } else {
        this.say(`${what}: ${messageOf(error)}`);
      }
      return { ok: false };
    }
  }

  /** Reads the engine's settings into the state after a change of `kind` ('data' | 'network' | 'live'). */
  refresh(kind) {
    const { pg } = this;
    const stats = JSON.parse(pg.statsJson());
    const sizes = Array.from(pg.layerSizes());
    this.store.set({
      config: pg.config(),
      values: valuesOf(pg),
      linkHasPoints: linkHasPoints(pg),
      stats,
      nClasses: stats.nClasses,
      sizes,
      hidden: fitHidden(this.state.hidden, sizes.slice(1, -1)),
      epoch: pg.epoch(),
      points: pg.points(),
      ...(kind !== 'live' ? { run: this.state.run + 1, marks: [], diverged: null } : {}),
    });
    if (kind !== 'live') this.tell({ kind: 'start', to: this.name(this.state.values.activation) });
    this.showLink();
    this.loop.invalidate();
  }

  /** Puts the setup's link in the URL hash (a widget, whose link is the writer's, does not). */
  showLink() {
    if (this.writeLink) writeHash(linkOf(this.pg));
  }

  /** The state's values again as a new object: controls that showed a refused value go back to the engine's. */
  resync() {
    this.store.set({ values: { ...this.state.values } });
  }

  /** Gives the narration an event to tell about (see www/story/narrate.js), after the state has its stats. */
  tell(event) {
    this.store.set({ story: { ...event, n: this.state.story.n + 1 } });
  }

  /** Brings the output (and the evidence beside it) into view. */
  reveal() {
    this.store.set({ reveal: this.state.reveal + 1 });
  }

  mark(epoch, label, hue = null) {
    this.store.set({ marks: addMark(this.state.marks, epoch, label, hue) });
  }

  name(spec) {
    return activationName(this.describe.activations, spec);
  }

  /** Sets one config key to a plain value (as a control holds it). */
  setKey(key, value) {
    const from = this.state.values[key];
    const r = this.guard(`Could not set ${key}`, () => setPlain(this.pg, key, value));
    if (!r.ok) {
      this.resync();
      return;
    }
    if (r.value === 'live') this.mark(this.pg.epoch(), `${key} ${clip(value, 12)}`);
    this.say(r.value === 'live' ? `${key} is now ${value}; training continues on the same weights.` : '');
    this.refresh(r.value);
    if (key === 'lr' && r.value === 'live' && String(from) !== String(value)) this.tell({ kind: 'lr', from, to: this.state.values.lr });
  }

  /**
   * Another hidden activation: on the same weights (a mark on the chart), or from reset weights when the
   * "reset when the activation changes" option is on, or when `reset` is given. False when refused.
   */
  switchActivation(spec, { reset = this.state.options.resetOnSwitch, quiet = false } = {}) {
    if (spec === this.state.values.activation) return true;
    const { pg } = this;
    const epoch = pg.epoch();
    const from = this.name(this.state.values.activation);
    const before = this.guard('Could not read the statistics', () => JSON.parse(pg.statsJson())).value ?? null;
    const r = this.guard(`Could not switch to ${clip(spec)}`, () => {
      if (!reset) return pg.setActivation(spec);
      setPlain(pg, 'activation', spec);
      return pg.reset();
    });
    if (!r.ok) {
      this.resync();
      return false;
    }
    if (!reset) this.mark(epoch, `→ ${this.name(spec)}`, activationEntry(this.describe.activations, spec)?.hue ?? null);
    if (!quiet) {
      this.say(reset
        ? `Switched to ${this.name(spec)}, ${spec}, and reset the weights.`
        : `Switched to ${this.name(spec)}, ${spec}, at epoch ${epoch}: same weights, training continues.`);
    }
    this.refresh(reset ? 'network' : 'live');
    if (!reset) this.tell({ kind: 'switch', from, to: this.name(spec), before });
    return true;
  }

  setPlaying(on) {
    if (this.state.crashed) return;
    if (on) {
      this.loop.play();
      this.store.set({ playing: true, diverged: null });
    } else {
      this.loop.pause();
      this.store.set({ playing: false, epochsPerSecond: 0 });
    }
  }

  play() {
    this.setPlaying(true);
  }

  pause() {
    this.setPlaying(false);
  }

  togglePlay() {
    this.setPlaying(!this.state.playing);
  }

  /** Epochs per frame while playing. */
  setSpeed(speed) {
    this.loop.speed = speed;
    this.store.set({ speed });
  }

  /** One epoch, paused. */
  step() {
    this.setPlaying(false);
    this.trainNow(1);
  }

  /** Trains `n` epochs now and redraws; false when training stopped (divergence or refusal). */
  trainNow(n) {
    const r = this.guard('Could not train', () => this.pg.step(n));
    if (r.ok && r.value === false) this.diverged();
    this.store.set({ epoch: this.pg.epoch(), stats: JSON.parse(this.pg.statsJson()) });
    this.loop.invalidate();
    return r.ok && r.value;
  }

  /** The loop's training: `n` epochs, nothing else (the loop draws). */
  train(n) {
    try {
      return this.pg.step(n);
    } catch (error) {
      this.trainError = error;
      return false;
    }
  }

  /** The loop's training stopped: divergence, or a refusal said in words. */
  stopped() {
    const error = this.trainError;
    this.trainError = null;
    if (!error) {
      this.diverged();
      return;
    }
    this.setPlaying(false);
    if (this.crashGuard.crash(error)) this.store.set({ crashed: true });
    else this.say(`Training paused: ${messageOf(error)}`);
  }

  /** Training diverged: paused, with the engine's explanation and the next lower learning rate on offer. */
  diverged() {
    this.setPlaying(false);
    const what = this.guard('Training stopped', () => this.pg.divergence()).value;
    const text = what
      ? `${what[0].toUpperCase()}${what.slice(1)}`
      : `Training diverged after epoch ${this.pg.epoch()}: a loss or weight stopped being a finite number; the last finite weights are kept`;
    this.store.set({
      diverged: { lowerTo: lowerRate(this.describe.learningRates, Number(this.state.values.lr)) },
      status: `${text}. Training is paused and the pictures show the last finite state.`,
      stats: this.guard('Could not read the statistics', () => JSON.parse(this.pg.statsJson())).value ?? this.state.stats,
    });
    this.tell({ kind: 'diverged', lr: this.state.values.lr });
  }

  reset() {
    if (!this.guard('Could not reset', () => this.pg.reset()).ok) return;
    this.setPlaying(false);
    this.say('Back to the same initial weights: epoch 0.');
    this.refresh('network');
  }

  newWeights() {
    if (!this.guard('Could not draw new weights', () => this.pg.newWeights()).ok) return;
    this.setPlaying(false);
    this.say('New initial weights drawn (the draw number is in the link).');
    this.refresh('network');
  }

  regenerate() {
    if (this.guard('Could not regenerate the data', () => this.pg.regenerate()).ok) this.refresh('data');
  }

  clearPoints() {
    if (!this.guard('Could not clear the points', () => this.pg.clearPoints()).ok) return;
    this.say('All points removed: click the plot to draw your own data.');
    this.refresh('live');
  }

  /** Adds a point at (x, y) of the chosen class, or the other class with `other` (shift-click). */
  addPoint(x, y, other) {
    const label = labelFor(this.state.edit, this.state.nClasses, other);
    if (this.guard('Could not add the point', () => this.pg.addPoint(x, y, label)).ok) this.pointsChanged();
  }

  /** Removes the point nearest to (x, y) within `radius`, if any. */
  removePoint(x, y, radius) {
    const r = this.guard('Could not remove a point', () => this.pg.removeNearest(x, y, radius));
    if (r.ok && r.value) this.pointsChanged();
  }

  pointsChanged() {
    const { pg } = this;
    this.store.set({ points: pg.points(), config: pg.config(), values: valuesOf(pg), linkHasPoints: linkHasPoints(pg) });
    this.showLink();
    this.loop.invalidate();
  }

  /** Chooses what a click on the plot adds (`addClass`) or whether it erases (`erase`). */
  setEdit(patch) {
    this.store.set({ edit: { ...this.state.edit, ...patch } });
  }

  /** After divergence: one learning-rate step lower, and on. */
  lowerRate() {
    const lr = lowerRate(this.describe.learningRates, Number(this.state.values.lr));
    if (!this.guard('Could not lower the learning rate', () => setPlain(this.pg, 'lr', lr)).ok) return;
    this.mark(this.pg.epoch(), `lr ${lr}`);
    this.store.set({ diverged: null });
    this.refresh('live');
    this.say(`Learning rate lowered to ${lr}; training continues from the last finite weights.`);
    this.setPlaying(true);
  }

  /** The model file's text and the epoch it was saved at, or null (said why). */
  exportModel() {
    const r = this.guard('Could not export the model', () => ({ text: this.pg.exportModel(), epoch: this.pg.epoch() }));
    return r.ok ? r.value : null;
  }

  /** Replaces the model by an imported file's `text`; a bad file leaves everything as it was. */
  importModel(fileName, text) {
    try {
      this.pg.importModel(text);
    } catch (error) {
      this.importFailed(fileName, error);
      return;
    }
    this.setPlaying(false);
    this.refresh('network');
    this.say(`Imported ${clip(fileName)}: epoch ${this.pg.epoch()}.`);
  }

  /** A model file that could not be read or imported: why, and that nothing changed. */
  importFailed(fileName, error) {
    if (this.crashGuard.crash(error)) return;
    this.say(`Could not import ${clip(fileName)}: ${messageOf(error)}. Your current model is unchanged.`);
  }

  /** A link followed in an open page (hashchange): its keys over the defaults. */
  followLink(hash) {
    const { pg, describe } = this;
    if (hash === linkOf(pg)) return;
    if (hash.length > describe.limits.linkChars) {
      this.say(`Ignored the new link: ${hash.length} characters is more than ${describe.limits.linkChars}.`);
      this.showLink();
      return;
    }
    const link = parseLink(this.ap, hash);
    if (link.preset) {
      this.askPreset(link.preset);
      return;
    }
    if (link.lesson) {
      this.setLesson({ open: true, step: link.lesson });
      return;
    }
    if (!this.guard('Could not load the link', () => pg.setConfig(link.config)).ok) return;
    this.setPlaying(false);
    this.refresh('network');
    this.say(link.warnings.length ? `Setup loaded from the link; ${link.warnings.join('; ')}.` : 'Setup loaded from the link.');
  }

  /** Asks the evidence panel to run preset `slug` (it runs it when mounted). */
  askPreset(slug) {
    this.store.set({ preset: { slug, n: (this.state.preset?.n ?? 0) + 1 } });
  }

  /** A preset's setup (config text, and its title for the narration), paused at epoch 0. */
  loadPreset(config, title = '') {
    this.setPlaying(false);
    const r = this.guard('Could not load the preset', () => {
      this.pg.setConfig(config);
      this.pg.reset();
    });
    if (r.ok) {
      this.refresh('network');
      if (title) this.tell({ kind: 'preset', title });
    }
    return r.ok;
  }

  /** The guided path's panel: `{ open, step }` (a patch), kept so the path can be left and resumed. */
  setLesson(patch) {
    this.store.set({ lesson: { ...this.state.lesson, ...patch } });
  }

  /** Puts a race (a plain list of specs) into the page's config and link; the weights are untouched. */
  setRace(list) {
    if (!this.guard('Could not set the race', () => setPlain(this.pg, 'race', list)).ok) return;
    this.store.set({ config: this.pg.config(), values: valuesOf(this.pg) });
    this.showLink();
  }

  /** `config` with one key set to a plain value (config text is built by the core). */
  configWith(config, key, value) {
    return configWith(this.ap, config, key, value);
  }

  /** Display options: showTest, discretize, resetOnSwitch. */
  setOption(key, on) {
    this.store.set({ options: { ...this.state.options, [key]: on } });
    this.loop.invalidate();
  }

  /** The hidden-space choice: layer, i, j, pre, visible. A new layer starts on its first pair. */
  setHidden(patch) {
    const next = { ...this.state.hidden, ...patch };
    if ('layer' in patch && !('i' in patch)) Object.assign(next, { i: 0, j: 1 });
    this.store.set({ hidden: fitHidden(next, this.state.sizes.slice(1, -1)) });
    this.loop.invalidate();
  }

  /** The hidden-space view shows the next pair of neurons of its layer. */
  nextHiddenPair() {
    const units = this.state.sizes[this.state.hidden.layer + 1] ?? 0;
    if (units >= 2) this.setHidden(nextPair(this.state.hidden, units));
  }

  /** Points and class count of `dataset` (a small sample, for its button's picture), or null if refused. */
  datasetPreview(dataset) {
    try {
      let config = configWith(this.ap, '', 'dataset', dataset);
      for (const [key, value] of [['points', 300], ['layers', ''], ['seed', 3]]) config = configWith(this.ap, config, key, value);
      const probe = new this.ap.Playground(config);
      const out = { points: probe.points(), nClasses: JSON.parse(probe.statsJson()).nClasses };
      probe.free();
      return out;
    } catch {
      return null;
    }
  }

  /**
   * Hands the page's colours (read from CSS for the current colour scheme) to the engine's renderer: the
   * output map, every neuron and the input features are drawn with them from the next frame on.
   */
  setPalette() {
    if (!this.guard('Could not set the colours', () => this.pg.setPalette(paletteBytes())).ok) return;
    this.featuresStale = true;
    this.loop.invalidate();
  }

  /** Runs `task(now)` each animation frame while it returns true (app/loop.js). */
  everyFrame(task) {
    this.loop.every(task);
  }

  /** Resolves after the next animation frame. */
  afterFrame() {
    return this.loop.afterFrame();
  }

  /** Asks for a repaint. */
  invalidate() {
    this.loop.invalidate();
  }

  /** The counters of a frame: epoch and speed. */
  counters() {
    this.store.set({ epoch: this.pg.epoch(), epochsPerSecond: this.loop.epochsPerSecond });
  }

  /**
   * The class the network predicts at each cell centre of an `n × n` grid over the domain, row 0 at the top
   * (255 where the output is not a number): what the page says in words about the decision map. Null when
   * the engine refused (the status line says why).
   */
  regions(n) {
    const r = this.guard('Could not read the decision map', () => this.pg.regions(n));
    return r.ok ? r.value : null;
  }

  /** Renders the pictures in the core and hands them to the views (through the state's `frame`). */
  pictures() {
    const r = this.guard('Could not draw', () => this.readFrame());
    if (r.ok) this.store.set(r.value);
  }

  /**
   * One frame's pictures and numbers from the engine: the output map and neuron thumbnails (and the input
   * features, all seven in the core's order, when the palette changed) as views made on demand.
   */
  readFrame() {
    const { pg, memory } = this;
    const { options, hidden, points } = this.state;
    // The same engine calls the benchmark times as the page's frame (app/frame.js).
    const read = readFrame(pg, {
      frame: { grid: this.grid, thumb: this.thumb },
      domain: this.describe.domain,
      discretize: options.discretize,
      histogramLayer: hidden.layer,
    });
    if (read.histogramError) {
      this.guard('Could not read the histogram', () => {
        throw read.histogramError;
      });
    }
    if (this.featuresStale) {
      pg.renderFeatures(this.thumb);
      this.featuresStale = false;
      this.featuresVersion += 1;
    }
    const { sizes, grid, thumb, stats, weights, biases } = read;
    const histogram = this.histogramOf(read.histogram, sizes, points, hidden.layer);
    const projection = hidden.visible ? this.readProjection(sizes, hidden, points) : null;
    // Views into wasm memory are made when a view asks, right before use: a call that grows the memory
    // detaches older views, and the pixels stay where they are until the next render.
    const output = () => new Uint8ClampedArray(memory.buffer, pg.outputPixelsPtr(), pg.outputPixelsLen());
    const thumbs = () => new Uint8ClampedArray(memory.buffer, pg.neuronPixelsPtr(), pg.neuronPixelsLen());
    const features = () => new Uint8ClampedArray(memory.buffer, pg.featurePixelsPtr(), pg.featurePixelsLen());
    const { featuresVersion } = this;
    return {
      stats,
      epoch: stats.epoch,
      frame: { sizes, grid, thumb, output, thumbs, features, featuresVersion, weights, biases, histogram, projection },
    };
  }

  /** The histogram's counts with what the explorer says about them: range, layer, and how many in all. */
  histogramOf(counts, sizes, points, layer) {
    if (!counts) return null;
    const { min, max } = this.describe.domain;
    const total = trainingCount(points) * (sizes[layer + 1] ?? 0);
    return { counts, min, max, layer, total };
  }

  /** The input square's grid lines and the data, mapped into the chosen pair of hidden neurons. */
  readProjection(sizes, hidden, points) {
    const units = sizes[hidden.layer + 1] ?? 0;
    if (sizes.length <= 2 || units < 2) return { available: false };
    const project = (xy) => this.pg.project(hidden.layer, hidden.i, hidden.j, hidden.pre, xy);
    const data = dataXY(points);
    return {
      available: true,
      grid: project(this.gridXY),
      data: data.length ? project(data) : new Float32Array(0),
      labels: dataLabels(points),
      i: hidden.i,
      j: hidden.j,
    };
  }
}

/** The label a click adds (`other` = the next class); regression uses ±1. */
export function labelFor(edit, nClasses, other) {
  const n = nClasses === 1 ? 2 : nClasses;
  const chosen = Math.min(edit.addClass, n - 1);
  const k = other ? (chosen + 1) % n : chosen;
  if (nClasses === 1) return k === 0 ? -1 : 1;
  return k;
}
