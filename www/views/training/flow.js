// The gradient-flow strip: one bar per layer, the mean |∂L/∂z| at its pre-activations (the error signal its
// weights learn from and the only one it passes back), on a log scale, live; a layer that gets none reads
// "none"; the ratio of the first hidden layer to the last written out; dead or saturated units per layer.
import { fitCanvas } from '../../lib/canvas.js';
import { palette } from '../../lib/colours.js';
import { el } from '../../lib/dom.js';
import { formatRatio, powerOfTen, scientific, FRACTION_BELOW } from '../../lib/format.js';
import { flowText } from '../../lib/words.js';

/** Fewest decades the log axis spans, so a healthy net does not look dramatic. */
const MIN_DECADES = 4;
/** Lowest decade drawn (values below are clamped to the axis floor). */
const FLOOR = -12;
/** Superscript digits 0–9, to turn "10⁻⁶" back into "e−6". */
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A first/last ratio below this is called vanishing in the sentence under the strip. */
const VANISHING = 0.01;

/** The strip. `root` receives a canvas and two read-out lines; call `update(stats)` each frame. */
export class GradientFlow {
  constructor(root) {
    this.root = root;
    this.canvas = el('canvas', {
      class: 'ev-flow-canvas',
      role: 'img',
      'aria-label': 'Mean absolute gradient at each layer’s pre-activations, on a log scale',
      'aria-describedby': 'ev-flow-ratio ev-flow-layers ev-flow-units',
    });
    this.ratio = el('p', { class: 'ev-ratio', id: 'ev-flow-ratio' });
    // The bars in words, for screen readers (the strip's own sentences above and below say the rest).
    this.layersText = el('p', { class: 'sr-only', id: 'ev-flow-layers', 'data-testid': 'flow-words' });
    this.units = el('p', { class: 'ev-units', id: 'ev-flow-units' });
    root.append(this.canvas, this.ratio, this.layersText, this.units);
    this.ctx = this.canvas.getContext('2d');
    this.values = [];
    this.start = [];
    this.dead = [];
    this.widths = [];
    this.saturated = [];
    this.shape = '';
    this.lastEpoch = -1;
    this.readColours();
  }

  /** Reads the bar colours from CSS (at start and when the colour scheme changes). */
  readColours() {
    const style = getComputedStyle(this.root);
    const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    this.colours = { bar: v('--ev-bar', '#4f46e5'), out: v('--ev-bar-out', '#8a929e'), dead: v('--ev-dead', '#b42318') };
  }

  /** Reads a `statsJson()` object (or its text): the bars, the epoch-0 markers and the read-outs. */
  update(statsOrJson) {
    const stats = typeof statsOrJson === 'string' ? JSON.parse(statsOrJson) : statsOrJson;
    const layers = stats.layers ?? [];
    const shape = layers.map((l) => l.units).join(',');
    // A new network (or a reset to epoch 0) starts a new reference: the gradient at initialisation.
    if (shape !== this.shape || stats.epoch < this.lastEpoch || stats.epoch === 0) {
      this.start = layers.map((l) => l.meanAbsGradZ);
      this.shape = shape;
    }
    this.lastEpoch = stats.epoch;
    this.values = layers.map((l) => l.meanAbsGradZ);
    this.widths = layers.map((l) => l.units);
    this.dead = layers.map((l) => (l.dead ?? []).filter(Boolean).length);
    this.saturated = layers.map((l) => l.saturated);
    this.writeText(stats.epoch);
    const words = flowText(stats);
    if (this.layersText.textContent !== words) this.layersText.textContent = words;
    this.draw();
  }

