// The loss/accuracy chart. Its history is a fixed-size buffer: when full, every second sample is dropped and
// samples are then kept half as often, so drawing costs the same at epoch 100 and at epoch 10,000,000.
import { fitCanvas, fmt, grouped, niceCeil, trackHover, trim } from './canvas.js';
import { palette, css, hueColour } from './colours.js';

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
    this.marks = [];
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

  /**
   * Notes an event at an epoch, drawn as a labelled vertical line; a switch to an activation passes that
   * activation's hue, and the mark is drawn in its colour.
   */
  mark(epoch, label, hue = null) {
    // Several changes at one epoch (a parameter slider being dragged) make one mark: the last.
    if (this.marks.at(-1)?.epoch === epoch) this.marks.pop();
    this.marks.push({ epoch, label, hue });
    if (this.marks.length > 16) this.marks.shift();
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
    this.dpr = 1;
    trackHover(canvas, this);
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
  }

  draw() {
    const { ctx, canvas, history: h, dpr } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const left = 34 * dpr;
    const right = W - 36 * dpr;
    const top = 8 * dpr;
    const bottom = H - 18 * dpr;
    let lossMax = 0.1;
    for (let i = 0; i < h.count; i++) lossMax = Math.max(lossMax, h.train[i], h.test[i]);
    lossMax = niceCeil(lossMax);
    const lastEpoch = h.count ? h.epoch[h.count - 1] : 0;
    const xMax = Math.max(10, lastEpoch);
    const px = (e) => left + (e / xMax) * (right - left);
    const py = (v) => bottom - (v / lossMax) * (bottom - top);
    const pa = (a) => bottom - a * (bottom - top);

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

    for (const m of h.marks) {
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

    const series = (values, map, colour, dash) => {
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
    };
    if (this.showAccuracy) series(h.acc, pa, css(palette.classes[2] ?? [40, 160, 80], 0.9), [4 * dpr, 3 * dpr]);
    series(h.test, py, palette.ink, []);
    series(h.train, py, css(palette.classes[1]), []);

    if (this.hoverX !== null && h.count > 0) {
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
}
