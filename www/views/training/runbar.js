// The run bar: play / pause, step, reset, new weights, speed, the read-outs, the status line and the offer
// to lower the learning rate after divergence.
import { fmt, grouped } from '../../lib/format.js';
import { trainingCount } from '../../lib/geometry.js';
import { changed, watch } from '../../app/store.js';

/** Test accuracy for the read-out: a percentage, or "–" for regression and before there is one. */
export function accuracyText(stats) {
  if (!stats || stats.nClasses === 1 || !Number.isFinite(stats.testAccuracy)) return '–';
  return `${(stats.testAccuracy * 100).toFixed(1)}%`;
}

/**
 * Mounts the run bar: `dom` = { play, step, reset, newWeights, speed, epoch, trainLoss, testLoss, testAccuracy,
 * rate, counts, status, diverged, lowerLr, divergedReset }.
 */
export function mountRunbar(dom, { store, actions }) {
  dom.play.addEventListener('click', () => actions.togglePlay());
  dom.step.addEventListener('click', () => actions.step());
  dom.reset.addEventListener('click', () => actions.reset());
  dom.newWeights.addEventListener('click', () => actions.newWeights());
  dom.divergedReset.addEventListener('click', () => actions.reset());
  dom.lowerLr.addEventListener('click', () => actions.lowerRate());
  dom.speed.addEventListener('change', () => actions.setSpeed(Number(dom.speed.value)));
  actions.setSpeed(Number(dom.speed.value));
  watch(store, (state, previous) => {
    if (changed(state, previous, 'playing', 'crashed')) showPlaying(dom.play, state);
    if (changed(state, previous, 'status')) dom.status.textContent = state.status;
    if (changed(state, previous, 'diverged')) showDiverged(dom, state.diverged, previous?.diverged);
    if (changed(state, previous, 'epoch')) dom.epoch.textContent = String(state.epoch);
    if (changed(state, previous, 'epochsPerSecond')) dom.rate.textContent = grouped(Math.round(state.epochsPerSecond));
    if (changed(state, previous, 'frame', 'stats')) showNumbers(dom, state);
  });
}

function showPlaying(button, { playing, crashed }) {
  button.setAttribute('aria-pressed', String(playing));
  button.querySelector('.label').textContent = playing ? 'Pause' : 'Play';
  button.classList.toggle('playing', playing);
  button.disabled = crashed;
}

function showDiverged(dom, diverged, before) {
  dom.diverged.hidden = !diverged;
  if (!diverged) return;
  dom.lowerLr.textContent = `Lower the learning rate to ${diverged.lowerTo} and continue`;
  if (!before) dom.lowerLr.focus();
}

/** Losses, accuracy and the point counts, from the last drawn frame. */
function showNumbers(dom, { stats, points }) {
  if (!stats) return;
  dom.trainLoss.textContent = fmt(stats.trainLoss, 3);
  dom.testLoss.textContent = fmt(stats.testLoss, 3);
  dom.testAccuracy.textContent = accuracyText(stats);
  const train = trainingCount(points);
  dom.counts.textContent = `${train} training points, ${points.length / 4 - train} test points`;
}
