// The activation explorer panel: picker, curve plot, parameter sliders, comparison curves, properties and notes.
// The page mounts it with mountExplorer(root, { catalogue, onSelect }) and talks to it through the returned handle.
import { activationSpec, sampleActivation } from '../pkg/activation_playground.js';
import { hueColour } from '../playground/colours.js';
import { el, formatNumber, formatShort, niceStep } from './dom.js';
import { touchScreen, onPointerChange } from '../device.js';
import { notesFor } from './notes.js';
import { Picker } from './picker.js';
import { CurvePlot, DEFAULT_VIEW, VANISH } from './plot.js';

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

/** Where |f′| < VANISH in the sampled view, as [from, to] x-intervals with edges refined between samples. */
function vanishingIntervals(spec, view, df) {
  const n = df.length;
  const xAt = (i) => view.xMin + ((view.xMax - view.xMin) * i) / (n - 1);
  const refine = (i) => {
    // The crossing lies between samples i-1 and i; sample 65 points there and take the first change.
    const inside = Math.abs(df[i - 1]) < VANISH;
    const fine = sampleActivation(spec, xAt(i - 1), xAt(i), 65).subarray(65);
    for (let k = 1; k < 65; k++) {
      if (Math.abs(fine[k]) < VANISH !== inside) return xAt(i - 1) + ((xAt(i) - xAt(i - 1)) * k) / 64;
    }
    return xAt(i);
  };
  const out = [];
  let start = null;
  for (let i = 0; i < n; i++) {
    const flat = Math.abs(df[i]) < VANISH;
    if (flat && start === null) start = i === 0 ? -Infinity : refine(i);
    if (!flat && start !== null) {
      out.push([start, refine(i)]);
      start = null;
    }
  }
  if (start !== null) out.push([start, Infinity]);
  return out;
}

/** "x < −2.06", "−0.5 < x < 0.5", ... for one interval. */
function describeInterval([a, b]) {
  const f = (x) => formatShort(x);
  if (a === -Infinity) return `x < ${f(b)}`;
  if (b === Infinity) return `x > ${f(a)}`;
  return `${f(a)} < x < ${f(b)}`;
}

/**
 * Builds the explorer inside `root` (an empty element). `catalogue` is the parsed activationCatalogue();
 * `onSelect(spec)` runs when the user picks an activation or moves a parameter. With `deferIcons` the picker's
 * curve icons are left blank until `drawIcons()` (the page draws them after its first picture). With `deferDraw`
 * the curve is not drawn until `startDrawing()`: a page that sets the activation and the histogram while it
 * boots draws the plot once, after the rest of its DOM is in (one layout instead of one per step).
 * Returns `{ select(spec), spec(), setHistogram(counts, xMin, xMax, label?, total?), redraw(), drawIcons(),
 * startDrawing() }`.
 */
