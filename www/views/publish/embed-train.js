// The embed's `train` view: the decision boundary of a network training live, play/pause, an activation
// switcher that keeps the weights, the epoch and the test accuracy, the loss chart, and a clip recorder —
// the page's own app (state, actions, loop) over one Playground of the same engine, drawn by the page's
// boundary and chart views.
import { BoundaryView } from '../training/boundary.js';
import { mountWords } from '../training/words.js';
import { ChartView } from '../training/chart.js';
import { accuracyText } from '../training/runbar.js';
import { createApp } from '../../app/app.js';
import { changed, watch } from '../../app/store.js';
import { fmt } from '../../lib/format.js';
import { el, displayName, activationPicker } from './embed-parts.js';
import { recordButton } from './record.js';

/** Output heatmap cells per side: the embed's boundary is at most a few hundred pixels wide. */
const GRID = 64;
/** Epochs per animation frame at most (the loop also keeps to its time budget). */
const SPEED = 10;

export function mount(root, { ap, wasm, catalogue, core, link, say, describe, crashGuard }) {
  // The widget's own app over its own Playground; it never writes the widget's link (the writer's).
  const { store, actions, loop } = createApp({ ap, wasm, describe: core, config: link.config, crashGuard, writeLink: false, grid: GRID, thumb: 1 });
  actions.setSpeed(SPEED);
  actions.setPalette();
  actions.refresh('network');
  const spec = () => store.get().values.activation;
  const title = () => describe(`${displayName(catalogue, spec())} on ${link.dataset}`);
  const boundaryCanvas = el('canvas', { class: 'boundary', 'data-testid': 'boundary', role: 'img', 'aria-label': 'Decision boundary over the input square with the data points' });
  const chartCanvas = el('canvas', { class: 'chart embed-chart', role: 'img', 'aria-label': 'Train and test loss and test accuracy over the epochs' });
  const chartRead = el('p', { class: 'hover-read' });
  const playButton = el('button', { type: 'button', class: 'play', 'data-testid': 'play', 'data-part': 'play', 'aria-pressed': 'false', on: { click: () => actions.togglePlay() } },
    el('span', { class: 'play-icon', 'aria-hidden': 'true' }), el('span', { class: 'label', text: 'Play' }));
  const epoch = el('dd', { 'data-testid': 'epoch', text: '0' });
  const accuracy = el('dd', { 'data-testid': 'test-accuracy', text: '–' });
  const loss = el('dd', { 'data-testid': 'test-loss', text: '–' });
  const readouts = el('dl', { class: 'readouts embed-readouts', 'data-part': 'readout' },
    el('div', {}, el('dt', { text: 'Epoch' }), epoch),
    el('div', {}, el('dt', { text: 'Test accuracy' }), accuracy),
    el('div', {}, el('dt', { text: 'Test loss' }), loss));
  const boundary = new BoundaryView(boundaryCanvas, core.domain);
  const chart = new ChartView(chartCanvas, chartRead);
  const picker = activationPicker(catalogue, spec(), ap.activationSpec, (next) => actions.switchActivation(next));
  watch(store, (state, previous) => {
    if (changed(state, previous, 'status') && state.status) say(state.status);
    if (changed(state, previous, 'playing')) {
      playButton.setAttribute('aria-pressed', String(state.playing));
      playButton.classList.toggle('playing', state.playing);
      playButton.querySelector('.label').textContent = state.playing ? 'Pause' : 'Play';
    }
    if (changed(state, previous, 'values')) {
      if (picker.select.value !== state.values.activation) picker.select.value = state.values.activation;
      title();
    }
    if (changed(state, previous, 'nClasses')) chart.showAccuracy = state.nClasses !== 1;
    chart.history.marks = state.marks;
    if (changed(state, previous, 'epoch')) epoch.textContent = String(state.epoch);
    if (changed(state, previous, 'frame') && state.frame) {
      boundary.setHeatmap(state.frame.output(), state.frame.grid);
      boundary.draw(state.points, state.nClasses, false);
      chart.history.push(state.stats.epoch, state.stats.trainLoss, state.stats.testLoss, state.stats.testAccuracy);
      chart.draw();
      accuracy.textContent = accuracyText(state.stats);
      loss.textContent = fmt(state.stats.testLoss, 3);
    }
  });
  const record = recordButton({
    rows: () => [[boundaryCanvas], [chartCanvas]],
    caption: () => `${displayName(catalogue, spec())} · epoch ${store.get().epoch} · test accuracy ${accuracy.textContent}`,
    name: () => ({ activation: spec(), dataset: link.dataset, layers: link.layers, epoch: store.get().epoch }),
    start: () => actions.play(),
    say,
    everyFrame: actions.everyFrame,
  });
  root.append(el('div', { class: 'embed-train' },
    el('div', { class: 'embed-board' }, boundaryCanvas),
    el('div', { class: 'embed-side' },
      el('div', { class: 'embed-bar' }, playButton, picker.element),
      readouts,
      el('div', { class: 'embed-chart-box', 'data-part': 'chart' }, chartCanvas, chartRead),
      el('div', { class: 'embed-bar' }, record))));
  mountWords({ boundary: boundaryCanvas }, { store, actions });
  title();
  const redraw = () => {
    boundary.resize();
    chart.resize();
    loop.invalidate();
  };
  redraw();
  return {
    redraw,
    play: () => actions.play(),
    /** The colour scheme changed: the engine draws with the new palette. */
    repaint: () => actions.setPalette(),
  };
}