  writeText(epoch) {
    const hidden = this.values.length - 1;
    if (hidden < 2) {
      this.ratio.textContent = hidden < 1
        ? 'No hidden layer: nothing for the gradient to travel through.'
        : 'One hidden layer: add another to watch the gradient travel back through the layers.';
    } else {
      const first = this.values[0];
      const last = this.values[hidden - 1];
      const r = first / last;
      const cut = this.values.slice(0, hidden).lastIndexOf(0);
      if (cut >= 0 && this.dead[cut] === this.widths[cut]) {
        this.ratio.textContent = `Layer ${cut + 1} passes no gradient back (epoch ${epoch}): every one of its units `
          + `is dead, so ${cut === 0 ? 'it has' : `it and the ${cut === 1 ? 'layer' : 'layers'} below it have`} stopped learning.`;
      } else if (!Number.isFinite(r) || !(last > 0)) {
        this.ratio.textContent = `No gradient to compare at epoch ${epoch}: the last hidden layer receives none `
          + '(are there any training points?).';
      } else if (first === 0) {
        this.ratio.textContent = `Layer 1 receives no gradient at all (epoch ${epoch}): every unit of layer 2 is `
          + 'dead or cut off, so nothing is passed back to it and it has stopped learning.';
      } else {
        const verdict = r < VANISHING
          ? ' — vanishing: the first layers barely move.'
          : r < 0.1 ? ' — fading.' : ' — the error signal gets through.';
        const share = r < FRACTION_BELOW ? `${formatRatio(r)} of the gradient` : `${formatRatio(r)} the gradient`;
        this.ratio.textContent = `Layer 1 receives ${share} that layer ${hidden} receives `
          + `(first ÷ last = ${scientific(r)}, epoch ${epoch})${verdict}`;
      }
    }
    let dead = 0;
    let units = 0;
    const parts = [];
    for (let l = 0; l < hidden; l++) {
      dead += this.dead[l];
      units += this.widths[l];
      parts.push(`layer ${l + 1}: ${this.dead[l]} of ${this.widths[l]}`);
    }
    const sat = this.saturatedShare(hidden);
    const deadText = hidden > 0 ? `Dead units: ${dead} of ${units} (${parts.join(' · ')}).` : '';
    const satText = hidden === 0 ? ''
      : sat === null ? ' Saturation: — (this activation has no bound to saturate at).'
        : ` Saturated: ${(sat * 100).toFixed(0)} % of hidden outputs sit within 3 % of a bound.`;
    this.units.textContent = deadText + satText;
  }

  /** Unit-weighted saturated share of the hidden layers, or null when the activation is unbounded. */
  saturatedShare(hidden) {
    let sum = 0;
    let units = 0;
    for (let l = 0; l < hidden; l++) {
      const s = this.saturated[l];
      if (s === null || s === undefined) return null;
      sum += s * this.widths[l];
      units += this.widths[l];
    }
    return units > 0 ? sum / units : null;
  }

  /** Redraws the bars (after a resize or a colour-scheme change too). */
  draw() {
    const dpr = fitCanvas(this.canvas);
    const { ctx, canvas } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const n = this.values.length;
    if (n === 0) return;
    const logs = [...this.values, ...this.start].filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
    let hi = logs.length ? Math.ceil(Math.max(...logs)) : 0;
    let lo = logs.length ? Math.floor(Math.min(...logs)) : -MIN_DECADES;
    if (hi - lo < MIN_DECADES) lo = hi - MIN_DECADES;
    lo = Math.max(FLOOR, lo);
    hi = Math.max(hi, lo + 1);

    const font = 11 * dpr;
    ctx.font = `${font}px system-ui, sans-serif`;
    const left = 62 * dpr;
    const right = 8 * dpr;
    const top = 34 * dpr;
    const bottom = 34 * dpr;
    const plotH = H - top - bottom;
    const y = (v) => top + plotH * (1 - (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo));

    // What the bars and the decades measure, above the axis.
    ctx.fillStyle = palette.ink;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText('mean |∂L/∂z| per layer, log scale', 2 * dpr, 2 * dpr);
    this.drawDecades({ dpr, font, left, right, W, plotH, lo, hi, y });

    const slot = (W - left - right) / n;
    const room = slot - 8 * dpr;
    const { dead: deadColour } = this.colours;
    const nameY = top + plotH + 4 * dpr;
    // "layer 3" under each bar, or the bare numbers with "layer" once in the left margin where it does not fit.
    const bare = Array.from({ length: n - 1 }, (_, l) => `layer ${l + 1}`).some((t) => ctx.measureText(t).width > room);
    const names = Array.from({ length: n - 1 }, (_, l) => (bare ? `${l + 1}` : `layer ${l + 1}`));
    const noteY = nameY + font * 1.25;
    const g = { dpr, top, plotH, slot, room, y, lo, nameY, barW: Math.min(56 * dpr, slot * 0.62) };
    ctx.textAlign = 'center';
    for (let l = 0; l < n; l++) this.drawBar(g, l, left + slot * (l + 0.5), l === n - 1 ? null : names[l]);
    if (bare) {
      ctx.fillStyle = palette.muted;
      ctx.textAlign = 'right';
      ctx.fillText('layer', left - 4 * dpr, nameY);
    }
    this.drawNotes({ n, left, slot, room, noteY, deadColour, dpr });
  }

