// What each family of activations does to the gradient, in our own words. Shown under the property table.

/** One paragraph per catalogue group. */
const FAMILY = {
  classic: [
    'Sigmoid and tanh squash every input into a bounded range. Near x = 0 they are steep; for large |x| they ' +
      'flatten out — they saturate — and there f\u2032(x) is almost 0. Backpropagation multiplies the gradient by ' +
      'f\u2032 at every layer, so a unit pushed into a flat tail passes almost nothing back, and a deep stack of ' +
      'such layers multiplies many small factors: that is the vanishing gradient problem. It comes from ' +
      'saturation at large |x|, not from non-linearity as such.',
  ],
  rectifiers: [
    'For x > 0, ReLU is the identity, so its derivative there is exactly 1: an active unit passes the gradient ' +
      'back unchanged, however deep the network, and ReLU never saturates on the positive side.',
    'For x < 0 the output and the derivative are both 0. A unit whose pre-activation is negative for every ' +
      'training input gets no gradient at all, so its weights never change again: it is dead. A large ' +
      'learning-rate step can push units there for good. Leaky ReLU, PReLU and RReLU keep a small slope for ' +
      'x < 0, so the gradient is small but not zero and a unit that drifted negative can recover. ELU, CELU and ' +
      'SELU bend smoothly to a negative floor instead, which also pulls the mean output towards 0.',
  ],
  'smooth modern': [
    'Smooth relatives of ReLU: close to x for large positive x (f\u2032 \u2192 1) and close to 0 for large ' +
      'negative x (f\u2032 \u2192 0), with a rounded corner instead of a kink. SiLU, GELU and Mish dip slightly ' +
      'below zero before rising, so small negative inputs still carry some gradient. Like ReLU, they only ' +
      'saturate on the negative side.',
  ],
  'hard/piecewise': [
    'Piecewise-linear stand-ins for smooth curves, cheap on phones and in fixed-point hardware. Their flat ' +
      'parts have a derivative of exactly 0: a hard saturation. A unit that sits beyond a corner passes no ' +
      'gradient back at all, where a smooth curve would still pass a little.',
  ],
  shrinkage: [
    'Shrinkage functions set small inputs to zero (or near it) and keep or shrink large ones; they come from ' +
      'sparse coding and denoising, where small values are treated as noise. Inside the dead zone |x| \u2264 ' +
      '\u03bb of hardshrink and softshrink the gradient is exactly 0, so a unit whose inputs all fall there ' +
      'stops learning; tanhshrink has no dead zone, only a gradient that is small near 0.',
  ],
};

/** Sharper facts about single activations, shown before the family paragraph. */
const SPECIFIC = {
  identity:
    'f\u2032(x) = 1 everywhere, so gradients pass unchanged — but a stack of linear layers is still one linear ' +
    'map: the network can only draw straight boundaries.',
  binary_step:
    'The derivative is 0 everywhere except at the jump (where it does not exist), so backpropagation gets no ' +
    'signal at all: this is the perceptron\u2019s rule, trained without gradients.',
  sigmoid:
    '\u03c3\u2032(x) = \u03c3(x)(1 \u2212 \u03c3(x)) is at most 0.25 (at x = 0) and falls below 0.1 once ' +
    '|x| > 2.06. Even at its best, each sigmoid layer shrinks the gradient at least fourfold.',
  tanh:
    'tanh\u2032(x) = 1 \u2212 tanh\u00b2(x) is 1 at x = 0 and below 0.1 once |x| > 1.82. tanh is ' +
    'zero-centred and four times steeper than sigmoid at 0, so it usually trains better in hidden layers, yet ' +
    'it saturates just the same.',
  softsign:
    'f\u2032(x) = 1 / (1 + |x|)\u00b2 decays polynomially rather than exponentially: softsign saturates more ' +
    'gently than tanh, though |f\u2032| is below 0.1 once |x| > 2.16.',
  relu:
    'ReLU\u2032(x) is exactly 1 for x > 0 and exactly 0 for x < 0 (PyTorch uses 0 at x = 0). The shaded left ' +
    'half is not saturation but the dead zone: no gradient at all.',
  leaky_relu:
    'For x < 0 the slope is negative_slope (0.01 by default): the shaded region still passes that small ' +
    'gradient, which is what lets a unit pushed below zero come back. Raise the slider above 0.1 and the ' +
    'shading disappears.',
  prelu:
    'PReLU is Leaky ReLU whose negative slope is a weight learned with the network (PyTorch starts it at 0.25).',
  rrelu:
    'RReLU draws the negative slope at random from [lower, upper] during training; at evaluation it uses the ' +
    'mean (lower + upper) / 2, which is what is drawn here.',
  elu: 'For x < 0, ELU is \u03b1(e\u02e3 \u2212 1): it saturates smoothly at \u2212\u03b1, so its gradient vanishes for very negative x.',
  selu:
    'SELU scales ELU by fixed constants (\u03bb \u2248 1.0507, \u03b1 \u2248 1.6733) chosen so that, with LeCun ' +
    'initialisation, activations keep mean 0 and variance 1 from layer to layer.',
  relu6: 'ReLU capped at 6: f\u2032 is 0 for x < 0 and for x > 6, 1 in between.',
  hardtanh: 'f\u2032 is 1 between min_val and max_val and exactly 0 outside.',
  hardsigmoid: 'A straight line x/6 + 1/2 clipped to [0, 1]: slope 1/6 for |x| < 3 and exactly 0 beyond.',
  logsigmoid:
    'log \u03c3(x) = \u2212softplus(\u2212x): its derivative 1 \u2212 \u03c3(x) vanishes for large positive x. ' +
    'It is mostly used inside losses (log-likelihoods), where computing it directly avoids log(0).',
  sine:
    'sin x never saturates: f\u2032 = cos x returns to \u00b11 every half period. Sine networks (SIREN) use it ' +
    'to represent signals and images with fine detail.',
  gaussian:
    'A bump: large for x near 0 and vanishing, with its gradient, for large |x| — radial-basis style units that ' +
    'only respond near a centre.',
  tanhshrink: 'x \u2212 tanh(x) is flat around 0 (f\u2032(0) = 0) and tends to slope 1 for large |x|.',
};

/** The paragraphs to show for a catalogue entry. */
export function notesFor(entry) {
  const out = [];
  if (SPECIFIC[entry.name]) out.push(SPECIFIC[entry.name]);
  out.push(...(FAMILY[entry.group] ?? []));
  return out;
}
