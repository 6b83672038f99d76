// The decision picture: the engine's output heatmap (one putImageData into a grid-sized canvas, then one
// smooth upscale), the points on top, and the square's coordinates under the pointer.
import { fitCanvas } from './canvas.js';
import { palette, pointColour, css } from './colours.js';

/** Half the side of the input square: the domain is [-DOMAIN, DOMAIN]². */
export const DOMAIN = 6;

/** Draws the output heatmap and the points on the boundary canvas. */
export class BoundaryView {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
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
    const r = 3.8 * this.dpr;
    ctx.lineWidth = 1 * this.dpr;
    for (let pass = 0; pass < 2; pass++) {
      const train = pass === 0;
      if (!train && !showTest) break;
      ctx.strokeStyle = train ? 'rgb(255 255 255 / 0.9)' : palette.ink;
      if (nClasses > 1) {
        // One path per class: a few fills per frame however many points there are.
        for (let k = 0; k < nClasses; k++) {
          ctx.fillStyle = pointColour(k, nClasses);
          ctx.beginPath();
          for (let i = 0; i < points.length; i += 4) {
            if ((points[i + 3] === 1) !== train || Math.round(points[i + 2]) !== k) continue;
            const x = ((points[i] + DOMAIN) / (2 * DOMAIN)) * W;
            const y = ((DOMAIN - points[i + 1]) / (2 * DOMAIN)) * H;
            ctx.moveTo(x + r, y);
            ctx.arc(x, y, r, 0, 2 * Math.PI);
          }
          ctx.fill();
          ctx.stroke();
        }
      } else {
        for (let i = 0; i < points.length; i += 4) {
          if ((points[i + 3] === 1) !== train) continue;
          const x = ((points[i] + DOMAIN) / (2 * DOMAIN)) * W;
          const y = ((DOMAIN - points[i + 1]) / (2 * DOMAIN)) * H;
          ctx.fillStyle = pointColour(points[i + 2], nClasses);
          ctx.beginPath();
          ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.fill();
          ctx.stroke();
        }
      }
    }
  }
}

/** Draws the points of a dataset into a small thumbnail canvas, y up like the big plot. */
export function drawThumbnail(canvas, points, nClasses) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const r = Math.max(1, W / 48);
  for (let i = 0; i < points.length; i += 4) {
    ctx.fillStyle = pointColour(points[i + 2], nClasses);
    const x = ((points[i] + DOMAIN) / (2 * DOMAIN)) * W;
    const y = ((DOMAIN - points[i + 1]) / (2 * DOMAIN)) * H;
    ctx.fillRect(x - r / 2, y - r / 2, r, r);
  }
}
