// The page's colours, read once from CSS custom properties (so dark mode and the stylesheet stay in charge).

/** Class colours as [r, g, b]: class 0, class 1, class 2 (regression: negative, positive). */
export const palette = { classes: [], points: [], neutral: [0, 0, 0], ink: '#000', muted: '#666', grid: '#ddd', panel: '#fff' };

/** [r, g, b] of a CSS hex colour ("#abc" or "#aabbcc"); grey for anything else. */
export function rgb(text) {
  const hex = text.trim().replace('#', '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const n = Number.parseInt(full, 16);
  if (!Number.isFinite(n)) return [128, 128, 128];
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Re-reads the palette (at start and when the colour scheme changes). */
export function readPalette() {
  const style = getComputedStyle(document.documentElement);
  const v = (name) => style.getPropertyValue(name).trim();
  palette.classes = [rgb(v('--class-0')), rgb(v('--class-1')), rgb(v('--class-2'))];
  palette.neutral = rgb(v('--neutral'));
  // Points are a shade deeper than the regions they sit in, so a point on its own class still shows.
  palette.points = palette.classes.map(([r, g, b]) => css([r * 0.82, g * 0.82, b * 0.82].map(Math.round)));
  palette.ink = v('--ink');
  palette.muted = v('--muted');
  palette.grid = v('--grid');
  palette.panel = v('--panel');
  palette.axis = v('--axis');
}

/** The palette as the core's renderer takes it: 12 bytes, RGB of class 0, class 1, class 2 and neutral. */
export function paletteBytes() {
  return Uint8Array.from([...palette.classes[0], ...palette.classes[1], ...palette.classes[2], ...palette.neutral]);
}

/**
 * The colour of an activation: its hue (0–359, fixed per activation by the core's catalogue) at the lightness
 * and chroma the stylesheet sets for the current colour scheme (--hue-l, --hue-c), so each activation keeps
 * one colour in the race, the explorer's comparison curves and the chart's marks. Grey without a hue.
 */
export function hueColour(hue) {
  const style = getComputedStyle(document.documentElement);
  const v = (name) => style.getPropertyValue(name).trim();
  // Read at each call (not cached with the palette), so a colour-scheme change applies to whoever redraws first.
  if (!Number.isFinite(hue)) return v('--muted');
  return `oklch(${v('--hue-l')} ${v('--hue-c')} ${hue})`;
}

/** CSS colour text of [r, g, b] with an optional alpha. */
export function css([r, g, b], alpha = 1) {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Writes the diverging colour of `t` in [-1, 1] (class 0 … neutral … class 1) into `out` at `i`. */
export function diverging(t, out, i) {
  const s = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const end = s < 0 ? palette.classes[0] : palette.classes[1];
  const a = Math.abs(s);
  const n = palette.neutral;
  out[i] = n[0] + (end[0] - n[0]) * a;
  out[i + 1] = n[1] + (end[1] - n[1]) * a;
  out[i + 2] = n[2] + (end[2] - n[2]) * a;
  out[i + 3] = 255;
}

/** Colour of a point with `label` for `nClasses` (1 = regression target in [-1, 1]). */
export function pointColour(label, nClasses) {
  if (nClasses === 1) {
    const out = [0, 0, 0, 0];
    diverging(label, out, 0);
    return css(out);
  }
  const k = Math.max(0, Math.min(2, Math.round(label)));
  return palette.points[k];
}
