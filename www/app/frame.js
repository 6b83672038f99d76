// One drawn frame of the training view, written once: which engine calls the page makes for its pictures, with
// which sizes, in which order. The actions draw from what `readFrame` returns; `cargo xtask bench` times the
// very same function in Node and in Chromium, and hands `framePlan`'s list to the native build, which refuses a
// call it does not know. So the benchmark's "full frame" is the page's frame by construction. Pure: the core's
// description (`describe()`, parsed) comes in as an argument.

/**
 * The page's decision map (cells per side) and neuron thumbnail (pixels per side): the core's
 * `describe().frame`.
 */
export function frameSizes(core) {
  return core.frame;
}

/** Bins of the pre-activation histogram the explorer shows (over the core's domain). */
export const HISTOGRAM_BINS = 60;

/** Weights above which a network's decision map is drawn at a coarser grid. */
const HEAVY_WEIGHTS = 1000;
/** That coarser grid. */
const HEAVY_GRID = 72;

/** Decision-map cells per side for a network of `sizes` ([inputs, hidden..., outputs]) at the page's `grid`. */
export function gridFor(sizes, grid) {
  let weights = 0;
  for (let l = 0; l + 1 < sizes.length; l++) weights += sizes[l] * sizes[l + 1];
  return weights > HEAVY_WEIGHTS ? Math.min(grid, HEAVY_GRID) : grid;
}

/** The hidden layer whose histogram the page shows first: the last one (-1 when there is none). */
export function lastHiddenLayer(sizes) {
  return sizes.length - 3;
}

/**
 * The engine calls of one drawn frame, after `layerSizes()`, for a network of `sizes`: a list of
 * `{ call, ...arguments }` in the order they are made. `frame` is `frameSizes(core)` (or a widget's own sizes);
 * `domain` the core's `describe().domain` (the histogram's range); `discretize` the page's option;
 * `histogramLayer` the hidden layer the explorer shows (the last one unless the page says otherwise).
 */
export function framePlan(sizes, { frame, domain, discretize = false, histogramLayer = lastHiddenLayer(sizes) }) {
  const plan = [
    { call: 'render', grid: gridFor(sizes, frame.grid), thumb: frame.thumb, discretize },
    { call: 'statsJson' },
  ];
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    plan.push({ call: 'weights', layer }, { call: 'biases', layer });
  }
  if (sizes.length > 2) plan.push({ call: 'histogram', layer: histogramLayer, min: domain.min, max: domain.max, bins: HISTOGRAM_BINS });
  return plan;
}

/**
 * Makes one drawn frame's engine calls on `pg` (a Playground; `options` as for `framePlan`) and returns what
 * the pictures need:
 * `{ sizes, grid, thumb, stats, weights, biases, histogram, histogramError }`. The rendered images stay in wasm
 * memory (read them through views made after this returns). An error of the histogram call is returned, not
 * thrown, so the page can report it apart and still draw; any other call's error is thrown.
 */
export function readFrame(pg, options) {
  const sizes = Array.from(pg.layerSizes());
  const frame = { sizes, grid: 0, thumb: 0, stats: null, weights: [], biases: [], histogram: null, histogramError: null };
  for (const step of framePlan(sizes, options)) {
    switch (step.call) {
      case 'render':
        pg.render(step.grid, step.thumb, step.discretize);
        frame.grid = step.grid;
        frame.thumb = step.thumb;
        break;
      case 'statsJson':
        frame.stats = JSON.parse(pg.statsJson());
        break;
      case 'weights':
        frame.weights.push(pg.weights(step.layer));
        break;
      case 'biases':
        frame.biases.push(pg.biases(step.layer));
        break;
      case 'histogram':
        try {
          frame.histogram = pg.histogram(step.layer, step.min, step.max, step.bins);
        } catch (error) {
          frame.histogramError = error;
        }
        break;
      default:
        throw new Error(`unknown frame call ${step.call}`);
    }
  }
  return frame;
}
