// Canvas sizing and pointer helpers: each canvas's drawing buffer follows its CSS box times the device pixel ratio.

/**
 * Sizes `canvas`'s buffer to its CSS box × devicePixelRatio (at most `maxDpr`); returns the scale in device
 * pixels per CSS pixel. The CSS box is fixed by the stylesheet (aspect-ratio), so resizing never shifts layout.
 * Drawing code then works in device pixels.
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

/**
 * The same sizing (up to 4× device pixels) with a transform so that drawing code works in CSS pixels; returns
 * the context and the CSS size.
 */
export function fitCanvasCss(canvas) {
  const dpr = Math.max(1, Math.min(4, window.devicePixelRatio || 1));
  const width = Math.max(1, canvas.clientWidth);
  const height = Math.max(1, canvas.clientHeight);
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(w / width, 0, 0, h / height, 0, 0);
  return { ctx, width, height, dpr };
}

/** Pointer position in CSS pixels relative to the canvas's top-left corner. */
export function pointerIn(canvas, event) {
  const r = canvas.getBoundingClientRect();
  return { x: event.clientX - r.left, y: event.clientY - r.top, w: r.width, h: r.height };
}

/**
 * Keeps `view.hoverX` (device pixels, or null) in step with the pointer over `canvas` and redraws `view`;
 * clears `view.readout` when a mouse leaves (a finger's reading stays until the next touch). `view` has `dpr`,
 * `readout` and `draw()`.
 */
export function trackHover(canvas, view) {
  const follow = (e) => {
    view.hoverX = pointerIn(canvas, e).x * view.dpr;
    view.draw();
  };
  canvas.addEventListener('pointermove', follow);
  // A finger reads where it touches; the read-out stays after it lifts, until the next touch.
  canvas.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch') follow(e);
  });
  canvas.addEventListener('pointerleave', (e) => {
    if (e.pointerType === 'touch') return;
    view.hoverX = null;
    view.readout.textContent = '';
    view.draw();
  });
}
