// The data and network controls: built once with createElement, then kept in step with the engine's config
// string by `sync()` (the config, not the controls, is the truth — a link, an import or a refused value all
// end in one sync).
import { touchScreen } from '../device.js';
import { drawThumbnail } from './heatmap.js';
import { FEATURE_LABELS } from './network.js';

/** Datasets the page offers, in order, with their display names and problem type. */
export const DATASETS = [
  { name: 'circle', label: 'Circle', regression: false },
  { name: 'xor', label: 'XOR', regression: false },
  { name: 'gauss', label: 'Two blobs', regression: false },
  { name: 'spiral', label: 'Spiral', regression: false },
  { name: 'moons', label: 'Moons', regression: false },
  { name: 'checkerboard', label: 'Checkerboard', regression: false },
  { name: 'blobs3', label: 'Three blobs', regression: false },
  { name: 'spiral3', label: 'Three arms', regression: false },
  { name: 'plane', label: 'Plane', regression: true },
  { name: 'multigauss', label: 'Six cones', regression: true },
];

/** Every input feature, in the engine's order. */
export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];

export const MAX_LAYERS = 8;
export const MAX_UNITS = 16;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'attrs') for (const [a, b] of Object.entries(v)) node.setAttribute(a, b);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

/** The controls; `actions.set(key, value)` applies a setting, `actions.*` the other buttons. */
export class Controls {
  constructor(actions, ap) {
    this.actions = actions;
    this.ap = ap;
    this.cfg = {};
    this.addClass = 1;
    this.erase = false;
    this.nClasses = 2;
    this.q = (id) => document.getElementById(id);
    this.buildDatasets();
    this.buildFeatures();
    this.bind();
  }

  /** One button per dataset; their pictures come later, from `drawThumbnails()`. */
  buildDatasets() {
    const box = this.q('datasets');
    this.datasetButtons = [];
    for (const d of DATASETS) {
      const canvas = el('canvas', { width: 96, height: 96, attrs: { 'aria-hidden': 'true' } });
      const button = el('button', {
        type: 'button',
        className: 'dataset',
        title: d.label,
        dataset: { dataset: d.name },
        attrs: { 'aria-pressed': 'false' },
      }, [canvas, el('span', { textContent: d.label })]);
      button.addEventListener('click', () => this.actions.set('dataset', d.name));
      this.datasetButtons.push({ button, canvas, ...d });
      box.append(button);
    }
  }

  /**
   * Draws each dataset button's picture from 300 of its points, made by the engine; a dataset the engine does
   * not offer loses its button. Ten small data sets are too slow for the first picture: the page calls this
   * once that is on screen.
   */
  drawThumbnails() {
    for (const d of [...this.datasetButtons]) {
      let points;
      let nClasses = 2;
      try {
        const probe = new this.ap.Playground(`dataset=${d.name}&points=300&layers=&seed=3`);
        points = probe.points();
        nClasses = JSON.parse(probe.statsJson()).nClasses ?? 2;
        probe.free?.();
      } catch {
        d.button.remove();
        this.datasetButtons.splice(this.datasetButtons.indexOf(d), 1);
        continue;
      }
      drawThumbnail(d.canvas, points, nClasses);
    }
  }

  buildFeatures() {
    const box = this.q('features');
    this.featureButtons = FEATURES.map((name) => {
      const b = el('button', {
        type: 'button',
        className: 'chip',
        textContent: FEATURE_LABELS[name],
        title: `Use ${FEATURE_LABELS[name]} as an input`,
        dataset: { feature: name },
        attrs: { 'aria-pressed': 'false' },
      });
      b.addEventListener('click', () => {
        const on = new Set((this.cfg.features ?? 'x1,x2').split(',').filter(Boolean));
        if (on.has(name)) on.delete(name);
        else on.add(name);
        if (on.size === 0) {
          this.actions.say('A network needs at least one input feature.');
          return;
        }
        this.actions.set('features', FEATURES.filter((f) => on.has(f)).join(','));
      });
      box.append(b);
      return b;
    });
  }

