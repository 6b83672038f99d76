// The hidden-space view (after ConvNetJS's demo): the input square's grid lines and the data, mapped by the
// network into the coordinates of two neurons of one hidden layer, before or after the activation.
// Both axes share one scale, at least MIN_SPAN wide, and carry their values: a neuron that is constant over the
// square (a dead ReLU) or collapsed onto a narrow range is drawn as such and named in the note.
import { fitCanvas, fmt } from './canvas.js';
import { palette, pointColour, css } from './colours.js';
import { DOMAIN } from './heatmap.js';

/** Grid lines per direction, and samples along each line. */
const LINES = 13;
const SAMPLES = 48;
/** The smallest span an axis shows, in the neuron's own units. */
const MIN_SPAN = 1;
/** Room around the data, as a share of the span on each side. */
const PAD = 0.06;
/** A neuron whose outputs spread over less than this share of the view has collapsed (said in words). */
const COLLAPSED = 0.02;
/** Below this spread a neuron is constant. */
const CONSTANT = 1e-6;

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
      return Number.isFinite(lo) ? { lo, hi } : { lo: 0, hi: 0 };
    };
    const rx = range(0);
    const ry = range(1);
    // One scale for both axes, spanning at least MIN_SPAN: distances are true, and a neuron whose outputs
    // collapse onto one value is drawn as the line or dot it is instead of being stretched to fill the view.
    const span = Math.max(rx.hi - rx.lo, ry.hi - ry.lo, MIN_SPAN) * (1 + 2 * PAD);
    const view = (r) => ({ lo: (r.lo + r.hi) / 2 - span / 2, hi: (r.lo + r.hi) / 2 + span / 2 });
    const vx = view(rx);
    const vy = view(ry);
    this.note.textContent = [[iName, rx, 'x'], [jName, ry, 'y']].map(([name, r, axis]) => {
      const spread = r.hi - r.lo;
      if (spread < CONSTANT) {
        return `${axis}: ${name} is constant (${fmt(r.lo, 3)}) over the whole square: dead or saturated, it tells no `
          + 'points apart';
      }
      if (spread < COLLAPSED * span) {
        return `${axis}: ${name} has collapsed: every point lands between ${fmt(r.lo, digitsFor(spread))} and `
          + `${fmt(r.hi, digitsFor(spread))}, so this neuron barely tells the points apart`;
      }
      return `${axis}: ${name} from ${fmt(r.lo, 2)} to ${fmt(r.hi, 2)}`;
    }).join('; ');

    // The plot: a square, with the y values on its left, the x values and both names below it.
    const font = 11 * dpr;
    const left = 40 * dpr;
    const bottom = 2.6 * font;
    const m = 6 * dpr;
    const side = Math.max(10, Math.min(W - left - m, H - bottom - m));
    const x0 = left + (W - left - m - side) / 2;
    const y0 = m;
    const px = (v) => x0 + ((v - vx.lo) / span) * side;
    const py = (v) => y0 + side - ((v - vy.lo) / span) * side;

    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, y0, side, side);
    ctx.clip();
    // Axes through zero when zero is in view.
    ctx.lineWidth = dpr;
    ctx.strokeStyle = palette.grid;
    ctx.beginPath();
    if (vx.lo < 0 && vx.hi > 0) {
      ctx.moveTo(px(0), y0);
      ctx.lineTo(px(0), y0 + side);
    }
    if (vy.lo < 0 && vy.hi > 0) {
      ctx.moveTo(x0, py(0));
      ctx.lineTo(x0 + side, py(0));
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
    ctx.restore();

    ctx.lineWidth = dpr;
    ctx.strokeStyle = palette.axis;
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, side - 1, side - 1);
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.fillStyle = palette.muted;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(fmt(vx.lo, 2), x0, y0 + side + 3 * dpr);
    ctx.textAlign = 'right';
    ctx.fillText(fmt(vx.hi, 2), x0 + side, y0 + side + 3 * dpr);
    ctx.fillText(fmt(vy.lo, 2), x0 - 4 * dpr, y0 + side - font);
    ctx.textBaseline = 'top';
    ctx.fillText(fmt(vy.hi, 2), x0 - 4 * dpr, y0);
    ctx.fillStyle = palette.ink;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(`x: ${iName}`, x0 + side / 2, y0 + side + 3 * dpr);
    ctx.fillText(`y: ${jName}`, x0 + side / 2, y0 + side + 3 * dpr + 1.25 * font);
  }
}

/** Decimals that show a spread of `spread` with two significant digits (at least 2, at most 8). */
function digitsFor(spread) {
  return Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(spread))));
}

function hexToRgb(text) {
  const m = /^#?([0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return [128, 128, 128];
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
