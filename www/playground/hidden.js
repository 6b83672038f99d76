// The hidden-space view (after ConvNetJS's demo): the input square's grid lines and the data, mapped by the
// network into the coordinates of two neurons of one hidden layer, before or after the activation.
// A neuron that is constant over the square (a dead ReLU) has no range to scale by: we say so and centre it.
import { fitCanvas, fmt } from './canvas.js';
import { palette, pointColour, css } from './colours.js';
import { DOMAIN } from './heatmap.js';

/** Grid lines per direction, and samples along each line. */
const LINES = 13;
const SAMPLES = 48;

/** The grid's input points, built once: LINES horizontal then LINES vertical lines of SAMPLES points. */
function gridPoints() {
  const xy = new Float32Array(2 * LINES * SAMPLES * 2);
  let k = 0;
  for (let dir = 0; dir < 2; dir++) {
    for (let l = 0; l < LINES; l++) {
      const fixed = -DOMAIN + (2 * DOMAIN * l) / (LINES - 1);
      for (let s = 0; s < SAMPLES; s++) {
        const moving = -DOMAIN + (2 * DOMAIN * s) / (SAMPLES - 1);
        xy[k++] = dir === 0 ? moving : fixed;
        xy[k++] = dir === 0 ? fixed : moving;
      }
    }
  }
  return xy;
}

export class HiddenView {
  constructor(canvas, note) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.note = note;
    this.grid = gridPoints();
    this.dataXY = new Float32Array(0);
    this.dataLabels = new Float32Array(0);
    this.dpr = 1;
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
  }

  /** Keeps the data points' inputs (x, y pairs) and labels; called when the data change. */
  setPoints(points) {
    const n = points.length / 4;
    this.dataXY = new Float32Array(2 * n);
    this.dataLabels = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      this.dataXY[2 * i] = points[4 * i];
      this.dataXY[2 * i + 1] = points[4 * i + 1];
      this.dataLabels[i] = points[4 * i + 2];
    }
  }

  /** Draws the chosen pair; `project(xy)` maps input pairs to neuron pairs (the engine does the maths). */
  draw({ project, nClasses, iName, jName, available }) {
    const { ctx, canvas, dpr } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    if (!available) {
      this.note.textContent = 'Add a hidden layer with at least two neurons to see the space it builds.';
      return;
    }
    const g = project(this.grid);
    const d = this.dataXY.length ? project(this.dataXY) : new Float32Array(0);
    // Scale to the data when there is some (the square's far corners can map far away and would squeeze the
    // data into a corner); the grid lines then run off the edges, which is what they do.
    const scaleBy = d.length >= 10 ? [d] : [g, d];
    const range = (offset) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const arr of scaleBy) {
        for (let i = offset; i < arr.length; i += 2) {
          const v = arr[i];
          if (!Number.isFinite(v)) continue;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      if (!Number.isFinite(lo)) return { lo: -1, hi: 1, constant: true };
      if (hi - lo < 1e-6) return { lo: lo - 1, hi: hi + 1, constant: true, value: lo };
      const pad = (hi - lo) * 0.06;
      return { lo: lo - pad, hi: hi + pad, constant: false };
    };
    const rx = range(0);
    const ry = range(1);
    const notes = [];
    if (rx.constant) notes.push(`${iName} is constant (${fmt(rx.value ?? 0, 3)}) over the whole square: a dead unit?`);
    if (ry.constant) notes.push(`${jName} is constant (${fmt(ry.value ?? 0, 3)}) over the whole square: a dead unit?`);
    this.note.textContent = notes.length
      ? notes.join(' ')
      : `x: ${iName} from ${fmt(rx.lo + (rx.hi - rx.lo) * 0.057, 2)} to ${fmt(rx.hi - (rx.hi - rx.lo) * 0.057, 2)}; y: ${jName} from ${fmt(ry.lo + (ry.hi - ry.lo) * 0.057, 2)} to ${fmt(ry.hi - (ry.hi - ry.lo) * 0.057, 2)}`;
    const m = 6 * dpr;
    const px = (v) => m + ((v - rx.lo) / (rx.hi - rx.lo)) * (W - 2 * m);
    const py = (v) => H - m - ((v - ry.lo) / (ry.hi - ry.lo)) * (H - 2 * m);

    // Axes through zero when zero is in view.
    ctx.lineWidth = dpr;
    ctx.strokeStyle = palette.grid;
    ctx.beginPath();
    if (rx.lo < 0 && rx.hi > 0) {
      ctx.moveTo(px(0), 0);
      ctx.lineTo(px(0), H);
    }
    if (ry.lo < 0 && ry.hi > 0) {
      ctx.moveTo(0, py(0));
      ctx.lineTo(W, py(0));
    }
    ctx.stroke();

    ctx.strokeStyle = css(hexToRgb(palette.axis), 0.75);
    ctx.lineWidth = dpr;
    ctx.beginPath();
    for (let line = 0; line < 2 * LINES; line++) {
      for (let s = 0; s < SAMPLES; s++) {
        const k = 2 * (line * SAMPLES + s);
        const x = g[k];
        const y = g[k + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        if (s === 0) ctx.moveTo(px(x), py(y));
        else ctx.lineTo(px(x), py(y));
      }
    }
    ctx.stroke();

    const r = 2.6 * dpr;
    ctx.strokeStyle = 'rgb(255 255 255 / 0.85)';
    for (let i = 0; i < this.dataLabels.length; i++) {
      const x = d[2 * i];
      const y = d[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.fillStyle = pointColour(this.dataLabels[i], nClasses);
      ctx.beginPath();
      ctx.arc(px(x), py(y), r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}

function hexToRgb(text) {
  const m = /^#?([0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return [128, 128, 128];
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
