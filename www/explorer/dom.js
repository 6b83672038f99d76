// Small DOM helpers: every element of the explorer is built here with createElement and textContent.

/**
 * Creates an element. `props` keys: `class` (string), `text` (textContent), `data` (dataset entries),
 * `on` (event listeners); any other key is set as an attribute (skipped when null or false).
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'data') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Reads a CSS custom property as seen by `node` (colours follow the light/dark scheme). */
export function cssVar(node, name) {
  return getComputedStyle(node).getPropertyValue(name).trim();
}

/** Sizes a canvas's backing store to its CSS box times devicePixelRatio; returns its context in CSS pixels. */
export function fitCanvas(canvas) {
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

const MINUS = '\u2212';

/** A number for people: fixed decimals in the usual range, exponent form outside it, a real minus sign. */
export function formatNumber(value, decimals = 4) {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return (0).toFixed(decimals);
  const abs = Math.abs(value);
  const text = abs >= 1e5 || abs < 10 ** -decimals ? abs.toExponential(2) : abs.toFixed(decimals);
  return value < 0 ? `${MINUS}${text}` : text;
}

/** A number with at most `decimals` decimals and no trailing zeros: 2.06, 0, −6. */
export function formatShort(value, decimals = 2) {
  const text = String(Number(Math.abs(value).toFixed(decimals)));
  return value < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A tick label: as many decimals as the tick step needs. */
export function formatTick(value, step) {
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  const text = Math.abs(value).toFixed(decimals);
  return value < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A "nice" step (1, 2 or 5 times a power of ten) that cuts `span` into about `target` parts. */
export function niceStep(span, target) {
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}
