// The activation explorer panel: picker, curve plot, parameter sliders, comparison curves, properties and notes.
// It draws curves with the core's stateless activationSpec / sampleActivation; the page's training is reached
// only through the actions (mountExplorerView at the end).
import { activationSpec } from '../../pkg/activation_playground.js';
import { el } from '../../lib/dom.js';
import { touchScreen, onPointerChange } from '../../lib/device.js';
import { hueColour } from '../../lib/colours.js';
import { formatNumber, formatShort, niceStep } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';
import { zeroText } from '../../lib/words.js';
import { notesFor } from './notes.js';
import { Picker } from './picker.js';
import { CurvePlot, VANISH, describeInterval, vanishingIntervals, whereText, zeroIntervals } from './plot.js';
import { BAND_NAMES } from './bands.js';

/** Activations offered as dashed comparison curves (those present in the catalogue). */
const GHOST_CHOICES = ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'gelu', 'silu', 'elu', 'softplus'];

/** The shortest decimal text that reads back as the same f32 (the catalogue's numbers arrive widened to f64). */
export function f32Text(value) {
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(target.toPrecision(digits)));
    if (Math.fround(Number(text)) === target) return text;
  }
  return String(target);
}

/** `name(key=value, ...)` split into its name and a map of parameter texts. */
function splitSpec(spec) {
  const open = spec.indexOf('(');
  if (open < 0) return { name: spec.trim(), args: {} };
  const args = {};
  for (const part of spec.slice(open + 1, spec.lastIndexOf(')')).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) args[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return { name: spec.slice(0, open).trim(), args };
}

/** The default text of a parameter (numbers as the shortest f32 text). */
const defaultText = (p) => (typeof p.default === 'number' ? f32Text(p.default) : p.default);

/** A legend entry: a swatch and its words. */
const legendItem = (swatch, text, props = {}) => el('li', props, el('span', { class: `ex-swatch ${swatch}`, 'aria-hidden': 'true' }), el('span', { text }));

/**
 * The sentence about the live pre-activations: how many sit where |f′| < 0.1 (`flat` of `total` in range)
 * and how many lie outside the plotted range (`h.total` counts them all, when given).
 */
export function histogramText(h, total, flat) {
  const label = h.label ?? 'the layer\u2019s pre-activations';
  const outside = Number.isFinite(h.total) ? Math.max(0, h.total - total) : 0;
  const beyond = `outside x from ${formatShort(h.xMin)} to ${formatShort(h.xMax)}`;
  if (total > 0 && outside > 0) {
    return `${Math.round((100 * flat) / total)} % of the ${label} in this range sit where |f\u2032| < 0.1 (bars at `
      + `the bottom of the plot); ${Math.round((100 * outside) / h.total)} % of all of them lie ${beyond}.`;
  }
  if (total > 0) return `${Math.round((100 * flat) / total)} % of ${label} sit where |f\u2032| < 0.1 (bars at the bottom of the plot).`;
  if (outside > 0) return `All ${label} lie ${beyond}, beyond this plot.`;
  return `No ${label} to show yet.`;
}

/**
 * The explorer inside `root` (an empty element). `catalogue` is the activation catalogue, `domain` the x-range it
 * shows first (the network's input square, so live pre-activations land on it); `onSelect(spec)` runs
 * when the user picks an activation or moves a parameter. With `deferIcons` the picker's curve icons are left
 * blank until `drawIcons()` (the page draws them after its first picture). With `deferDraw` the curve is not
 * drawn until `startDrawing()`: a page that sets the activation and the histogram while it boots draws the plot
 * once, after the rest of its DOM is in (one layout instead of one per step).
 */
export class Explorer {
  constructor(root, { catalogue, domain, onSelect = () => {}, deferIcons = false, deferDraw = false }) {
    if (!Array.isArray(catalogue) || catalogue.length === 0) throw new Error('the explorer needs the activation catalogue');
    if (!(domain?.max > domain?.min)) throw new Error('the explorer needs the domain ({ min, max }) to show at first');
    this.root = root;
    this.domain = domain;
    this.onSelect = onSelect;
    this.byName = new Map(catalogue.map((e) => [e.name, e]));
    this.state = { entry: this.byName.get('relu') ?? catalogue[0], values: {}, spec: '', ghosts: [], histogram: null };
    this.drawing = !deferDraw;
    /** The root's width when the plot was last drawn (the resize observer redraws when it changes). */
    this.lastWidth = null;
    this.whereKey = '';
    this.picker = new Picker(catalogue, (name) => {
      this.choose(this.byName.get(name), {});
      this.emit();
    });
    this.build();
    this.choose(this.state.entry, {});
    if (!deferIcons) this.picker.drawIcons();
    // The observer's first call (on observe) comes after the plot was drawn at that width: nothing to redo.
    new ResizeObserver(() => {
      if (root.clientWidth === this.lastWidth) return;
      this.lastWidth = root.clientWidth;
      this.draw();
    }).observe(root);
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.redraw());
  }

  build() {
    const d = {};
    this.dom = d;
    d.title = el('h2', { class: 'ex-title', 'data-testid': 'activation-name', id: 'ex-title' });
    d.formula = el('p', { class: 'ex-formula' });
    d.specText = el('code', { class: 'ex-spec', 'data-testid': 'activation-spec' });
    const header = el('header', { class: 'ex-header' },
      el('div', { class: 'ex-heading' }, el('p', { class: 'ex-kicker', text: 'Activation function' }), d.title),
      el('div', { class: 'ex-formulas' }, el('div', { class: 'ex-formula-set' }, d.formula, d.specText), this.reserve()));
    d.canvas = el('canvas', {
      class: 'ex-curve', 'data-testid': 'curve', tabindex: '0', role: 'img', 'aria-describedby': 'ex-readout ex-where ex-zero ex-hist-note',
    });
    d.readout = el('p', { class: 'ex-readout', id: 'ex-readout', 'data-testid': 'readout' });
    d.where = el('p', { class: 'ex-where', id: 'ex-where' });
    // Where f′ is exactly 0, for screen readers (the shading shows it).
    d.zero = el('p', { class: 'sr-only', id: 'ex-zero' });
    d.histNote = el('p', { class: 'ex-hist-note', id: 'ex-hist-note', hidden: true, 'data-testid': 'histogram-note' });
    const figure = el('div', { class: 'ex-figure' },
      this.buildToolbar(), el('div', { class: 'ex-canvas-wrap' }, d.canvas), d.readout, this.buildLegend());
    // What changes length with the activation (where its gradient vanishes, the live pre-activations, its
    // parameters) comes after the figure and, on a narrow panel, after the picker: it never moves the picker.
    const detail = el('div', { class: 'ex-detail' }, d.where, d.zero, d.histNote, this.buildParamsBox());
    const stage = el('div', { class: 'ex-stage' }, figure, detail, this.buildCompare(), this.buildFacts());
    // On a narrow panel the CSS shows the figure before the picker, so the curve is on screen first.
    this.root.classList.add('explorer');
    this.root.append(el('div', { class: 'ex-shell' }, header, this.picker.node, stage));
    this.plot = new CurvePlot(d.canvas, {
      home: { xMin: this.domain.min, xMax: this.domain.max },
      onProbe: (x, v) => this.showProbe(x, v),
      onView: (view) => {
        d.rangeText.textContent = `x from ${formatShort(view.xMin)} to ${formatShort(view.xMax)}`;
      },
    });
    this.plot.goHome();
    this.plot.setProbe(null);
    onPointerChange(() => {
      if (this.plot.probe === null) this.plot.setProbe(null);
    });
  }

  /**
   * Every activation's formula and default spec, invisible, in the same grid cell as the shown one, so the
   * header is as tall as the tallest of them at any width and the picker below it never moves on a switch.
   */
  reserve() {
    return [...this.byName.values()].map((entry) => {
      let spec = entry.name;
      try {
        spec = this.specOf(entry, Object.fromEntries(entry.params.map((p) => [p.name, defaultText(p)])));
      } catch {
        // The name alone is as long as the spec needs to reserve for it.
      }
      return el('div', { class: 'ex-formula-set ex-reserve', 'aria-hidden': 'true' },
        el('p', { class: 'ex-formula', text: entry.formula }), el('code', { class: 'ex-spec', text: spec }));
    });
  }

  buildToolbar() {
    const tool = (label, text, action) => el('button', { type: 'button', class: 'ex-tool', 'aria-label': label, title: label, text, on: { click: action } });
    this.dom.rangeText = el('span', { class: 'ex-range', 'aria-live': 'polite' });
    return el('div', { class: 'ex-toolbar', role: 'toolbar', 'aria-label': 'Plot range' },
      tool('Zoom out', '\u2212', () => this.plot.zoom(1.5)),
      tool('Zoom in', '+', () => this.plot.zoom(1 / 1.5)),
      tool('Reset the x-range', 'Reset', () => {
        this.plot.goHome();
        this.plot.draw();
      }),
      this.dom.rangeText);
  }

  buildLegend() {
    this.dom.legendGhosts = el('span', { class: 'ex-legend-ghosts' });
    this.dom.legendHist = legendItem('ex-swatch-hist', 'live pre-activations', { class: 'ex-legend-hist', hidden: true });
    return el('ul', { class: 'ex-legend', 'aria-label': 'Legend' },
      legendItem('ex-swatch-f', 'f(x)'),
      legendItem('ex-swatch-df', 'f\u2032(x)'),
      // All three kinds, always: the legend keeps its height (the picker below it must not move).
      ...Object.keys(BAND_NAMES).map((kind) => legendItem(`ex-swatch-band ex-swatch-${kind}`, BAND_NAMES[kind].legend, { 'data-band': kind })),
      this.dom.legendHist,
      this.dom.legendGhosts);
  }

  buildParamsBox() {
    const d = this.dom;
    d.paramsBody = el('div', { class: 'ex-param-list' });
    d.paramError = el('p', { class: 'ex-param-error', role: 'status' });
    d.resetParams = el('button', {
      type: 'button', class: 'ex-tool ex-reset-params', text: 'Defaults',
      on: { click: () => { this.choose(this.state.entry, {}); this.emit(); } },
    });
    d.paramFoot = el('div', { class: 'ex-param-foot' }, d.paramError, d.resetParams);
    d.params = el('fieldset', { class: 'ex-params' }, el('legend', { text: 'Parameters' }), d.paramsBody, d.paramFoot);
    return d.params;
  }

  buildCompare() {
    this.ghostChips = GHOST_CHOICES.filter((n) => this.byName.has(n)).map((name) => el('button', {
      type: 'button', class: 'ex-chip', 'aria-pressed': 'false', data: { ghost: name }, on: { click: () => this.toggleGhost(name) },
    }, el('span', { class: 'ex-chip-swatch', 'aria-hidden': 'true' }), el('span', { text: this.byName.get(name).display })));
    return el('details', { class: 'ex-compare' },
      el('summary', { text: 'Compare with other curves' }),
      el('p', { class: 'ex-compare-hint', text: 'Dashed, with their default parameters.' }),
      el('div', { class: 'ex-chips', role: 'group', 'aria-label': 'Comparison curves' }, this.ghostChips));
  }

  buildFacts() {
    this.dom.props = el('table', { class: 'ex-props' });
    this.dom.notes = el('div', { class: 'ex-notes' });
    return el('div', { class: 'ex-facts' },
      el('h3', { class: 'ex-facts-title', text: 'Properties' }), this.dom.props,
      el('h3', { class: 'ex-facts-title', text: 'What it does to the gradient' }), this.dom.notes);
  }

  showProbe(x, v) {
    const { readout } = this.dom;
    readout.classList.toggle('is-live', x !== null);
    const hint = touchScreen()
      ? 'Touch the plot to read f and f\u2032 at x; + and \u2212 zoom.'
      : 'Hover the plot (or focus it and press \u2190 \u2192) to read f and f\u2032 at x. Drag pans; + / \u2212 zoom.';
    readout.textContent = x === null ? hint : `x = ${formatNumber(v.x)}   f(x) = ${formatNumber(v.f)}   f\u2032(x) = ${formatNumber(v.df)}`;
  }

  /** The spec text for `entry` with `values`, in the parser's canonical form (throws on a bad combination). */
  specOf(entry, values) {
    if (entry.params.length === 0) return activationSpec(entry.name);
    const args = entry.params.map((p) => `${p.name}=${values[p.name]}`);
    return activationSpec(`${entry.name}(${args.join(', ')})`);
  }

  /** Makes `entry` current with parameter texts `args` (missing ones take their defaults). */
  choose(entry, args) {
    const values = {};
    for (const p of entry.params) values[p.name] = args[p.name] ?? defaultText(p);
    Object.assign(this.state, { entry, values, spec: this.specOf(entry, values) });
    this.picker.mark(entry.name);
    this.buildParams();
    this.showFacts();
    this.update();
  }

  emit() {
    this.onSelect(this.state.spec);
  }

  /** Redraws everything that depends on the current spec. */
  update() {
    const { entry, values, spec } = this.state;
    const d = this.dom;
    d.title.textContent = entry.display;
    d.formula.textContent = entry.formula;
    d.specText.textContent = spec;
    d.resetParams.hidden = entry.params.every((p) => String(values[p.name]) === defaultText(p));
    this.showFoot();
    this.plot.setSpec(spec);
    this.draw();
  }

  draw() {
    if (!this.drawing) return;
    const { plot, state } = this;
    this.lastWidth = this.root.clientWidth;
    // Each comparison curve in its activation's one colour (its hue from the catalogue), for the plot to read.
    for (const name of state.ghosts) this.root.style.setProperty(`--ex-ghost-${name}`, hueColour(this.byName.get(name).hue));
    plot.setGhosts(state.ghosts.map((name) => ({
      spec: name, label: this.byName.get(name).display, colour: `--ex-ghost-${name}`,
    })));
    plot.draw();
    this.dom.canvas.setAttribute('aria-label',
      `${state.entry.display} (${state.spec}) and its derivative for x from ${formatShort(plot.view.xMin)} to ${formatShort(plot.view.xMax)}`);
    this.describeWhere();
    this.describeHistogram();
  }

  describeWhere() {
    const s = this.plot.currentSamples();
    if (!s || this.plot.samples.key === this.whereKey) return;
    this.whereKey = this.plot.samples.key;
    const intervals = vanishingIntervals(this.state.spec, this.plot.view, s.df);
    this.dom.where.textContent = whereText(intervals);
    this.dom.zero.textContent = zeroText(zeroIntervals(intervals).map(describeInterval));
  }

  describeHistogram() {
    const h = this.state.histogram;
    this.dom.legendHist.hidden = !h;
    this.dom.histNote.hidden = !h;
    if (!h) return;
    const dfs = this.plot.histogramDerivatives();
    let total = 0;
    let flat = 0;
    for (let k = 0; k < h.counts.length; k++) {
      const c = h.counts[k];
      if (!(c > 0)) continue;
      total += c;
      if (Math.abs(dfs[k]) < VANISH) flat += c;
    }
    this.dom.histNote.textContent = histogramText(h, total, flat);
  }

  buildParams() {
    const { entry } = this.state;
    const d = this.dom;
    d.paramsBody.replaceChildren();
    d.paramError.textContent = '';
    d.params.hidden = entry.params.length === 0;
    for (const p of entry.params) d.paramsBody.append(p.choices ? this.choiceRow(p) : this.sliderRow(p));
  }

  /** A parameter with named choices: one button each. */
  choiceRow(p) {
    const id = `ex-param-${p.name}`;
    const buttons = p.choices.map((choice) => el('button', {
      type: 'button', class: 'ex-choice', 'aria-pressed': String(this.state.values[p.name] === choice), text: choice,
      on: { click: () => this.setParam(p, choice) },
    }));
    return el('div', { class: 'ex-param' },
      el('span', { class: 'ex-param-name', id, text: p.name }),
      el('div', { class: 'ex-choices', role: 'group', 'aria-labelledby': id }, buttons));
  }

  /** A numeric parameter: a slider over its range and its value. */
  sliderRow(p) {
    const id = `ex-param-${p.name}`;
    const step = niceStep(p.max - p.min, 200);
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    const output = el('output', { class: 'ex-param-value', for: id, text: this.state.values[p.name] });
    const input = el('input', {
      type: 'range', class: 'ex-slider', id, min: f32Text(p.min), max: f32Text(p.max), step: String(step),
      value: this.state.values[p.name], 'data-param': p.name,
    });
    input.addEventListener('input', () => {
      const text = String(Number(input.valueAsNumber.toFixed(decimals)));
      if (!this.setParam(p, text)) input.value = this.state.values[p.name];
      output.textContent = this.state.values[p.name];
    });
    return el('div', { class: 'ex-param' }, el('label', { class: 'ex-param-name', for: id, text: p.name }), input, output);
  }

  /** The row under the sliders shows only when there is an error to say or defaults to go back to. */
  showFoot() {
    this.dom.paramFoot.hidden = this.dom.resetParams.hidden && this.dom.paramError.textContent === '';
  }

  /** Sets one parameter; keeps the old value and says why when the combination is invalid. */
  setParam(p, text) {
    const values = { ...this.state.values, [p.name]: text };
    let spec;
    try {
      spec = this.specOf(this.state.entry, values);
    } catch (error) {
      this.dom.paramError.textContent = error.message;
      this.showFoot();
      return false;
    }
    this.dom.paramError.textContent = '';
    Object.assign(this.state, { values, spec });
    if (p.choices) {
      for (const b of this.dom.paramsBody.querySelectorAll('.ex-choice')) {
        if (p.choices.includes(b.textContent)) b.setAttribute('aria-pressed', String(b.textContent === text));
      }
    }
    this.update();
    this.emit();
    return true;
  }

  toggleGhost(name) {
    const { ghosts } = this.state;
    const i = ghosts.indexOf(name);
    if (i >= 0) ghosts.splice(i, 1);
    else ghosts.push(name);
    for (const chip of this.ghostChips) {
      const on = ghosts.includes(chip.dataset.ghost);
      chip.setAttribute('aria-pressed', String(on));
      chip.className = on ? 'ex-chip ex-ghost' : 'ex-chip';
      chip.style.setProperty('--hue', String(this.byName.get(chip.dataset.ghost).hue));
    }
    this.dom.legendGhosts.replaceChildren(...ghosts.map((ghost) => {
      const item = legendItem('ex-swatch-ghost ex-ghost', this.byName.get(ghost).display);
      item.firstChild.style.setProperty('--hue', String(this.byName.get(ghost).hue));
      return item;
    }));
    this.draw();
  }

  showFacts() {
    const e = this.state.entry;
    const yesNo = (b) => (b ? 'yes' : 'no');
    const rows = [
      ['Range', e.range], ['Monotonic', yesNo(e.monotonic)], ['Smoothness', e.smoothness],
      ['Zero-centred', yesNo(e.zeroCentred)], ['Saturates', e.saturates], ['Origin', e.origin], ['When to use', e.whenToUse],
    ];
    const body = el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', { text: v }))));
    body.append(el('tr', {}, el('th', { scope: 'row', text: 'NumPy' }), el('td', {}, el('code', { class: 'ex-numpy', text: e.numpy }))));
    this.dom.props.replaceChildren(body);
    this.dom.notes.replaceChildren(...notesFor(e).map((text) => el('p', { text })));
  }

  /** Shows `spec` (any accepted spelling) without calling onSelect; throws on a bad spec; no-op if shown. */
  select(spec) {
    const canonical = activationSpec(spec);
    if (canonical === this.state.spec) return;
    const { name, args } = splitSpec(canonical);
    const entry = this.byName.get(name);
    if (!entry) throw new Error(`the catalogue has no activation named ${name}`);
    this.choose(entry, args);
  }

  /** The current canonical spec. */
  spec() {
    return this.state.spec;
  }

  /** Overlays live pre-activation counts over [xMin, xMax] (equal bins), or removes them with null. */
  setHistogram(counts, xMin, xMax, label, total) {
    this.state.histogram = counts ? { counts, xMin, xMax, label, total } : null;
    this.plot.setHistogram(counts, xMin, xMax);
    this.draw();
  }

  /** Redraws (after the page changed the layout or the colour scheme). */
  redraw() {
    this.picker.drawIcons();
    this.draw();
  }

  /** Draws the picker's curve icons (left blank at mount with `deferIcons`). */
  drawIcons() {
    this.picker.drawIcons();
  }

  /** Draws the curve now and from then on (the plot waits for this with `deferDraw`). */
  startDrawing() {
    this.drawing = true;
    this.draw();
  }
}

/** Builds the explorer in `root`; see `Explorer`. Returns it (its methods are the handle the page uses). */
export function mountExplorer(root, options) {
  return new Explorer(root, options);
}

/**
 * The explorer as a view of the page: it shows the training activation (again after a refused switch), a pick
 * switches the training activation, and each drawn frame brings the live pre-activations of the chosen layer.
 */
export function mountExplorerView(root, { store, actions }) {
  const { activations, domain } = store.get().describe;
  const explorer = new Explorer(root, {
    catalogue: activations,
    domain,
    onSelect: (spec) => actions.switchActivation(spec),
    deferIcons: true,
    deferDraw: true,
  });
  watch(store, (state, previous) => {
    if (changed(state, previous, 'values') && state.values.activation && state.values.activation !== explorer.spec()) {
      actions.guard('The explorer cannot show this activation', () => explorer.select(state.values.activation));
    }
    const h = state.frame?.histogram;
    if (changed(state, previous, 'frame') && h) {
      explorer.setHistogram(h.counts, h.min, h.max, `layer ${h.layer + 1} inputs (pre-activations) on the training points`, h.total);
    }
  });
  return explorer;
}
