// The page's boot and wiring: load the wasm core, ask it to describe itself, read the link, make the state and
// its actions, mount every view, start the one animation loop.
//
// Start-up draws the first picture first: `<html data-ready="true">` means the page is usable (the explorer's
// curve, the controls and the training pictures on screen are up). What is not needed for that picture — the
// picker's icons, the dataset thumbnails and the evidence panel below the fold (a module of its own, imported
// here on demand) — is built in the tasks after it, then `data-complete="true"`. A preset link needs the
// evidence panel at once: it is mounted before ready.
import init, * as ap from './pkg/activation_playground.js';
import { installCrashGuard } from './crash.js';
import { createApp } from './app/app.js';
import { describeCore, parseLink } from './app/core.js';
import { currentHash } from './app/link.js';
import { readPalette } from './lib/colours.js';
import { byTest } from './lib/dom.js';
import { messageOf } from './lib/format.js';
import { Controls } from './views/controls/controls.js';
import { mountExplorerView } from './views/explorer/explorer.js';
import { mountKeyboard } from './views/keyboard.js';
import { mountLesson } from './views/lesson/lesson.js';
import { mountShare } from './views/share.js';
import { openEmbedDialog } from './views/publish/embed-code.js';
import { wireRecorder } from './views/publish/record.js';
import { activationName } from './app/core.js';
import { mountBoundary } from './views/training/boundary.js';
import { mountChart } from './views/training/chart.js';
import { mountHidden } from './views/training/hidden.js';
import { mountNetwork } from './views/training/network.js';
import { mountPhoneBar } from './views/training/phone-bar.js';
import { mountRunbar } from './views/training/runbar.js';
import { mountWhy } from './views/training/why.js';
import { mountWords } from './views/training/words.js';

const $ = (id) => document.getElementById(id);
const status = byTest('status');

/** A trap or panic of the wasm core (a bug) shows a banner instead of freezing; the link keeps the setup. */
const crashGuard = installCrashGuard({ statusElement: status });

/**
 * Adds a stylesheet to the document; resolves once its rules apply. The production build merges the
 * stylesheets into one the page already links: then there is nothing to add.
 */
const loadStyles = (href) => new Promise((resolve, reject) => {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) {
    resolve();
    return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.addEventListener('load', resolve);
  link.addEventListener('error', () => reject(new Error(`${href} did not load`)));
  document.head.append(link);
});

/**
 * The evidence panel's module (www/views/evidence/) and its stylesheet, loaded on demand: it is below the fold.
 * The panel reads its colours from CSS when it mounts, so both are in before it does.
 */
const importEvidence = () => Promise.all([import('./views/evidence/evidence.js'), loadStyles('evidence.css')])
  .then(([module]) => module);

/** Resolves in a later task, so the browser can paint (and run animation frames) in between. */
const nextTask = () => new Promise((resolve) => {
  setTimeout(resolve, 0);
});

/** Mounts every view of the training page; returns what the page resizes and repaints. */
function mountViews(app) {
  const explorer = mountExplorerView($('explorer'), app);
  const controls = new Controls({
    datasets: $('datasets'), features: $('features'), columns: $('columns'), addClass: $('add-class'),
    lr: $('lr'), optimizer: $('optimizer'), batch: $('batch'), reg: $('reg'), rate: $('rate'),
    noise: $('noise'), noiseOut: $('noise-out'), train: $('train'), trainOut: $('train-out'),
    points: $('points'), pointsOut: $('points-out'), regenerate: $('regenerate'), clearPoints: $('clear-points'),
    addLayer: $('add-layer'), removeLayer: $('remove-layer'), layerCount: $('layer-count'), activationName: $('activation-name'),
    problem: document.querySelectorAll('input[name="problem"]'),
  }, app);
  mountRunbar({
    play: byTest('play'), step: byTest('step'), reset: byTest('reset'), newWeights: $('new-weights'), speed: $('speed'),
    epoch: byTest('epoch'), trainLoss: byTest('train-loss'), testLoss: byTest('test-loss'),
    testAccuracy: byTest('test-accuracy'), rate: $('eps'), counts: $('point-counts'), status,
    diverged: $('diverged'), lowerLr: $('lower-lr'), divergedReset: $('diverged-reset'),
  }, app);
  const boundary = mountBoundary({
    canvas: byTest('boundary'), legend: $('colour-bar'), readout: $('boundary-read'),
    showTest: $('show-test'), discretize: $('discretize'),
  }, app);
  const why = mountWhy({ reveal: $('run'), text: $('narration-text'), step: $('narration-step'), flow: byTest('gradient-flow') }, app);
  const network = mountNetwork({ canvas: $('network'), tip: $('net-tip'), tipCanvas: $('net-tip-canvas'), tipText: $('net-tip-text') }, app);
  mountWords({ boundary: byTest('boundary'), network: $('network') }, app);
  const chart = mountChart({ canvas: $('chart'), readout: $('chart-read'), marks: $('chart-marks'), windows: $('chart-window') }, app);
  const hidden = mountHidden({
    canvas: $('hidden'), note: $('hidden-note'), layer: $('hidden-layer'), i: $('hidden-i'), j: $('hidden-j'),
    next: $('hidden-next'), pre: $('hidden-pre'),
  }, app);
  mountShare({
    copyLink: $('copy-link'), exportJson: $('export-json'), exportPng: $('export-png'), importJson: $('import-json'),
    boundary: byTest('boundary'),
  }, app);
  mountKeyboard(app);
  mountPhoneBar(document.body, app);
  mountPublishing(app);
  const resetOnSwitch = $('reset-on-switch');
  resetOnSwitch.addEventListener('change', () => app.actions.setOption('resetOnSwitch', resetOnSwitch.checked));
  return { explorer, controls, why, resizable: [boundary, network, chart, hidden, why] };
}

