// The loss/accuracy chart. Its history is a fixed-size buffer: when full, every second sample is dropped and
// samples are then kept half as often, so drawing costs the same at epoch 100 and at epoch 10,000,000. The last
// samples are also kept at full resolution, for a "recent" window beside the whole run. Marks (an activation
// switch, a changed setting) are labelled above the plot in lanes, never over each other or the axes; a label
// too long for its room is cut, and shows its whole text on hover and keyboard focus.
import { fitCanvas, trackHover } from '../../lib/canvas.js';
import { palette, css, hueColour } from '../../lib/colours.js';
import { fmt, grouped, niceCeil, trim } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';
import { el } from '../../lib/dom.js';
import { chartText } from '../../lib/words.js';
import { calmDelay } from './words.js';

/** Samples kept at most (a power of two). */
export const CAPACITY = 512;

/** The last `capacity` samples, every one (each at least an epoch after the one before). */
export class Ring {
  constructor(capacity) {
    this.epoch = new Float64Array(capacity);
    this.train = new Float32Array(capacity);
    this.test = new Float32Array(capacity);
    this.acc = new Float32Array(capacity);
    this.capacity = capacity;
    this.clear();
  }

  clear() {
    this.count = 0;
    this.start = 0;
  }

  push(epoch, train, test, acc) {
    const i = (this.start + this.count) % this.capacity;
    if (this.count === this.capacity) this.start = (this.start + 1) % this.capacity;
    else this.count++;
    this.epoch[i] = epoch;
    this.train[i] = train;
    this.test[i] = test;
    this.acc[i] = acc;
  }

  /** Copies the samples at or after epoch `from` (and the one before, so a line enters from the edge) into `out`. */
  copyFrom(from, out) {
    let first = 0;
    while (first + 1 < this.count && this.epoch[(this.start + first + 1) % this.capacity] <= from) first++;
    out.count = 0;
    for (let k = first; k < this.count; k++) {
      const i = (this.start + k) % this.capacity;
      const j = out.count++;
      out.epoch[j] = this.epoch[i];
      out.train[j] = this.train[i];
      out.test[j] = this.test[i];
      out.acc[j] = this.acc[i];
    }
  }
}

/** A decimated history of (epoch, train loss, test loss, test accuracy). */
export class History {
  constructor(capacity = CAPACITY) {
    this.epoch = new Float64Array(capacity);
    this.train = new Float32Array(capacity);
    this.test = new Float32Array(capacity);
    this.acc = new Float32Array(capacity);
    this.capacity = capacity;
    this.recent = new Ring(capacity);
    this.clear();
  }

  clear() {
    this.count = 0;
    this.stride = 1;
    this.next = 0;
    this.marks = [];
    this.recent.clear();
  }

  /** Records a sample if `epoch` is due; halves the resolution when the buffer is full. */
  push(epoch, train, test, acc) {
    if (!Number.isFinite(train) || !Number.isFinite(test)) return;
    if (this.count > 0 && epoch <= this.epoch[this.count - 1]) return;
    this.recent.push(epoch, train, test, acc);
    if (epoch < this.next) return;
    if (this.count === this.capacity) {
      for (let i = 0; i < this.capacity / 2; i++) {
        const j = 2 * i + 1;
        this.epoch[i] = this.epoch[j];
        this.train[i] = this.train[j];
        this.test[i] = this.test[j];
        this.acc[i] = this.acc[j];
      }
      this.count = this.capacity / 2;
      this.stride *= 2;
    }
    const i = this.count++;
    this.epoch[i] = epoch;
    this.train[i] = train;
    this.test[i] = test;
    this.acc[i] = acc;
    this.next = epoch + this.stride;
  }
}

/** Epochs in the "recent" window. */
export const RECENT_EPOCHS = 500;
/** Label lanes above the plot, their height and the gap kept between two labels (CSS px). */
const LANES = 2;
const LANE_H = 15;
const GAP = 4;
/** The narrowest cut label (an arrow and an ellipsis); a mark with less room joins the label before it. */
const MIN_LABEL = 18;
/** The label font, as the stylesheet sets it for `.chart-mark`; padding and border around the text. */
const LABEL_FONT = '11px system-ui, sans-serif';
const LABEL_PAD = 8;

