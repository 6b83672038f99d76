// The decision picture: the engine's output heatmap (one putImageData into a grid-sized canvas, then one
// smooth upscale), the points on top, the legend under it, and clicks that add or remove points.
import { fitCanvas, pointerIn } from '../../lib/canvas.js';
import { palette, pointColour, css } from '../../lib/colours.js';
import { el } from '../../lib/dom.js';
import { fmt } from '../../lib/format.js';
import { toDomain, toPixel } from '../../lib/geometry.js';
import { changed, watch } from '../../app/store.js';

/** Removal reaches this many CSS pixels around the pointer. */
const REMOVE_RADIUS_PX = 14;

/** Draws the output heatmap and the points on a canvas of the square `domain` ({min, max}). */
export class BoundaryView {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas, domain) {
    this.canvas = canvas;
    this.domain = domain;
    this.ctx = canvas.getContext('2d');
    this.grid = document.createElement('canvas');
    this.gctx = this.grid.getContext('2d');
    this.dpr = 1;
    this.hasImage = false;
  }

  /** Follows the CSS size; returns true when the buffer changed size. */
  resize() {
    const before = this.canvas.width;
    this.dpr = fitCanvas(this.canvas);
    return before !== this.canvas.width;
  }

  /**
   * Copies the heatmap out of wasm memory: `rgba` is a view of grid×grid RGBA pixels, row 0 = top.
   * A heatmap with any non-finite source never reaches here: the engine restores finite weights first.
   */
  setHeatmap(rgba, gridSize) {
    if (this.grid.width !== gridSize) {
      this.grid.width = gridSize;
      this.grid.height = gridSize;
    }
    this.gctx.putImageData(new ImageData(rgba, gridSize, gridSize), 0, 0);
    this.hasImage = true;
  }

  /** Composes heatmap and points. `points` holds x, y, label, isTrain per point. */
  draw(points, nClasses, showTest) {
    const { ctx, canvas } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    // The heatmap is laid at 75 % over the neutral colour, so points of the same class still stand out.
    ctx.fillStyle = css(palette.neutral);
    ctx.fillRect(0, 0, W, H);
    if (this.hasImage) {
      ctx.globalAlpha = 0.75;
      ctx.drawImage(this.grid, 0, 0, W, H);
      ctx.globalAlpha = 1;
    }
    ctx.lineWidth = 1 * this.dpr;
    for (let pass = 0; pass < 2; pass++) {
      const train = pass === 0;
      if (!train && !showTest) break;
      ctx.strokeStyle = train ? 'rgb(255 255 255 / 0.9)' : palette.ink;
      if (nClasses > 1) this.drawClasses(points, nClasses, train);
      else this.drawTargets(points, train);
    }
  }

  /** Classification points, one path per class: a few fills per frame however many points there are. */
  drawClasses(points, nClasses, train) {
    const { ctx, canvas } = this;
    const r = 3.8 * this.dpr;
    for (let k = 0; k < nClasses; k++) {
      ctx.fillStyle = pointColour(k, nClasses);
      ctx.beginPath();
      for (let i = 0; i < points.length; i += 4) {
        if ((points[i + 3] === 1) !== train || Math.round(points[i + 2]) !== k) continue;
        const { px, py } = toPixel(this.domain, points[i], points[i + 1], canvas.width, canvas.height);
        ctx.moveTo(px + r, py);
        ctx.arc(px, py, r, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.stroke();
    }
  }

  /** Regression points, each in the colour of its target. */
  drawTargets(points, train) {
    const { ctx, canvas } = this;
    const r = 3.8 * this.dpr;
    for (let i = 0; i < points.length; i += 4) {
      if ((points[i + 3] === 1) !== train) continue;
      const { px, py } = toPixel(this.domain, points[i], points[i + 1], canvas.width, canvas.height);
      ctx.fillStyle = pointColour(points[i + 2], 1);
      ctx.beginPath();
      ctx.arc(px, py, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}

/** Draws the points of a data set into a small thumbnail canvas, y up like the big plot. */
export function drawThumbnail(canvas, points, nClasses, domain) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const r = Math.max(1, W / 48);
  for (let i = 0; i < points.length; i += 4) {
    ctx.fillStyle = pointColour(points[i + 2], nClasses);
    const { px, py } = toPixel(domain, points[i], points[i + 1], W, H);
    ctx.fillRect(px - r / 2, py - r / 2, r, r);
  }
}

/** Under the plot: class swatches for classification, the −1…+1 scale for regression. */
function legendItems(nClasses) {
  const item = (cls, label) => el('span', {}, el('i', { class: `dot ${cls}` }), ` ${label}`);
  if (nClasses === 1) return [item('c0', '−1'), el('i', { class: 'scale' }), item('c1', '+1')];
  const names = ['class A', 'class B', 'class C'].slice(0, nClasses);
  return [...names.map((n, k) => item(`c${k}`, n)), el('span', { class: 'legend-note', text: 'paler = less sure' })];
}

/**
 * Click adds a point of the chosen class, shift-click the other class, right-click or alt-click (or a click
 * with Erase on) removes the nearest point; the read-out follows the pointer.
 */
function wireEditing(canvas, domain, { store, actions }, readout) {
  const at = (event) => {
    const p = pointerIn(canvas, event);
    return { ...toDomain(domain, p.x, p.y, p.w, p.h), radius: (REMOVE_RADIUS_PX / p.w) * (domain.max - domain.min) };
  };
  canvas.addEventListener('click', (event) => {
    const d = at(event);
    if (event.altKey || store.get().edit.erase) actions.removePoint(d.x, d.y, d.radius);
    else actions.addPoint(d.x, d.y, event.shiftKey);
  });
  canvas.addEventListener('contextmenu', (event) => {
    event.preventDefault();
    const d = at(event);
    actions.removePoint(d.x, d.y, d.radius);
  });
  canvas.addEventListener('pointermove', (event) => {
    const d = at(event);
    readout.textContent = `x₁ ${fmt(d.x, 2)}, x₂ ${fmt(d.y, 2)}`;
  });
  canvas.addEventListener('pointerleave', () => {
    readout.textContent = '';
  });
}

/**
 * Mounts the output panel's picture: `dom` = { canvas, legend, readout, showTest, discretize }. Returns the
 * view (for resizing and the PNG export).
 */
export function mountBoundary(dom, { store, actions }) {
  const { domain } = store.get().describe;
  const view = new BoundaryView(dom.canvas, domain);
  const square = `${fmt(domain.min, 0)}…${fmt(domain.max, 0)}`;
  dom.canvas.setAttribute('aria-label', `Decision boundary over the square ${square} with the training points; click to add a point`);
  wireEditing(dom.canvas, domain, { store, actions }, dom.readout);
  dom.showTest.addEventListener('change', () => actions.setOption('showTest', dom.showTest.checked));
  dom.discretize.addEventListener('change', () => actions.setOption('discretize', dom.discretize.checked));
  watch(store, (state, previous) => {
    if (changed(state, previous, 'nClasses')) dom.legend.replaceChildren(...legendItems(state.nClasses));
    if (changed(state, previous, 'options')) {
      dom.showTest.checked = state.options.showTest;
      dom.discretize.checked = state.options.discretize;
    }
    if (changed(state, previous, 'frame') && state.frame) {
      view.setHeatmap(state.frame.output(), state.frame.grid);
      view.draw(state.points, state.nClasses, state.options.showTest);
    }
  });
  return view;
}
