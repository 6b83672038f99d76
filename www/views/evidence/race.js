// The race: 2–4 activations trained in lockstep on the page's data from the same initial draw. Small multiples
// of their decision boundaries, overlaid curves, and a live table — all fed by one wasm `Race` handle.
import { BoundaryView } from '../training/boundary.js';
import { el } from '../../lib/dom.js';
import { REDUCED_MOTION_NOTE, reducedMotion } from '../../lib/device.js';
import { hueColour, paletteBytes } from '../../lib/colours.js';
import { fmt, formatRatio, listOf, percent } from '../../lib/format.js';
import { activationEntry, activationName, valuesOf } from '../../app/core.js';
import { RaceCurves } from './curves.js';

/** Boundary resolution of each racer (cells per side): four racers cost about one main heatmap. */
const GRID = 64;
/** Milliseconds of training per animation frame, shared by all racers. */
const BUDGET_MS = 10;
/** Activations offered as racers, when the catalogue has them. */
const CHOICES = ['relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'selu', 'softplus', 'tanh', 'sigmoid', 'softsign', 'identity'];
/** The race a visitor is offered first. */
export const DEFAULT_RACE = ['relu', 'tanh', 'sigmoid'];
/** Where a race stops by itself (a visitor can continue). */
const FINISH_OPTIONS = [100, 300, 1000, 3000];
const DEFAULT_FINISH = 300;
/** A race that is over early still runs this many epochs, so its curves have room. */
const MIN_EPOCHS = 30;

/** The settings two setups must share to race alike: every value but the racers and the page's activation. */
export function raceBase(values) {
  const { race, activation, edits, ...rest } = values;
  return JSON.stringify(rest);
}

export class RacePanel {
  /**
   * @param root the element to fill
   * @param app { store, actions, ap, memory }: the page's state (its config and values), the actions (setRace,
   *   configWith, everyFrame), the wasm module (the Race handle) and its memory (pixel views)
   */
  constructor(root, app) {
    this.app = app;
    this.activations = app.store.get().describe.activations;
    this.race = null;
    this.running = false;
    this.finish = DEFAULT_FINISH;
    this.extended = false;
    this.msPerEpoch = 1;
    this.series = [];
    this.views = [];
    this.rows = [];
    this.announced = new Set();
    this.frame = this.frame.bind(this);
    this.build(root);
  }

  display(spec) {
    return activationName(this.activations, spec);
  }

  /** The activation names of a list of specs (`leaky_relu(negative_slope=0.1)` → `leaky_relu`). */
  names(specs) {
    return specs.map((spec) => activationEntry(this.activations, spec)?.name ?? spec);
  }

  /** The racers (specs) of the race on screen. */
  racers() {
    return this.race ? valuesOf(this.race).race : [];
  }

  /** The activation's hue from the catalogue: its one colour, whatever its place in the race. */
  hue(spec) {
    return activationEntry(this.activations, spec)?.hue ?? null;
  }

  /** A colour swatch for `spec`: its hue goes to CSS (which sets lightness and chroma per colour scheme). */
  swatch(spec) {
    const i = el('i', { class: 'ev-swatch' });
    const hue = this.hue(spec);
    if (hue !== null) i.style.setProperty('--hue', String(hue));
    return i;
  }

  build(root) {
    const available = CHOICES.filter((n) => this.activations.some((a) => a.name === n));
    this.choices = el('div', { class: 'ev-choices', role: 'group', 'aria-label': 'Activations in the race (2 to 4)' });
    this.boxes = available.map((name) => {
      const input = el('input', { type: 'checkbox', value: name });
      input.checked = DEFAULT_RACE.includes(name);
      input.addEventListener('change', () => this.syncChoices());
      this.choices.append(el('label', { class: 'chip ev-chip' }, input, el('span', {}, this.display(name))));
      return input;
    });
    this.startButton = el('button', { type: 'button', class: 'ev-start', 'data-testid': 'race-start' }, 'Start race');
    this.startButton.addEventListener('click', () => this.toggle());
    this.restartButton = el('button', { type: 'button' }, 'Restart');
    this.restartButton.addEventListener('click', () => this.start(this.chosen(), true));
    this.finishSelect = el('select', { 'aria-label': 'Finish line' },
      ...FINISH_OPTIONS.map((n) => {
        const o = el('option', { value: n }, `${n} epochs`);
        o.selected = n === DEFAULT_FINISH;
        return o;
      }));
    this.finishSelect.addEventListener('change', () => {
      this.finish = Number(this.finishSelect.value);
      this.drawProgress();
    });
    this.linkButton = el('button', { type: 'button', class: 'ghost' }, 'Copy race link');
    this.linkButton.addEventListener('click', () => this.copyLink());
    this.progress = el('span', { class: 'ev-progress', 'data-testid': 'race-epoch' }, 'not started');
    const controls = el('div', { class: 'ev-race-controls' },
      this.startButton, this.restartButton,
      el('label', { class: 'ev-finish', title: 'The race also stops once every racer has passed 95 % and trained half as long again' }, 'Stop by ', this.finishSelect),
      this.linkButton, this.progress);

    this.boards = el('div', { class: 'ev-boards' });
    const curvesCanvas = el('canvas', { class: 'ev-curves', role: 'img', 'aria-label': 'Test loss and test accuracy of every racer over the epochs' });
    this.curvesRead = el('p', { class: 'hover-read ev-curves-read' });
    this.curves = new RaceCurves(curvesCanvas, this.curvesRead);

    this.tbody = el('tbody');
    const head = ['Activation', 'Epoch', 'Test accuracy', 'Epochs to 90 %', 'Epochs to 95 %', 'Test loss', 'Dead units', 'Saturated', 'Gradient, layer 1 ÷ last']
      .map((t) => el('th', { scope: 'col' }, t));
    this.table = el('table', { class: 'ev-table', 'data-testid': 'race-table' },
      el('caption', { class: 'sr-only' }, 'The race, live: one row per activation'),
      el('thead', {}, el('tr', {}, ...head)),
      this.tbody);

    const fair = el('details', { class: 'ev-fair' },
      el('summary', {}, 'Fair start: same points, same order, same random draw — scaled per activation. How?'),
      el('p', {}, 'Every racer trains on the same points, visits them in the same shuffled order, and starts from '
        + 'the same draw of standard-normal numbers z. Only the scale differs, because each activation has its '
        + 'own initialisation scheme: w = z·√(2 / fan-in) (He) for the ReLU family, w = z·√(2 / (fan-in + fan-out)) '
        + '(Glorot) for sigmoid- and tanh-like curves, w = z·√(1 / fan-in) (LeCun) for SELU; biases start at 0 and '
        + 'the output layer uses Glorot for everyone. So ReLU and Leaky ReLU start from identical weights, and tanh '
        + 'from the very same weights scaled down by one factor per layer. Same optimizer, learning rate and batch '
        + 'size for all: the activation is the only difference.'));

    this.status = el('p', { class: 'ev-race-status', role: 'status', 'aria-live': 'polite' });
    root.append(controls, this.choices, fair, this.boards, this.status,
      el('div', { class: 'ev-curves-wrap' }, curvesCanvas, this.curvesRead),
      // Focusable and named: on a narrow screen the table scrolls sideways, and a keyboard must reach it too.
      el('div', { class: 'ev-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Race table (scrolls sideways)' }, this.table));
    this.syncChoices();
  }

  chosen() {
    return this.boxes.filter((b) => b.checked).map((b) => b.value);
  }

  /** Keeps 2–4 racers selectable and the start button honest. */
  syncChoices() {
    const n = this.chosen().length;
    for (const b of this.boxes) b.disabled = !b.checked && n >= 4;
    this.restartButton.disabled = n < 2;
    if (n < 2) this.status.textContent = 'Pick at least two activations to race.';
    this.syncButton();
  }

  /** True when the ticked boxes differ from the racers on screen (the start button then starts those). */
  pending() {
    if (!this.race) return true;
    const current = this.names(this.racers());
    const chosen = this.chosen();
    return chosen.length !== current.length || chosen.some((name) => !current.includes(name));
  }

  /** Shows the default race at epoch 0 (paused) on the page's setup, unless the setup names its own race. */
  ready() {
    const { config, values } = this.app.store.get();
    if (values.race.length) this.startFromConfig(config, values.race);
    else this.start(this.chosen(), false, false);
  }

  /**
   * Lines up the racers `list` (a preset's plain list of specs) on the page's setup, paused at epoch 0, and
   * puts them in the link.
   */
  prepare(list) {
    if (!this.start(list, true, false)) return;
    const names = this.names(this.racers());
    for (const b of this.boxes) b.checked = names.includes(b.value);
    this.syncChoices();
  }

  /** Builds a race from a config carrying the racers `specs` (a shared link) and starts it. */
  startFromConfig(config, specs) {
    // Tick the boxes of the racers we offer; a racer with parameters from a link is raced as given.
    const names = new Set(this.names(specs));
    for (const b of this.boxes) b.checked = names.has(b.value);
    this.syncChoices();
    const run = !reducedMotion();
    const ok = this.open(config, run);
    if (ok && !run) this.status.textContent = `${REDUCED_MOTION_NOTE}: the race is lined up at epoch 0; press Start race to run it.`;
    return ok;
  }

  /**
   * Builds (or rebuilds) a race on the page's current setup: `racers` is an array of specs or a plain list
   * ("relu,tanh"); `announce` puts it in the link.
   */
  start(racers, announce, run = true) {
    const list = Array.isArray(racers) ? racers.join(',') : racers;
    if (Array.isArray(racers) && racers.length < 2) return false;
    let config;
    try {
      config = this.app.actions.configWith(this.app.store.get().config, 'race', list);
    } catch (error) {
      this.status.textContent = `Could not start the race: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
    const ok = this.open(config, run);
    if (ok && announce) this.app.actions.setRace(list);
    return ok;
  }

  /** Replaces the race by one built from `config`; it runs at once when `run`. */
  open(config, run) {
    let race;
    try {
      race = new this.app.ap.Race(config);
    } catch (error) {
      this.status.textContent = `Could not start the race: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
    this.race?.free();
    this.race = race;
    race.setPalette(paletteBytes());
    this.base = raceBase(valuesOf(race));
    this.points = race.points();
    this.announced.clear();
    this.extended = false;
    const table = JSON.parse(race.statsJson());
    this.nClasses = JSON.parse(race.racerStatsJson(0)).nClasses;
    this.series = table.map((row) => ({
      hue: this.hue(row.activation),
      colour: '',
      name: this.display(row.activation),
      loss: [],
      acc: [],
    }));
    this.resolveColours();
    this.buildBoards(table);
    this.buildRows(table);
    this.pullHistory();
    this.running = run;
    this.syncButton();
    const names = this.series.map((s) => s.name).join(' vs ');
    this.status.textContent = run
      ? `Race started: ${names}, same data, same initial draw.`
      : `Ready: ${names} at epoch 0, same data, same initial draw. Press Start race.`;
    this.render();
    if (run) this.app.actions.everyFrame(this.frame);
    return true;
  }

  /** Canvas needs real colours: each racer's hue at the current colour scheme's lightness. */
  resolveColours() {
    for (const s of this.series) s.colour = hueColour(s.hue);
  }

  buildBoards(table) {
    this.views = table.map((row, i) => {
      const canvas = el('canvas', {
        class: 'ev-board',
        'data-testid': 'race-boundary',
        role: 'img',
        'aria-label': `Decision boundary of the ${this.display(row.activation)} racer`,
        'aria-describedby': `race-note-${i}`,
      });
      const caption = el('figcaption', {}, this.swatch(row.activation), el('span', { class: 'ev-name' }, this.display(row.activation)));
      const note = el('span', { class: 'ev-board-note', id: `race-note-${i}` });
      caption.append(note);
      const figure = el('figure', { class: 'ev-figure' }, canvas, caption);
      return { figure, canvas, view: new BoundaryView(canvas, this.app.store.get().describe.domain), note };
    });
    this.boards.replaceChildren(...this.views.map((v) => v.figure));
    this.boards.dataset.count = String(this.views.length);
    for (const v of this.views) v.view.resize();
  }

  buildRows(table) {
    this.rows = table.map((row) => {
      const cells = Array.from({ length: 8 }, () => el('td'));
      const name = el('th', { scope: 'row' }, this.swatch(row.activation), this.display(row.activation));
      const tr = el('tr', {}, name, ...cells);
      return { tr, cells };
    });
    this.tbody.replaceChildren(...this.rows.map((r) => r.tr));
  }

  /** Copies the epochs recorded since the last frame into the curves. */
  pullHistory() {
    this.series.forEach((s, i) => {
      const fresh = this.race.historyFrom(i, s.loss.length);
      for (let k = 0; k + 2 < fresh.length; k += 3) {
        s.loss.push(fresh[k + 1]);
        s.acc.push(fresh[k + 2]);
      }
    });
  }

  toggle() {
    if (this.pending()) {
      this.start(this.chosen(), true);
      return;
    }
    if (!this.running && this.race.epoch() >= this.target(JSON.parse(this.race.statsJson()))) {
      // Continuing a finished race: on to the limit, or to the next one if the limit is reached.
      this.extended = true;
      const next = FINISH_OPTIONS.find((n) => n > this.race.epoch());
      if (next && this.race.epoch() >= this.finish) {
        this.finish = next;
        this.finishSelect.value = String(next);
      }
    }
    this.running = !this.running;
    this.syncButton();
    if (this.running) this.app.actions.everyFrame(this.frame);
  }

  syncButton() {
    const pending = this.pending();
    const fresh = pending || this.race.epoch() === 0;
    this.startButton.textContent = this.running && !pending ? 'Pause race' : fresh ? 'Start race' : 'Continue race';
    this.startButton.setAttribute('aria-pressed', String(this.running && !pending));
    this.startButton.disabled = pending && this.chosen().length < 2;
  }

  /** The page's setup changed (`state` holds its config and values): a race on another setup follows it. */
  configChanged({ config, values }) {
    const race = values.race;
    if (!this.race) {
      if (race.length) this.startFromConfig(config, race);
      return;
    }
    const current = this.racers();
    if (race.length && String(race) !== String(current)) {
      this.startFromConfig(config, race);
    } else if (raceBase(values) !== this.base) {
      // Same racers on the new setup, running if the old race was.
      this.start(current, false, this.running);
    }
  }

  async copyLink() {
    if (!this.race) this.start(this.chosen(), true);
    if (!this.race) return;
    const url = `${location.href.split('#')[0]}#${this.race.config()}`;
    try {
      await navigator.clipboard.writeText(url);
      this.status.textContent = 'Link to this race copied: it opens the same race, bit for bit.';
    } catch {
      this.status.textContent = `Copy this link to share the race: ${url}`;
    }
  }

  /**
   * Where the race stops: at the limit, or — once every racer has passed 95 % (or diverged) — when the slowest
   * has trained half as long again, so the curves end where the story ends.
   */
  target(table) {
    const done = table.every((r) => r.epochsTo95 !== null || r.diverged);
    if (!done || this.extended) return this.finish;
    const slowest = Math.max(0, ...table.map((r) => r.epochsTo95 ?? 0));
    return Math.min(this.finish, Math.max(MIN_EPOCHS, Math.ceil(slowest * 1.5)));
  }

  /** One frame of the race (a task of the page's loop); false when it stops. */
  frame() {
    if (!this.race || !this.running) return false;
    const epoch = this.race.epoch();
    const left = this.target(JSON.parse(this.race.statsJson())) - epoch;
    if (left > 0) {
      // Early epochs, where most happens, go a few per frame; later ones as many as the time budget allows.
      // Growing by at most a tenth per frame also means a race never runs past its target.
      const n = Math.max(1, Math.min(left, Math.ceil(epoch / 10), Math.floor(BUDGET_MS / Math.max(0.05, this.msPerEpoch))));
      const t0 = performance.now();
      this.race.step(n);
      const per = (performance.now() - t0) / n;
      this.msPerEpoch = 0.8 * this.msPerEpoch + 0.2 * per;
    }
    this.render();
    const now = this.race.epoch();
    if (now >= this.target(JSON.parse(this.race.statsJson())) || now >= this.finish) {
      this.running = false;
      this.syncButton();
      this.status.textContent = `Finish line: epoch ${now}. ${this.summary()}`;
      return false;
    }
    return true;
  }

  /** One sentence on who got there first. */
  summary() {
    const table = JSON.parse(this.race.statsJson());
    const reached = table.filter((r) => r.epochsTo95 !== null).sort((a, b) => a.epochsTo95 - b.epochsTo95);
    const missed = table.filter((r) => r.epochsTo95 === null).map((r) => this.display(r.activation));
    const parts = reached.map((r) => `${this.display(r.activation)} reached 95 % at epoch ${r.epochsTo95}`);
    if (missed.length) parts.push(`${listOf(missed)} did not`);
    return parts.length ? `${parts.join('; ')}.` : '';
  }

  /** Renders boundaries, curves, table and progress from the race's current state. */
  render() {
    const { race } = this;
    if (!race) return;
    const table = JSON.parse(race.statsJson());
    race.render(GRID, false);
    const { nClasses } = this;
    this.views.forEach((v, i) => {
      // A view into wasm memory, made right before use (a grown memory detaches older views).
      const rgba = new Uint8ClampedArray(this.app.memory.buffer, race.boundaryPtr(i), race.boundaryLen(i));
      v.view.setHeatmap(rgba, GRID);
      v.view.draw(this.points, nClasses, false);
      const row = table[i];
      v.note.textContent = row.diverged ? ' · diverged' : ` · ${percent(row.testAccuracy)}`;
    });
    this.pullHistory();
    this.curves.series = this.series;
    this.curves.draw();
    table.forEach((row, i) => {
      const c = this.rows[i].cells;
      c[0].textContent = String(row.epoch);
      c[1].textContent = row.testAccuracy === null ? '–' : `${(row.testAccuracy * 100).toFixed(1)} %`;
      c[2].textContent = row.epochsTo90 === null ? '–' : String(row.epochsTo90);
      c[3].textContent = row.epochsTo95 === null ? '–' : String(row.epochsTo95);
      c[4].textContent = row.diverged ? 'diverged' : fmt(row.testLoss ?? NaN, 3);
      c[5].textContent = row.units ? `${row.dead} of ${row.units}` : '–';
      c[6].textContent = row.saturated === null ? '—' : percent(row.saturated);
      c[7].textContent = row.gradientRatio === null ? '—' : formatRatio(row.gradientRatio);
      this.rows[i].tr.classList.toggle('ev-diverged', Boolean(row.diverged));
      if (row.epochsTo95 !== null && !this.announced.has(i)) {
        this.announced.add(i);
        this.status.textContent = `${this.display(row.activation)} reached 95 % test accuracy at epoch ${row.epochsTo95}.`;
      }
    });
    this.drawProgress();
  }

  drawProgress() {
    this.progress.textContent = this.race ? `epoch ${this.race.epoch()} of ${this.finish}` : 'not started';
  }

  /** Re-fits canvases and colours (resize, colour scheme). */
  redraw() {
    this.race?.setPalette(paletteBytes());
    this.resolveColours();
    for (const v of this.views) v.view.resize();
    this.render();
  }
}
