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

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above `v` (> 0): a round top for a chart axis. */
export function niceCeil(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** `v` with three significant digits and no trailing zeros, for axis labels. */
export function trim(v) {
  return Number(v.toPrecision(3)).toString();
}

/**
 * An integer with commas between groups of three digits, as `toLocaleString('en-US')` writes it, without
 * starting ICU: the first Intl call of a page costs tens of milliseconds, too much for the first picture.
 * Anything but a safe integer goes to toLocaleString; −0 is written 0.
 */
export function grouped(value) {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${out}` : out;
}

export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return '–';
  const s = value.toFixed(digits);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}
