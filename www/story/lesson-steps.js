// The guided path ("Learn"): its steps and the verdict sentences, as pure data and functions (no DOM, no engine).
// A verdict is built only from the measured numbers passed in (one run of the real engine); it starts from the
// learner's prediction and says plainly when the run contradicts the post. Unit-tested in
// tests/unit/lesson.test.mjs.
import { formatRatio, fmt, grouped, listOf, percent } from '../lib/format.js';

/**
 * The deep net of steps 4–6: six hidden layers of 8 on the circle, trained with plain SGD. Adam divides
 * each weight's step by its gradient's RMS and so hides a uniformly small gradient; SGD shows it. This is the
 * evidence panel's deep-sigmoid setup, where the first layer's share of the gradient is about 1/1,000.
 */
const DEEP = 'dataset=circle&layers=8,8,8,8,8,8&lr=0.1&optimizer=sgd&batch=10';
/**
 * Steps 3, 7 and 8: three layers of 8 with Adam at learning rate 0.3, ten times the usual 0.03: the first big steps
 * push many ReLUs below zero on every training point (the evidence panel's relu-high-lr setup), and push
 * sigmoid units out onto the flat ends. Measured over seeds 1–5: 14–21 of 24 ReLUs dead after 60 epochs; with
 * sigmoid 58–97 % of layer 1's unit–point pairs saturated (the deep SGD net above has only 2–11 %: its
 * stall is the σ′ ≤ ¼ cap, not saturation). The deep net, seeds 1–5: the first layer gets 1/1,200–1/2,700
 * of the last one's gradient with sigmoid; tanh reaches 90 % by epoch 3–7, ReLU by 3–9 (tanh first on seed 5). Step 8, seeds 1–5: Leaky ReLU 0 dead every time.
 */
const HIGH_LR = 'dataset=circle&layers=8,8,8&lr=0.3&optimizer=adam&batch=10';

/** The activations step 2 times, in the order the bars are drawn. */
export const TIMED = ['relu', 'sigmoid', 'tanh', 'gelu'];

/**
 * The steps, numbered from 1 (`#lesson=N`). `run` says what the Run button does: `curve` (samples f and f′),
 * `time` (step 2's timings), `train` (the page's own network, `epochs` epochs of `config`) or `race` (the
 * core's Race of `race` from the same initial weights). `seeded` steps take the lesson's seed.
 */
