// Small pieces the embed views share: elements built with createElement/textContent, and the activation
// switcher filled from the core's catalogue.
import { el } from '../../lib/dom.js';
import { activationName } from '../../app/core.js';

export { el };

/** The display name of a spec (`leaky_relu(negative_slope=0.2)` → "Leaky ReLU"), from the catalogue. */
export function displayName(catalogue, spec) {
  return activationName(catalogue, spec);
}

/**
 * A labelled <select> of every activation in the catalogue, marked `data-part="picker"` so `hide=picker`
 * removes it. The option whose canonical spec (the core's `canonical(name)`) is `spec` is selected; a spec
 * with other parameters gets an option of its own. `onPick(spec)` runs on a change.
 */
export function activationPicker(catalogue, spec, canonical, onPick) {
  const select = el('select', { 'data-testid': 'embed-activation', 'aria-label': 'Activation function' });
  const options = catalogue.map((a) => [a.name, a.display]);
  const current = options.find(([name]) => name === spec || canonical(name) === spec);
  if (!current) options.unshift([spec, `${displayName(catalogue, spec)} ${spec.slice(spec.indexOf('('))}`]);
  for (const [value, text] of options) select.append(el('option', { value }, [text]));
  select.value = current ? current[0] : spec;
  select.addEventListener('change', () => onPick(select.value));
  return { element: el('label', { class: 'embed-picker', 'data-part': 'picker' }, ['Activation ', select]), select };
}
