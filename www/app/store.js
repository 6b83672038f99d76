// The app state: one value, replaced (never mutated) by the actions, and a list of subscribers told after each
// change. Views subscribe and draw what changed; only actions call `set`.

/**
 * A store holding `initial`. `get()` is the current state; `set(patch)` makes a new state with `patch`'s keys
 * replaced and tells every subscriber `(state, previous)`; `subscribe(fn)` returns a function that unsubscribes.
 */
export function createStore(initial) {
  let state = Object.freeze({ ...initial });
  const listeners = [];
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      state = Object.freeze({ ...state, ...patch });
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
  };
}

/** True when any of `keys` differs (by identity) between two states: what a view checks before redrawing. */
export function changed(state, previous, ...keys) {
  return !previous || keys.some((k) => state[k] !== previous[k]);
}

/** Subscribes `view(state, previous)` and runs it once at once with `previous` null (the first drawing). */
export function watch(store, view) {
  const stop = store.subscribe(view);
  view(store.get(), null);
  return stop;
}
