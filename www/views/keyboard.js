// The keyboard: space plays and pauses, S steps, R resets, N draws new weights, D discretises, 1–9 pick the
// shortlisted activations. Keys typed into a field are the field's.

/** Activations on the number keys 1–9, when the catalogue has them. */
export const SHORTLIST = ['relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'tanh', 'sigmoid', 'softplus', 'identity'];

/** Whether a key pressed on `target` belongs to the page (not to a text field or menu). */
export function isPageKey(target) {
  const field = target instanceof HTMLInputElement || target instanceof HTMLSelectElement
    || target instanceof HTMLTextAreaElement || target?.isContentEditable;
  return !field || (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio'));
}

/** Listens for the page's keys on `document`. */
export function mountKeyboard({ store, actions }) {
  const { activations } = store.get().describe;
  const shortlist = SHORTLIST.filter((n) => activations.some((a) => a.name === n));
  const keys = {
    s: () => actions.step(),
    r: () => actions.reset(),
    n: () => actions.newWeights(),
    d: () => actions.setOption('discretize', !store.get().options.discretize),
  };
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (!isPageKey(t)) return;
    if (e.key === ' ') {
      if (t instanceof HTMLButtonElement || t instanceof HTMLInputElement) return;
      e.preventDefault();
      actions.togglePlay();
    } else if (keys[e.key.toLowerCase()]) {
      keys[e.key.toLowerCase()]();
    } else if (/^[1-9]$/.test(e.key)) {
      const spec = shortlist[Number(e.key) - 1];
      if (spec) actions.switchActivation(spec);
    }
  });
}
