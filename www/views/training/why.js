// The evidence beside the output: the narration (one sentence on what just happened, from the measured
// statistics: www/story/narrate.js) and the gradient-flow strip with the dead and saturated units per layer
// (flow.js), live while training.
//
// The narration is calm: a sentence stays until something happens that is worth one — an activation switch,
// a learning-rate change, a preset, a divergence (the actions' `story` events), a layer's dead or
// saturated share crossing a level (`crossing`, checked on every new set of statistics), or, once, what a
// run's start, a switch, a preset or a learning-rate change led to FOLLOW_UP_EPOCHS epochs later
// (`followUpDue`).
import { GradientFlow } from './flow.js';
import { narrate, crossing, stepLink, followUpOf, followUpDue } from '../../story/narrate.js';
import { changed, watch } from '../../app/store.js';

/**
 * Mounts the narration and the strip: `dom` = { reveal (what `reveal` scrolls to the top: the run bar, with the
 * output and this panel under it), text (the sentence), step (the link to the guided path's step), flow (the
 * strip's box) }.
 */
export function mountWhy(dom, { store }) {
  const flow = new GradientFlow(dom.flow);
  let levels = null;
  let pending = null;
  const tell = (event, state) => {
    const said = narrate(event, state.stats, { optimizer: state.values.optimizer });
    if (!said) return;
    dom.text.textContent = said.text;
    dom.text.parentElement.dataset.kind = said.kind;
    const link = stepLink(said.step);
    dom.step.hidden = !link;
    if (link) {
      dom.step.href = link.href;
      dom.step.textContent = `${link.title} →`;
    }
  };
  watch(store, (state, previous) => {
    if (changed(state, previous, 'frame', 'stats') && state.stats) flow.update(state.stats);
    if (changed(state, previous, 'story')) {
      tell(state.story, state);
      pending = followUpOf(state.story, state.stats);
      levels = crossing(null, state.stats).levels;
    } else if (changed(state, previous, 'stats') && state.stats) {
      const r = crossing(levels, state.stats);
      levels = r.levels;
      const later = followUpDue(pending, state.stats);
      if (later) pending = null;
      if (later || r.crossed) tell(later ?? { kind: 'threshold' }, state);
    }
    if (previous && changed(state, previous, 'reveal')) dom.reveal.scrollIntoView({ block: 'start' });
  });
  return {
    resize() {
      flow.readColours();
      flow.draw();
    },
  };
}
