// The network diagram: a thumbnail heatmap per neuron (all of them from ONE putImageData of the engine's
// thumbnail strip), links bucketed by sign and thickness (a few strokes per frame, not one per link), a bias
// square on every neuron including the output, dead units greyed, and a hover read-out that updates live.
import { fitCanvas, pointerIn } from '../../lib/canvas.js';
import { palette, css, diverging } from '../../lib/colours.js';
import { fmt } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';
import { activationName } from '../../app/core.js';

/** Link widths are bucketed into this many steps per sign, so a frame strokes at most 2 × LEVELS paths. */
const LEVELS = 6;

/** Draws and explains the network; `update()` once per frame with fresh engine data, `draw()` paints. */
export class NetworkView {
  /** `describe` is the core's self-description (its domain and feature labels). */
  constructor(canvas, tip, tipCanvas, tipText, describe) {
    this.domain = describe.domain;
    this.featureLabels = Object.fromEntries(describe.features.map((f) => [f.name, f.label]));
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.tip = tip;
    this.tipCanvas = tipCanvas;
    this.tipText = tipText;
    this.atlas = document.createElement('canvas');
    this.actx = this.atlas.getContext('2d');
    this.inputs = document.createElement('canvas');
    this.ictx = this.inputs.getContext('2d');
    this.thumb = 1;
    this.sizes = [];
    this.weights = [];
    this.biases = [];
    this.features = [];
    this.stats = null;
    this.activation = '';
    this.nodes = [];
    this.hover = null;
    this.dpr = 1;
    // The column heads and the diagram scroll sideways together when the columns would be narrower than a
    // stepper's buttons (a touch screen's 44-px targets at 8 layers): one box around both, made here.
    const wrap = canvas.parentElement;
    const heads = wrap?.previousElementSibling;
    if (wrap && heads?.id === 'columns') {
      const scroller = document.createElement('div');
      scroller.className = 'diagram-scroll';
      wrap.before(scroller);
      scroller.append(heads, wrap);
    }
    canvas.addEventListener('pointermove', (e) => this.onMove(e));
    // A finger reads what it touches; the read-out stays after it lifts, until the next touch.
    canvas.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'touch') this.onMove(e);
    });
    canvas.addEventListener('pointerleave', (e) => {
      if (e.pointerType === 'touch') return;
      this.hover = null;
      this.tip.hidden = true;
      this.draw();
    });
  }

  /**
   * Copies the input-feature thumbnails of the `features` in use out of `pixels`: the core's pictures of every
   * feature (`order`, thumb×thumb RGBA each, row 0 = top), drawn with the page's palette.
   */
  setFeatures(features, order, pixels, thumb) {
    this.features = features;
    const n = Math.max(1, features.length);
    const block = thumb * thumb * 4;
    this.inputs.width = thumb;
    this.inputs.height = thumb * n;
    const img = this.ictx.createImageData(thumb, thumb * n);
    features.forEach((name, f) => {
      const k = order.indexOf(name);
      if (k >= 0 && pixels.length >= (k + 1) * block) img.data.set(pixels.subarray(k * block, (k + 1) * block), f * block);
    });
    this.ictx.putImageData(img, 0, 0);
  }

  /**
   * Takes this frame's engine data. `thumbs` is a view of the engine's thumbnail strip (hidden neurons then
   * outputs, thumb×thumb RGBA each): it goes into the atlas with one putImageData.
   */
  update({ sizes, weights, biases, thumbs, thumb, stats, activation }) {
    this.sizes = sizes;
    this.weights = weights;
    this.biases = biases;
    this.stats = stats;
    this.activation = activation;
    this.thumb = thumb;
    const count = thumbs.length / (4 * thumb * thumb);
    if (count >= 1 && Number.isInteger(count)) {
      if (this.atlas.width !== thumb || this.atlas.height !== thumb * count) {
        this.atlas.width = thumb;
        this.atlas.height = thumb * count;
      }
      this.actx.putImageData(new ImageData(thumbs, thumb, thumb * count), 0, 0);
    }
  }

  resize() {
    this.dpr = fitCanvas(this.canvas);
  }

  /** Node geometry in device pixels: one column per layer (inputs, hidden…, outputs). */
  layout() {
    const W = this.canvas.width;
    // The bottom strip is kept for the dead-unit counts.
    const H = this.canvas.height - 16 * this.dpr;
    const cols = this.sizes.length;
    const most = Math.max(1, ...this.sizes);
    const colW = W / Math.max(1, cols);
    const gap = Math.max(3, 6 * this.dpr * (most > 10 ? 0.6 : 1));
    const size = Math.floor(Math.max(8 * this.dpr, Math.min(46 * this.dpr, colW * 0.5, (H - 2 * gap) / most - gap)));
    this.nodes = this.sizes.map((n, c) => {
      const cx = (c + 0.5) * colW;
      const top = H / 2 - (n * size + (n - 1) * gap) / 2;
      return Array.from({ length: n }, (_, k) => ({ x: cx - size / 2, y: top + k * (size + gap), size }));
    });
    return size;
  }

  /** Paints links, thumbnails, biases and dead-unit marks; refreshes the hover read-out. */
  draw() {
    const { ctx, canvas } = this;
    // The canvas's width follows the number of columns where the diagram scrolls: keep the pixels in step.
    this.dpr = fitCanvas(canvas);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (this.sizes.length < 2) return;
    const size = this.layout();
    this.drawLinks(size);
    ctx.imageSmoothingEnabled = true;
    let g = 0;
    const dead = (c, k) => {
      const layer = this.stats?.layers?.[c - 1];
      return Boolean(layer?.dead?.[k]);
    };
    this.nodes.forEach((column, c) => {
      column.forEach((node, k) => {
        if (c === 0) {
          if (this.inputs.height >= (k + 1) * this.inputs.width) {
            const t = this.inputs.width;
            ctx.drawImage(this.inputs, 0, k * t, t, t, node.x, node.y, node.size, node.size);
          }
        } else {
          const t = this.thumb;
          if (this.atlas.height >= (g + 1) * t) ctx.drawImage(this.atlas, 0, g * t, t, t, node.x, node.y, node.size, node.size);
          g++;
        }
        ctx.lineWidth = this.dpr;
        ctx.strokeStyle = palette.axis;
        ctx.strokeRect(node.x + 0.5, node.y + 0.5, node.size - 1, node.size - 1);
        if (c > 0) {
          if (c < this.nodes.length - 1 && dead(c, k)) {
            ctx.fillStyle = 'rgb(120 120 120 / 0.72)';
            ctx.fillRect(node.x, node.y, node.size, node.size);
            ctx.strokeStyle = palette.panel;
            ctx.beginPath();
            ctx.moveTo(node.x + 3, node.y + 3);
            ctx.lineTo(node.x + node.size - 3, node.y + node.size - 3);
            ctx.stroke();
          }
          this.drawBias(node, this.biases[c - 1]?.[k] ?? 0);
        }
        if (this.hover?.kind === 'node' && this.hover.c === c && this.hover.k === k) {
          ctx.lineWidth = 2.5 * this.dpr;
          ctx.strokeStyle = palette.ink;
          ctx.strokeRect(node.x - 1, node.y - 1, node.size + 2, node.size + 2);
        }
      });
    });
    this.drawDeadCounts();
    this.refreshTip();
  }

  /**
   * "2 of 8 dead" under each hidden column that has dead units, in the longest form that fits every such
   * column ("2 of 8 dead", "2/8 dead", "2/8"); with the bare "2/8", the input column says "dead" on that
   * line, so the numbers are still labelled. Each label stays inside its own column.
   */
  drawDeadCounts() {
    const { ctx, dpr } = this;
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillStyle = palette.muted;
    const colW = this.canvas.width / Math.max(1, this.nodes.length);
    const room = colW - 4 * dpr;
    const counts = [];
    for (let c = 1; c < this.nodes.length - 1; c++) {
      const dead = this.stats?.layers?.[c - 1]?.dead;
      const n = dead ? dead.filter(Boolean).length : 0;
      if (n > 0) counts.push({ c, forms: [`${n} of ${dead.length} dead`, `${n}/${dead.length} dead`, `${n}/${dead.length}`] });
    }
    if (!counts.length) return;
    const fits = (k) => counts.every(({ forms }) => ctx.measureText(forms[k]).width <= room);
    const form = [0, 1, 2].find(fits);
    if (form === undefined) return;
    const y = this.canvas.height - 2 * dpr;
    for (const { c, forms } of counts) ctx.fillText(forms[form], (c + 0.5) * colW, y);
    if (form === 2 && ctx.measureText('dead').width <= room) ctx.fillText('dead', 0.5 * colW, y);
  }

  drawBias(node, b) {
    const ctx = this.ctx;
    const s = Math.max(5 * this.dpr, node.size * 0.28);
    const x = node.x - s * 0.45;
    const y = node.y + node.size - s * 0.55;
    const out = [0, 0, 0, 0];
    diverging(Math.tanh(b), out, 0);
    ctx.fillStyle = css(out);
    ctx.fillRect(x, y, s, s);
    ctx.lineWidth = this.dpr;
    ctx.strokeStyle = palette.ink;
    ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
  }

  /** Largest |weight| over all layers (at least 0.5), so widths compare across layers. */
  weightScale() {
    let m = 0.5;
    for (const w of this.weights) for (let i = 0; i < w.length; i++) m = Math.max(m, Math.abs(w[i]));
    return m;
  }

  drawLinks(size) {
    const { ctx } = this;
    const scale = this.weightScale();
    for (let sign = 0; sign < 2; sign++) {
      for (let level = 0; level < LEVELS; level++) {
        ctx.beginPath();
        let any = false;
        for (let l = 0; l + 1 < this.nodes.length; l++) {
          const w = this.weights[l];
          if (!w) continue;
          const from = this.nodes[l];
          const to = this.nodes[l + 1];
          for (let o = 0; o < to.length; o++) {
            for (let i = 0; i < from.length; i++) {
              const v = w[o * from.length + i];
              if (!Number.isFinite(v) || (v >= 0) !== (sign === 1)) continue;
              const lv = Math.min(LEVELS - 1, Math.floor((Math.abs(v) / scale) * LEVELS));
              if (lv !== level) continue;
              this.linkPath(from[i], to[o], size);
              any = true;
            }
          }
        }
        if (!any) continue;
        const t = (level + 0.5) / LEVELS;
        ctx.lineWidth = (0.6 + 4.4 * t) * this.dpr;
        ctx.strokeStyle = css(palette.classes[sign], 0.25 + 0.6 * t);
        ctx.stroke();
      }
    }
    if (this.hover?.kind === 'link') {
      const { l, i, o } = this.hover;
      const a = this.nodes[l]?.[i];
      const b = this.nodes[l + 1]?.[o];
      if (a && b) {
        ctx.beginPath();
        this.linkPath(a, b, size);
        ctx.lineWidth = 3 * this.dpr;
        ctx.strokeStyle = palette.ink;
        ctx.stroke();
      }
    }
  }

  linkPath(a, b, size) {
    const x0 = a.x + size;
    const y0 = a.y + size / 2;
    const x1 = b.x;
    const y1 = b.y + size / 2;
    const mx = (x0 + x1) / 2;
    this.ctx.moveTo(x0, y0);
    this.ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
  }

  onMove(event) {
    const p = pointerIn(this.canvas, event);
    const x = p.x * this.dpr;
    const y = p.y * this.dpr;
    this.hover = this.hit(x, y);
    this.tipAt = { x: p.x, y: p.y };
    this.draw();
  }

  /** What is under (x, y) in device pixels: a node, a bias square, a link, or nothing. */
  hit(x, y) {
    for (let c = 0; c < this.nodes.length; c++) {
      for (let k = 0; k < this.nodes[c].length; k++) {
        const n = this.nodes[c][k];
        const pad = 4 * this.dpr;
        if (x >= n.x - pad && x <= n.x + n.size && y >= n.y && y <= n.y + n.size + pad) return { kind: 'node', c, k };
      }
    }
    let best = null;
    let bestD = (5 * this.dpr) ** 2;
    for (let l = 0; l + 1 < this.nodes.length; l++) {
      const from = this.nodes[l];
      const to = this.nodes[l + 1];
      if (!from.length || x < from[0].x + from[0].size || x > to[0].x) continue;
      const size = from[0].size;
      for (let o = 0; o < to.length; o++) {
        for (let i = 0; i < from.length; i++) {
          const d = bezierDistance2(from[i], to[o], size, x, y);
          if (d < bestD) {
            bestD = d;
            best = { kind: 'link', l, i, o };
          }
        }
      }
    }
    return best;
  }

  /** Name of column c's neuron k for read-outs. */
  name(c, k) {
    if (c === 0) return this.featureLabels[this.features[k]] ?? `input ${k + 1}`;
    if (c === this.sizes.length - 1) return this.sizes[c] > 1 ? `output ${k + 1}` : 'output';
    return `layer ${c}, neuron ${k + 1}`;
  }

  /** Rewrites the tooltip from the current frame's numbers, so it stays live while training. */
  refreshTip() {
    const h = this.hover;
    if (!h) {
      this.tip.hidden = true;
      return;
    }
    const tctx = this.tipCanvas.getContext('2d');
    tctx.imageSmoothingEnabled = true;
    let text = '';
    if (h.kind === 'node') {
      const { c, k } = h;
      let g = 0;
      for (let j = 1; j < c; j++) g += this.sizes[j];
      g += k;
      tctx.clearRect(0, 0, this.tipCanvas.width, this.tipCanvas.height);
      if (c === 0) {
        const t = this.inputs.width;
        tctx.drawImage(this.inputs, 0, k * t, t, t, 0, 0, this.tipCanvas.width, this.tipCanvas.height);
        text = `${this.name(c, k)}: an input feature, shown over the square ${fmt(this.domain.min, 0)}…${fmt(this.domain.max, 0)}`;
      } else {
        const t = this.thumb;
        tctx.drawImage(this.atlas, 0, g * t, t, t, 0, 0, this.tipCanvas.width, this.tipCanvas.height);
        const bias = this.biases[c - 1]?.[k];
        const out = c === this.sizes.length - 1;
        const layer = this.stats?.layers?.[c - 1];
        const isDead = !out && Boolean(layer?.dead?.[k]);
        text = `${this.name(c, k)} · bias ${fmt(bias, 3)}${out ? '' : ` · ${this.activation}`}`;
        if (isDead) text += ' · dead: its input is ≤ 0 on every training point, so it gets no gradient';
      }
    } else {
      const { l, i, o } = h;
      const w = this.weights[l]?.[o * this.sizes[l] + i];
      tctx.clearRect(0, 0, this.tipCanvas.width, this.tipCanvas.height);
      text = `weight ${this.name(l, i)} → ${this.name(l + 1, o)}: ${fmt(w, 4)}`;
    }
    this.tipCanvas.hidden = h.kind !== 'node';
    this.tipText.textContent = text;
    this.tip.hidden = false;
    const wrap = this.canvas.clientWidth;
    const left = Math.min(Math.max(0, this.tipAt.x + 14), Math.max(0, wrap - 220));
    this.tip.style.setProperty('--tip-x', `${left}px`);
    this.tip.style.setProperty('--tip-y', `${this.tipAt.y + 14}px`);
  }
}

