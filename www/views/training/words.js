// The training pictures in words, for screen readers: a visually hidden description for the decision map and
// for the network diagram (each canvas points to its own with aria-describedby), written at a calm rate — at
// most once every CALM_MS, and the state at the end of a burst of changes always within CALM_MS — and a
// polite live region that speaks only on a meaningful change: training stopped, or the map changed hands
// while not playing. The sentences are built in www/lib/words.js from the core's numbers.
import { el } from '../../lib/dom.js';
import { boundaryText, networkText, regionsChange, regionsText, summariseRegions } from '../../lib/words.js';
import { grouped, percent } from '../../lib/format.js';
import { changed, watch } from '../../app/store.js';

/** Milliseconds between two descriptions while training. */
export const CALM_MS = 2000;
/** Milliseconds to wait for the frame the loop draws after a pause, before describing without it. */
const STOP_WAIT_MS = 300;
/** Cells per side of the class map the words are read from. */
export const REGION_CELLS = 15;

/** Milliseconds to wait before describing, `last` being when the last description was written (ms). */
export function calmDelay(now, last) {
  return Math.max(0, CALM_MS - (now - last));
}

/**
 * Mounts the descriptions beside `dom.boundary` and `dom.network` (canvases; a widget has no network) and the
 * live region.
 */
export function mountWords(dom, { store, actions }) {
  const hidden = (id) => el('p', { id, class: 'sr-only', 'data-testid': id });
  const boundaryWords = hidden('boundary-words');
  const networkWords = hidden('network-words');
  const live = el('p', { class: 'sr-only', 'aria-live': 'polite', 'data-testid': 'words-live' });
  dom.boundary.after(boundaryWords, live);
  dom.boundary.setAttribute('aria-describedby', 'boundary-words');
  dom.network?.after(networkWords);
  dom.network?.setAttribute('aria-describedby', 'network-words');

  let last = -Infinity;
  let timer = null;
  let summary = null;
  let wasPlaying = false;
  /** Training stopped: the next drawn frame (the loop draws one on pause) is described and said aloud. */
  let stopping = false;
  const say = (text) => {
    // The same text again would not be read out: the region speaks when its text changes.
    live.textContent = live.textContent === text ? `${text}\u00a0` : text;
  };
  const describe = () => {
    clearTimeout(timer);
    timer = null;
    last = performance.now();
    const state = store.get();
    const { stats, nClasses, points, options } = state;
    const map = actions.regions(REGION_CELLS);
    const before = summary;
    summary = map ? summariseRegions(map, REGION_CELLS, nClasses) : null;
    boundaryWords.textContent = boundaryText({ stats, summary, nClasses, points, showTest: options.showTest });
    networkWords.textContent = networkText(state.sizes, stats);
    if (stopping && !state.playing) {
      say(`Paused at epoch ${grouped(stats.epoch)}: test accuracy ${percent(stats.testAccuracy)}. ${summary ? regionsText(summary, nClasses) : ''}`);
    } else if (!state.playing) {
      const change = regionsChange(before, summary, nClasses);
      if (change) say(change);
    }
    stopping = false;
  };
  watch(store, (state, previous) => {
    if (!state.stats || !changed(state, previous, 'stats', 'points', 'sizes', 'options', 'playing')) return;
    if (wasPlaying && !state.playing) {
      stopping = true;
      clearTimeout(timer);
      timer = setTimeout(describe, STOP_WAIT_MS); // in case no frame follows
    }
    wasPlaying = state.playing;
    if (stopping && !changed(state, previous, 'stats')) return;
    const wait = stopping ? 0 : calmDelay(performance.now(), last);
    if (wait === 0) describe();
    else timer ??= setTimeout(describe, wait);
  });
  return { boundaryWords, networkWords, live };
}
