// The pictures in words: pure functions (no DOM) that turn the core's numbers into the sentences a screen
// reader reads for each canvas. The decision map comes from the core's class map (`regions(n)`: the class
// predicted at each cell centre, row 0 at the top, 255 where the output is not a number), the rest from
// `statsJson()` and the points. Unit-tested in tests/unit/words.test.mjs.
import { FRACTION_BELOW, count, formatNumber, formatRatio, grouped, listOf, percent, scientific } from './format.js';

/** A class-map cell whose output is not a number (the core's marker). */
export const NO_CLASS = 255;

/** The nine parts of the square, row by row from the top: three rows and three columns of cells. */
export const ZONES = [
  'top-left corner', 'top edge', 'top-right corner',
  'left edge', 'centre', 'right edge',
  'bottom-left corner', 'bottom edge', 'bottom-right corner',
];
const CORNERS = [0, 2, 6, 8];
const EDGES = [1, 3, 5, 7];

/** The names of a task's classes, as the legend writes them (regression: the sign of the prediction). */
export function classNames(nClasses) {
  if (nClasses === 1) return ['below 0', 'above 0'];
  return ['class A', 'class B', 'class C'].slice(0, nClasses);
}

/**
 * Reads an `n × n` class map: each zone's class (held by at least two thirds of its cells, else null: split)
 * and each class's share of the whole square (cells that are not a number count for none).
 */
export function summariseRegions(map, n, nClasses) {
  const k = Math.max(2, nClasses);
  const zoneCounts = ZONES.map(() => new Array(k).fill(0));
  const zoneSizes = new Array(ZONES.length).fill(0);
  const totals = new Array(k).fill(0);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const zone = Math.floor((3 * r) / n) * 3 + Math.floor((3 * c) / n);
      zoneSizes[zone]++;
      const cls = map[r * n + c];
      if (cls === NO_CLASS || cls >= k) continue;
      zoneCounts[zone][cls]++;
      totals[cls]++;
    }
  }
  const zones = zoneCounts.map((counts, z) => {
    const best = counts.indexOf(Math.max(...counts));
    return counts[best] > 0 && counts[best] * 3 >= zoneSizes[z] * 2 ? best : null;
  });
  return { zones, shares: totals.map((t) => t / (n * n)) };
}

/** "the centre and all four corners", "every edge and corner", "the whole square" … for a list of zones. */
export function zonesText(zones) {
  if (zones.length === ZONES.length) return 'the whole square';
  const set = new Set(zones);
  const parts = [];
  if (set.has(4)) parts.push('the centre');
  const outer = [...CORNERS, ...EDGES];
  if (outer.every((z) => set.has(z))) return listOf([...parts, 'every edge and corner']);
  const edges = EDGES.every((z) => set.has(z));
  const corners = CORNERS.every((z) => set.has(z));
  if (edges) parts.push('all four edges');
  if (corners) parts.push('all four corners');
  for (const z of [0, 1, 2, 3, 5, 6, 7, 8]) {
    if (!set.has(z)) continue;
    if ((edges && EDGES.includes(z)) || (corners && CORNERS.includes(z))) continue;
    parts.push(`the ${ZONES[z]}`);
  }
  return listOf(parts);
}

/** Which class holds which part of the square, and how much of it: the decision map in a sentence or two. */
export function regionsText(summary, nClasses) {
  const names = classNames(nClasses);
  const held = names.map((_, k) => summary.zones.flatMap((c, z) => (c === k ? [z] : [])));
  const order = names.map((_, k) => k).sort((a, b) => summary.shares[b] - summary.shares[a]);
  const say = (k) => (nClasses === 1 ? `The prediction is ${names[k]}` : `${cap(names[k])} holds`);
  const sentences = order.filter((k) => held[k].length > 0).map((k) => `${say(k)} ${zonesText(held[k])}.`);
  const split = summary.zones.flatMap((c, z) => (c === null ? [ZONES[z]] : []));
  if (split.length > 0) sentences.push(`Split between classes: the ${listOf(split)}.`);
  const shares = order.map((k) => `${names[k]} ${percent(summary.shares[k])}`);
  sentences.push(`Of the square: ${listOf(shares)}.`);
  return sentences.join(' ');
}

/** The points: how many for training and testing, per class, and whether the test points are drawn. */
export function pointsText(points, nClasses, showTest) {
  const names = classNames(nClasses);
  const train = new Array(names.length).fill(0);
  let nTrain = 0;
  let nTest = 0;
  for (let i = 0; i < points.length; i += 4) {
    if (points[i + 3] === 1) {
      nTrain++;
      const cls = nClasses === 1 ? Number(points[i + 2] > 0) : Math.round(points[i + 2]);
      if (cls >= 0 && cls < train.length) train[cls]++;
    } else {
      nTest++;
    }
  }
  if (nTrain + nTest === 0) return 'No points: click the plot to add some.';
  const perClass = names.map((n, k) => `${grouped(train[k])} ${n}`);
  const test = nTest === 0 ? 'no test points' : `${count(nTest, 'test point')}${showTest ? ', drawn ringed' : ', not drawn'}`;
  return `Points: ${count(nTrain, 'training point')} (${listOf(perClass)}); ${test}.`;
}