export const STEPS = [
  {
    slug: 'relu', title: 'ReLU is max(0, x)', run: 'curve', activation: 'relu',
    text: 'ReLU passes positive inputs through and turns negative ones into 0. In NumPy: np.maximum(0, x). Its slope is 1 for x > 0 and 0 for x < 0.',
    question: 'What is the slope ReLU′(−2)?',
    choices: [['zero', '0'], ['small', '0.01'], ['one', '1']],
  },
  {
    slug: 'cheap', title: 'ReLU is cheap', run: 'time', config: DEEP,
    text: 'ReLU and its slope are a comparison and a select; sigmoid and tanh need an exponential and a division, GELU an erf. Run times them in this browser, alone and inside a training epoch.',
    question: 'How much faster is ReLU per training epoch than sigmoid?',
    choices: [['same', 'about the same (under 1.5×)'], ['some', '1.5× to 3×'], ['lots', 'more than 3×']],
  },
  {
    slug: 'saturate', title: 'Sigmoid and tanh saturate', run: 'train', seeded: true, epochs: 60,
    config: `${HIGH_LR}&activation=sigmoid`,
    text: 'Sigmoid\'s slope is at most ¼ (at x = 0) and falls below 0.1 once |x| > 2.06; tanh\'s falls below 0.1 once |x| > 1.82. Run trains a sigmoid net with big steps (learning rate 0.3), which grow the weights, and counts the units stuck near a flat end of the curve.',
    question: 'After 60 epochs, what share of the first hidden layer\'s unit–point pairs sit near a flat end of sigmoid?',
    choices: [['few', 'under 10 %'], ['some', '10 % to 50 %'], ['most', 'over half']],
  },
  {
    slug: 'deep-sigmoid', title: 'A deep sigmoid net stalls', run: 'train', seeded: true, epochs: 150,
    config: `${DEEP}&activation=sigmoid`,
    text: 'Backpropagation multiplies the error by Wᵀ and by f′(z) once per layer. With sigmoid f′ ≤ ¼, so over six layers the signal can shrink by a steady factor per layer, even when no unit saturates.',
    question: 'How much of the last hidden layer\'s gradient reaches the first hidden layer?',
    choices: [['same', 'about the same'], ['tenth', 'about a tenth'], ['tiny', 'less than a hundredth']],
  },
  {
    slug: 'tanh', title: 'Tanh does better, and still saturates', run: 'race', seeded: true, epochs: 150,
    config: DEEP, race: ['sigmoid', 'tanh'],
    text: 'Tanh is a stretched sigmoid, 2σ(2x) − 1: its outputs are centred on 0 and its slope at 0 is 1, not ¼. It still flattens for large |x|. Run races both from the same initial weights.',
    question: 'Which reaches 90 % test accuracy first?',
    choices: [['tanh', 'tanh'], ['sigmoid', 'sigmoid'], ['neither', 'neither, within 150 epochs']],
  },
  {
    slug: 'relu-deep', title: 'ReLU trains the same deep net', run: 'race', seeded: true, epochs: 150,
    config: DEEP, race: ['sigmoid', 'tanh', 'relu'],
    text: 'ReLU′ is exactly 1 wherever x > 0, so a unit that is on passes the gradient back unshrunk. Run races the three on the same deep net from the same initial weights.',
    question: 'Which reaches 90 % test accuracy first?',
    choices: [['relu', 'ReLU'], ['tanh', 'tanh'], ['sigmoid', 'sigmoid']],
  },
  {
    slug: 'dead', title: 'A high learning rate kills ReLUs', run: 'train', seeded: true, epochs: 60,
    config: `${HIGH_LR}&activation=relu`,
    text: 'A ReLU unit is dead when its input is ≤ 0 for every training point: then its output and its gradient are 0 everywhere and it cannot recover. One big step can do that. Run trains at learning rate 0.3; watch the dead count.',
    question: 'How many of the 24 hidden ReLUs will be dead after 60 epochs?',
    choices: [['none', 'none'], ['few', '1 to 5'], ['many', '6 or more']],
  },
  {
    slug: 'leaky', title: 'Leaky ReLU keeps them alive', run: 'race', seeded: true, epochs: 60,
    config: HIGH_LR, race: ['relu', 'leaky_relu', 'elu', 'gelu'],
    text: 'Leaky ReLU keeps a slope of 0.01 below zero, so a unit pushed there still gets a small gradient. ELU and GELU keep one for moderately negative inputs. Run races the four at the same high learning rate.',
    question: 'Which ends with the fewest dead units?',
    choices: [['leaky_relu', 'Leaky ReLU'], ['relu', 'ReLU'], ['same', 'they end the same']],
  },
];

/** Step `n` (1-based) made valid: a whole number from 1 to the last step. */
export function clampStep(n) {
  const k = Math.trunc(Number(n));
  return Number.isFinite(k) ? Math.min(Math.max(k, 1), STEPS.length) : 1;
}

/** The label of choice `id` of step `step`. */
export function choiceLabel(step, id) {
  return step.choices.find(([key]) => key === id)?.[1] ?? id;
}

/** `config` with the seed set: the text every seeded step trains. */
export function seededConfig(step, seed) {
  return step.seeded ? `${step.config}&seed=${seed}` : step.config;
}

/** Hidden layers of a stats object (every layer but the output). */
export function hiddenLayers(stats) {
  return stats.layers.slice(0, -1);
}

/**
 * Gradient flow of a run: first and last hidden layers' mean |∂L/∂z|, their ratio, the per-layer factor
 * (ratio^(1/(hidden − 1))), and the largest saturated share of any hidden layer; null below 2 hidden layers.
 */
export function gradientFlow(stats) {
  const hidden = hiddenLayers(stats);
  if (hidden.length < 2) return null;
  const first = hidden[0].meanAbsGradZ;
  const last = hidden[hidden.length - 1].meanAbsGradZ;
  const ratio = first / last;
  if (!(Number.isFinite(ratio) && last > 0)) return null;
  const factor = ratio ** (1 / (hidden.length - 1));
  const saturated = Math.max(...hidden.map((l) => (Number.isFinite(l.saturated) ? l.saturated : 0)));
  return { first, last, ratio, factor, saturated, layers: hidden.length };
}

/** Dead hidden units of a stats object: `{ dead, units }`. */
export function deadUnits(stats) {
  let dead = 0;
  let units = 0;
  for (const l of hiddenLayers(stats)) {
    dead += l.dead.filter(Boolean).length;
    units += l.units;
  }
  return { dead, units };
}

