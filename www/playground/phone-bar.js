// The phone bar: on a narrow or touch screen, a bar fixed to the bottom of the screen holds Play/Pause, the
// epoch, test accuracy and a compact activation switcher, so a learner watching the output never scrolls to
// the run controls or the explorer to start, stop or switch. The stylesheet shows it only there.

/** Makes an element with a class and children (text children become text nodes). */
function el(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

export class PhoneBar {
  /**
   * Builds the bar at the end of `parent`. `catalogue` is the parsed activation catalogue (the switcher's
   * options, in its order); `toggle()` plays or pauses; `select(name)` switches the hidden activation.
   */
  constructor(parent, { catalogue, toggle, select }) {
    this.play = el('button', 'play phone-play', [el('span', 'play-icon'), el('span', 'label', ['Play'])]);
    this.play.type = 'button';
    this.play.setAttribute('aria-pressed', 'false');
    this.play.addEventListener('click', () => toggle());
    this.epoch = el('span', 'bar-value', ['0']);
    this.accuracy = el('span', 'bar-value', ['–']);
    const read = (key, value, testid) => {
      const p = el('p', 'bar-read', [el('span', 'bar-key', [key]), ' ', value]);
      p.dataset.testid = testid;
      return p;
    };
    this.switcher = el('select', 'bar-switcher', catalogue.map((a) => {
      const option = el('option', '', [a.display]);
      option.value = a.name;
      return option;
    }));
    this.switcher.dataset.testid = 'activation-switcher';
    this.switcher.addEventListener('change', () => select(this.switcher.value));
    const label = el('label', 'bar-switch', [el('span', 'bar-key', ['Activation']), this.switcher]);
    this.node = el('div', 'phone-bar', [
      this.play,
      read('Epoch', this.epoch, 'bar-epoch'),
      read('Test accuracy', this.accuracy, 'bar-accuracy'),
      label,
    ]);
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', 'Training, always at hand');
    parent.append(this.node);
  }

  /** Shows the run as playing or paused. */
  setPlaying(on) {
    this.play.setAttribute('aria-pressed', String(on));
    this.play.classList.toggle('playing', on);
    this.play.querySelector('.label').textContent = on ? 'Pause' : 'Play';
  }

  /** The epoch and test accuracy as the run bar writes them. */
  setReadouts(epoch, accuracy) {
    if (this.epoch.textContent !== epoch) this.epoch.textContent = epoch;
    if (this.accuracy.textContent !== accuracy) this.accuracy.textContent = accuracy;
  }

  /** Shows the activation `name` (a catalogue name) as chosen. */
  setActivation(name) {
    if (this.switcher.value !== name) this.switcher.value = name;
  }
}
