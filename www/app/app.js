// An app: one engine handle (a Playground for `config`), its state, the loop and the actions. The page makes
// one (main.js); a widget makes its own (views/publish/embed-train.js).
import { Actions, initialState } from './actions.js';
import { Loop } from './loop.js';
import { createStore } from './store.js';

/**
 * Makes the app for `config` (config text): `{ ap, memory, store, loop, actions }`. `describe` is the core's
 * description; `options` go to the actions (`writeLink`, `grid`, `thumb`).
 */
export function createApp({ ap, wasm, describe, config, crashGuard, ...options }) {
  const pg = new ap.Playground(config);
  const store = createStore(initialState(describe));
  let actions = null;
  const loop = new Loop({
    train: (n) => actions.train(n),
    stopped: () => actions.stopped(),
    counters: () => actions.counters(),
    pictures: () => actions.pictures(),
  });
  actions = new Actions({ ap, pg, memory: wasm.memory, store, loop, crashGuard, ...options });
  return { ap, memory: wasm.memory, store, loop, actions };
}