/** "at epoch 34" or "not within 150 epochs". */
function reached(epochs, budget) {
  return epochs === null || epochs === undefined ? `had not reached 90 % by epoch ${budget}` : `reached 90 % at epoch ${epochs}`;
}

/** "You predicted X. " */
function predicted(step, choice) {
  return `You predicted ${choiceLabel(step, choice)}. `;
}

/** The closing words: whether the prediction held. */
function held(ok) {
  return ok ? 'Your prediction held.' : 'Your prediction did not hold this time.';
}

/** Step 1: the measured f and f′ of ReLU at a few points. `result.samples`: [{ x, f, df }]. */
function curveVerdict(step, choice, { samples }) {
  const at = samples.find((s) => s.x === -2) ?? samples[0];
  const truth = at.df === 0 ? 'zero' : at.df === 1 ? 'one' : 'small';
  const list = samples.map((s) => `f(${fmt(s.x, 0)}) = ${fmt(s.f, 0)}, f′ = ${fmt(s.df, 0)}`).join('; ');
  return `${predicted(step, choice)}The core computed ${list}. ReLU′(${fmt(at.x, 0)}) = ${fmt(at.df, 0)}: a zero slope, not a small one — that is where units can die. ${held(choice === truth)}`;
}

/**
 * Step 2: `result.perMillion` and `result.perEpoch` map each timed activation to milliseconds (per million
 * f + f′ evaluations, per training epoch of the same network).
 */
function timeVerdict(step, choice, { perMillion, perEpoch }) {
  const evalRatio = perMillion.sigmoid / perMillion.relu;
  const epochRatio = perEpoch.sigmoid / perEpoch.relu;
  const truth = epochRatio < 1.5 ? 'same' : epochRatio <= 3 ? 'some' : 'lots';
  const each = TIMED.map((a) => `${a} ${fmt(perMillion[a], 2)} ms`).join(', ');
  const smaller = epochRatio < evalRatio
    ? 'The per-epoch ratio is smaller: in a whole training step the matrix products dominate, and they cost the same for every activation.'
    : 'This time the per-epoch ratio was not smaller than the per-evaluation one; timings in a busy browser vary — run again.';
  return `${predicted(step, choice)}Per million f + f′ evaluations: ${each} (sigmoid ÷ ReLU = ${fmt(evalRatio, 1)}×). Per training epoch: ReLU ${fmt(perEpoch.relu, 2)} ms, sigmoid ${fmt(perEpoch.sigmoid, 2)} ms (${fmt(epochRatio, 1)}×). ${smaller} ${held(choice === truth)}`;
}

/** Step 3: `result.stats` after `result.epochs` epochs of a sigmoid net. */
function saturateVerdict(step, choice, { stats, epochs }) {
  const hidden = hiddenLayers(stats);
  const first = hidden[0].saturated;
  const truth = first < 0.1 ? 'few' : first <= 0.5 ? 'some' : 'most';
  const shares = hidden.map((l, i) => `layer ${i + 1} ${percent(l.saturated)}`).join(', ');
  const note = first < 0.1
    ? 'Few pre-activations are out on the flat ends in this run: saturation is not what slows it; step 4 measures what does.'
    : 'Where a unit sits on a flat end, σ′ is close to 0 and almost no gradient passes through it.';
  return `${predicted(step, choice)}After ${epochs} epochs the share of unit–point pairs near a flat end (output within 3 % of 0 or 1) is ${shares}. ${note} ${held(choice === truth)}`;
}

/** Step 4: which explanation fits this run, chosen from its per-layer factor and saturated share. */
export function explainVanishing(flow) {
  if (flow.ratio >= 0.3) {
    return `The gradient did not shrink much here (first layer ${formatRatio(flow.ratio)} of the last): on this seed the net is not in the vanishing regime; try another seed.`;
  }
  if (flow.saturated < 0.2 && flow.factor <= 0.5) {
    return `At most ${percent(flow.saturated)} of any layer's unit–point pairs are saturated, so saturation does not explain it: the cap σ′ ≤ ¼, multiplied layer by layer (times the weights' gain), does.`;
  }
  return `${percent(flow.saturated)} of a layer's unit–point pairs sit on a flat end where σ′ ≈ 0: saturation adds to the σ′ ≤ ¼ cap.`;
}

