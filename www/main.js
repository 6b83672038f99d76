// The page: load the wasm core, restore the setup from the link, mount the activation explorer beside a live
// training view, and keep every picture in step with one Playground through one animation loop.
//
// Start-up draws the first picture first: `<html data-ready="true">` means the page is usable (the explorer's
// curve, the controls and the training pictures on screen are up). What is not needed for that picture — the
// picker's icons, the dataset thumbnails and the evidence panel below the fold (a module of its own, imported
// here on demand) — is built in the tasks after it, then `data-complete="true"`. A `#preset=` link needs the
// evidence panel at once: it is fetched while the wasm compiles and mounted before ready.
import init, * as ap from './pkg/activation_playground.js';
import { mountExplorer } from './explorer/explorer.js';
import {
  MAX_HASH, restore, applyLenient, parseConfig, currentHash, writeHash, messageOf, clip, presetSlugFromHash,
} from './playground/config.js';
import { readPalette, paletteBytes } from './playground/colours.js';
import { fmt, grouped } from './playground/canvas.js';
import { BoundaryView } from './playground/heatmap.js';
import { NetworkView } from './playground/network.js';
import { ChartView } from './playground/chart.js';
import { HiddenView } from './playground/hidden.js';
import { Controls } from './playground/controls.js';
import { Loop, BUDGET_MS } from './playground/loop.js';
import { frameSizes, readFrame, HISTOGRAM } from './playground/frame.js';
import { wireDataEditing } from './playground/data-edit.js';
import { PhoneBar } from './playground/phone-bar.js';
import { copyLink, exportModel, exportPng, readModelFile } from './playground/io.js';
import { installCrashGuard } from './crash.js';
import { openEmbedDialog } from './publish/embed-code.js';
import { wireRecorder } from './publish/record.js';

/** Activations on the number keys 1–9, when the catalogue has them. */
const SHORTLIST = ['relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'tanh', 'sigmoid', 'softplus', 'identity'];
/** Learning rates offered by "lower the learning rate and continue". */
const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

const $ = (id) => document.getElementById(id);
const byTest = (id) => document.querySelector(`[data-testid="${id}"]`);
const status = byTest('status');
const playButton = byTest('play');

/** Writes a message for people and screen readers (textContent only: messages may quote a link). */
function say(text) {
  status.textContent = text;
}

/** A trap or panic of the wasm core (a bug) shows a banner instead of freezing; the link keeps the setup. */
const crashGuard = installCrashGuard({ statusElement: status });

/** Adds a stylesheet to the document; resolves once its rules apply. */
const loadStyles = (href) => new Promise((resolve, reject) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.addEventListener('load', resolve);
  link.addEventListener('error', () => reject(new Error(`${href} did not load`)));
  document.head.append(link);
});

/**
 * The evidence panel's module (www/evidence/) and its stylesheet, loaded on demand: it is below the fold. The
 * panel reads its colours from CSS when it mounts, so both are in before it does.
 */
const importEvidence = () => Promise.all([import('./evidence/evidence.js'), loadStyles('evidence.css')])
  .then(([module]) => module);

/** Resolves in a later task, so the browser can paint (and run animation frames) in between. */
const nextTask = () => new Promise((resolve) => {
  setTimeout(resolve, 0);
});