/**
 * Places labels of width `widths[k]` for marks at `xs[k]` (ascending, CSS px) between `left` and `right`, in
 * `lanes` lanes: beside the line to its right if the whole label fits, else to its left, else cut to the room
 * there is; a mark with less than `MIN_LABEL` of room anywhere joins the label placed before it. Returns one
 * entry per mark: `{ lane, x, w }` or `{ joins: index of the label it joins }`. No two labels in a lane overlap.
 */
export function placeLabels(xs, widths, left, right, lanes = LANES) {
  const ends = new Array(lanes).fill(-Infinity);
  const out = [];
  let lastPlaced = -1;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    const want = widths[k];
    let best = null;
    const consider = (lane, start, w, rank) => {
      if (w < MIN_LABEL - 0.01) return;
      if (!best || rank < best.rank || (rank === best.rank && w > best.w)) best = { lane, x: start, w, rank };
    };
    for (let lane = 0; lane < lanes; lane++) {
      const free = Math.max(left, ends[lane] + GAP);
      // To the right of the line, starting at it.
      const rStart = x + 2;
      if (rStart >= free) {
        const room = right - rStart;
        if (room >= want) consider(lane, rStart, want, 0);
        else consider(lane, rStart, room, 2);
      }
      // To the left of the line, ending at it.
      const lEnd = Math.min(x - 2, right);
      if (lEnd - want >= free) consider(lane, lEnd - want, want, 1);
      else consider(lane, free, lEnd - free, 3);
    }
    if (best) {
      ends[best.lane] = best.x + best.w;
      out.push({ lane: best.lane, x: best.x, w: best.w });
      lastPlaced = k;
    } else {
      out.push({ joins: lastPlaced });
    }
  }
  return out;
}

/**
 * Draws a History with axes, legend, marks and a hover read-out. `marks` (optional) is an element laid over the
 * canvas that receives the mark labels; `windows` (optional) holds buttons with `data-window="recent"` and
 * `data-window="all"`.
 */
export class ChartView {
  constructor(canvas, readout, { marks = null, windows = null } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.readout = readout;
    this.history = new History();
    this.hoverX = null;
    this.showAccuracy = true;
    this.dpr = 1;
    this.window = 'all';
    this.view = { epoch: new Float64Array(CAPACITY), train: new Float32Array(CAPACITY), test: new Float32Array(CAPACITY), acc: new Float32Array(CAPACITY), count: 0 };
    this.marksLayer = marks;
    this.labels = [];
    this.span = '';
    this.windows = windows;
    if (windows) {
      windows.addEventListener('click', (e) => {
        const button = e.target.closest('[data-window]');
        if (button) this.setWindow(button.dataset.window);
      });
      this.markWindow();
    }
    trackHover(canvas, this);
  }

  /** Shows the whole run ('all') or the last RECENT_EPOCHS epochs ('recent'). */
  setWindow(which) {
    this.window = which === 'recent' ? 'recent' : 'all';
    this.markWindow();
    this.draw();
  }

  markWindow() {
    for (const b of this.windows?.querySelectorAll('[data-window]') ?? []) {
      b.setAttribute('aria-pressed', String(b.dataset.window === this.window));
    }
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
  }

  /** The samples to draw and the epochs the x axis spans. */
  samples() {
    const h = this.history;
    const last = h.count ? h.epoch[h.count - 1] : 0;
    if (this.window === 'recent' && last > RECENT_EPOCHS) {
      const from = last - RECENT_EPOCHS;
      h.recent.copyFrom(from, this.view);
      return { s: this.view, xMin: from, xMax: last };
    }
    return { s: h, xMin: 0, xMax: Math.max(10, last) };
  }

