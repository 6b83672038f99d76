// The hidden-space view (after ConvNetJS's demo): the input square's grid lines and the data, mapped by the
// network into the coordinates of two neurons of one hidden layer, before or after the activation.
// Both axes share one scale, at least MIN_SPAN wide, and carry their values: a neuron that is constant over the
// square (a dead ReLU) or collapsed onto a narrow range is drawn as such and named in the note.
import { fitCanvas } from '../../lib/canvas.js';
import { palette, pointColour, css, rgb } from '../../lib/colours.js';
import { fillSelect } from '../../lib/dom.js';
import { fmt } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';

/** Samples along each grid line (the core projects the grid the actions give it: lines × samples points). */
const SAMPLES = 48;
/** The smallest span an axis shows, in the neuron's own units. */
const MIN_SPAN = 1;
/** Room around the data, as a share of the span on each side. */
const PAD = 0.06;
/** A neuron whose outputs spread over less than this share of the view has collapsed (said in words). */
const COLLAPSED = 0.02;
/** Below this spread a neuron is constant. */
const CONSTANT = 1e-6;

/** The range {lo, hi} of the odd or even entries (`offset` 0 = x, 1 = y) of `arrays`; {0, 0} if none is finite. */
export function axisRange(arrays, offset) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of arrays) {
    for (let i = offset; i < arr.length; i += 2) {
      const v = arr[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return Number.isFinite(lo) ? { lo, hi } : { lo: 0, hi: 0 };
}

/**
 * One scale for both axes, spanning at least MIN_SPAN: distances are true, and a neuron whose outputs collapse
 * onto one value is drawn as the line or dot it is instead of being stretched to fill the view. Returns the
 * common span and each axis's view {lo, hi}, centred on its range.
 */
export function commonScale(rx, ry) {
  const span = Math.max(rx.hi - rx.lo, ry.hi - ry.lo, MIN_SPAN) * (1 + 2 * PAD);
  const view = (r) => ({ lo: (r.lo + r.hi) / 2 - span / 2, hi: (r.lo + r.hi) / 2 + span / 2 });
  return { span, vx: view(rx), vy: view(ry) };
}

/** Decimals that show a spread of `spread` with two significant digits (at least 2, at most 8). */
function digitsFor(spread) {
  return Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(spread))));
}

/** What an axis shows, in words: its neuron's range, or that the neuron is constant or has collapsed. */
export function axisNote(axis, name, r, span) {
  const spread = r.hi - r.lo;
  if (spread < CONSTANT) {
    return `${axis}: ${name} is constant (${fmt(r.lo, 3)}) over the whole square: dead or saturated, it tells no points apart`;
  }
  if (spread < COLLAPSED * span) {
    return `${axis}: ${name} has collapsed: every point lands between ${fmt(r.lo, digitsFor(spread))} and `
      + `${fmt(r.hi, digitsFor(spread))}, so this neuron barely tells the points apart`;
  }
  return `${axis}: ${name} from ${fmt(r.lo, 2)} to ${fmt(r.hi, 2)}`;
}