/** The header's Embed button (the widget's code for this setup) and Record a clip (www/views/publish/). */
function mountPublishing({ store, actions }) {
  const setupTitle = () => {
    const { describe, values } = store.get();
    return `${activationName(describe.activations, values.activation)} on ${values.dataset}`;
  };
  $('embed-open').addEventListener('click', () => openEmbedDialog({ config: () => store.get().config, title: setupTitle, say: actions.say }));
  wireRecorder(byTest('record'), {
    rows: () => [[byTest('boundary')], [$('chart')]],
    caption: () => `${setupTitle()} · epoch ${store.get().epoch} · test accuracy ${byTest('test-accuracy').textContent}`,
    name: () => {
      const { values, sizes, epoch } = store.get();
      return { activation: values.activation, dataset: values.dataset, layers: sizes.slice(1, -1), epoch };
    },
    start: () => actions.play(),
    say: actions.say,
    everyFrame: actions.everyFrame,
  });
}

/** Keeps every canvas at the width it has and every picture in the colour scheme the page has. */
function followLayout(app, views, panels) {
  const resizeAll = () => {
    for (const view of views.resizable) view.resize();
    panels.evidence?.redraw();
    app.loop.invalidate();
  };
  resizeAll();
  // An observer reports the size it starts with. Every canvas follows the width, and the boot sequence has
  // just sized them all to it: a first report at that width is skipped (it would redo the sizes and a whole
  // drawing in the first frames).
  const trainingBox = document.querySelector('.training');
  let bootWidth = trainingBox.getBoundingClientRect().width;
  new ResizeObserver(([entry]) => {
    const same = entry.borderBoxSize?.[0]?.inlineSize === bootWidth;
    bootWidth = null;
    if (!same) resizeAll();
  }).observe(trainingBox);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    readPalette();
    app.actions.setPalette();
    views.controls.drawThumbnails();
    views.why.resize(); // the strip re-reads its colours
    panels.evidence?.redraw();
    app.loop.invalidate();
  });
}

/** After the first picture: the rest, one task at a time, then `data-complete`. */
async function complete(app, views, panels, mountPanel) {
  // The first task starts after the next animation frame, so the first picture (and a first trained frame, if
  // play is pressed at once) reaches the screen before it.
  await app.actions.afterFrame();
  await nextTask();
  views.explorer.drawIcons();
  await nextTask();
  views.controls.drawThumbnails();
  if (!panels.evidence) {
    const module = await importEvidence();
    await nextTask();
    mountPanel(module);
    app.loop.invalidate(); // the next frame feeds the panel the network's statistics
  }
  document.documentElement.dataset.complete = 'true';
}

async function main() {
  const wasm = await init();
  readPalette();
  const describe = describeCore(ap);
  const link = parseLink(ap, currentHash());
  const app = createApp({ ap, wasm, describe, config: link.config, crashGuard });
  app.actions.setPalette();
  const views = mountViews(app);
  const panels = { evidence: null };
  const mountPanel = ({ mountEvidence }) => {
    panels.evidence = mountEvidence($('evidence'), app);
  };
  window.addEventListener('hashchange', () => app.actions.followLink(currentHash()));

  app.actions.refresh('network');
  followLayout(app, views, panels);
  if (link.warnings.length) app.actions.say(`Loaded the link's setup; ${link.warnings.join('; ')}.`);
  const lesson = mountLesson($('lesson'), $('learn-open'), app);
  if (link.lesson) lesson.open(link.lesson);
  if (link.preset) {
    // A preset link: the evidence panel runs it, mounted before ready.
    mountPanel(await importEvidence());
    app.actions.askPreset(link.preset);
  }
  app.actions.pictures();
  app.actions.counters();
  views.explorer.startDrawing(); // once, with the histogram the first picture just gave it
  document.documentElement.dataset.ready = 'true';

  complete(app, views, panels, mountPanel).catch((error) => {
    if (crashGuard.crash(error)) return;
    app.actions.say(`Part of the page could not load: ${messageOf(error)}. Training works; reload to try again.`);
    document.documentElement.dataset.complete = 'error';
    console.error(error);
  });
}

main().catch((error) => {
  if (crashGuard.crash(error)) return;
  status.textContent = `The page could not start: ${messageOf(error)}. Your setup is still in the link; reload to try again.`;
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
