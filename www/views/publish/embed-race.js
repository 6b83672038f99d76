// The embed's `race` view: two to four activations trained in lockstep on the same data from the same
// initial draw — the evidence panel's own race (boards, curves, start button), racers from the link's `race`
// key or the panel's default line-up. It waits at epoch 0 until the reader presses start (or autoplay=1).
import { RacePanel } from '../evidence/race.js';
import { el, displayName } from './embed-parts.js';
import { recordButton } from './record.js';
import { configWith } from '../../app/core.js';
import { Loop } from '../../app/loop.js';
import { createStore } from '../../app/store.js';

/**
 * The race panel's app, for a widget with no training of its own: the link's setup as the state, and the
 * three things the panel asks of the actions. The widget's link is the writer's: a race started here does
 * not rewrite it. The loop runs only the race's frame task.
 */
function raceApp({ ap, wasm, core, link }) {
  // The racers come from the link (prepare) or the panel's default line-up, never from these values.
  const store = createStore({ describe: core, config: link.config, values: { race: [] } });
  const loop = new Loop({ train: () => false, stopped: () => {}, counters: () => {}, pictures: () => {} });
  const actions = {
    configWith: (config, key, value) => configWith(ap, config, key, value),
    setRace: () => {},
    everyFrame: (task) => loop.every(task),
  };
  return { ap, memory: wasm.memory, store, actions };
}

export function mount(root, { ap, wasm, catalogue, core, link, say, describe }) {
  const box = el('div', { class: 'embed-race evidence' });
  root.append(box);
  const app = raceApp({ ap, wasm, core, link });
  const panel = new RacePanel(box, app);
  if (link.race.length) panel.prepare(link.race);
  else panel.ready();
  const names = () => panel.chosen().map((n) => displayName(catalogue, n));
  describe(`${names().join(' vs ')}, from the same draw`);
  const record = recordButton({
    rows: () => [[...box.querySelectorAll('[data-testid="race-boundary"]')], [...box.querySelectorAll('.ev-curves')]],
    caption: () => `${names().join(' vs ')} · epoch ${panel.race?.epoch() ?? 0}`,
    name: () => ({ racers: panel.chosen(), dataset: link.dataset, layers: link.layers, epoch: panel.race?.epoch() ?? 0 }),
    start: () => {
      if (!panel.running) panel.toggle();
    },
    say,
    everyFrame: app.actions.everyFrame,
  });
  box.append(el('div', { class: 'embed-bar' }, [record]));
  return {
    redraw: () => panel.redraw(),
    play: () => {
      if (!panel.running) panel.toggle();
    },
  };
}
