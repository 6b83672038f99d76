// The race's overlaid curves: test loss (top) and test accuracy (bottom) of every racer, one colour each,
// with the 90 % and 95 % finish lines. Drawing cost stays flat however long the race: at most one vertex per
// device pixel column.
import { fitCanvas, trackHover } from '../../lib/canvas.js';
import { fmt, grouped, niceCeil, trim } from '../../lib/format.js';
import { palette } from '../../lib/colours.js';

/** Bottom of the accuracy axis; lower accuracies sit on it. */
const ACC_FLOOR = 0.3;

/** Draws `series` = [{ colour, name, loss: number[], acc: number[] }] (index = epoch) on one canvas. */
export class RaceCurves {
  constructor(canvas, readout) {
    this.canvas = canvas;
    this.readout = readout;
    this.ctx = canvas.getContext('2d');
    this.series = [];
    this.hoverX = null;
    this.dpr = 1;
    trackHover(canvas, this);
  }

  /** Paints both panels: axes and finish lines, then every racer's two curves, then the hover read-out. */
  draw() {
    this.dpr = fitCanvas(this.canvas);
    const { ctx, canvas, dpr } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const epochs = Math.max(10, ...this.series.map((s) => s.loss.length - 1));
    let lossMax = 0.1;
    for (const s of this.series) for (const v of s.loss) if (Number.isFinite(v)) lossMax = Math.max(lossMax, v);
    lossMax = Math.min(niceCeil(lossMax), 10);
    const left = 40 * dpr;
    const right = W - 10 * dpr;
    const gap = 22 * dpr;
    const top = 16 * dpr;
    const bottom = H - 20 * dpr;
    const mid = (top + bottom) / 2;
    const lossBox = { top, bottom: mid - gap / 2 };
    const accBox = { top: mid + gap / 2, bottom };
    const g = {
      left, right, top, bottom, lossBox, accBox, epochs, lossMax,
      px: (e) => left + (e / epochs) * (right - left),
      pyLoss: (v) => lossBox.bottom - (Math.min(v, lossMax) / lossMax) * (lossBox.bottom - lossBox.top),
      // Accuracy from 30 % (below every chance level we show: 50 % for two classes, 33 % for three) to 100 %.
      pyAcc: (a) => accBox.bottom - ((Math.max(a, ACC_FLOOR) - ACC_FLOOR) / (1 - ACC_FLOOR)) * (accBox.bottom - accBox.top),
    };
    this.drawAxes(g);
    this.drawSeries(g);
    if (this.hoverX !== null && this.series.length) this.drawHover(g);
  }

  drawAxes({ left, right, bottom, lossBox, accBox, epochs, lossMax, pyLoss, pyAcc }) {
    const { ctx, dpr } = this;
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.lineWidth = dpr;
    const hline = (y, label, dashed = false) => {
      ctx.strokeStyle = dashed ? palette.axis : palette.grid;
      ctx.setLineDash(dashed ? [4 * dpr, 3 * dpr] : []);
      ctx.beginPath();
      ctx.moveTo(left, Math.round(y) + 0.5);
      ctx.lineTo(right, Math.round(y) + 0.5);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = palette.muted;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(label, left - 4 * dpr, y);
    };
    for (let i = 0; i <= 2; i++) hline(pyLoss((lossMax * i) / 2), trim((lossMax * i) / 2));
    hline(pyAcc(ACC_FLOOR), `${ACC_FLOOR * 100}%`);
    hline(pyAcc(0.5), '50%');
    hline(pyAcc(1), '100%');
    hline(pyAcc(0.9), '', true);
    hline(pyAcc(0.95), '', true);
    // The finish lines are named at the right end, one above and one below, so they never collide.
    ctx.fillStyle = palette.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText('95 %', right, pyAcc(0.95) - 1 * dpr);
    ctx.textBaseline = 'top';
    ctx.fillText('90 %', right, pyAcc(0.9) + 1 * dpr);
    ctx.fillStyle = palette.ink;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText('test loss', left, lossBox.top - 2 * dpr);
    ctx.fillText('test accuracy', left, accBox.top - 4 * dpr);
    ctx.fillStyle = palette.muted;
    ctx.textBaseline = 'top';
    ctx.fillText('0', left, bottom + 4 * dpr);
    ctx.textAlign = 'right';
    ctx.fillText(`epoch ${grouped(epochs)}`, right, bottom + 4 * dpr);
  }

  /** Every racer's loss and accuracy: at most one vertex per device pixel column. */
  drawSeries({ left, right, px, pyLoss, pyAcc }) {
    const { ctx, dpr } = this;
    const columns = Math.max(1, Math.round(right - left));
    for (const s of this.series) {
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = 2 * dpr;
      for (const [values, map] of [[s.loss, pyLoss], [s.acc, pyAcc]]) {
        const n = values.length;
        if (n === 0) continue;
        const stride = Math.max(1, Math.floor(n / columns));
        ctx.beginPath();
        let started = false;
        for (let e = 0; e < n; e += stride) {
          const v = values[e];
          if (!Number.isFinite(v)) continue;
          if (started) ctx.lineTo(px(e), map(v));
          else ctx.moveTo(px(e), map(v));
          started = true;
        }
        if (Number.isFinite(values[n - 1])) ctx.lineTo(px(n - 1), map(values[n - 1]));
        ctx.stroke();
      }
    }
  }

  drawHover({ left, right, top, bottom, epochs, px }) {
    const { ctx } = this;
    const e = Math.round(((this.hoverX - left) / (right - left)) * epochs);
    if (e < 0 || e > epochs) return;
    const x = Math.round(px(e)) + 0.5;
    ctx.strokeStyle = palette.muted;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    const parts = this.series.map((s) => {
      const i = Math.min(e, s.loss.length - 1);
      return `${s.name} ${fmt(s.acc[i] * 100, 1)} % (loss ${fmt(s.loss[i])})`;
    });
    this.readout.textContent = `epoch ${e}: ${parts.join(' · ')}`;
  }
}
