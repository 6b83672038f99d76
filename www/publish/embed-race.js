// The embed's `race` view: two to four activations trained in lockstep on the same data from the same
// initial draw — the evidence panel's own race (boards, curves, start button), racers from the link's `race`
// key or the panel's default line-up. It waits at epoch 0 until the reader presses start (or autoplay=1).
import { RacePanel } from '../evidence/race.js';
import { el, displayName } from './embed-parts.js';
import { recordButton } from './record.js';

export function mount(root, { ap, wasm, catalogue, link, say, describe }) {
  const box = el('div', { class: 'embed-race evidence' });
  root.append(box);
  const panel = new RacePanel(box, {
    ap,
    wasm,
    catalogue,
    config: () => link.config,
    // The widget's link is the writer's: a race started here does not rewrite it.
    setRace: () => {},
  });
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
  });
  box.append(el('div', { class: 'embed-bar' }, [record]));
  return {
    redraw: () => panel.redraw(),
    play: () => {
      if (!panel.running) panel.toggle();
    },
  };
}
