// Geometry of the input square (the core's domain, [min, max]²) and of the points the core hands over: pure
// functions, unit-tested in tests/unit/geometry.test.mjs.

/** Pixel position of domain point (x, y) on a W×H picture: x to the right, y up (row 0 is the top). */
export function toPixel(domain, x, y, W, H) {
  const span = domain.max - domain.min;
  return { px: ((x - domain.min) / span) * W, py: ((domain.max - y) / span) * H };
}

/** Domain point under pixel (px, py) of a W×H picture, clamped to the square. */
export function toDomain(domain, px, py, W, H) {
  const span = domain.max - domain.min;
  const clamp = (v) => Math.max(domain.min, Math.min(domain.max, v));
  return { x: clamp(domain.min + (px / W) * span), y: clamp(domain.max - (py / H) * span) };
}

/** `lines` horizontal then `lines` vertical lines across the square, `samples` (x, y) points each. */
export function gridLines(domain, lines, samples) {
  const xy = new Float32Array(2 * lines * samples * 2);
  const span = domain.max - domain.min;
  let k = 0;
  for (let dir = 0; dir < 2; dir++) {
    for (let l = 0; l < lines; l++) {
      const fixed = domain.min + (span * l) / (lines - 1);
      for (let s = 0; s < samples; s++) {
        const moving = domain.min + (span * s) / (samples - 1);
        xy[k++] = dir === 0 ? moving : fixed;
        xy[k++] = dir === 0 ? fixed : moving;
      }
    }
  }
  return xy;
}

/** The (x, y) pairs of the core's points (x, y, label, isTrain per point). */
export function dataXY(points) {
  const n = points.length / 4;
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = points[4 * i];
    xy[2 * i + 1] = points[4 * i + 1];
  }
  return xy;
}

/** The labels of the core's points. */
export function dataLabels(points) {
  const n = points.length / 4;
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) labels[i] = points[4 * i + 2];
  return labels;
}

/** How many of the core's points are training points (the rest are test points). */
export function trainingCount(points) {
  let n = 0;
  for (let i = 3; i < points.length; i += 4) n += points[i] === 1 ? 1 : 0;
  return n;
}
