// The benchmark's configurations (issue 8), written once: our config string is made from the same spec the
// peers build their networks from. All use plain SGD at lr 0.03 (every peer has it, with the same update
// rule), 500 points, half of them for training, no noise, seed 1.

/** The three cases: name, the spec the peers use, and our config string. */
export const CASES = [
  {
    name: 'a: circle, 4,2 tanh, batch 10',
    dataset: 'circle',
    layers: [4, 2],
    activation: 'tanh',
    batch: 10,
    features: ['x1', 'x2'],
  },
  {
    name: 'b: spiral, 8,8,8 relu, batch 10',
    dataset: 'spiral',
    layers: [8, 8, 8],
    activation: 'relu',
    batch: 10,
    features: ['x1', 'x2'],
  },
  {
    name: 'c: spiral, 6x16 relu, 7 features, batch 1',
    dataset: 'spiral',
    layers: [16, 16, 16, 16, 16, 16],
    activation: 'relu',
    batch: 1,
    features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'],
  },
].map((c) => ({ ...c, lr: 0.03, points: 500, train: 50 }));

/** Our config string (the URL-query text form) for a case. */
export function configOf(c) {
  return [
    `dataset=${c.dataset}`,
    'noise=0',
    `train=${c.train}`,
    `points=${c.points}`,
    `activation=${c.activation}`,
    `layers=${c.layers.join(',')}`,
    `lr=${c.lr}`,
    'optimizer=sgd',
    `batch=${c.batch}`,
    'reg=none',
    `features=${c.features.join(',')}`,
    'seed=1',
  ].join('&');
}