function deepSigmoidVerdict(step, choice, { stats, epochs, epochsTo90 }) {
  const flow = gradientFlow(stats);
  if (!flow) return 'The run ended without a finite gradient to measure; try another seed.';
  const truth = flow.ratio >= 0.3 ? 'same' : flow.ratio >= 0.01 ? 'tenth' : 'tiny';
  const accuracy = `Test accuracy ${reached(epochsTo90, epochs)} (now ${percent(stats.testAccuracy)}).`;
  return `${predicted(step, choice)}After ${epochs} epochs the first of ${flow.layers} hidden layers gets ${formatRatio(flow.ratio)} of the last one's gradient: a factor of ${fmt(flow.factor, 2)} per layer. ${explainVanishing(flow)} ${accuracy} ${held(choice === truth)}`;
}

/** The racer rows of `table` by activation name. */
function rowOf(table, name) {
  return table.find((r) => r.activation === name || r.activation.startsWith(`${name}(`));
}

/** The activation that reached 90 % first among `names` (ties: the earlier name), or null. */
export function firstTo90(table, names) {
  let best = null;
  for (const name of names) {
    const row = rowOf(table, name);
    if (row && row.epochsTo90 !== null && (best === null || row.epochsTo90 < best.epochsTo90)) best = row;
  }
  return best ? names.find((n) => rowOf(table, n) === best) : null;
}

/** Steps 5 and 6: who reached 90 % first, from the race table; honest when the post's order is not this run's. */
function raceVerdict(step, choice, { table, epochs }, display) {
  const winner = firstTo90(table, step.race);
  const truth = winner ?? 'neither';
  const lines = step.race.map((name) => {
    const r = rowOf(table, name);
    return `${display(name)} ${reached(r.epochsTo90, epochs)}${r.gradientRatio !== null ? ` (gradient of the first layer ÷ the last: ${formatRatio(r.gradientRatio)})` : ''}`;
  });
  const post = step.slug === 'tanh' ? 'tanh' : 'relu';
  let honest = '';
  if (winner !== post) {
    honest = winner === null
      ? ` No racer reached 90 % within ${epochs} epochs on this seed; the budget is short — try another seed.`
      : ` This run contradicts the post: ${display(winner)} got there first. On an easy data set one seed's initial draw can favour another activation; the gradient ratios above are the part the post is about — try another seed.`;
  }
  return `${predicted(step, choice)}Same initial weights: ${listOf(lines)}.${honest} ${held(choice === truth)}`;
}

/** Step 7: the dead count of the page's own network. */
function deadVerdict(step, choice, { stats, epochs, epochsTo90 }) {
  const { dead, units } = deadUnits(stats);
  const truth = dead === 0 ? 'none' : dead <= 5 ? 'few' : 'many';
  const honest = dead === 0 ? ' No unit died on this seed: a big step does not always land every point below zero — try another seed.' : ' They stay dead: no gradient reaches them, so their weights never change again.';
  return `${predicted(step, choice)}After ${epochs} epochs at learning rate 0.3, ${dead} of ${units} hidden ReLUs are dead; test accuracy ${reached(epochsTo90, epochs)} (now ${percent(stats.testAccuracy)}).${honest} ${held(choice === truth)}`;
}

/** Step 8: dead units per racer at the same high learning rate. */
function leakyVerdict(step, choice, { table, epochs }, display) {
  const dead = (name) => rowOf(table, name).dead;
  const lines = step.race.map((name) => `${display(name)} ${grouped(dead(name))} of ${rowOf(table, name).units} dead, ${reached(rowOf(table, name).epochsTo90, epochs)}`);
  const truth = dead('leaky_relu') < dead('relu') ? 'leaky_relu' : dead('relu') < dead('leaky_relu') ? 'relu' : 'same';
  const honest = truth === 'leaky_relu' ? '' : ' This run does not show the post\'s fix: ReLU lost no more units than Leaky ReLU on this seed — try another seed.';
  return `${predicted(step, choice)}After ${epochs} epochs from the same initial weights: ${lines.join('; ')}.${honest} ${held(choice === truth)}`;
}

const VERDICTS = {
  relu: curveVerdict, cheap: timeVerdict, saturate: saturateVerdict, 'deep-sigmoid': deepSigmoidVerdict,
  tanh: raceVerdict, 'relu-deep': raceVerdict, dead: deadVerdict, leaky: leakyVerdict,
};

/**
 * The verdict of step `step` (an entry of STEPS) for prediction `choice` and the run's measured `result`;
 * `display` gives an activation's name for people ("leaky_relu" → "Leaky ReLU").
 */
export function verdict(step, choice, result, display = (name) => name) {
  return VERDICTS[step.slug](step, choice, result, display);
}
