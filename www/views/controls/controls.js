// The data and network controls, built from the core's description of itself (data sets, features, limits,
// learning rates, optimizers, regularisations) and kept in step with the state's values: a link, an import or
// a refused value all end in one sync from the engine's settings, never from what a control last showed.
import { drawThumbnail } from '../training/boundary.js';
import { el, setSelect } from '../../lib/dom.js';
import { touchScreen } from '../../lib/device.js';
import { count } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';
import { activationName } from '../../app/core.js';

/** The sliders: their output's unit, and the core's limits that bound them. */
const SLIDERS = [['noise', ' %', 'noise'], ['train', ' %', 'train'], ['points', '', 'points']];
/** Batch sizes offered (the core's largest is appended). */
const BATCHES = [1, 5, 10, 30, 100];

/** `layers` with one more hidden layer (a copy of the last, or 4 units), unless there are `max` already. */
export function addLayer(layers, max) {
  return layers.length < max ? [...layers, layers.at(-1) ?? 4] : layers;
}

/** `layers` with layer `i` changed by `delta` units, kept within [min, max]. */
export function resizeLayer(layers, i, delta, { min, max }) {
  return layers.map((u, j) => (j === i ? Math.max(min, Math.min(max, u + delta)) : u));
}

/** `features` with `name` switched on or off, in the core's feature order. */
export function toggleFeature(features, name, order) {
  const on = new Set(features);
  if (on.has(name)) on.delete(name);
  else on.add(name);
  return order.filter((f) => on.has(f));
}

/** The controls; `dom` holds the static elements of index.html they fill. */
export class Controls {
  constructor(dom, { store, actions }) {
    this.dom = dom;
    this.store = store;
    this.actions = actions;
    this.describe = store.get().describe;
    this.buildDatasets();
    this.buildFeatures();
    this.buildMenus();
    this.bind();
    watch(store, (state, previous) => {
      if (changed(state, previous, 'values', 'nClasses')) this.sync(state);
      if (changed(state, previous, 'values', 'nClasses', 'edit')) this.buildClassToggle(state);
    });
  }

  get values() {
    return this.store.get().values;
  }

  /** One button per data set; their pictures come later, from `drawThumbnails()`. */
  buildDatasets() {
    this.datasetButtons = this.describe.datasets.map((d) => {
      const canvas = el('canvas', { width: 96, height: 96, 'aria-hidden': 'true' });
      const button = el('button', {
        type: 'button', class: 'dataset', title: d.label, data: { dataset: d.name }, 'aria-pressed': 'false',
        on: { click: () => this.actions.setKey('dataset', d.name) },
      }, canvas, el('span', { text: d.label }));
      this.dom.datasets.append(button);
      return { button, canvas, ...d };
    });
  }

  /**
   * Draws each data set button's picture from 300 of its points, made by the engine; a data set the engine
   * refuses loses its button. Ten small data sets are too slow for the first picture: the page calls this
   * once that is on screen.
   */
  drawThumbnails() {
    for (const d of [...this.datasetButtons]) {
      const preview = this.actions.datasetPreview(d.name);
      if (!preview) {
        d.button.remove();
        this.datasetButtons.splice(this.datasetButtons.indexOf(d), 1);
        continue;
      }
      drawThumbnail(d.canvas, preview.points, preview.nClasses, this.describe.domain);
    }
  }

  buildFeatures() {
    const order = this.describe.features.map((f) => f.name);
    this.featureButtons = this.describe.features.map(({ name, label }) => {
      const toggle = () => {
        const next = toggleFeature(this.values.features ?? [], name, order);
        if (next.length < this.describe.limits.features.min) this.actions.say('A network needs at least one input feature.');
        else this.actions.setKey('features', next.join(','));
      };
      const b = el('button', {
        type: 'button', class: 'chip', text: label, title: `Use ${label} as an input`, data: { feature: name },
        'aria-pressed': 'false', on: { click: toggle },
      });
      this.dom.features.append(b);
      return b;
    });
  }

  /** The menus and sliders whose choices and bounds the core knows. */
  buildMenus() {
    const { learningRates, optimizers, regularizations, limits } = this.describe;
    const options = (list) => list.map(({ value, text }) => el('option', { value, text }));
    this.dom.lr.replaceChildren(...options(learningRates.map((r) => ({ value: r, text: String(r) }))));
    this.dom.optimizer.replaceChildren(...options(optimizers.map((o) => ({ value: o.name, text: o.label }))));
    this.dom.reg.replaceChildren(...options(regularizations.map((o) => ({ value: o.name, text: o.label }))));
    const rates = [0, ...learningRates.filter((r) => r >= 1e-4)];
    this.dom.rate.replaceChildren(...options(rates.map((r) => ({ value: r, text: String(r) }))));
    const batches = [...BATCHES.filter((b) => b < limits.batch.max), limits.batch.max];
    this.dom.batch.replaceChildren(...options(batches.map((b) => ({ value: b, text: String(b) }))));
    for (const [id, , limit] of SLIDERS) {
      this.dom[id].min = String(limits[limit].min);
      this.dom[id].max = String(limits[limit].max);
    }
  }