  /** Paints axes, the marks' lines and labels, the three series and the hover read-out. */
  draw() {
    const { ctx, canvas, history: h, dpr } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const { s, xMin, xMax } = this.samples();
    const left = 34 * dpr;
    const right = W - 36 * dpr;
    const px = (e) => left + ((e - xMin) / (xMax - xMin)) * (right - left);
    const shown = h.marks.filter((m) => m.epoch >= xMin && m.epoch <= xMax);
    // The labels' lanes sit above the plot, so no label lies on a curve, a tick or another label.
    const band = shown.length ? LANES * LANE_H + 2 : 0;
    const top = (8 + band) * dpr;
    const bottom = H - 18 * dpr;
    let lossMax = 0.1;
    for (let i = 0; i < s.count; i++) lossMax = Math.max(lossMax, s.train[i], s.test[i]);
    const box = { s, xMin, xMax, left, right, top, bottom, px, shown, lossMax: niceCeil(lossMax) };
    box.py = (v) => bottom - (v / box.lossMax) * (bottom - top);
    box.pa = (a) => bottom - a * (bottom - top);
    const span = `Train and test loss and test accuracy, epochs ${grouped(Math.round(xMin))} to ${grouped(Math.round(xMax))}`;
    if (span !== this.span) {
      this.span = span;
      canvas.setAttribute('aria-label', span);
    }
    this.drawAxes(box);
    this.drawMarkLines(box);
    this.placeMarks(shown, shown.map((m) => px(m.epoch) / dpr), left / dpr, right / dpr);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, 0, right - left, H);
    ctx.clip();
    if (this.showAccuracy) this.series(box, s.acc, box.pa, css(palette.classes[2] ?? [40, 160, 80], 0.9), [4 * dpr, 3 * dpr]);
    this.series(box, s.test, box.py, palette.ink, []);
    this.series(box, s.train, box.py, css(palette.classes[1]), []);
    ctx.restore();
    if (this.hoverX !== null && s.count > 0) this.drawHover(box);
  }

  drawAxes({ left, right, top, bottom, lossMax, xMin, xMax }) {
    const { ctx, dpr } = this;
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.lineWidth = dpr;
    ctx.strokeStyle = palette.grid;
    ctx.fillStyle = palette.muted;
    ctx.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const y = top + ((bottom - top) * i) / 4;
      ctx.beginPath();
      ctx.moveTo(left, Math.round(y) + 0.5);
      ctx.lineTo(right, Math.round(y) + 0.5);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.fillText(trim(lossMax * (1 - i / 4)), left - 4 * dpr, y);
      ctx.textAlign = 'left';
      if (this.showAccuracy) ctx.fillText(`${100 - 25 * i}%`, right + 4 * dpr, y);
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(grouped(Math.round(xMin)), left, bottom + 3 * dpr);
    ctx.textAlign = 'center';
    ctx.fillText('epoch', (left + right) / 2, bottom + 3 * dpr);
    ctx.textAlign = 'right';
    ctx.fillText(grouped(Math.round(xMax)), right, bottom + 3 * dpr);
  }

  /** Each mark's dashed line, in its activation's colour (grey for a changed setting). */
  drawMarkLines({ shown, px, bottom }) {
    const { ctx, dpr } = this;
    ctx.setLineDash([3 * dpr, 3 * dpr]);
    for (const m of shown) {
      const x = Math.round(px(m.epoch)) + 0.5;
      ctx.strokeStyle = m.hue === null || m.hue === undefined ? palette.muted : hueColour(m.hue);
      ctx.beginPath();
      ctx.moveTo(x, 8 * dpr);
      ctx.lineTo(x, bottom);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }

  series({ s, px }, values, map, colour, dash) {
    const { ctx, dpr } = this;
    if (s.count === 0) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2 * dpr;
    ctx.setLineDash(dash);
    ctx.beginPath();
    for (let i = 0; i < s.count; i++) {
      const x = px(s.epoch[i]);
      const y = map(values[i]);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  /** The sample nearest the pointer: a vertical line, and its numbers (and a mark there) under the chart. */
  drawHover({ s, xMin, xMax, left, right, top, bottom, px, shown }) {
    const { ctx, dpr } = this;
    const e = xMin + ((this.hoverX - left) / (right - left)) * (xMax - xMin);
    let best = -1;
    for (let i = 0; i < s.count; i++) {
      if (s.epoch[i] < xMin) continue;
      if (best < 0 || Math.abs(s.epoch[i] - e) < Math.abs(s.epoch[best] - e)) best = i;
    }
    if (best < 0) return;
    const x = px(s.epoch[best]);
    ctx.strokeStyle = palette.muted;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    // A mark's line near the pointer (or finger: the labels are no target for one) is read out too.
    const near = shown.filter((m) => Math.abs(px(m.epoch) - this.hoverX) <= 12 * dpr).map((m) => `epoch ${grouped(m.epoch)}: ${m.label}`);
    this.readout.textContent = `epoch ${grouped(s.epoch[best])} · train loss ${fmt(s.train[best])} · test loss ${fmt(s.test[best])}${this.showAccuracy ? ` · test accuracy ${fmt(s.acc[best] * 100, 1)} %` : ''}${near.length ? ` · ${near.join('; ')}` : ''}`;
  }

  /** Lays the labels of the marks at `xs` (CSS px) out over the canvas, cut where room is short. */
  placeMarks(marks, xs, left, right) {
    const layer = this.marksLayer;
    if (!layer) return;
    const { ctx } = this;
    ctx.save();
    ctx.font = LABEL_FONT;
    const widths = marks.map((m) => Math.ceil(ctx.measureText(m.label).width) + LABEL_PAD);
    ctx.restore();
    const places = placeLabels(xs, widths, left, right);
    const fulls = marks.map((m) => `epoch ${grouped(m.epoch)}: ${m.label}`);
    for (let k = 0; k < places.length; k++) {
      const p = places[k];
      if (p.joins !== undefined && p.joins >= 0) fulls[p.joins] += `; ${fulls[k]}`;
    }
    let n = 0;
    for (let k = 0; k < places.length; k++) {
      const p = places[k];
      if (p.joins !== undefined) continue;
      const label = this.labels[n] ?? this.newLabel();
      n++;
      if (label.textContent !== marks[k].label) label.textContent = marks[k].label;
      if (label.getAttribute('aria-label') !== fulls[k]) label.setAttribute('aria-label', fulls[k]);
      label.style.setProperty('--x', `${p.x}px`);
      label.style.setProperty('--y', `${8 + p.lane * LANE_H}px`);
      label.style.setProperty('--w', `${p.w}px`);
      label.style.color = marks[k].hue === null || marks[k].hue === undefined ? '' : hueColour(marks[k].hue);
      if (label === document.activeElement || label.matches(':hover')) this.readout.textContent = fulls[k];
    }
    for (const extra of this.labels.splice(n)) extra.remove();
  }

  newLabel() {
    const label = document.createElement('span');
    this.labels.push(label);
    label.className = 'chart-mark';
    label.tabIndex = 0;
    label.setAttribute('role', 'note');
    label.dataset.testid = 'chart-mark';
    const say = () => {
      this.readout.textContent = label.getAttribute('aria-label');
    };
    const quiet = () => {
      if (this.hoverX === null) this.readout.textContent = '';
    };
    label.addEventListener('pointerenter', say);
    label.addEventListener('focus', say);
    label.addEventListener('pointerleave', quiet);
    label.addEventListener('blur', quiet);
    this.marksLayer.append(label);
    return label;
  }
}

/**
 * Mounts the chart: `dom` = { canvas, readout, marks, windows }. A new run clears it; each drawn frame adds a
 * sample; the marks are the state's.
 */
export function mountChart(dom, { store }) {
  const view = new ChartView(dom.canvas, dom.readout, { marks: dom.marks, windows: dom.windows });
  // The chart in words, for screen readers (aria-describedby), rewritten at most every CALM_MS.
  const words = el('p', { id: 'chart-words', class: 'sr-only', 'data-testid': 'chart-words' });
  dom.canvas.after(words);
  dom.canvas.setAttribute('aria-describedby', 'chart-words');
  let last = -Infinity;
  let timer = null;
  const describe = () => {
    timer = null;
    last = performance.now();
    words.textContent = chartText(view.history, view.history.marks, view.showAccuracy);
  };
  describe();
  watch(store, (state, previous) => {
    if (changed(state, previous, 'run')) view.history.clear();
    view.history.marks = state.marks;
    if (changed(state, previous, 'nClasses')) view.showAccuracy = state.nClasses !== 1;
    if (changed(state, previous, 'frame') && state.frame && state.stats) {
      const s = state.stats;
      view.history.push(s.epoch, s.trainLoss, s.testLoss, s.testAccuracy);
      view.draw();
    }
    if (changed(state, previous, 'run', 'frame', 'marks')) timer ??= setTimeout(describe, calmDelay(performance.now(), last));
  });
  return view;
}
