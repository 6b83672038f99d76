// Canvas sizing: each canvas's drawing buffer follows its CSS box times the device pixel ratio.

/**
 * Sizes `canvas`'s buffer to its CSS box × devicePixelRatio (at most `maxDpr`); returns the scale in device
 * pixels per CSS pixel. The CSS box is fixed by the stylesheet (aspect-ratio), so resizing never shifts layout.
 */
export function fitCanvas(canvas, maxDpr = 2) {
  const dpr = Math.min(maxDpr, Math.max(1, window.devicePixelRatio || 1));
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return dpr;
}

/** Pointer position in CSS pixels relative to the canvas's top-left corner. */
export function pointerIn(canvas, event) {
  const r = canvas.getBoundingClientRect();
  return { x: event.clientX - r.left, y: event.clientY - r.top, w: r.width, h: r.height };
}

/** Formats a number for a read-out: fixed digits, a real minus sign, and "–" for anything not finite. */
/**
 * Keeps `view.hoverX` (device pixels, or null) in step with the pointer over `canvas` and redraws `view`;
 * clears `view.readout` when the pointer leaves. `view` has `dpr`, `readout` and `draw()`.
 */
export function trackHover(canvas, view) {
  canvas.addEventListener('pointermove', (e) => {
    view.hoverX = pointerIn(canvas, e).x * view.dpr;
    view.draw();
  });
  canvas.addEventListener('pointerleave', () => {
    view.hoverX = null;
    view.readout.textContent = '';
    view.draw();
  });
}

export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return '–';
  const s = value.toFixed(digits);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}
