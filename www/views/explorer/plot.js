// The curve canvas: f and f′ of one activation over a zoomable x-range, with axes, the bands where f′ is zero,
// a small constant slope or fading to 0 (bands.js), ghost curves to compare, an optional histogram of live
// pre-activations, and a probe.
import { sampleActivation } from '../../pkg/activation_playground.js';
import { bandRuns, BAND_NAMES, SMALL } from './bands.js';
import { fitCanvasCss } from '../../lib/canvas.js';
import { formatNumber, formatShort, formatTick, niceStep } from '../../lib/format.js';

/** |f′| below this is shaded on the plot (in one of three kinds: bands.js). */
export const VANISH = SMALL;
/** Zoom limits: the narrowest and widest x-span, and how far from 0 the view may go. */
const MIN_SPAN = 0.05;
const MAX_SPAN = 400;
const MAX_ABS_X = 1000;
/** Samples per device pixel are capped so a huge screen does not ask for more than this. */
const MAX_SAMPLES = 4000;
const MARGIN = { left: 44, right: 14, top: 12, bottom: 30 };
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Each band kind's fill and ink (CSS custom properties of the explorer). */
const BAND_COLOURS = {
  zero: ['--ex-zero', '--ex-zero-ink'],
  leak: ['--ex-leak', '--ex-leak-ink'],
  fade: ['--ex-vanish', '--ex-vanish-ink'],
};

/** Sampled values of one spec over one view; reused until the spec, the view or the width changes. */
class Samples {
  constructor() {
    this.key = '';
    this.f = null;
    this.df = null;
    this.n = 0;
  }

  /** Samples `spec` at `n` points of [xMin, xMax] unless the same request is cached. */
  update(spec, xMin, xMax, n) {
    const key = `${spec}|${xMin}|${xMax}|${n}`;
    if (key === this.key) return;
    const out = sampleActivation(spec, xMin, xMax, n);
    this.f = out.subarray(0, n);
    this.df = out.subarray(n);
    this.n = n;
    this.key = key;
  }
}

/** A jump between samples i-1 and i: much bigger than its neighbours' steps and visible (> 3 px). */
function isJump(ys, i, pxPerUnit) {
  const d = Math.abs(ys[i] - ys[i - 1]);
  if (d * pxPerUnit < 3) return false;
  const before = i >= 2 ? Math.abs(ys[i - 1] - ys[i - 2]) : 0;
  const after = i + 1 < ys.length ? Math.abs(ys[i + 1] - ys[i]) : 0;
  return d > 4 * Math.max(before, after);
}

/** The y-range that shows f, f′ and 0, at least one unit tall, padded by 8 %; ghosts and the histogram fit into it. */
export function yRange(f, df) {
  let yLo = 0;
  let yHi = 0;
  for (let i = 0; i < f.length; i++) {
    for (const v of [f[i], df[i]]) {
      if (Number.isFinite(v)) {
        if (v < yLo) yLo = v;
        if (v > yHi) yHi = v;
      }
    }
  }
  if (yHi - yLo < 1) {
    const mid = (yHi + yLo) / 2;
    yLo = Math.min(yLo, mid - 0.5);
    yHi = Math.max(yHi, mid + 0.5);
  }
  const pad = 0.08 * (yHi - yLo);
  return [yLo - pad, yHi + pad];
}

/**
 * Where |f′| < VANISH in the sampled view, as [from, to, kind] x-intervals (kind from bands.js: `zero`, `leak`
 * or `fade`), with edges against steeper slopes refined between samples.
 */
export function vanishingIntervals(spec, view, df) {
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
  // Two kinds side by side (f′ = 0 next to a small slope) meet halfway between their samples.
  const edge = (i) => (Math.abs(df[i - 1]) < VANISH && Math.abs(df[i]) < VANISH ? (xAt(i - 1) + xAt(i)) / 2 : refine(i));
  return bandRuns(df).map(({ start, end, kind }) => [
    start === 0 ? -Infinity : edge(start),
    end === n ? Infinity : edge(end),
    kind,
  ]);
}

/** The intervals where f′ is exactly 0 (no gradient at all), from `vanishingIntervals`. */
export const zeroIntervals = (intervals) => intervals.filter((iv) => iv[2] === 'zero');