  bind() {
    for (const id of ['lr', 'optimizer', 'batch', 'reg', 'rate']) {
      this.q(id).addEventListener('change', (e) => this.actions.set(id, e.target.value));
    }
    const sliders = { noise: ' %', train: ' %', points: '' };
    for (const [id, unit] of Object.entries(sliders)) {
      const input = this.q(id);
      input.addEventListener('input', () => {
        this.q(`${id}-out`).textContent = `${input.value}${unit}`;
      });
      input.addEventListener('change', () => this.actions.set(id, input.value));
    }
    this.q('regenerate').addEventListener('click', () => this.actions.regenerate());
    this.q('clear-points').addEventListener('click', () => this.actions.clearPoints());
    this.q('add-layer').addEventListener('click', () => this.changeLayers((l) => (l.length < MAX_LAYERS ? [...l, l.at(-1) ?? 4] : l)));
    this.q('remove-layer').addEventListener('click', () => this.changeLayers((l) => l.slice(0, -1)));
    for (const radio of document.querySelectorAll('input[name="problem"]')) {
      radio.addEventListener('change', () => {
        const regression = radio.value === 'regression';
        const first = this.datasetButtons.find((d) => d.regression === regression);
        if (first) this.actions.set('dataset', first.name);
      });
    }
  }

  layers() {
    const text = this.cfg.layers ?? '';
    return text === '' ? [] : text.split(',').map(Number);
  }

  changeLayers(edit) {
    const next = edit(this.layers());
    this.actions.set('layers', next.join(','));
  }

