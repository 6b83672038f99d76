// The phone bar: on a narrow or touch screen, a bar fixed to the bottom of the screen holds Play/Pause, the
// epoch, test accuracy and a compact activation switcher, so a learner watching the output never scrolls to
// the run controls or the explorer to start, stop or switch. The stylesheet shows it only there.
import { el } from '../../lib/dom.js';
import { changed, watch } from '../../app/store.js';
import { activationEntry } from '../../app/core.js';
import { accuracyText } from './runbar.js';

/** Builds the bar at the end of `parent`; it shows the state and calls the actions like the run bar. */
export function mountPhoneBar(parent, { store, actions }) {
  const { activations } = store.get().describe;
  const play = el('button', { type: 'button', class: 'play phone-play', 'aria-pressed': 'false', on: { click: () => actions.togglePlay() } },
    el('span', { class: 'play-icon' }), el('span', { class: 'label', text: 'Play' }));
  const epoch = el('span', { class: 'bar-value', text: '0' });
  const accuracy = el('span', { class: 'bar-value', text: '–' });
  const read = (key, value, testid) => el('p', { class: 'bar-read', 'data-testid': testid }, el('span', { class: 'bar-key', text: key }), ' ', value);
  const switcher = el('select', { class: 'bar-switcher', 'data-testid': 'activation-switcher' },
    activations.map((a) => el('option', { value: a.name, text: a.display })));
  switcher.addEventListener('change', () => actions.switchActivation(switcher.value));
  parent.append(el('div', { class: 'phone-bar', role: 'region', 'aria-label': 'Training, always at hand' },
    play,
    read('Epoch', epoch, 'bar-epoch'),
    read('Test accuracy', accuracy, 'bar-accuracy'),
    el('label', { class: 'bar-switch' }, el('span', { class: 'bar-key', text: 'Activation' }), switcher)));
  watch(store, (state, previous) => {
    if (changed(state, previous, 'playing')) {
      play.setAttribute('aria-pressed', String(state.playing));
      play.classList.toggle('playing', state.playing);
      play.querySelector('.label').textContent = state.playing ? 'Pause' : 'Play';
    }
    if (changed(state, previous, 'epoch')) epoch.textContent = String(state.epoch);
    if (changed(state, previous, 'stats')) accuracy.textContent = accuracyText(state.stats);
    if (changed(state, previous, 'values')) {
      const name = activationEntry(activations, state.values.activation ?? '')?.name;
      if (name && switcher.value !== name) switcher.value = name;
    }
  });
}