/** The decision map's whole description: accuracy and epoch, who holds what, the points. */
export function boundaryText({ stats, summary, nClasses, points, showTest }) {
  const head = stats
    ? `Epoch ${grouped(stats.epoch)}: test accuracy ${percent(stats.testAccuracy)}, training accuracy ${percent(stats.trainAccuracy)}.`
    : 'Not trained yet.';
  const regions = summary ? regionsText(summary, nClasses) : '';
  return [head, regions, pointsText(points, nClasses, showTest)].filter(Boolean).join(' ');
}

/** What changed in the decision map between two summaries, worth saying aloud: null when nothing did. */
export function regionsChange(before, after, nClasses) {
  if (!before || !after) return null;
  const names = classNames(nClasses);
  const moved = [];
  for (let z = 0; z < ZONES.length; z++) {
    if (before.zones[z] === after.zones[z] || after.zones[z] === null) continue;
    moved.push(`the ${ZONES[z]} to ${names[after.zones[z]]}`);
  }
  return moved.length === 0 ? null : `The decision map changed: ${listOf(moved)}.`;
}

/** The network diagram: its shape, and its dead units layer by layer. */
export function networkText(sizes, stats) {
  if (sizes.length < 2) return '';
  const hidden = sizes.slice(1, -1);
  const shape = hidden.length === 0
    ? 'no hidden layer'
    : `${count(hidden.length, 'hidden layer')} of ${listOf(hidden.map(String))} units`;
  const out = sizes.at(-1);
  const head = `Network: ${count(sizes[0], 'input')}, ${shape}, ${count(out, 'output')}.`;
  if (!stats || hidden.length === 0) return head;
  const layers = stats.layers.slice(0, hidden.length);
  const dead = layers.map((l) => (l.dead ?? []).filter(Boolean).length);
  const total = dead.reduce((a, b) => a + b, 0);
  if (total === 0) return `${head} No dead units: every hidden unit passes some gradient back.`;
  const where = dead.flatMap((d, l) => (d > 0 ? [`${d} of ${layers[l].units} in layer ${l + 1}`] : []));
  const units = hidden.reduce((a, b) => a + b, 0);
  return `${head} Dead units (f′ = 0 on every training point, so they no longer learn): ${total} of ${units}, ${listOf(where)}.`;
}

/**
 * The gradient reaching each layer, first to last (mean |∂L/∂z|), and each as a ratio of the last hidden
 * layer's: the bars of the gradient-flow strip in words.
 */
export function flowText(stats) {
  const layers = stats?.layers ?? [];
  if (layers.length === 0) return '';
  const values = layers.map((l) => l.meanAbsGradZ);
  const hidden = layers.length - 1;
  const last = values[hidden - 1];
  const parts = values.map((v, l) => {
    const name = l === hidden ? 'output' : `layer ${l + 1}`;
    const r = v / last;
    const of = r < FRACTION_BELOW ? ' of' : '';
    const ratio = l < hidden - 1 && last > 0 && Number.isFinite(r) ? ` (${formatRatio(r)}${of} layer ${hidden}’s)` : '';
    return `${name} ${v === null || !Number.isFinite(v) ? '–' : scientific(v)}${ratio}`;
  });
  return `Mean gradient at each layer, first to last: ${parts.join('; ')}.`;
}

/**
 * Where the curve's derivative is exactly 0 in the plotted view (`stretches` as texts, e.g. "x < 0"): no
 * gradient at all passes there. Empty when there is none.
 */
export function zeroText(stretches) {
  if (stretches.length === 0) return '';
  if (stretches.length > 4) return `f′(x) = 0 exactly on ${stretches.length} stretches of x: no gradient passes there.`;
  return `f′(x) = 0 exactly for ${listOf(stretches)}: no gradient passes there at all.`;
}

/**
 * The loss chart in words, from its recorded samples `h` ({ count, epoch, train, test, acc } arrays, oldest
 * first) and its marks ([{ epoch, label }]): where the losses started and are now, the test accuracy now and
 * at its best, and what changed when. `showAccuracy` is false for regression (no accuracy drawn).
 */
export function chartText(h, marks = [], showAccuracy = true) {
  if (!h || h.count === 0) return 'The chart is empty: no epoch trained yet.';
  const last = h.count - 1;
  const loss = (a) => formatNumber(a, 3);
  const parts = [
    `Epochs ${grouped(h.epoch[0])} to ${grouped(h.epoch[last])}: train loss from ${loss(h.train[0])} to ${loss(h.train[last])}, test loss from ${loss(h.test[0])} to ${loss(h.test[last])}.`,
  ];
  if (showAccuracy) {
    let best = 0;
    for (let i = 1; i < h.count; i++) if (h.acc[i] > h.acc[best]) best = i;
    parts.push(`Test accuracy ${percent(h.acc[last])} now, at best ${percent(h.acc[best])} at epoch ${grouped(h.epoch[best])}.`);
  }
  const shown = marks.filter((m) => m.epoch >= h.epoch[0] && m.epoch <= h.epoch[last]);
  if (shown.length > 0) {
    const list = shown.slice(-4).map((m) => `${m.label.replace(/^\u2192\s*/, '')} at epoch ${grouped(m.epoch)}`);
    parts.push(`Changes marked: ${listOf(list)}${shown.length > 4 ? ` (the last 4 of ${shown.length})` : ''}.`);
  }
  return parts.join(' ');
}

function cap(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