export class HiddenView {
  constructor(canvas, note) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.note = note;
    this.dpr = 1;
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
  }

  /** Draws a projection from the actions: `{ available, grid, data, labels, i, j }` and the class count. */
  draw(projection, nClasses) {
    const { ctx, canvas, dpr } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    if (!projection.available) {
      this.note.textContent = 'Add a hidden layer with at least two neurons to see the space it builds.';
      return;
    }
    const { grid: g, data: d } = projection;
    const names = [`neuron ${projection.i + 1}`, `neuron ${projection.j + 1}`];
    // Scale to the data when there is some (the square's far corners can map far away and would squeeze the
    // data into a corner); the grid lines then run off the edges, which is what they do.
    const scaleBy = d.length >= 10 ? [d] : [g, d];
    const rx = axisRange(scaleBy, 0);
    const ry = axisRange(scaleBy, 1);
    const { span, vx, vy } = commonScale(rx, ry);
    this.note.textContent = `${axisNote('x', names[0], rx, span)}; ${axisNote('y', names[1], ry, span)}`;
    // The plot: a square, with the y values on its left, the x values and both names below it.
    const font = 11 * dpr;
    const left = 40 * dpr;
    const m = 6 * dpr;
    const side = Math.max(10, Math.min(W - left - m, H - 2.6 * font - m));
    const box = { x0: left + (W - left - m - side) / 2, y0: m, side, font, vx, vy, span };
    box.px = (v) => box.x0 + ((v - vx.lo) / span) * side;
    box.py = (v) => box.y0 + side - ((v - vy.lo) / span) * side;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x0, box.y0, side, side);
    ctx.clip();
    this.drawAxes(box);
    this.drawGrid(g, box.px, box.py);
    this.drawData(d, projection.labels, nClasses, box.px, box.py);
    ctx.restore();
    this.drawFrame(box, names);
  }

  /** Axes through zero when zero is in view. */
  drawAxes({ x0, y0, side, vx, vy, px, py }) {
    const { ctx } = this;
    ctx.lineWidth = this.dpr;
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
  }

  drawGrid(g, px, py) {
    const { ctx } = this;
    ctx.strokeStyle = css(rgb(palette.axis), 0.75);
    ctx.lineWidth = this.dpr;
    ctx.beginPath();
    const lines = g.length / (2 * SAMPLES);
    for (let line = 0; line < lines; line++) {
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
  }

  drawData(d, labels, nClasses, px, py) {
    const { ctx } = this;
    const r = 2.6 * this.dpr;
    ctx.strokeStyle = 'rgb(255 255 255 / 0.85)';
    for (let i = 0; i < labels.length; i++) {
      const x = d[2 * i];
      const y = d[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.fillStyle = pointColour(labels[i], nClasses);
      ctx.beginPath();
      ctx.arc(px(x), py(y), r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }

  /** The square's frame, the values at its edges, and both neurons' names below it. */
  drawFrame({ x0, y0, side, font, vx, vy }, [iName, jName]) {
    const { ctx, dpr } = this;
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
    ctx.fillText(fmt(vy.hi, 2), x0 - 4 * dpr, y0);
    ctx.fillStyle = palette.ink;
    ctx.textAlign = 'center';
    ctx.fillText(`x: ${iName}`, x0 + side / 2, y0 + side + 3 * dpr);
    ctx.fillText(`y: ${jName}`, x0 + side / 2, y0 + side + 3 * dpr + 1.25 * font);
  }
}

/** The layer and neuron menus follow the network's shape and the chosen pair. */
function syncMenus(dom, state) {
  const hiddenSizes = state.sizes.slice(1, -1);
  const { layer, i, j } = state.hidden;
  const units = hiddenSizes[layer] ?? 0;
  fillSelect(dom.layer, hiddenSizes.map((n, l) => [String(l), `${l + 1} (${n} neurons)`]), String(layer));
  const neurons = Array.from({ length: units }, (_, k) => [String(k), `neuron ${k + 1}`]);
  fillSelect(dom.i, neurons, String(i));
  fillSelect(dom.j, neurons, String(j));
  for (const control of [dom.layer, dom.i, dom.j, dom.next]) control.disabled = units < 2;
  dom.pre.checked = state.hidden.pre;
}

/**
 * Mounts the hidden-space panel: `dom` = { canvas, note, layer, i, j, next, pre }. It is drawn only while on
 * screen: the observer's first report, which comes with the first frame, says whether it is (below the fold,
 * the usual case, it costs the first picture nothing).
 */
export function mountHidden(dom, { store, actions }) {
  const view = new HiddenView(dom.canvas, dom.note);
  dom.layer.addEventListener('change', () => actions.setHidden({ layer: Number(dom.layer.value) }));
  dom.i.addEventListener('change', () => actions.setHidden({ i: Number(dom.i.value) }));
  dom.j.addEventListener('change', () => actions.setHidden({ j: Number(dom.j.value) }));
  dom.pre.addEventListener('change', () => actions.setHidden({ pre: dom.pre.checked }));
  dom.next.addEventListener('click', () => actions.nextHiddenPair());
  new IntersectionObserver((entries) => {
    actions.setHidden({ visible: entries.some((e) => e.isIntersecting) });
  }).observe(dom.canvas);
  watch(store, (state, previous) => {
    if (changed(state, previous, 'sizes', 'hidden')) syncMenus(dom, state);
    const projection = state.frame?.projection;
    if (changed(state, previous, 'frame') && projection) view.draw(projection, state.nClasses);
  });
  return view;
}