  /** Decade grid: a line per decade, a value on every one that leaves room between the values. */
  drawDecades({ dpr, font, left, right, W, plotH, lo, hi, y }) {
    const { ctx } = this;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    const every = Math.max(1, Math.ceil((1.4 * font) / (plotH / (hi - lo))));
    for (let d = lo; d <= hi; d++) {
      const yy = Math.round(y(10 ** d)) + 0.5;
      ctx.strokeStyle = palette.grid;
      ctx.beginPath();
      ctx.moveTo(left, yy);
      ctx.lineTo(W - right, yy);
      ctx.stroke();
      if ((hi - d) % every !== 0) continue;
      ctx.fillStyle = palette.muted;
      ctx.fillText(powerOfTen(d), left - 6 * dpr, yy);
    }
  }

  /** Layer `l`'s bar at x = `cx`: its value, its epoch-0 tick and its name (`name` null: the output). */
  drawBar({ dpr, top, plotH, slot, room, y, lo, nameY, barW }, l, cx, name) {
    const { ctx } = this;
    const { bar: accent, out: outColour, dead: deadColour } = this.colours;
    const isOut = name === null;
    const v = this.values[l];
    if (v === 0) {
      // No gradient at all: no bar, and the word for it.
      ctx.fillStyle = deadColour;
      ctx.textBaseline = 'bottom';
      ctx.fillText('none', cx, top + plotH - 2 * dpr);
    } else if (v > 0 && Number.isFinite(v)) {
      const yy = y(v);
      ctx.fillStyle = isOut ? outColour : accent;
      ctx.fillRect(cx - barW / 2, yy, barW, top + plotH - yy);
      ctx.fillStyle = palette.ink;
      ctx.textBaseline = 'bottom';
      // "9.8 × 10⁻⁶", or "9.8e−6" where the slot is too narrow for it; where neither fits, the bar's top
      // against the decade lines is the reading.
      const long = v < 10 ** lo ? `< ${powerOfTen(lo)}` : scientific(v);
      const short = long.replace(/ × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/, (_, e) => `e${[...e].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).map((d) => (d < 0 ? '−' : d)).join('')}`);
      const value = [long, short, long.replace(' ', '')].find((t) => ctx.measureText(t).width <= slot - 2 * dpr);
      if (value) ctx.fillText(value, cx, yy - 2 * dpr);
    }
    const s = this.start[l];
    if (s > 0 && Number.isFinite(s)) {
      // Where this layer's gradient was at initialisation: a dashed tick across the bar.
      const ys = Math.round(y(s)) + 0.5;
      ctx.strokeStyle = palette.ink;
      ctx.setLineDash([3 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(cx - barW / 2 - 4 * dpr, ys);
      ctx.lineTo(cx + barW / 2 + 4 * dpr, ys);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.textBaseline = 'top';
    ctx.fillStyle = palette.ink;
    ctx.fillText(isOut ? (ctx.measureText('output').width <= room ? 'output' : 'out') : name, cx, nameY);
  }

  /**
   * The line under the layer names: dead units for unbounded activations ("3 of 8 dead"), the saturated share
   * for bounded ones ("11 % saturated"). Where the full words do not fit every slot, the numbers go bare and
   * the line is named once in the left margin ("dead", "saturated"), so no number is left unexplained.
   */
  drawNotes({ n, left, slot, room, noteY, deadColour, dpr }) {
    const { ctx } = this;
    const hidden = n - 1;
    if (hidden < 1) return;
    const bounded = this.saturated.slice(0, hidden).every((v) => v !== null && v !== undefined);
    const notes = Array.from({ length: hidden }, (_, l) => {
      const dead = this.dead[l];
      const units = this.widths[l];
      if (bounded && dead === 0) {
        const p = Math.round(this.saturated[l] * 100);
        return { forms: [`${p} % saturated`, `${p}% saturated`, `${p} %`, `${p}%`], colour: palette.muted };
      }
      return {
        forms: [`${dead} of ${units} dead`, `${dead}/${units} dead`, `${dead}/${units}`, `${dead}/${units}`],
        colour: dead > 0 ? deadColour : palette.muted,
      };
    });
    const fits = (k) => notes.every((note) => ctx.measureText(note.forms[k]).width <= room);
    let form = [0, 1, 2, 3].find(fits);
    if (form === undefined) {
      // Narrower still (a phone, eight layers): the bare numbers in a smaller type.
      ctx.font = `${9 * dpr}px system-ui, sans-serif`;
      form = 3;
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    notes.forEach((note, l) => {
      ctx.fillStyle = note.colour;
      ctx.fillText(note.forms[form], left + slot * (l + 0.5), noteY);
    });
    if (form >= 2) {
      ctx.fillStyle = palette.muted;
      ctx.textAlign = 'right';
      ctx.fillText(bounded ? 'saturated' : 'dead', left - 4 * dpr, noteY);
    }
  }
}
