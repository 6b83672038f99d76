// Numbers and short texts for people: pure functions (no DOM), unit-tested in tests/unit/format.test.mjs.

const MINUS = '\u2212';

/** A number for a read-out: fixed digits, a real minus sign, and "–" for anything not finite. */
export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return '–';
  const s = value.toFixed(digits);
  return s.startsWith('-') ? `${MINUS}${s.slice(1)}` : s;
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

/** Shortens user text (a key from a hostile link) for a status message; never inserted as HTML. */
export function clip(text, max = 40) {
  const s = String(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The text of a thrown value, whatever it is. */
export function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** "1 hidden layer", "2 hidden layers": `n` and a noun, plural when n ≠ 1. */
export function count(n, noun, plural = `${noun}s`) {
  return `${n} ${n === 1 ? noun : plural}`;
}
