// The loss/accuracy chart. Its history is a fixed-size buffer: when full, every second sample is dropped and
// samples are then kept half as often, so drawing costs the same at epoch 100 and at epoch 10,000,000.
import { fitCanvas, trackHover } from '../../lib/canvas.js';
import { palette, css, hueColour } from '../../lib/colours.js';
import { fmt, grouped, niceCeil, trim } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';

/** Samples kept at most (a power of two). */
export const CAPACITY = 512;

/** A decimated history of (epoch, train loss, test loss, test accuracy). */
export class History {
  constructor(capacity = CAPACITY) {
    this.epoch = new Float64Array(capacity);
    this.train = new Float32Array(capacity);
    this.test = new Float32Array(capacity);
    this.acc = new Float32Array(capacity);
    this.capacity = capacity;
    this.clear();
  }

  clear() {
    this.count = 0;
    this.stride = 1;
    this.next = 0;
  }

  /** Records a sample if `epoch` is due; halves the resolution when the buffer is full. */
  push(epoch, train, test, acc) {
    if (!Number.isFinite(train) || !Number.isFinite(test)) return;
    if (this.count > 0 && epoch <= this.epoch[this.count - 1]) return;
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

/** Draws a History with axes, legend, marks and a hover read-out. */
export class ChartView {
  constructor(canvas, readout) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.readout = readout;
    this.history = new History();
    this.hoverX = null;
    this.showAccuracy = true;
    this.marks = [];
    this.dpr = 1;
    trackHover(canvas, this);
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
  }

  /** Paints axes, marks, the three series and the hover read-out. */
  draw() {
    const { ctx, canvas, history: h, dpr } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    let lossMax = 0.1;
    for (let i = 0; i < h.count; i++) lossMax = Math.max(lossMax, h.train[i], h.test[i]);
    const xMax = Math.max(10, h.count ? h.epoch[h.count - 1] : 0);
    const box = { left: 34 * dpr, right: W - 36 * dpr, top: 8 * dpr, bottom: H - 18 * dpr, lossMax: niceCeil(lossMax), xMax };
    box.px = (e) => box.left + (e / xMax) * (box.right - box.left);
    box.py = (v) => box.bottom - (v / box.lossMax) * (box.bottom - box.top);
    box.pa = (a) => box.bottom - a * (box.bottom - box.top);
    this.drawAxes(box);
    this.drawMarks(box);
    if (this.showAccuracy) this.series(box, h.acc, box.pa, css(palette.classes[2] ?? [40, 160, 80], 0.9), [4 * dpr, 3 * dpr]);
    this.series(box, h.test, box.py, palette.ink, []);
    this.series(box, h.train, box.py, css(palette.classes[1]), []);
    if (this.hoverX !== null && h.count > 0) this.drawHover(box);
  }

  drawAxes({ left, right, top, bottom, lossMax, xMax }) {
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
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText('0', left, bottom + 3 * dpr);
    ctx.fillText('epoch', (left + right) / 2, bottom + 3 * dpr);
    ctx.textAlign = 'right';
    ctx.fillText(grouped(Math.round(xMax)), right, bottom + 3 * dpr);
  }

  /** Events (an activation switch, a live change) as labelled vertical lines. */
  drawMarks({ top, bottom, px, xMax }) {
    const { ctx, dpr } = this;
    for (const m of this.marks) {
      if (m.epoch > xMax) continue;
      const x = Math.round(px(m.epoch)) + 0.5;
      const colour = m.hue === null ? palette.muted : hueColour(m.hue);
      ctx.strokeStyle = colour;
      ctx.setLineDash([3 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.textAlign = 'left';
      ctx.fillStyle = colour;
      ctx.fillText(m.label, x + 3 * dpr, top);
    }
  }

  series({ px }, values, map, colour, dash) {
    const { ctx, history: h, dpr } = this;
    if (h.count === 0) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2 * dpr;
    ctx.setLineDash(dash);
    ctx.beginPath();
    for (let i = 0; i < h.count; i++) {
      const x = px(h.epoch[i]);
      const y = map(values[i]);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  /** The sample nearest the pointer: a vertical line and its numbers under the chart. */
  drawHover({ left, right, top, bottom, px, xMax }) {
    const { ctx, history: h } = this;
    const e = ((this.hoverX - left) / (right - left)) * xMax;
    let best = 0;
    for (let i = 1; i < h.count; i++) if (Math.abs(h.epoch[i] - e) < Math.abs(h.epoch[best] - e)) best = i;
    const x = px(h.epoch[best]);
    ctx.strokeStyle = palette.muted;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    this.readout.textContent = `epoch ${grouped(h.epoch[best])} · train loss ${fmt(h.train[best])} · test loss ${fmt(h.test[best])} ${this.showAccuracy ? ` · test accuracy ${fmt(h.acc[best] * 100, 1)} %` : ''}`;
  }
}

/** Mounts the chart: `dom` = { canvas, readout }. A new run clears it; each drawn frame adds a sample. */
export function mountChart(dom, { store }) {
  const view = new ChartView(dom.canvas, dom.readout);
  watch(store, (state, previous) => {
    if (changed(state, previous, 'run')) view.history.clear();
    if (changed(state, previous, 'marks')) view.marks = state.marks;
    if (changed(state, previous, 'nClasses')) view.showAccuracy = state.nClasses !== 1;
    if (changed(state, previous, 'frame') && state.frame && state.stats) {
      const s = state.stats;
      view.history.push(s.epoch, s.trainLoss, s.testLoss, s.testAccuracy);
      view.draw();
    }
  });
  return view;
}
