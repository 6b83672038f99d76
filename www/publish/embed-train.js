// The embed's `train` view: the decision boundary of a network training live, play/pause, an activation
// switcher that keeps the weights, the epoch and the test accuracy, the loss chart, and a clip recorder —
// built from the page's own heatmap, chart and loop modules over one Playground of the same engine.
import { BoundaryView } from '../playground/heatmap.js';
import { ChartView } from '../playground/chart.js';
import { Loop } from '../playground/loop.js';
import { fmt } from '../playground/canvas.js';
import { el, displayName, activationPicker } from './embed-parts.js';
import { recordButton } from './record.js';

/** Output heatmap cells per side: the embed's boundary is at most a few hundred pixels wide. */
const GRID = 64;
/** Epochs per animation frame at most (the loop also keeps to its time budget). */
const SPEED = 10;

const messageOf = (error) => (error instanceof Error ? error.message : String(error));

export function mount(root, { ap, wasm, catalogue, link, say, describe }) {
  const pg = new ap.Playground(link.config);
  let spec = link.activation;
  const title = () => describe(`${displayName(catalogue, spec)} on ${link.dataset}`);

  const boundaryCanvas = el('canvas', {
    class: 'boundary', 'data-testid': 'boundary', role: 'img',
    'aria-label': 'Decision boundary over the square −6…6 with the data points',
  });
  const chartCanvas = el('canvas', { class: 'chart embed-chart', role: 'img', 'aria-label': 'Train and test loss and test accuracy over the epochs' });
  const chartRead = el('p', { class: 'hover-read' });
  const playButton = el('button', { type: 'button', class: 'play', 'data-testid': 'play', 'data-part': 'play', 'aria-pressed': 'false' }, [
    el('span', { class: 'play-icon', 'aria-hidden': 'true' }), el('span', { class: 'label' }, ['Play']),
  ]);
  const epoch = el('dd', { 'data-testid': 'epoch' }, ['0']);
  const accuracy = el('dd', { 'data-testid': 'test-accuracy' }, ['–']);
  const loss = el('dd', { 'data-testid': 'test-loss' }, ['–']);
  const readouts = el('dl', { class: 'readouts embed-readouts', 'data-part': 'readout' }, [
    el('div', {}, [el('dt', {}, ['Epoch']), epoch]),
    el('div', {}, [el('dt', {}, ['Test accuracy']), accuracy]),
    el('div', {}, [el('dt', {}, ['Test loss']), loss]),
  ]);

  const boundary = new BoundaryView(boundaryCanvas);
  const chart = new ChartView(chartCanvas, chartRead);
  let points = pg.points();
  let stats = JSON.parse(pg.statsJson());
  chart.showAccuracy = stats.nClasses !== 1;

  let trainError = null;
  const loop = new Loop({
    train: (n) => {
      try {
        return pg.step(n);
      } catch (error) {
        trainError = error;
        return false;
      }
    },
    draw: () => draw(),
    stopped: () => {
      setPlaying(false);
      if (trainError) say(`Training paused: ${messageOf(trainError)}`);
      else say(`${pg.divergence() ?? 'Training diverged'}. The picture shows the last finite weights.`);
      trainError = null;
    },
  });
  loop.speed = SPEED;

  function setPlaying(on) {
    if (on) loop.play();
    else loop.pause();
    playButton.setAttribute('aria-pressed', String(on));
    playButton.classList.toggle('playing', on);
    playButton.querySelector('.label').textContent = on ? 'Pause' : 'Play';
  }
  playButton.addEventListener('click', () => setPlaying(!loop.playing));

  const picker = activationPicker(catalogue, spec, ap.activationSpec, (next) => {
    const at = pg.epoch();
    try {
      pg.setActivation(next);
    } catch (error) {
      say(`Could not switch to ${next}: ${messageOf(error)}`);
      picker.select.value = shown;
      return;
    }
    spec = next;
    shown = next;
    chart.history.mark(at, `→ ${displayName(catalogue, spec)}`);
    say(`Switched to ${displayName(catalogue, spec)} at epoch ${at}: same weights, training continues.`);
    title();
    loop.invalidate();
  });

  let shown = picker.select.value;

  function draw() {
    try {
      pg.render(GRID, 1, false);
      stats = JSON.parse(pg.statsJson());
      // A view into wasm memory, made after the last call that may allocate.
      boundary.setHeatmap(new Uint8ClampedArray(wasm.memory.buffer, pg.outputPixelsPtr(), pg.outputPixelsLen()), GRID);
    } catch (error) {
      say(`Could not draw: ${messageOf(error)}`);
      return;
    }
    boundary.draw(points, stats.nClasses, false);
    chart.history.push(stats.epoch, stats.trainLoss, stats.testLoss, stats.testAccuracy);
    chart.draw();
    epoch.textContent = String(stats.epoch);
    accuracy.textContent = stats.nClasses === 1 || !Number.isFinite(stats.testAccuracy) ? '–' : `${(stats.testAccuracy * 100).toFixed(1)}%`;
    loss.textContent = fmt(stats.testLoss, 3);
  }

  const record = recordButton({
    rows: () => [[boundaryCanvas], [chartCanvas]],
    caption: () => `${displayName(catalogue, spec)} · epoch ${pg.epoch()} · test accuracy ${accuracy.textContent}`,
    name: () => ({ activation: spec, dataset: link.dataset, layers: link.layers, epoch: pg.epoch() }),
    start: () => setPlaying(true),
    say,
  });

  root.append(el('div', { class: 'embed-train' }, [
    el('div', { class: 'embed-board' }, [boundaryCanvas]),
    el('div', { class: 'embed-side' }, [
      el('div', { class: 'embed-bar' }, [playButton, picker.element]),
      readouts,
      el('div', { class: 'embed-chart-box', 'data-part': 'chart' }, [chartCanvas, chartRead]),
      el('div', { class: 'embed-bar' }, [record]),
    ]),
  ]));
  title();
  const redraw = () => {
    boundary.resize();
    chart.resize();
    loop.invalidate();
  };
  redraw();
  points = pg.points();
  return { redraw, play: () => setPlaying(true) };
}