  bind() {
    for (const id of ['lr', 'optimizer', 'batch', 'reg', 'rate']) {
      this.dom[id].addEventListener('change', (e) => this.actions.setKey(id, e.target.value));
    }
    for (const [id, unit] of SLIDERS) {
      const input = this.dom[id];
      input.addEventListener('input', () => {
        this.dom[`${id}Out`].textContent = `${input.value}${unit}`;
      });
      input.addEventListener('change', () => this.actions.setKey(id, input.value));
    }
    const { hiddenLayers } = this.describe.limits;
    this.dom.regenerate.addEventListener('click', () => this.actions.regenerate());
    this.dom.clearPoints.addEventListener('click', () => this.actions.clearPoints());
    this.dom.addLayer.addEventListener('click', () => this.setLayers(addLayer(this.layers(), hiddenLayers.max)));
    this.dom.removeLayer.addEventListener('click', () => this.setLayers(this.layers().slice(0, -1)));
    for (const radio of this.dom.problem) {
      radio.addEventListener('change', () => {
        const regression = radio.value === 'regression';
        const first = this.datasetButtons.find((d) => d.regression === regression);
        if (first) this.actions.setKey('dataset', first.name);
      });
    }
  }

  layers() {
    return this.values.layers ?? [];
  }

  setLayers(layers) {
    this.actions.setKey('layers', layers.join(','));
  }

  /** Brings every control in line with the engine's settings. */
  sync({ values, nClasses }) {
    const regression = nClasses === 1;
    for (const d of this.datasetButtons) {
      d.button.setAttribute('aria-pressed', String(d.name === values.dataset));
      d.button.hidden = d.regression !== regression;
    }
    for (const radio of this.dom.problem) radio.checked = (radio.value === 'regression') === regression;
    const on = new Set(values.features ?? []);
    this.featureButtons.forEach((b) => b.setAttribute('aria-pressed', String(on.has(b.dataset.feature))));
    for (const id of ['lr', 'optimizer', 'batch', 'reg', 'rate']) setSelect(this.dom[id], values[id]);
    this.dom.activationName.textContent = activationName(this.describe.activations, values.activation ?? '');
    for (const [id, unit] of SLIDERS) {
      if (values[id] === undefined) continue;
      this.dom[id].value = values[id];
      this.dom[`${id}Out`].textContent = `${values[id]}${unit}`;
    }
    const layers = this.layers();
    this.dom.layerCount.textContent = count(layers.length, 'hidden layer');
    this.dom.addLayer.disabled = layers.length >= this.describe.limits.hiddenLayers.max;
    this.dom.removeLayer.disabled = layers.length <= this.describe.limits.hiddenLayers.min;
    this.buildColumns(layers, on.size, nClasses);
  }

  /** One header per diagram column: inputs, a −/+ stepper per hidden layer, output. */
  buildColumns(layers, nInputs, nClasses) {
    const box = this.dom.columns;
    const { units } = this.describe.limits;
    box.style.setProperty('--cols', String(layers.length + 2));
    box.parentElement.style.setProperty('--cols', String(layers.length + 2));
    // A column head is a size container: its stepper stands upright and its label shortens when the column
    // is narrow (style.css), so 8 layers fit side by side, each over its own column of the diagram.
    const label = (long, short) => el('div', { class: 'col-head' }, el('span', { class: 'col-label' },
      el('span', { class: 'long', text: long }), el('span', { class: 'short', text: short, 'aria-hidden': 'true' })));
    const cells = [label(count(nInputs, 'input'), `${nInputs} in`)];
    layers.forEach((n, i) => {
      const step = (delta, text, name, disabled) => el('button', {
        type: 'button', text, disabled, 'aria-label': name,
        on: { click: () => this.setLayers(resizeLayer(this.layers(), i, delta, units)) },
      });
      cells.push(el('div', { class: 'col-head' }, el('div', { class: 'stepper small', role: 'group', 'aria-label': `Layer ${i + 1}: ${n} neurons` },
        step(-1, '−', `Remove a neuron from layer ${i + 1}`, n <= units.min),
        el('span', { text: `${n}` }),
        step(1, '+', `Add a neuron to layer ${i + 1}`, n >= units.max))));
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

  /** What a click on the plot adds: one toggle per class (−1 / +1 for regression), and Erase. */
  buildClassToggle({ nClasses, edit }) {
    const box = this.dom.addClass;
    const n = nClasses === 1 ? 2 : nClasses;
    const chosen = Math.min(edit.addClass, n - 1);
    const names = nClasses === 1 ? ['−1', '+1'] : ['A', 'B', 'C'];
    const refocus = (k) => () => box.querySelectorAll('button')[k]?.focus();
    const buttons = Array.from({ length: n }, (_, k) => el('button', {
      type: 'button', class: 'class-toggle',
      'aria-pressed': String(!edit.erase && k === chosen), 'aria-label': `Clicks add class ${names[k]}`,
      on: { click: () => { this.actions.setEdit({ addClass: k, erase: false }); refocus(k)(); } },
    }, el('i', { class: `dot c${nClasses === 1 ? (k === 0 ? 0 : 1) : k}` }), el('span', { text: names[k] })));
    // Erasing without a right button or Alt key: for touch screens.
    const erase = el('button', {
      type: 'button', class: 'class-toggle', text: 'Erase',
      'aria-pressed': String(edit.erase), 'aria-label': 'Erase: clicks remove the nearest point',
      on: { click: () => { this.actions.setEdit({ erase: !edit.erase }); refocus(n)(); } },
    });
    box.replaceChildren(el('span', { class: 'hint', text: touchScreen() ? 'Tap' : 'Click' }), ...buttons, erase);
  }
}
