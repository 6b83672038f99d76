// Small DOM and number-formatting helpers for the evidence panel (textContent only: no HTML is ever parsed).
import { grouped } from '../playground/canvas.js';

/** Creates `<tag>` with attributes (set through setAttribute) and children (nodes or text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** `10` with `d` as a superscript exponent, e.g. 10⁻⁴. */
export function powerOfTen(d) {
  if (d === 0) return '1';
  if (d === 1) return '10';
  return `10${[...String(d)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** A positive number in compact scientific form, e.g. 6.9 × 10⁻⁴ (plain digits between 0.01 and 1000). */
export function scientific(v) {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 0.01 && a < 1000) return String(Number(v.toPrecision(2)));
  const d = Math.floor(Math.log10(a));
  const m = v / 10 ** d;
  return `${m.toFixed(1)} × ${powerOfTen(d)}`;
}

/** Below this a ratio reads as a fraction ("1/1,450"), above as a factor ("0.88×"). */
export const FRACTION_BELOW = 0.1;

/**
 * A ratio as a learner reads it: "1/1,450" below 0.1 ("1/5.2 × 10²⁴" from ten million on), "0.88×" or "3.5×"
 * above; "0" for none at all.
 */
export function formatRatio(r) {
  if (r === 0) return '0';
  if (!Number.isFinite(r) || r < 0) return '–';
  if (r >= FRACTION_BELOW && r < 1) return `${r.toFixed(2)}×`;
  if (r >= 1) return `${r < 10 ? r.toFixed(1) : grouped(Math.round(r))}×`;
  const inv = 1 / r;
  if (inv >= 1e7) return `1/${scientific(inv)}`;
  const rounded = Number(inv.toPrecision(2));
  return `1/${grouped(rounded)}`;
}

/** A share in [0, 1] as a whole percentage, or "–". */
export function percent(v) {
  return Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '–';
}

/** "A", "A and B", "A, B and C". */
export function listOf(items) {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