export function mountExplorer(root, { catalogue, onSelect = () => {}, deferIcons = false, deferDraw = false }) {
  if (!Array.isArray(catalogue) || catalogue.length === 0) throw new Error('mountExplorer needs the activation catalogue');
  const byName = new Map(catalogue.map((e) => [e.name, e]));
  const state = {
    entry: byName.get('relu') ?? catalogue[0],
    values: {},
    spec: '',
    ghosts: [],
    histogram: null,
  };

  // ---- DOM ----
  root.classList.add('explorer');
  const title = el('h2', { class: 'ex-title', 'data-testid': 'activation-name', id: 'ex-title' });
  const formula = el('p', { class: 'ex-formula' });
  const specText = el('code', { class: 'ex-spec', 'data-testid': 'activation-spec' });
  // Every activation's formula and default spec sit, invisible, in the same grid cell as the shown one, so the
  // header is as tall as the tallest of them at any width and the picker below it never moves on a switch.
  const reserve = catalogue.map((entry) => {
    let spec = entry.name;
    try {
      spec = activationSpec(entry.params.length === 0 ? entry.name : `${entry.name}(${entry.params
        .map((p) => `${p.name}=${typeof p.default === 'number' ? f32Text(p.default) : p.default}`).join(', ')})`);
    } catch {
      // The name alone is as long as the spec needs to reserve for it.
    }
    return el('div', { class: 'ex-formula-set ex-reserve', 'aria-hidden': 'true' }, [
      el('p', { class: 'ex-formula', text: entry.formula }),
      el('code', { class: 'ex-spec', text: spec }),
    ]);
  });
  const header = el('header', { class: 'ex-header' }, [
    el('div', { class: 'ex-heading' }, [el('p', { class: 'ex-kicker', text: 'Activation function' }), title]),
    el('div', { class: 'ex-formulas' }, [el('div', { class: 'ex-formula-set' }, [formula, specText]), ...reserve]),
  ]);
  const picker = new Picker(catalogue, (name) => {
    choose(byName.get(name), {});
    emit();
  });

  const canvas = el('canvas', {
    class: 'ex-curve',
    'data-testid': 'curve',
    tabindex: '0',
    role: 'img',
    'aria-describedby': 'ex-readout ex-where',
  });
  const rangeText = el('span', { class: 'ex-range', 'aria-live': 'polite' });
  const readout = el('p', { class: 'ex-readout', id: 'ex-readout', 'data-testid': 'readout' });
  const toolButton = (label, text, action) =>
    el('button', { type: 'button', class: 'ex-tool', 'aria-label': label, title: label, text, on: { click: action } });
  const toolbar = el('div', { class: 'ex-toolbar', role: 'toolbar', 'aria-label': 'Plot range' }, [
    toolButton('Zoom out', '\u2212', () => plot.zoom(1.5)),
    toolButton('Zoom in', '+', () => plot.zoom(1 / 1.5)),
    toolButton('Reset the x-range', 'Reset', () => {
      plot.setView(DEFAULT_VIEW.xMin, DEFAULT_VIEW.xMax);
      plot.draw();
    }),
    rangeText,
  ]);

  const legendGhosts = el('span', { class: 'ex-legend-ghosts' });
  const legendHist = el('li', { class: 'ex-legend-hist', hidden: true }, [
    el('span', { class: 'ex-swatch ex-swatch-hist', 'aria-hidden': 'true' }),
    el('span', { text: 'live pre-activations' }),
  ]);
  const legend = el('ul', { class: 'ex-legend', 'aria-label': 'Legend' }, [
    el('li', {}, [el('span', { class: 'ex-swatch ex-swatch-f', 'aria-hidden': 'true' }), el('span', { text: 'f(x)' })]),
    el('li', {}, [el('span', { class: 'ex-swatch ex-swatch-df', 'aria-hidden': 'true' }), el('span', { text: 'f\u2032(x)' })]),
    el('li', {}, [
      el('span', { class: 'ex-swatch ex-swatch-vanish', 'aria-hidden': 'true' }),
      el('span', { text: '|f\u2032| < 0.1: gradient vanishes here' }),
    ]),
    legendHist,
    legendGhosts,
  ]);
  const where = el('p', { class: 'ex-where', id: 'ex-where' });
  const histNote = el('p', { class: 'ex-hist-note', hidden: true, 'data-testid': 'histogram-note' });

  const paramsBody = el('div', { class: 'ex-param-list' });
  const paramError = el('p', { class: 'ex-param-error', role: 'status' });
  const resetParams = el('button', {
    type: 'button',
    class: 'ex-tool ex-reset-params',
    text: 'Defaults',
    on: {
      click: () => {
        choose(state.entry, {});
        emit();
      },
    },
  });
  const paramFoot = el('div', { class: 'ex-param-foot' }, [paramError, resetParams]);
  const params = el('fieldset', { class: 'ex-params' }, [el('legend', { text: 'Parameters' }), paramsBody, paramFoot]);

  const ghostChips = GHOST_CHOICES.filter((n) => byName.has(n)).map((name) =>
    el(
      'button',
      {
        type: 'button',
        class: 'ex-chip',
        'aria-pressed': 'false',
        data: { ghost: name },
        on: { click: () => toggleGhost(name) },
      },
      [el('span', { class: 'ex-chip-swatch', 'aria-hidden': 'true' }), el('span', { text: byName.get(name).display })],
    ),
  );
  const compare = el('details', { class: 'ex-compare' }, [
    el('summary', { text: 'Compare with other curves' }),
    el('p', { class: 'ex-compare-hint', text: 'Dashed, with their default parameters.' }),
    el('div', { class: 'ex-chips', role: 'group', 'aria-label': 'Comparison curves' }, ghostChips),
  ]);

  const props = el('table', { class: 'ex-props' });
  const notes = el('div', { class: 'ex-notes' });
  const facts = el('div', { class: 'ex-facts' }, [
    el('h3', { class: 'ex-facts-title', text: 'Properties' }),
    props,
    el('h3', { class: 'ex-facts-title', text: 'What it does to the gradient' }),
    notes,
  ]);

  const figure = el('div', { class: 'ex-figure' }, [toolbar, el('div', { class: 'ex-canvas-wrap' }, [canvas]), readout, legend]);
  // What changes length with the activation (where its gradient vanishes, the live pre-activations, its
  // parameters) comes after the figure and, on a narrow panel, after the picker: it never moves the picker.
  const detail = el('div', { class: 'ex-detail' }, [where, histNote, params]);
  // On a narrow panel the CSS shows the figure before the picker, so the curve is on screen first.
  root.append(
    el('div', { class: 'ex-shell' }, [header, picker.node, el('div', { class: 'ex-stage' }, [figure, detail, compare, facts])]),
  );

  const plot = new CurvePlot(canvas, {
    onProbe: (x, v) => {
      readout.classList.toggle('is-live', x !== null);
      readout.textContent =
        x === null
          ? touchScreen()
            ? 'Touch the plot to read f and f\u2032 at x; + and \u2212 zoom.'
            : 'Hover the plot (or focus it and press \u2190 \u2192) to read f and f\u2032 at x. Drag pans; + / \u2212 zoom.'
          : `x = ${formatNumber(v.x)}   f(x) = ${formatNumber(v.f)}   f\u2032(x) = ${formatNumber(v.df)}`;
    },
    onView: (view) => {
      rangeText.textContent = `x from ${formatShort(view.xMin)} to ${formatShort(view.xMax)}`;
    },
  });
  plot.setView(DEFAULT_VIEW.xMin, DEFAULT_VIEW.xMax);
  plot.setProbe(null);
  onPointerChange(() => {
    if (plot.probe === null) plot.setProbe(null);
  });

  // ---- behaviour ----

  /** The spec text for `entry` with `values`, in the parser's canonical form (throws on a bad combination). */
  function specOf(entry, values) {
    if (entry.params.length === 0) return activationSpec(entry.name);
    const args = entry.params.map((p) => `${p.name}=${values[p.name]}`);
    return activationSpec(`${entry.name}(${args.join(', ')})`);
  }

  /** Makes `entry` current with parameter texts `args` (missing ones take their defaults). */
  function choose(entry, args) {
    const values = {};
    for (const p of entry.params) {
      values[p.name] = args[p.name] ?? (typeof p.default === 'number' ? f32Text(p.default) : p.default);
    }
    state.entry = entry;
    state.values = values;
    state.spec = specOf(entry, values);
    picker.mark(entry.name);
    buildParams();
    showFacts();
    update();
  }

  function emit() {
    onSelect(state.spec);
  }

  /** Redraws everything that depends on the current spec. */
  function update() {
    const { entry } = state;
    title.textContent = entry.display;
    formula.textContent = entry.formula;
    specText.textContent = state.spec;
    const isDefault = entry.params.every((p) => {
      const d = typeof p.default === 'number' ? f32Text(p.default) : p.default;
      return String(state.values[p.name]) === d;
    });
    resetParams.hidden = isDefault;
    showFoot();
    plot.setSpec(state.spec);
    draw();
  }

  let drawing = !deferDraw;
  /** The root's width when the plot was last drawn (the resize observer redraws when it changes). */
  let lastWidth = null;
  function draw() {
    if (!drawing) return;
    lastWidth = root.clientWidth;
    // Each comparison curve in its activation's one colour (its hue from the catalogue), for the plot to read.
    for (const name of state.ghosts) root.style.setProperty(`--ex-ghost-${name}`, hueColour(byName.get(name).hue));
    plot.setGhosts(
      state.ghosts.map((name) => ({
        spec: name,
        label: byName.get(name).display,
        colour: `--ex-ghost-${name}`,
      })),
    );
    plot.draw();
    canvas.setAttribute(
      'aria-label',
      `${state.entry.display} (${state.spec}) and its derivative for x from ${formatShort(plot.view.xMin)} to ${formatShort(plot.view.xMax)}`,
    );
    describeWhere();
    describeHistogram();
  }

  let whereKey = '';
  function describeWhere() {
    const s = plot.currentSamples();
    if (!s || plot.samples.key === whereKey) return;
    whereKey = plot.samples.key;
    const intervals = vanishingIntervals(state.spec, plot.view, s.df);
    if (intervals.length === 0) {
      where.textContent = 'In this view |f\u2032(x)| \u2265 0.1 everywhere: the gradient keeps at least a tenth of its size.';
    } else if (intervals.length === 1 && intervals[0][0] === -Infinity && intervals[0][1] === Infinity) {
      where.textContent = 'In this view |f\u2032(x)| < 0.1 everywhere (shaded): almost no gradient gets through.';
    } else if (intervals.length > 4) {
      where.textContent = `In this view |f\u2032(x)| < 0.1 (shaded) on ${intervals.length} separate stretches of x.`;
    } else {
      const parts = intervals.map(describeInterval);
      const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
      where.textContent = `In this view |f\u2032(x)| < 0.1 (shaded) for ${list}.`;
    }
  }

  function describeHistogram() {
    const h = state.histogram;
    legendHist.hidden = !h;
    histNote.hidden = !h;
    if (!h) return;
    const dfs = plot.histogramDerivatives();
    let total = 0;
    let flat = 0;
    for (let k = 0; k < h.counts.length; k++) {
      const c = h.counts[k];
      if (!(c > 0)) continue;
      total += c;
      if (Math.abs(dfs[k]) < VANISH) flat += c;
    }
    const label = h.label ?? 'the layer\u2019s pre-activations';
    // Values beyond the histogram's range are not in the counts; `h.total` (when given) says how many
    // there were in all, so a layer pushed far into the tails is reported as such, not as empty.
    const outside = Number.isFinite(h.total) ? Math.max(0, h.total - total) : 0;
    const beyond = `outside x from ${formatShort(h.xMin)} to ${formatShort(h.xMax)}`;
    if (total > 0 && outside > 0) {
      histNote.textContent =
        `${Math.round((100 * flat) / total)} % of the ${label} in this range sit where |f\u2032| < 0.1 (bars at ` +
        `the bottom of the plot); ${Math.round((100 * outside) / h.total)} % of all of them lie ${beyond}.`;
    } else if (total > 0) {
      histNote.textContent = `${Math.round((100 * flat) / total)} % of ${label} sit where |f\u2032| < 0.1 (bars at the bottom of the plot).`;
    } else if (outside > 0) {
      histNote.textContent = `All ${label} lie ${beyond}, beyond this plot.`;
    } else {
      histNote.textContent = `No ${label} to show yet.`;
    }
  }

  function buildParams() {
    const { entry } = state;
    paramsBody.replaceChildren();
    paramError.textContent = '';
    params.hidden = entry.params.length === 0;
    for (const p of entry.params) {
      const id = `ex-param-${p.name}`;
      if (p.choices) {
        const buttons = p.choices.map((choice) =>
          el('button', {
            type: 'button',
            class: 'ex-choice',
            'aria-pressed': String(state.values[p.name] === choice),
            text: choice,
            on: { click: () => setParam(p, choice) },
          }),
        );
        paramsBody.append(
          el('div', { class: 'ex-param' }, [
            el('span', { class: 'ex-param-name', id, text: p.name }),
            el('div', { class: 'ex-choices', role: 'group', 'aria-labelledby': id }, buttons),
          ]),
        );
        continue;
      }
      const step = niceStep(p.max - p.min, 200);
      const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      const output = el('output', { class: 'ex-param-value', for: id, text: state.values[p.name] });
      const input = el('input', {
        type: 'range',
        class: 'ex-slider',
        id,
        min: f32Text(p.min),
        max: f32Text(p.max),
        step: String(step),
        value: state.values[p.name],
        'data-param': p.name,
      });
      input.addEventListener('input', () => {
        const text = String(Number(input.valueAsNumber.toFixed(decimals)));
        if (!setParam(p, text)) input.value = state.values[p.name];
        output.textContent = state.values[p.name];
      });
      paramsBody.append(
        el('div', { class: 'ex-param' }, [el('label', { class: 'ex-param-name', for: id, text: p.name }), input, output]),
      );
    }
  }

  /** The row under the sliders shows only when there is an error to say or defaults to go back to. */
  function showFoot() {
    paramFoot.hidden = resetParams.hidden && paramError.textContent === '';
  }

  /** Sets one parameter; keeps the old value and says why when the combination is invalid. */
  function setParam(p, text) {
    const values = { ...state.values, [p.name]: text };
    let spec;
    try {
      spec = specOf(state.entry, values);
    } catch (error) {
      paramError.textContent = error.message;
      showFoot();
      return false;
    }
    paramError.textContent = '';
    state.values = values;
    state.spec = spec;
    if (p.choices) {
      for (const b of paramsBody.querySelectorAll('.ex-choice')) {
        if (p.choices.includes(b.textContent)) b.setAttribute('aria-pressed', String(b.textContent === text));
      }
    }
    update();
    emit();
    return true;
  }

  function toggleGhost(name) {
    const i = state.ghosts.indexOf(name);
    if (i >= 0) state.ghosts.splice(i, 1);
    else state.ghosts.push(name);
    legendGhosts.replaceChildren();
    for (const chip of ghostChips) {
      const k = state.ghosts.indexOf(chip.dataset.ghost);
      chip.setAttribute('aria-pressed', String(k >= 0));
      chip.className = k >= 0 ? 'ex-chip ex-ghost' : 'ex-chip';
      chip.style.setProperty('--hue', String(byName.get(chip.dataset.ghost).hue));
    }
    state.ghosts.forEach((ghost) => {
      const swatch = el('span', { class: 'ex-swatch ex-swatch-ghost ex-ghost', 'aria-hidden': 'true' });
      swatch.style.setProperty('--hue', String(byName.get(ghost).hue));
      legendGhosts.append(el('li', {}, [swatch, el('span', { text: byName.get(ghost).display })]));
    });
    draw();
  }

  function showFacts() {
    const e = state.entry;
    const yesNo = (b) => (b ? 'yes' : 'no');
    const rows = [
      ['Range', e.range],
      ['Monotonic', yesNo(e.monotonic)],
      ['Smoothness', e.smoothness],
      ['Zero-centred', yesNo(e.zeroCentred)],
      ['Saturates', e.saturates],
      ['Origin', e.origin],
      ['When to use', e.whenToUse],
    ];
    const body = el(
      'tbody',
      {},
      rows.map(([k, v]) => el('tr', {}, [el('th', { scope: 'row', text: k }), el('td', { text: v })])),
    );
    body.append(
      el('tr', {}, [
        el('th', { scope: 'row', text: 'NumPy' }),
        el('td', {}, [el('code', { class: 'ex-numpy', text: e.numpy })]),
      ]),
    );
    props.replaceChildren(body);
    notes.replaceChildren(...notesFor(e).map((text) => el('p', { text })));
  }

  // ---- mount ----
  choose(state.entry, {});
  if (!deferIcons) picker.drawIcons();
  // The observer's first call (on observe) comes after the plot was drawn at that width: nothing to redo.
  new ResizeObserver(() => {
    if (root.clientWidth === lastWidth) return;
    lastWidth = root.clientWidth;
    draw();
  }).observe(root);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    picker.drawIcons();
    draw();
  });

  return {
    /** Shows `spec` (any accepted spelling) without calling onSelect; throws on a bad spec; no-op if shown. */
    select(spec) {
      const canonical = activationSpec(spec);
      if (canonical === state.spec) return;
      const { name, args } = splitSpec(canonical);
      const entry = byName.get(name);
      if (!entry) throw new Error(`the catalogue has no activation named ${name}`);
      choose(entry, args);
    },
    /** The current canonical spec. */
    spec() {
      return state.spec;
    },
    /** Overlays live pre-activation counts over [xMin, xMax] (equal bins), or removes them with null. */
    setHistogram(counts, xMin, xMax, label, total) {
      state.histogram = counts ? { counts, xMin, xMax, label, total } : null;
      plot.setHistogram(counts, xMin, xMax);
      draw();
    },
    /** Redraws (after the page changed the layout). */
    redraw() {
      picker.drawIcons();
      draw();
    },
    /** Draws the picker's curve icons (left blank at mount with `deferIcons`). */
    drawIcons() {
      picker.drawIcons();
    },
    /** Draws the curve now and from then on (the plot waits for this with `deferDraw`). */
    startDrawing() {
      drawing = true;
      draw();
    },
  };
}