/** "x < −2.06", "−0.5 < x < 0.5", ... for one interval. */
export function describeInterval([a, b]) {
  const f = (x) => formatShort(x);
  if (a === -Infinity) return `x < ${f(b)}`;
  if (b === Infinity) return `x > ${f(a)}`;
  return `${f(a)} < x < ${f(b)}`;
}

/** What each kind of band means, in the sentence under the plot. */
const WHERE = {
  zero: (list) => `f\u2032 = 0 for ${list}: no gradient at all`,
  leak: (list) => `|f\u2032| is small but not 0 for ${list}: a constant slope, so the gradient still flows`,
  fade: (list) => `|f\u2032| < 0.1 and fading towards 0 for ${list}: saturation`,
};

/** "In this view f′ = 0 for x < 0: no gradient at all.": the sentence under the plot, kind by kind. */
export function whereText(intervals) {
  if (intervals.length === 0) return 'In this view |f\u2032(x)| \u2265 0.1 everywhere: the gradient keeps at least a tenth of its size.';
  if (intervals.length === 1 && intervals[0][0] === -Infinity && intervals[0][1] === Infinity) {
    return intervals[0][2] === 'zero'
      ? 'In this view f\u2032 = 0 everywhere (hatched): no gradient gets through at all.'
      : 'In this view |f\u2032(x)| < 0.1 everywhere (shaded): almost no gradient gets through.';
  }
  if (intervals.length > 4) return `In this view |f\u2032(x)| < 0.1 (shaded) on ${intervals.length} separate stretches of x.`;
  const parts = Object.keys(WHERE).map((kind) => {
    const mine = intervals.filter((iv) => iv[2] === kind).map(describeInterval);
    if (mine.length === 0) return null;
    const list = mine.length > 1 ? `${mine.slice(0, -1).join(', ')} and ${mine.at(-1)}` : mine[0];
    return WHERE[kind](list);
  }).filter(Boolean);
  return `In this view ${parts.join('; ')}.`;
}

/** The curve plot. Call `setSpec`, `setView`, ... then `draw()`; pointer and keys are handled inside. */
export class CurvePlot {
  /**
   * `canvas`: the element to draw on (sized by CSS). `home` is the x-range a fresh plot shows and a reset
   * returns to ({ xMin, xMax }). `onProbe(x | null, values)` reports the probe, `onView(view)` reports zooming
   * and panning.
   */
  constructor(canvas, { home, onProbe, onView }) {
    this.home = Object.freeze({ ...home });
    this.canvas = canvas;
    this.onProbe = onProbe;
    this.onView = onView;
    this.spec = 'relu';
    this.view = { ...this.home };
    this.ghosts = [];
    this.histogram = null;
    this.probe = null;
    this.samples = new Samples();
    this.ghostSamples = new Map();
    this.geometry = null;
    this.drag = null;
    this.listen();
  }

  setSpec(spec) {
    this.spec = spec;
    this.refreshProbe();
  }

