// Where an activation passes little or no gradient, read from its sampled derivative (the core's f′), not
// from its name. Three kinds look and read differently on the explorer's plot:
// - `zero`: f′ is exactly 0 — no gradient at all; a unit whose inputs all fall here is dead (ReLU's x < 0).
// - `leak`: 0 < |f′| < 0.1 and nearly constant — a small slope that still lets gradient through (Leaky
//   ReLU's 0.01 below 0).
// - `fade`: 0 < |f′| < 0.1 and changing along the stretch, towards 0 — the flat tail of a smooth curve at
//   large |x|: saturation (sigmoid beyond |x| > 2.06).

/** |f′| below this is small: a layer passes back less than a tenth of the error there. */
export const SMALL = 0.1;
/** A stretch of small slopes whose largest |f′| is within this factor of its smallest is a constant slope. */
const CONSTANT = 1.5;

/** What each kind is called: the plot's label and the legend's words. */
export const BAND_NAMES = {
  zero: { label: 'no gradient', legend: 'f\u2032 = 0: no gradient (units die)' },
  leak: { label: 'small slope', legend: 'small constant f\u2032: gradient flows' },
  fade: { label: 'saturates', legend: '|f\u2032| < 0.1, fading: saturation' },
};

/** The sample's class: 'zero', 'small' or null. */
function classOf(d) {
  if (d === 0) return 'zero';
  return Math.abs(d) < SMALL ? 'small' : null;
}

/** A run of small, non-zero slopes: constant (`leak`) or fading (`fade`). */
function smallKind(df, start, end) {
  let lo = Infinity;
  let hi = 0;
  for (let i = start; i < end; i++) {
    const a = Math.abs(df[i]);
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  return hi <= lo * CONSTANT ? 'leak' : 'fade';
}

/**
 * Half-open index runs `{ start, end, kind }` of `df` (sampled f′) where |f′| < SMALL, split where the kind
 * changes (f′ = 0 next to a small non-zero slope makes two runs).
 */
export function bandRuns(df) {
  const runs = [];
  let start = -1;
  let cls = null;
  const close = (end) => {
    if (start < 0) return;
    runs.push({ start, end, kind: cls === 'zero' ? 'zero' : smallKind(df, start, end) });
    start = -1;
  };
  for (let i = 0; i <= df.length; i++) {
    const c = i < df.length ? classOf(df[i]) : null;
    if (c !== cls) {
      close(i);
      if (c) start = i;
      cls = c;
    }
  }
  return runs;
}