  /** Brings every control in line with the engine's canonical config string (already parsed). */
  sync(cfg, nClasses) {
    this.cfg = cfg;
    this.nClasses = nClasses;
    const regression = nClasses === 1;
    for (const d of this.datasetButtons) {
      d.button.setAttribute('aria-pressed', String(d.name === cfg.dataset));
      d.button.hidden = d.regression !== regression;
    }
    for (const radio of document.querySelectorAll('input[name="problem"]')) {
      radio.checked = (radio.value === 'regression') === regression;
    }
    const on = new Set((cfg.features ?? '').split(','));
    this.featureButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(on.has(FEATURES[i]))));
    for (const id of ['lr', 'optimizer', 'batch', 'reg', 'rate']) setSelect(this.q(id), cfg[id]);
    for (const [id, unit] of [['noise', ' %'], ['train', ' %'], ['points', '']]) {
      if (cfg[id] === undefined) continue;
      this.q(id).value = cfg[id];
      this.q(`${id}-out`).textContent = `${cfg[id]}${unit}`;
    }
    const layers = this.layers();
    this.q('layer-count').textContent = `${layers.length} hidden layer${layers.length === 1 ? '' : 's'}`;
    this.q('add-layer').disabled = layers.length >= MAX_LAYERS;
    this.q('remove-layer').disabled = layers.length === 0;
    this.buildColumns(layers, on.size, nClasses);
    this.buildClassToggle(nClasses);
  }

  /** One header per diagram column: inputs, a −/+ stepper per hidden layer, output. */
  buildColumns(layers, nInputs, nClasses) {
    const box = this.q('columns');
    box.style.setProperty('--cols', String(layers.length + 2));
    box.parentElement.style.setProperty('--cols', String(layers.length + 2));
    // A column head is a size container: its stepper stands upright and its label shortens when the column
    // is narrow (style.css), so 8 layers fit side by side, each over its own column of the diagram.
    const label = (long, short) => el('div', { className: 'col-head' }, [el('span', { className: 'col-label' }, [
      el('span', { className: 'long', textContent: long }),
      el('span', { className: 'short', textContent: short, attrs: { 'aria-hidden': 'true' } }),
    ])]);
    const cells = [label(`${nInputs} input${nInputs === 1 ? '' : 's'}`, `${nInputs} in`)];
    layers.forEach((units, i) => {
      const minus = el('button', { type: 'button', textContent: '−', disabled: units <= 1, attrs: { 'aria-label': `Remove a neuron from layer ${i + 1}` } });
      const plus = el('button', { type: 'button', textContent: '+', disabled: units >= MAX_UNITS, attrs: { 'aria-label': `Add a neuron to layer ${i + 1}` } });
      minus.addEventListener('click', () => this.changeLayers((l) => l.map((u, j) => (j === i ? Math.max(1, u - 1) : u))));
      plus.addEventListener('click', () => this.changeLayers((l) => l.map((u, j) => (j === i ? Math.min(MAX_UNITS, u + 1) : u))));
      cells.push(el('div', { className: 'col-head' }, [
        el('div', { className: 'stepper small', attrs: { role: 'group', 'aria-label': `Layer ${i + 1}: ${units} neurons` } }, [
          minus, el('span', { textContent: `${units}` }), plus,
        ]),
      ]));
    });
    cells.push(nClasses === 3 ? label('3 outputs', '3 out') : label('Output', 'Out'));
    // Keep focus on the stepper the user is pressing when the headers are rebuilt.
    const focused = document.activeElement;
    const focusIndex = box.contains(focused) ? [...box.querySelectorAll('button')].indexOf(focused) : -1;
    box.replaceChildren(...cells);
    if (focusIndex >= 0) {
      const buttons = box.querySelectorAll('button');
      const target = buttons[Math.min(focusIndex, buttons.length - 1)];
      if (target && !target.disabled) target.focus();
      else buttons[focusIndex ^ 1]?.focus();
    }
  }

  buildClassToggle(nClasses) {
    const box = this.q('add-class');
    const n = nClasses === 1 ? 2 : nClasses;
    if (this.addClass >= n) this.addClass = n - 1;
    const names = nClasses === 1 ? ['−1', '+1'] : ['A', 'B', 'C'];
    const label = el('span', { className: 'hint', textContent: touchScreen() ? 'Tap' : 'Click' });
    const buttons = Array.from({ length: n }, (_, k) => {
      const b = el('button', {
        type: 'button',
        className: 'class-toggle',
        attrs: { 'aria-pressed': String(!this.erase && k === this.addClass), 'aria-label': `Clicks add class ${names[k]}` },
      }, [el('i', { className: `dot c${nClasses === 1 ? (k === 0 ? 0 : 1) : k}` }), el('span', { textContent: names[k] })]);
      b.addEventListener('click', () => {
        this.addClass = k;
        this.erase = false;
        this.buildClassToggle(this.nClasses);
        box.querySelectorAll('button')[k]?.focus();
      });
      return b;
    });
    // Erasing without a right button or Alt key: for touch screens.
    const erase = el('button', {
      type: 'button',
      className: 'class-toggle',
      textContent: 'Erase',
      attrs: { 'aria-pressed': String(this.erase), 'aria-label': 'Clicks remove the nearest point' },
    });
    erase.addEventListener('click', () => {
      this.erase = !this.erase;
      this.buildClassToggle(this.nClasses);
      box.querySelectorAll('button')[n]?.focus();
    });
    box.replaceChildren(label, ...buttons, erase);
  }

  /** The label a click adds (shift = the other class); regression uses ±1. */
  labelFor(shift) {
    const n = this.nClasses === 1 ? 2 : this.nClasses;
    const k = shift ? (this.addClass + 1) % n : this.addClass;
    if (this.nClasses === 1) return k === 0 ? -1 : 1;
    return k;
  }
}

/** Selects `value` in `select`, adding it as an option first when a link carries a value not in the list. */
function setSelect(select, value) {
  if (value === undefined) return;
  let option = Array.from(select.options).find((o) => o.value === value || Number(o.value) === Number(value));
  if (!option) {
    option = el('option', { value, textContent: value });
    select.append(option);
  }
  select.value = option.value;
}