  /** Shows [xMin, xMax], clamped to the zoom limits. */
  setView(xMin, xMax) {
    let span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, xMax - xMin));
    let mid = (xMin + xMax) / 2;
    mid = Math.max(-MAX_ABS_X + span / 2, Math.min(MAX_ABS_X - span / 2, mid));
    span = Math.min(span, 2 * MAX_ABS_X);
    this.view = { xMin: mid - span / 2, xMax: mid + span / 2 };
    this.onView?.(this.view);
  }

  /** Back to the home x-range. */
  goHome() {
    this.setView(this.home.xMin, this.home.xMax);
  }

  /** Zooms by `factor` (< 1 zooms in) keeping the data point `anchor` fixed on screen. */
  zoom(factor, anchor = (this.view.xMin + this.view.xMax) / 2) {
    const { xMin, xMax } = this.view;
    this.setView(anchor - (anchor - xMin) * factor, anchor + (xMax - anchor) * factor);
    this.draw();
  }

  /** Moves the view by `fraction` of its span (positive: to the right). */
  pan(fraction) {
    const span = this.view.xMax - this.view.xMin;
    this.setView(this.view.xMin + span * fraction, this.view.xMax + span * fraction);
    this.draw();
  }

  /** Ghost curves: `[{ spec, label, colour }]` where colour names a CSS variable. */
  setGhosts(ghosts) {
    this.ghosts = ghosts;
  }

  /** Live histogram counts over [xMin, xMax] (equal bins), or null to hide it. */
  setHistogram(counts, xMin, xMax) {
    this.histogram = counts && counts.length > 0 && xMax > xMin ? { counts, xMin, xMax } : null;
  }

  /** Puts the probe at data x (or removes it with null) and reports f and f′ there. */
  setProbe(x) {
    this.probe = x === null ? null : Math.max(this.view.xMin, Math.min(this.view.xMax, x));
    this.refreshProbe();
  }

  refreshProbe() {
    if (this.probe === null) {
      this.probeValues = null;
      this.onProbe?.(null, null);
      return;
    }
    const out = sampleActivation(this.spec, this.probe, this.probe + 1, 2);
    this.probeValues = { x: this.probe, f: out[0], df: out[2] };
    this.onProbe?.(this.probe, this.probeValues);
  }

  /** Values of f′ at the centres of the histogram bins (for the "share in the flat part" figure). */
  histogramDerivatives() {
    const h = this.histogram;
    if (!h) return null;
    const bins = h.counts.length;
    const key = `${this.spec}|${h.xMin}|${h.xMax}|${bins}`;
    if (this.binKey !== key) {
      const width = (h.xMax - h.xMin) / bins;
      this.binKey = key;
      this.binDerivatives =
        bins === 1
          ? sampleActivation(this.spec, h.xMin + width / 2, h.xMin + width, 2).subarray(2, 3)
          : sampleActivation(this.spec, h.xMin + width / 2, h.xMax - width / 2, bins).subarray(bins);
    }
    return this.binDerivatives;
  }

  /** The sampled f′ of the current view (for the text that says where the gradient vanishes). */
  currentSamples() {
    return this.samples.n > 0 ? { ...this.view, f: this.samples.f, df: this.samples.df } : null;
  }

  listen() {
    const canvas = this.canvas;
    const dataX = (event) => {
      const g = this.geometry;
      if (!g) return null;
      const rect = canvas.getBoundingClientRect();
      const px = event.clientX - rect.left;
      if (px < g.left || px > g.right) return null;
      return g.xMin + ((px - g.left) / (g.right - g.left)) * (g.xMax - g.xMin);
    };
    canvas.addEventListener('pointermove', (event) => {
      if (this.drag) {
        const g = this.geometry;
        const dx = ((event.clientX - this.drag.clientX) / (g.right - g.left)) * (this.drag.xMax - this.drag.xMin);
        this.setView(this.drag.xMin - dx, this.drag.xMax - dx);
      }
      this.setProbe(dataX(event));
      this.draw();
    });
    canvas.addEventListener('pointerleave', (event) => {
      // A finger lifts off right after a tap: keep its read-out until the next tap.
      if (this.drag || event.pointerType === 'touch') return;
      this.setProbe(null);
      this.draw();
    });
    canvas.addEventListener('pointerdown', (event) => {
      if (event.pointerType === 'touch') {
        this.setProbe(dataX(event));
        this.draw();
        return;
      }
      if (event.button !== 0) return;
      this.drag = { clientX: event.clientX, ...this.view };
      canvas.setPointerCapture(event.pointerId);
      canvas.classList.add('is-dragging');
    });
    const endDrag = () => {
      this.drag = null;
      canvas.classList.remove('is-dragging');
    };
    canvas.addEventListener('dblclick', () => {
      this.goHome();
      this.draw();
    });
    canvas.addEventListener('pointerup', endDrag);
    canvas.addEventListener('pointercancel', endDrag);
    canvas.addEventListener(
      'wheel',
      (event) => {
        // Zoom only when asked (a focused plot, or a pinch / Ctrl+wheel) so the page still scrolls over it.
        if (!event.ctrlKey && document.activeElement !== canvas) return;
        event.preventDefault();
        const anchor = dataX(event) ?? (this.view.xMin + this.view.xMax) / 2;
        this.zoom(Math.exp(Math.max(-1, Math.min(1, event.deltaY / 300))), anchor);
      },
      { passive: false },
    );
    canvas.addEventListener('keydown', (event) => {
      const span = this.view.xMax - this.view.xMin;
      const centre = (this.view.xMin + this.view.xMax) / 2;
      const key = event.key;
      if (key === 'ArrowLeft' || key === 'ArrowRight') {
        const step = (event.shiftKey ? 0.1 : 0.01) * span * (key === 'ArrowLeft' ? -1 : 1);
        const x = (this.probe ?? centre) + step;
        if (x < this.view.xMin || x > this.view.xMax) this.pan(step / span);
        this.setProbe(x);
      } else if (key === '+' || key === '=') this.zoom(0.8, this.probe ?? centre);
      else if (key === '-' || key === '_') this.zoom(1.25, this.probe ?? centre);
      else if (key === '0') this.goHome();
      else if (key === 'Escape') this.setProbe(null);
      else return;
      event.preventDefault();
      this.draw();
    });
    canvas.addEventListener('blur', () => {
      this.setProbe(null);
      this.draw();
    });
  }

  /** Paints everything. Cheap to call every frame: samples are cached until spec, view or size change. */
  draw() {
    const canvas = this.canvas;
    if (canvas.clientWidth === 0) return;
    const g = this.frameGeometry();
    const { ctx, width, height, left, top, plotW, plotH } = g;
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = g.colour('--ex-plot-bg');
    ctx.fillRect(left, top, plotW, plotH);
    const bands = this.drawBands(g);
    this.drawAxes(g);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, plotW, plotH);
    ctx.clip();
    this.drawHistogram(g);
    this.drawBandLabels(g, bands);
    const ghostLabels = this.drawGhosts(g);
    this.trace(ctx, g.df, g.sampleX, g.Y, g.pxPerUnit, g.colour('--ex-df'), 2.25);
    this.trace(ctx, g.f, g.sampleX, g.Y, g.pxPerUnit, g.colour('--ex-f'), 2.75);
    this.drawNames(g, ghostLabels);
    if (this.probeValues) {
      this.drawProbeMarks(g);
      this.drawProbeBox(g);
    }
    ctx.restore();
  }

  /** This drawing's canvas, samples, y-range and coordinate maps (x, y in CSS pixels). */
  frameGeometry() {
    const { ctx, width, height, dpr } = fitCanvasCss(this.canvas);
    const style = getComputedStyle(this.canvas);
    const colour = (name) => style.getPropertyValue(name).trim();
    const left = MARGIN.left;
    const right = width - MARGIN.right;
    const top = MARGIN.top;
    const bottom = height - MARGIN.bottom;
    const plotW = Math.max(10, right - left);
    const plotH = Math.max(10, bottom - top);
    const { xMin, xMax } = this.view;
    const n = Math.max(2, Math.min(MAX_SAMPLES, Math.round(plotW * dpr)));
    this.samples.update(this.spec, xMin, xMax, n);
    const { f, df } = this.samples;
    const [yLo, yHi] = yRange(f, df);
    this.geometry = { left, right, top, bottom, xMin, xMax };
    return {
      ctx, width, height, colour, left, right, top, bottom, plotW, plotH, xMin, xMax, n, f, df, yLo, yHi,
      X: (x) => left + ((x - xMin) / (xMax - xMin)) * plotW,
      Y: (y) => bottom - ((y - yLo) / (yHi - yLo)) * plotH,
      pxPerUnit: plotH / (yHi - yLo),
      sampleX: (i) => left + (i / (n - 1)) * plotW,
    };
  }

  /**
   * Where |f′| < 0.1, one band per stretch, coloured by its kind (bands.js); f′ = 0 is also hatched, so no
   * gradient at all differs from a small one without colour. Returns the bands' [x0, x1, kind] pixel extents.
   */
  drawBands({ ctx, colour, df, n, left, right, top, plotH, sampleX }) {
    return bandRuns(df).map(({ start: a, end: b, kind }) => {
      const x0 = a === 0 ? left : (sampleX(a - 1) + sampleX(a)) / 2;
      const x1 = b === n ? right : (sampleX(b - 1) + sampleX(b)) / 2;
      const [fill, ink] = BAND_COLOURS[kind];
      ctx.fillStyle = colour(fill);
      ctx.fillRect(x0, top, x1 - x0, plotH);
      if (kind === 'zero') {
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, top, x1 - x0, plotH);
        ctx.clip();
        ctx.strokeStyle = colour(ink);
        ctx.globalAlpha = 0.22;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let x = x0 - plotH; x < x1; x += 9) {
          ctx.moveTo(x, top + plotH);
          ctx.lineTo(x + plotH, top);
        }
        ctx.stroke();
        ctx.restore();
      }
      return [x0, x1, kind];
    });
  }

  /** Grid, axes, frame and tick labels. */
  drawAxes({ ctx, colour, left, right, top, bottom, plotW, plotH, xMin, xMax, yLo, yHi, X, Y }) {
    ctx.font = FONT;
    ctx.lineWidth = 1;
    const xStep = niceStep(xMax - xMin, Math.max(3, Math.round(plotW / 80)));
    const yStep = niceStep(yHi - yLo, Math.max(3, Math.round(plotH / 50)));
    const ticks = (lo, hi, step) => {
      const out = [];
      for (let k = Math.ceil(lo / step); k * step <= hi; k++) out.push(k * step);
      return out;
    };
    const xTicks = ticks(xMin, xMax, xStep);
    const yTicks = ticks(yLo, yHi, yStep);
    const line = (x0, y0, x1, y1) => {
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
    };
    ctx.strokeStyle = colour('--ex-grid');
    ctx.beginPath();
    for (const x of xTicks) line(Math.round(X(x)) + 0.5, top, Math.round(X(x)) + 0.5, bottom);
    for (const y of yTicks) line(left, Math.round(Y(y)) + 0.5, right, Math.round(Y(y)) + 0.5);
    ctx.stroke();
    ctx.strokeStyle = colour('--ex-axis');
    ctx.beginPath();
    if (xMin <= 0 && xMax >= 0) line(Math.round(X(0)) + 0.5, top, Math.round(X(0)) + 0.5, bottom);
    line(left, Math.round(Y(0)) + 0.5, right, Math.round(Y(0)) + 0.5);
    ctx.stroke();
    ctx.strokeStyle = colour('--ex-frame');
    ctx.strokeRect(left + 0.5, top + 0.5, plotW - 1, plotH - 1);
    ctx.fillStyle = colour('--ex-muted');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const x of xTicks) ctx.fillText(formatTick(x, xStep), X(x), bottom + 5);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of yTicks) ctx.fillText(formatTick(y, yStep), left - 6, Y(y));
  }

  /** Histogram of live pre-activations, along the bottom. */
  drawHistogram({ ctx, colour, left, right, bottom, plotH, X }) {
    if (!this.histogram) return;
    const { counts, xMin: hMin, xMax: hMax } = this.histogram;
    let peak = 0;
    for (const c of counts) if (c > peak) peak = c;
    if (peak === 0) return;
    const binW = (hMax - hMin) / counts.length;
    const maxH = plotH * 0.32;
    ctx.fillStyle = colour('--ex-hist');
    ctx.strokeStyle = colour('--ex-hist-edge');
    ctx.beginPath();
    for (let k = 0; k < counts.length; k++) {
      if (!(counts[k] > 0)) continue;
      const x0 = X(hMin + k * binW);
      const x1 = X(hMin + (k + 1) * binW);
      if (x1 < left || x0 > right) continue;
      const h = (counts[k] / peak) * maxH;
      ctx.rect(x0, bottom - h, Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0)), h);
    }
    ctx.fill();
  }

  /** Band labels, each kind's own, where a band is wide enough for them; drawn under the curves. */
  drawBandLabels({ ctx, colour, top }, bands) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const [x0, x1, kind] of bands) {
      const w = x1 - x0;
      const cx = (x0 + x1) / 2;
      const label = BAND_NAMES[kind].label;
      ctx.fillStyle = colour(BAND_COLOURS[kind][1]);
      // One line, shrinking the type a little on small plots before giving up (the legend still says it).
      for (const size of [12, 11, 10]) {
        ctx.font = FONT.replace('12px', `${size}px`);
        if (ctx.measureText(label).width + 6 <= w) {
          ctx.fillText(label, cx, top + 6);
          break;
        }
      }
      ctx.font = FONT;
    }
  }

  /** Ghosts (f only, dashed); returns where to label each. */
  drawGhosts({ ctx, colour, xMin, xMax, n, sampleX, Y, pxPerUnit }) {
    const labels = [];
    for (const ghost of this.ghosts) {
      let cache = this.ghostSamples.get(ghost.spec);
      if (!cache) {
        cache = new Samples();
        this.ghostSamples.set(ghost.spec, cache);
      }
      cache.update(ghost.spec, xMin, xMax, n);
      ctx.setLineDash([6, 4]);
      const last = this.trace(ctx, cache.f, sampleX, Y, pxPerUnit, colour(ghost.colour), 1.75);
      ctx.setLineDash([]);
      if (last) labels.push({ ...last, text: ghost.label, colour: colour(ghost.colour) });
    }
    return labels;
  }

  /** The x-axis name at its right end, and the ghosts' names at the ends of their curves. */
  drawNames({ ctx, colour, right, top, bottom, Y }, ghostLabels) {
    ctx.fillStyle = colour('--ex-muted');
    ctx.font = `italic ${FONT}`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText('x', right - 5, Math.min(bottom - 2, Math.max(top + 14, Y(0) - 3)));
    ctx.font = FONT;
    for (const g of ghostLabels) {
      ctx.fillStyle = g.colour;
      ctx.fillText(g.text, Math.min(right - 4, g.x - 4), Math.max(top + 14, Math.min(bottom - 4, g.y - 4)));
    }
  }

  /** The probe's crosshair and its dots on f and f′. */
  drawProbeMarks({ ctx, colour, left, right, top, bottom, X, Y }) {
    const { x, f: fx, df: dfx } = this.probeValues;
    const px = X(x);
    ctx.strokeStyle = colour('--ex-crosshair');
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(Math.round(px) + 0.5, top);
    ctx.lineTo(Math.round(px) + 0.5, bottom);
    if (Number.isFinite(fx)) {
      ctx.moveTo(left, Math.round(Y(fx)) + 0.5);
      ctx.lineTo(right, Math.round(Y(fx)) + 0.5);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    for (const [v, name] of [[dfx, '--ex-df'], [fx, '--ex-f']]) {
      if (!Number.isFinite(v)) continue;
      ctx.fillStyle = colour(name);
      ctx.strokeStyle = colour('--ex-plot-bg');
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(px, Y(v), 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }

  /** The probe's small read-out box beside the crosshair. */
  drawProbeBox({ ctx, colour, left, right, top, X }) {
    const { x, f: fx, df: dfx } = this.probeValues;
    const px = X(x);
    const lines = [
      [`x = ${formatNumber(x)}`, '--ex-ink'],
      [`f(x) = ${formatNumber(fx)}`, '--ex-f'],
      [`f\u2032(x) = ${formatNumber(dfx)}`, '--ex-df'],
    ];
    ctx.font = `600 ${FONT}`;
    const boxW = Math.max(...lines.map(([t]) => ctx.measureText(t).width)) + 16;
    const boxH = lines.length * 17 + 8;
    let bx = px + 12;
    if (bx + boxW > right - 2) bx = px - 12 - boxW;
    bx = Math.max(left + 2, bx);
    const by = top + 8;
    ctx.fillStyle = colour('--ex-tip-bg');
    ctx.strokeStyle = colour('--ex-frame');
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.roundRect(bx, by, boxW, boxH, 6);
    ctx.fill();
    ctx.stroke();
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    lines.forEach(([text, name], i) => {
      ctx.fillStyle = colour(name);
      ctx.fillText(text, bx + 8, by + 6 + i * 17);
    });
  }

  /**
   * Strokes the samples `ys` (NaN and infinities leave gaps; jumps are not joined by a vertical line).
   * Returns the last finite point inside the plot, for a label.
   */
  trace(ctx, ys, sampleX, Y, pxPerUnit, colour, width) {
    const g = this.geometry;
    const clampY = (py) => Math.max(g.top - 50, Math.min(g.bottom + 50, py));
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.beginPath();
    let pen = false;
    let last = null;
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i];
      if (!Number.isFinite(y)) {
        pen = false;
        continue;
      }
      if (pen && isJump(ys, i, pxPerUnit)) pen = false;
      const px = sampleX(i);
      const py = clampY(Y(y));
      if (pen) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      pen = true;
      if (py >= g.top && py <= g.bottom) last = { x: px, y: py };
    }
    ctx.stroke();
    return last;
  }
}