function bezierDistance2(a, b, size, x, y) {
  const x0 = a.x + size;
  const y0 = a.y + size / 2;
  const x1 = b.x;
  const y1 = b.y + size / 2;
  const mx = (x0 + x1) / 2;
  let best = Infinity;
  for (let s = 0; s <= 16; s++) {
    const t = s / 16;
    const u = 1 - t;
    const px = u * u * u * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x1;
    const py = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
    best = Math.min(best, (px - x) ** 2 + (py - y) ** 2);
  }
  return best;
}

/**
 * The diagram is as tall as its tallest column needs at the width it has; it changes only with the network's
 * shape or the window's width, never while training.
 */
export function diagramHeight(sizes, width) {
  const most = Math.max(...sizes, 1);
  const node = Math.min(46, (width / Math.max(1, sizes.length)) * 0.5);
  return Math.round(Math.max(180, Math.min(470, most * (node + 6) + 40)));
}

/** Mounts the diagram: `dom` = { canvas, tip, tipCanvas, tipText }. Returns `{ resize() }`. */
export function mountNetwork(dom, { store }) {
  const { describe } = store.get();
  const view = new NetworkView(dom.canvas, dom.tip, dom.tipCanvas, dom.tipText, describe);
  const size = () => dom.canvas.style.setProperty('--net-h', `${diagramHeight(store.get().sizes, dom.canvas.clientWidth)}px`);
  const order = describe.features.map((f) => f.name);
  let shown = '';
  watch(store, (state, previous) => {
    if (changed(state, previous, 'sizes')) size();
    const f = state.frame;
    if (changed(state, previous, 'frame') && f) {
      // The input pictures change with the features in use and with the palette (a new featuresVersion).
      const key = `${state.values.features}|${f.featuresVersion}`;
      if (key !== shown) {
        shown = key;
        view.setFeatures(state.values.features ?? [], order, f.features(), f.thumb);
      }
      const activation = state.values.activation ?? '';
      view.update({ ...f, thumbs: f.thumbs(), stats: state.stats, activation: activationName(describe.activations, activation) });
      view.draw();
    }
  });
  return {
    resize() {
      size();
      view.resize();
    },
  };
}
