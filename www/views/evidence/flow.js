// The gradient-flow strip: one bar per layer, the mean |∂L/∂a| it receives, on a log scale, live; the ratio of the
// first hidden layer to the last written out; dead and saturated units counted per layer.
import { fitCanvas } from '../../lib/canvas.js';
import { palette } from '../../lib/colours.js';
import { el } from '../../lib/dom.js';
import { formatRatio, powerOfTen, scientific, FRACTION_BELOW } from '../../lib/format.js';

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
      'aria-label': 'Mean absolute gradient reaching each layer, on a log scale',
    });
    this.ratio = el('p', { class: 'ev-ratio' });
    this.units = el('p', { class: 'ev-units' });
    root.append(this.canvas, this.ratio, this.units);
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
      this.start = layers.map((l) => l.meanAbsGradA);
      this.shape = shape;
    }
    this.lastEpoch = stats.epoch;
    this.values = layers.map((l) => l.meanAbsGradA);
    this.widths = layers.map((l) => l.units);
    this.dead = layers.map((l) => (l.dead ?? []).filter(Boolean).length);
    this.saturated = layers.map((l) => l.saturated);
    this.writeText(stats.epoch);
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
      if (!Number.isFinite(r) || !(last > 0)) {
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
    const left = 42 * dpr;
    const right = 8 * dpr;
    const top = 18 * dpr;
    const bottom = 34 * dpr;
    const plotH = H - top - bottom;
    const y = (v) => top + plotH * (1 - (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo));

    // Decade grid.
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    for (let d = lo; d <= hi; d++) {
      const yy = Math.round(y(10 ** d)) + 0.5;
      ctx.strokeStyle = palette.grid;
      ctx.beginPath();
      ctx.moveTo(left, yy);
      ctx.lineTo(W - right, yy);
      ctx.stroke();
      ctx.fillStyle = palette.muted;
      ctx.fillText(powerOfTen(d), left - 6 * dpr, yy);
    }

    const slot = (W - left - right) / n;
    const g = { dpr, font, top, plotH, slot, y, barW: Math.min(56 * dpr, slot * 0.62) };
    ctx.textAlign = 'center';
    for (let l = 0; l < n; l++) this.drawBar(g, l, left + slot * (l + 0.5), l === n - 1);
  }

  /** Layer `l`'s bar at x = `cx`: its value, its epoch-0 tick, its name and its dead / saturated note. */
  drawBar({ dpr, font, top, plotH, slot, y, barW }, l, cx, isOut) {
    const { ctx } = this;
    const { bar: accent, out: outColour, dead: deadColour } = this.colours;
    const v = this.values[l];
    if (v === 0) {
      ctx.fillStyle = deadColour;
      ctx.textBaseline = 'bottom';
      ctx.fillText('0', cx, top + plotH - 2 * dpr);
    } else if (v > 0 && Number.isFinite(v)) {
      const yy = y(v);
      ctx.fillStyle = isOut ? outColour : accent;
      ctx.fillRect(cx - barW / 2, yy, barW, top + plotH - yy);
      ctx.fillStyle = palette.ink;
      ctx.textBaseline = 'bottom';
      // "9.8 × 10⁻⁶", or "9.8e−6" where the slot is too narrow for it.
      const long = scientific(v);
      const short = long.replace(/ × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/, (_, e) => `e${[...e].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).map((d) => (d < 0 ? '−' : d)).join('')}`);
      ctx.fillText(ctx.measureText(long).width <= slot - 2 * dpr ? long : short, cx, yy - 2 * dpr);
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
    ctx.fillText(isOut ? 'output' : `layer ${l + 1}`, cx, top + plotH + 4 * dpr);
    ctx.fillStyle = isOut || !(this.dead[l] > 0) ? palette.muted : deadColour;
    ctx.fillText(isOut ? '∂L/∂z' : this.barNote(l, slot - 4 * dpr), cx, top + plotH + 4 * dpr + font * 1.25);
  }

  /** The longest form that fits `width`: "3 of 8 dead", then "3/8 dead", then "3/8" (or the saturated share). */
  barNote(l, width) {
    const dead = this.dead[l];
    const n = this.widths[l];
    const sat = this.saturated[l];
    const forms = dead > 0 ? [`${dead} of ${n} dead`, `${dead}/${n} dead`, `${dead}/${n}`]
      : sat != null ? [`${Math.round(sat * 100)} % sat.`, `${Math.round(sat * 100)} %`]
        : [`${n} units`, `${n}`];
    return forms.find((f) => this.ctx.measureText(f).width <= width) ?? forms[forms.length - 1];
  }
}