async function main() {
  // A `#preset=<slug>` link is the evidence panel's: its module is fetched while the wasm compiles.
  const presetSlug = presetSlugFromHash(currentHash());
  let evidenceModule = presetSlug ? importEvidence() : null;
  const wasm = await init();
  // Neuron thumbnail resolution (the decision map's grid is the frame's, see playground/frame.js).
  const { thumb: THUMB } = frameSizes();
  readPalette();
  const catalogue = JSON.parse(ap.activationCatalogue());
  // What the core knows and the page must not write down: its features' order and the link's length limit.
  const facts = JSON.parse(ap.describe());
  const FEATURE_ORDER = facts.features.map((f) => f.name);
  const LINK_CHARS = facts.limits.linkChars;
  const displayName = (spec) => {
    const name = String(spec).split('(')[0].trim();
    return catalogue.find((a) => a.name === name)?.display ?? name;
  };
  /** The activation's hue from the catalogue (its one colour everywhere), or null. */
  const hueOf = (spec) => catalogue.find((a) => a.name === String(spec).split('(')[0].trim())?.hue ?? null;

  // A preset link starts from the defaults, then the preset loads.
  const { pg, ignored } = restore(ap.Playground, presetSlug ? '' : currentHash());
  let evidence = null;
  let cfg = parseConfig(pg.config());
  let stats = JSON.parse(pg.statsJson());
  let points = pg.points();
  let pointsDirty = false;
  let frameCount = 0;
  let histogramLayer = 0;
  let started = false;

  const boundary = new BoundaryView(byTest('boundary'));
  const network = new NetworkView($('network'), $('net-tip'), $('net-tip-canvas'), $('net-tip-text'));
  const chart = new ChartView($('chart'), $('chart-read'), { marks: $('chart-marks'), windows: $('chart-window') });
  const hidden = new HiddenView($('hidden'), $('hidden-note'));
  hidden.setPoints(points);
  const hiddenSel = { layer: 0, i: 0, j: 1, shape: '' };

  /** The animation loop (made below, once the views exist). */
  let loop = null;

  /** Runs an engine call; on a thrown error says what went wrong and keeps the user's state. */
  const guard = (what, fn) => {
    try {
      return { ok: true, value: fn() };
    } catch (error) {
      if (crashGuard.crash(error)) {
        // The instance is unusable after a trap: stop touching it; the banner offers a reload.
        loop?.pause();
        playButton.disabled = true;
      } else {
        say(`${what}: ${messageOf(error)}`);
      }
      return { ok: false };
    }
  };

  /** Hands the page's palette (its CSS colours for the scheme in force) to the core's renderer. */
  const applyPalette = () => {
    readPalette();
    guard('Could not set the colours', () => pg.setPalette(paletteBytes()));
  };
  applyPalette();
  /** The input-feature thumbnails, drawn by the core with the palette; the diagram shows the used ones. */
  const drawFeatures = () => guard('Could not draw the input features', () => {
    pg.renderFeatures(THUMB);
    const pixels = new Uint8ClampedArray(wasm.memory.buffer, pg.featurePixelsPtr(), pg.featurePixelsLen());
    network.setFeatures(cfg.features.split(',').filter(Boolean), THUMB, pixels, FEATURE_ORDER);
  });

  // ----- changes -------------------------------------------------------------------------------------------
  const afterChange = (kind) => {
    cfg = parseConfig(pg.config());
    stats = JSON.parse(pg.statsJson());
    if (kind !== 'live') {
      chart.history.clear();
      hideDiverged();
    }
    points = pg.points();
    hidden.setPoints(points);
    drawFeatures();
    controls.sync(cfg, stats.nClasses);
    chart.showAccuracy = stats.nClasses !== 1;
    syncHiddenControls();
    $('activation-name').textContent = displayName(cfg.activation);
    phoneBar.setActivation(String(cfg.activation).split('(')[0]);
    drawLegend(stats.nClasses);
    writeHash(pg.link());
    evidence?.configChanged(pg.config());
    loop.invalidate();
  };

  const setKey = (key, value) => {
    const r = guard(`Could not set ${key}`, () => pg.set(key, String(value)));
    if (!r.ok) {
      controls.sync(cfg, stats.nClasses); // put the control back to the engine's value
      return;
    }
    if (r.value === 'live') chart.history.mark(pg.epoch(), `${key} ${clip(value, 12)}`);
    say(r.value === 'live' ? `${key} is now ${value}; training continues on the same weights.` : '');
    afterChange(r.value);
  };

  const selectActivation = (spec, fromExplorer = false) => {
    if (!started || spec === cfg.activation) return;
    const epoch = pg.epoch();
    const reset = $('reset-on-switch').checked;
    const r = guard(`Could not switch to ${clip(spec)}`, () => {
      if (reset) {
        pg.set('activation', spec);
        pg.reset();
      } else {
        pg.setActivation(spec);
      }
    });
    if (!r.ok) {
      showInExplorer(cfg.activation); // the explorer goes back to what the network really uses
      return;
    }
    if (!fromExplorer) showInExplorer(spec);
    if (!reset) chart.history.mark(epoch, `→ ${displayName(spec)}`, hueOf(spec));
    say(reset
      ? `Switched to ${displayName(spec)}, ${spec}, and reset the weights.`
      : `Switched to ${displayName(spec)}, ${spec}, at epoch ${epoch}: same weights, training continues.`);
    afterChange(reset ? 'network' : 'live');
  };

  // ----- the phone bar: Play, epoch, accuracy and a switcher always at hand on a narrow or touch screen ------
  const phoneBar = new PhoneBar(document.body, {
    catalogue,
    toggle: () => togglePlay(),
    select: (name) => selectActivation(name),
  });

  // ----- the explorer --------------------------------------------------------------------------------------
  const explorer = mountExplorer($('explorer'), {
    catalogue,
    onSelect: (spec) => selectActivation(spec, true),
    deferIcons: true,
    deferDraw: true,
  });
  /** Shows the training activation in the explorer (its own words if it cannot). */
  const showInExplorer = (spec) => guard('The explorer cannot show this activation', () => explorer.select(spec));
  showInExplorer(cfg.activation);

  // ----- controls -----------------------------------------------------------------------------------------
  const controls = new Controls({
    set: setKey,
    say,
    regenerate: () => {
      if (guard('Could not regenerate the data', () => pg.regenerate()).ok) afterChange('data');
    },
    clearPoints: () => {
      if (guard('Could not clear the points', () => pg.clearPoints()).ok) {
        say('All points removed: click the plot to draw your own data.');
        afterChange('live');
      }
    },
  }, ap);

  // ----- divergence ---------------------------------------------------------------------------------------
  const lowerRate = () => {
    const lr = Number(cfg.lr);
    return [...RATES].reverse().find((r) => r < lr * 0.99) ?? RATES[0];
  };
  function hideDiverged() {
    $('diverged').hidden = true;
  }
  const onDiverged = () => {
    setPlaying(false);
    const what = guard('Training stopped', () => pg.divergence()).value;
    const text = what ? `${what[0].toUpperCase()}${what.slice(1)}` : `Training diverged after epoch ${pg.epoch()}: a loss or weight stopped being a finite number; the last finite weights are kept`;
    say(`${text}. Training is paused and the pictures show the last finite state.`);
    $('lower-lr').textContent = `Lower the learning rate to ${lowerRate()} and continue`;
    $('diverged').hidden = false;
    $('lower-lr').focus();
  };
  $('lower-lr').addEventListener('click', () => {
    const lr = lowerRate();
    if (!guard('Could not lower the learning rate', () => pg.set('lr', String(lr))).ok) return;
    chart.history.mark(pg.epoch(), `lr ${lr}`);
    hideDiverged();
    afterChange('live');
    say(`Learning rate lowered to ${lr}; training continues from the last finite weights.`);
    setPlaying(true);
  });
  $('diverged-reset').addEventListener('click', () => doReset());

  // ----- run controls --------------------------------------------------------------------------------------
  // A thrown error while training (the engine refusing something) pauses with its words, not as divergence.
  let trainError = null;
  loop = new Loop({
    train: (n) => {
      try {
        return pg.step(n);
      } catch (error) {
        trainError = error;
        return false;
      }
    },
    draw: () => drawAll(),
    stopped: () => {
      if (trainError === null) {
        onDiverged();
        return;
      }
      setPlaying(false);
      if (crashGuard.crash(trainError)) playButton.disabled = true;
      else say(`Training paused: ${messageOf(trainError)}`);
      trainError = null;
    },
  });
  function setPlaying(on) {
    if (on) {
      hideDiverged();
      loop.play();
    } else loop.pause();
    playButton.setAttribute('aria-pressed', String(on));
    playButton.querySelector('.label').textContent = on ? 'Pause' : 'Play';
    playButton.classList.toggle('playing', on);
    phoneBar.setPlaying(on);
  }
  const togglePlay = () => setPlaying(!loop.playing);
  const stepOnce = () => {
    setPlaying(false);
    const r = guard('Could not train', () => pg.step(1));
    if (r.ok && r.value === false) onDiverged();
    loop.invalidate();
  };
  function doReset() {
    if (!guard('Could not reset', () => pg.reset()).ok) return;
    setPlaying(false);
    say('Back to the same initial weights: epoch 0.');
    afterChange('network');
  }
  const newWeights = () => {
    if (!guard('Could not draw new weights', () => pg.newWeights()).ok) return;
    setPlaying(false);
    say('New initial weights drawn (the draw number is in the link).');
    afterChange('network');
  };
  playButton.addEventListener('click', togglePlay);
  byTest('step').addEventListener('click', stepOnce);
  byTest('reset').addEventListener('click', doReset);
  $('new-weights').addEventListener('click', newWeights);
  $('speed').addEventListener('change', (e) => {
    loop.speed = Number(e.target.value);
  });
  loop.speed = Number($('speed').value);
  for (const id of ['show-test', 'discretize']) $(id).addEventListener('change', () => loop.invalidate());

  // ----- data editing --------------------------------------------------------------------------------------
  wireDataEditing(byTest('boundary'), {
    add: (x, y, shift) => {
      const label = controls.labelFor(shift);
      if (guard('Could not add the point', () => pg.addPoint(x, y, label)).ok) {
        pointsDirty = true;
        writeHash(pg.link());
        loop.invalidate();
      }
    },
    remove: (x, y, radius) => {
      const r = guard('Could not remove a point', () => pg.removeNearest(x, y, radius));
      if (r.ok && r.value) {
        pointsDirty = true;
        writeHash(pg.link());
        loop.invalidate();
      }
    },
    erasing: () => controls.erase,
    read: (text) => {
      $('boundary-read').textContent = text;
    },
  });

  // ----- hidden space --------------------------------------------------------------------------------------
  function syncHiddenControls() {
    const sizes = Array.from(pg.layerSizes());
    const hiddenSizes = sizes.slice(1, -1);
    const layerSel = $('hidden-layer');
    // A new network shape starts on its last hidden layer: the space where the classes are pulled apart.
    const shape = hiddenSizes.join(',');
    if (shape !== hiddenSel.shape) {
      hiddenSel.shape = shape;
      hiddenSel.layer = Math.max(0, hiddenSizes.length - 1);
    }
    if (hiddenSel.layer >= hiddenSizes.length) hiddenSel.layer = Math.max(0, hiddenSizes.length - 1);
    sizeDiagram(sizes);
    const units = hiddenSizes[hiddenSel.layer] ?? 0;
    if (hiddenSel.i >= units) hiddenSel.i = 0;
    if (hiddenSel.j >= units || hiddenSel.j === hiddenSel.i) hiddenSel.j = units > 1 ? (hiddenSel.i + 1) % units : 0;
    fillSelect(layerSel, hiddenSizes.map((n, l) => [String(l), `${l + 1} (${n} neurons)`]), String(hiddenSel.layer));
    const neurons = Array.from({ length: units }, (_, k) => [String(k), `neuron ${k + 1}`]);
    fillSelect($('hidden-i'), neurons, String(hiddenSel.i));
    fillSelect($('hidden-j'), neurons, String(hiddenSel.j));
    for (const id of ['hidden-layer', 'hidden-i', 'hidden-j', 'hidden-next']) $(id).disabled = units < 2;
    histogramLayer = hiddenSel.layer;
  }
  $('hidden-layer').addEventListener('change', (e) => {
    hiddenSel.layer = Number(e.target.value);
    hiddenSel.i = 0;
    hiddenSel.j = 1;
    syncHiddenControls();
    loop.invalidate();
  });
  $('hidden-i').addEventListener('change', (e) => {
    hiddenSel.i = Number(e.target.value);
    loop.invalidate();
  });
  $('hidden-j').addEventListener('change', (e) => {
    hiddenSel.j = Number(e.target.value);
    loop.invalidate();
  });
  $('hidden-pre').addEventListener('change', () => loop.invalidate());
  $('hidden-next').addEventListener('click', () => {
    const units = Array.from(pg.layerSizes())[hiddenSel.layer + 1] ?? 0;
    if (units < 2) return;
    // Walk the pairs (0,1), (0,2) … (1,2) … in order.
    let { i, j } = hiddenSel;
    j += 1;
    if (j >= units) {
      i = (i + 1) % (units - 1);
      j = i + 1;
    }
    hiddenSel.i = i;
    hiddenSel.j = j;
    syncHiddenControls();
    loop.invalidate();
  });

  // ----- sharing -------------------------------------------------------------------------------------------
  $('copy-link').addEventListener('click', async () => {
    writeHash(pg.link());
    say(await copyLink({ edited: JSON.parse(pg.values()).edits === true, inLink: pg.linkHasPoints(), limit: LINK_CHARS }));
  });
  $('export-json').addEventListener('click', () => {
    if (guard('Could not export the model', () => exportModel(pg)).ok) say('Model downloaded as JSON (config, seed and weights).');
  });
  $('export-png').addEventListener('click', async () => {
    try {
      await exportPng(byTest('boundary'), pg.epoch());
      say('Decision boundary downloaded as PNG.');
    } catch (error) {
      say(`Could not export the picture: ${messageOf(error)}`);
    }
  });
  $('import-json').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const text = await readModelFile(file);
      pg.importModel(text);
    } catch (error) {
      say(`Could not import ${clip(file.name)}: ${messageOf(error)}. Your current model is unchanged.`);
      return;
    }
    setPlaying(false);
    showInExplorer(parseConfig(pg.config()).activation);
    afterChange('network');
    say(`Imported ${clip(file.name)}: epoch ${pg.epoch()}.`);
  });
  // ----- publishing: the embed snippet and a recorded clip (www/publish/) ----------------------------------
  const setupTitle = () => `${displayName(cfg.activation)} on ${cfg.dataset}`;
  $('embed-open').addEventListener('click', () => openEmbedDialog({ config: () => pg.config(), title: setupTitle, say }));
  wireRecorder(byTest('record'), {
    rows: () => [[byTest('boundary')], [$('chart')]],
    caption: () => `${setupTitle()} · epoch ${pg.epoch()} · test accuracy ${readouts.testAccuracy.textContent}`,
    name: () => ({ activation: cfg.activation, dataset: cfg.dataset, layers: Array.from(pg.layerSizes()).slice(1, -1), epoch: pg.epoch() }),
    start: () => setPlaying(true),
    say,
  });
  const onHashChange = () => {
    const hash = currentHash();
    if (hash === pg.link() || evidence?.handleHash(hash)) return;
    if (!evidence && presetSlugFromHash(hash) !== null) {
      // A preset link before the evidence panel is mounted: handled once it is.
      evidenceMounted.then(onHashChange);
      return;
    }
    if (hash.length > MAX_HASH) {
      say(`Ignored the new link: ${hash.length} characters is more than ${MAX_HASH}.`);
      writeHash(pg.link());
      return;
    }
    // A link means its keys over the defaults, not over whatever was on screen.
    const ignoredNow = [];
    try {
      pg.setConfig(hash);
    } catch {
      if (!guard('Could not load the link', () => pg.setConfig('')).ok) return;
      applyLenient(pg, hash, ignoredNow);
    }
    setPlaying(false);
    showInExplorer(parseConfig(pg.config()).activation);
    afterChange('network');
    say(ignoredNow.length ? `Setup loaded from the link; ignored: ${ignoredNow.join('; ')}.` : 'Setup loaded from the link.');
  };
  window.addEventListener('hashchange', onHashChange);

  // ----- keyboard ------------------------------------------------------------------------------------------
  const shortlist = SHORTLIST.filter((n) => catalogue.some((a) => a.name === n));
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement || t?.isContentEditable;
    const onButton = t instanceof HTMLButtonElement;
    if (typing && !(t instanceof HTMLInputElement && (t.type === 'checkbox' || t.type === 'radio'))) return;
    if (e.key === ' ' && !onButton && !(t instanceof HTMLInputElement)) {
      e.preventDefault();
      togglePlay();
    } else if (e.key === 's' || e.key === 'S') stepOnce();
    else if (e.key === 'r' || e.key === 'R') doReset();
    else if (e.key === 'n' || e.key === 'N') newWeights();
    else if (e.key === 'd' || e.key === 'D') {
      $('discretize').checked = !$('discretize').checked;
      loop.invalidate();
    } else if (/^[1-9]$/.test(e.key)) {
      const spec = shortlist[Number(e.key) - 1];
      if (spec) selectActivation(spec);
    }
  });

  // ----- drawing -------------------------------------------------------------------------------------------
  const readouts = {
    epoch: byTest('epoch'),
    trainLoss: byTest('train-loss'),
    testLoss: byTest('test-loss'),
    testAccuracy: byTest('test-accuracy'),
    rate: $('eps'),
    counts: $('point-counts'),
  };

  // Pictures (heatmaps, diagram, hidden space, statistics) cost more than a frame on big networks. While
  // training they are redrawn every k-th frame, with k chosen from their measured cost so that drawing takes
  // about as much time as the training budget; the epoch counter is updated every frame.
  let pictureMs = 0;
  let framesSincePictures = Infinity;
  // The hidden-space view is drawn only while it is on screen. The observer's first report, which comes with
  // the first frame, says whether it is: below the fold (the usual case) it costs the first picture nothing.
  let hiddenVisible = false;
  new IntersectionObserver((entries) => {
    hiddenVisible = entries.some((e) => e.isIntersecting);
    if (hiddenVisible) loop.invalidate();
  }).observe($('hidden'));

  function drawAll() {
    frameCount++;
    framesSincePictures++;
    const every = Math.max(1, Math.ceil(pictureMs / BUDGET_MS));
    if (!loop.playing || framesSincePictures >= every) {
      const t0 = performance.now();
      drawPictures();
      framesSincePictures = 0;
      const ms = performance.now() - t0;
      pictureMs = pictureMs === 0 ? ms : 0.8 * pictureMs + 0.2 * ms;
    }
    readouts.epoch.textContent = String(pg.epoch());
    readouts.rate.textContent = grouped(Math.round(loop.epochsPerSecond));
    phoneBar.setReadouts(readouts.epoch.textContent, readouts.testAccuracy.textContent);
  }

  function drawPictures() {
    const r = guard('Could not draw', () => {
      // The engine calls of a drawn frame (render, statistics, weights, histogram) are the frame module's.
      const frame = readFrame(pg, { frame: frameSizes(), discretize: $('discretize').checked, histogramLayer });
      const { sizes, weights, biases } = frame;
      stats = frame.stats;
      if (pointsDirty) {
        points = pg.points();
        hidden.setPoints(points);
        pointsDirty = false;
      }
      // Views into wasm memory are made after the last call that may allocate, right before use.
      const out = new Uint8ClampedArray(wasm.memory.buffer, pg.outputPixelsPtr(), pg.outputPixelsLen());
      boundary.setHeatmap(out, frame.grid);
      const thumbs = new Uint8ClampedArray(wasm.memory.buffer, pg.neuronPixelsPtr(), pg.neuronPixelsLen());
      network.update({ sizes, weights, biases, thumbs, thumb: frame.thumb, stats, activation: displayName(cfg.activation) });
      return frame;
    });
    if (!r.ok) return;
    const { sizes } = r.value;
    boundary.draw(points, stats.nClasses, $('show-test').checked);
    network.draw();
    chart.history.push(stats.epoch, stats.trainLoss, stats.testLoss, stats.testAccuracy);
    chart.draw();
    evidence?.update(stats);
    if (hiddenVisible) {
      const units = sizes[hiddenSel.layer + 1] ?? 0;
      const pre = $('hidden-pre').checked;
      hidden.draw({
        project: (xy) => pg.project(hiddenSel.layer, hiddenSel.i, hiddenSel.j, pre, xy),
        nClasses: stats.nClasses,
        iName: `neuron ${hiddenSel.i + 1}`,
        jName: `neuron ${hiddenSel.j + 1}`,
        available: sizes.length > 2 && units >= 2,
      });
    }
    let train = 0;
    for (let i = 3; i < points.length; i += 4) train += points[i] === 1 ? 1 : 0;
    if (sizes.length > 2) {
      const { histogram, histogramError } = r.value;
      const hist = guard('Could not read the histogram', () => {
        if (histogramError) throw histogramError;
        return histogram;
      });
      // Every training point gives one pre-activation per unit; those beyond the range are not in the counts.
      const total = train * (sizes[histogramLayer + 1] ?? 0);
      if (hist.ok) explorer.setHistogram(hist.value, HISTOGRAM.min, HISTOGRAM.max, `layer ${histogramLayer + 1} inputs (pre-activations) on the training points`, total);
    }
    readouts.trainLoss.textContent = fmt(stats.trainLoss, 3);
    readouts.testLoss.textContent = fmt(stats.testLoss, 3);
    readouts.testAccuracy.textContent = stats.nClasses === 1 || !Number.isFinite(stats.testAccuracy)
      ? '–' : `${(stats.testAccuracy * 100).toFixed(1)}%`;
    readouts.counts.textContent = `${train} training points, ${points.length / 4 - train} test points`;
  }

  /**
   * The diagram is as tall as its tallest column needs at the width it has; it changes only with the
   * network's shape or the window's width, never while training.
   */
  function sizeDiagram(sizes = Array.from(pg.layerSizes())) {
    const canvas = $('network');
    const most = Math.max(...sizes, 1);
    const node = Math.min(46, (canvas.clientWidth / Math.max(1, sizes.length)) * 0.5);
    const height = Math.round(Math.max(180, Math.min(470, most * (node + 6) + 40)));
    canvas.style.setProperty('--net-h', `${height}px`);
  }

  const resizeAll = () => {
    sizeDiagram();
    boundary.resize();
    network.resize();
    chart.resize();
    hidden.resize();
    evidence?.redraw();
    loop.invalidate();
  };
  // An observer reports the size it starts with. Every canvas follows the width, and the boot sequence has
  // just sized them all to it: a first report at that width is skipped (it would redo the sizes and a whole
  // drawing in the first frames).
  const trainingBox = document.querySelector('.training');
  let bootWidth = null;
  new ResizeObserver(([entry]) => {
    const same = entry.borderBoxSize?.[0]?.inlineSize === bootWidth;
    bootWidth = null;
    if (!same) resizeAll();
  }).observe(trainingBox);
  // A new colour scheme: the core gets the new palette and every picture is redrawn, running or not.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    applyPalette();
    drawFeatures();
    controls.drawThumbnails();
    evidence?.redraw();
    loop.invalidate();
  });

  // ----- evidence: presets, gradient flow, race (www/evidence/evidence.js documents this host) -------------
  let evidenceMountedNow;
  const evidenceMounted = new Promise((resolve) => {
    evidenceMountedNow = resolve;
  });
  const mountEvidencePanel = ({ mountEvidence }) => {
    evidence = mountEvidence($('evidence'), evidenceHost);
    evidenceMountedNow();
  };
  const evidenceHost = {
    ap,
    wasm,
    catalogue,
    config: () => pg.config(),
    stats: () => JSON.parse(pg.statsJson()),
    load: (config) => {
      setPlaying(false);
      const r = guard('Could not load the preset', () => {
        pg.setConfig(config);
        pg.reset();
      });
      if (!r.ok) return;
      showInExplorer(parseConfig(pg.config()).activation);
      afterChange('network');
    },
    train: (n) => {
      const r = guard('Could not train', () => pg.step(n));
      if (r.ok && r.value === false) onDiverged();
      loop.invalidate();
      return r.ok && r.value;
    },
    switchActivation: (spec) => {
      const epoch = pg.epoch();
      if (!guard(`Could not switch to ${clip(spec)}`, () => pg.setActivation(spec)).ok) return;
      showInExplorer(spec);
      chart.history.mark(epoch, `→ ${displayName(spec)}`, hueOf(spec));
      afterChange('live');
    },
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    playing: () => loop.playing,
    setRace: (race) => {
      if (guard('Could not set the race', () => pg.set('race', race)).ok) writeHash(pg.link());
    },
  };
  if (presetSlug) mountEvidencePanel(await evidenceModule);

  started = true;
  afterChange('network');
  resizeAll();
  bootWidth = trainingBox.getBoundingClientRect().width;
  if (ignored.length) say(`Loaded the link's setup but ignored: ${ignored.join('; ')}.`);
  drawAll();
  explorer.startDrawing(); // once, with the histogram drawAll just gave it
  if (presetSlug && !evidence.runPreset(presetSlug)) say(`No preset is called ${clip(presetSlug)}; the default setup is loaded.`);
  document.documentElement.dataset.ready = 'true';

  // ----- after the first picture: the rest, one task at a time ---------------------------------------------
  const complete = async () => {
    // The first task starts after the next animation frame, so the first picture (and a first trained frame,
    // if play is pressed at once) reaches the screen before it.
    await new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    });
    explorer.drawIcons();
    await nextTask();
    controls.drawThumbnails();
    if (!evidence) {
      evidenceModule ??= importEvidence();
      const module = await evidenceModule;
      await nextTask();
      mountEvidencePanel(module);
      loop.invalidate(); // the next frame feeds the panel the network's statistics
    }
    document.documentElement.dataset.complete = 'true';
  };
  complete().catch((error) => {
    if (crashGuard.crash(error)) return;
    say(`Part of the page could not load: ${messageOf(error)}. Training works; reload to try again.`);
    document.documentElement.dataset.complete = 'error';
    console.error(error);
  });
}

