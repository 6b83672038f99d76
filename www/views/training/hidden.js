// The hidden-space view (after ConvNetJS's demo): the input square's grid lines and the data, mapped by the
// network into the coordinates of two neurons of one hidden layer, before or after the activation.
// A neuron that is constant over the square (a dead ReLU) has no range to scale by: we say so and centre it.
import { fitCanvas } from '../../lib/canvas.js';
import { palette, pointColour, css, rgb } from '../../lib/colours.js';
import { fillSelect } from '../../lib/dom.js';
import { fmt } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';

/** Samples along each grid line (the core projects the grid the actions give it: lines × samples points). */
const SAMPLES = 48;

/** The range of the odd or even entries (`offset` 0 = x, 1 = y) of the arrays in `arrays`, padded by 6 %. */
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
  if (!Number.isFinite(lo)) return { lo: -1, hi: 1, constant: true };
  if (hi - lo < 1e-6) return { lo: lo - 1, hi: hi + 1, constant: true, value: lo };
  const pad = (hi - lo) * 0.06;
  return { lo: lo - pad, hi: hi + pad, constant: false };
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
    const { ctx, canvas } = this;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!projection.available) {
      this.note.textContent = 'Add a hidden layer with at least two neurons to see the space it builds.';
      return;
    }
    const { grid: g, data: d } = projection;
    // Scale to the data when there is some (the square's far corners can map far away and would squeeze the
    // data into a corner); the grid lines then run off the edges, which is what they do.
    const scaleBy = d.length >= 10 ? [d] : [g, d];
    const rx = axisRange(scaleBy, 0);
    const ry = axisRange(scaleBy, 1);
    this.describe(rx, ry, `neuron ${projection.i + 1}`, `neuron ${projection.j + 1}`);
    const m = 6 * this.dpr;
    const px = (v) => m + ((v - rx.lo) / (rx.hi - rx.lo)) * (canvas.width - 2 * m);
    const py = (v) => canvas.height - m - ((v - ry.lo) / (ry.hi - ry.lo)) * (canvas.height - 2 * m);
    this.drawAxes(rx, ry, px, py);
    this.drawGrid(g, px, py);
    this.drawData(d, projection.labels, nClasses, px, py);
  }

  /** The note under the picture: the axes' ranges, or which neuron is constant. */
  describe(rx, ry, iName, jName) {
    const notes = [];
    if (rx.constant) notes.push(`${iName} is constant (${fmt(rx.value ?? 0, 3)}) over the whole square: a dead unit?`);
    if (ry.constant) notes.push(`${jName} is constant (${fmt(ry.value ?? 0, 3)}) over the whole square: a dead unit?`);
    const inner = (r) => [fmt(r.lo + (r.hi - r.lo) * 0.057, 2), fmt(r.hi - (r.hi - r.lo) * 0.057, 2)];
    const [x0, x1] = inner(rx);
    const [y0, y1] = inner(ry);
    this.note.textContent = notes.length ? notes.join(' ') : `x: ${iName} from ${x0} to ${x1}; y: ${jName} from ${y0} to ${y1}`;
  }

  /** Axes through zero when zero is in view. */
  drawAxes(rx, ry, px, py) {
    const { ctx, canvas } = this;
    ctx.lineWidth = this.dpr;
    ctx.strokeStyle = palette.grid;
    ctx.beginPath();
    if (rx.lo < 0 && rx.hi > 0) {
      ctx.moveTo(px(0), 0);
      ctx.lineTo(px(0), canvas.height);
    }
    if (ry.lo < 0 && ry.hi > 0) {
      ctx.moveTo(0, py(0));
      ctx.lineTo(canvas.width, py(0));
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