/** Under the plot: class swatches for classification, the −1…+1 scale for regression. */
function drawLegend(nClasses) {
  const bar = $('colour-bar');
  const item = (cls, label) => {
    const span = document.createElement('span');
    const dot = document.createElement('i');
    dot.className = `dot ${cls}`;
    span.append(dot, ` ${label}`);
    return span;
  };
  if (nClasses === 1) {
    const scale = document.createElement('i');
    scale.className = 'scale';
    bar.replaceChildren(item('c0', '−1'), scale, item('c1', '+1'));
  } else {
    const names = ['class A', 'class B', 'class C'].slice(0, nClasses);
    bar.replaceChildren(...names.map((n, k) => item(`c${k}`, n)), Object.assign(document.createElement('span'), {
      className: 'legend-note',
      textContent: 'paler = less sure',
    }));
  }
}

function fillSelect(select, entries, value) {
  const same = select.options.length === entries.length && entries.every(([v, t], i) => select.options[i].value === v && select.options[i].textContent === t);
  if (!same) {
    select.replaceChildren(...entries.map(([v, t]) => {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = t;
      return o;
    }));
  }
  select.value = value;
}

main().catch((error) => {
  if (crashGuard.crash(error)) return;
  say(`The page could not start: ${messageOf(error)}. Your setup is still in the link; reload to try again.`);
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
