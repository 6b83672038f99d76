// The "Learn" panel: one step of the guided path at a time — a sentence or two, a prediction (a radio group of
// 2–4 choices), Run, the live numbers of the run, and the verdict written from them (www/story/lesson-steps.js)
// in a polite live region. The step is kept in the state (`lesson`), so the path can be closed and resumed
// where it was from the header's Learn button.
import { el } from '../../lib/dom.js';
import { fmt, formatRatio, messageOf, percent } from '../../lib/format.js';
import { STEPS, TIMED, clampStep, deadUnits, gradientFlow, verdict } from '../../story/lesson-steps.js';
import { runStep } from '../../app/lesson.js';
import { activationName } from '../../app/core.js';

/** The live read-out of a run in progress (or finished): short lines of this run's numbers. */
export function liveLines(step, tick, display = (name) => name) {
  if (step.run === 'time') {
    return TIMED.filter((a) => tick.perMillion[a] !== undefined).map((a) => ({
      label: a, value: tick.perMillion[a], epoch: tick.perEpoch[a],
      text: `${a}: ${fmt(tick.perMillion[a], 2)} ms per million f + f′, ${fmt(tick.perEpoch[a], 2)} ms per epoch`,
    }));
  }
  if (step.run === 'race') {
    return tick.table.map((r) => ({
      text: `${display(r.name)}: epoch ${r.epoch}, test accuracy ${percent(r.testAccuracy)}, ${r.dead} of ${r.units} dead, 90 % ${r.epochsTo90 === null ? 'not yet' : `at epoch ${r.epochsTo90}`}`,
    }));
  }
  if (step.run === 'train') {
    const { dead, units } = deadUnits(tick.stats);
    const flow = gradientFlow(tick.stats);
    return [
      { text: `epoch ${tick.stats.epoch} of ${step.epochs}, test accuracy ${percent(tick.stats.testAccuracy)}` },
      { text: `${dead} of ${units} hidden units dead` },
      { text: flow ? `first/last layer gradient ${formatRatio(flow.ratio)}, ${fmt(flow.factor, 2)} per layer` : 'gradient ratio –' },
    ];
  }
  return tick.samples.map((s) => ({ text: `x = ${fmt(s.x, 0)}: f = ${fmt(s.f, 0)}, f′ = ${fmt(s.df, 0)}` }));
}

export class LessonPanel {
  constructor(root, opener, app) {
    Object.assign(this, { root, opener, app, choice: null, running: false, seed: 1 });
    this.display = (name) => activationName(app.store.get().describe.activations, name);
    this.build();
    opener.addEventListener('click', () => this.open(this.state.step));
    app.store.subscribe(() => this.follow());
    this.follow();
  }

  get state() {
    return this.app.store.get().lesson;
  }

  build() {
    const b = (testid, text, on) => el('button', { type: 'button', 'data-testid': testid, text, on: { click: on } });
    this.heading = el('h2', { tabindex: '-1', id: 'lesson-title' });
    this.count = el('span', { class: 'lesson-count' });
    this.text = el('p', { class: 'lesson-text' });
    this.question = el('p', { class: 'lesson-question', id: 'lesson-question' });
    this.choices = el('div', { role: 'radiogroup', 'aria-labelledby': 'lesson-question', class: 'lesson-choices' });
    this.choices.addEventListener('keydown', (e) => this.arrow(e));
    this.seedInput = el('input', { type: 'number', min: '1', max: '9999', value: '1', 'data-testid': 'lesson-seed', id: 'lesson-seed' });
    this.run = b('lesson-run', 'Run', () => this.start());
    this.bars = el('div', { class: 'lesson-bars', 'aria-hidden': 'true' });
    this.live = el('ul', { class: 'lesson-live', 'data-testid': 'lesson-live' });
    this.verdict = el('p', { class: 'lesson-verdict', 'data-testid': 'lesson-verdict', 'aria-live': 'polite' });
    this.prev = b('lesson-prev', '← Previous', () => this.go(this.state.step - 1));
    this.next = b('lesson-next', 'Next →', () => this.go(this.state.step + 1));
    const close = el('button', { type: 'button', class: 'ghost', text: 'Close', on: { click: () => this.close() } });
    this.root.append(
      el('div', { class: 'lesson-head' }, this.count, this.heading, close),
      this.text, this.question, this.choices,
      el('div', { class: 'lesson-go' }, el('label', { for: 'lesson-seed', text: 'Seed' }), this.seedInput, this.run),
      this.bars, this.live, this.verdict,
      el('div', { class: 'lesson-nav' }, this.prev, this.next),
    );
  }

  /** Opens the panel at step `n` (1-based, clamped). */
  open(n) {
    this.app.actions.setLesson({ open: true, step: clampStep(n) });
    this.follow(true);
  }

  close() {
    this.app.actions.setLesson({ open: false });
    this.follow();
    this.opener.focus();
  }

  go(n) {
    if (this.running) return;
    this.open(n);
  }

  /** Shows the state's step; `focus` moves focus to its heading (a step change). */
  follow(focus = false) {
    const { open } = this.state;
    const n = clampStep(this.state.step);
    this.root.hidden = !open;
    this.opener.setAttribute('aria-expanded', String(open));
    if (!open || (n === this.shown && !focus)) return;
    if (n !== this.shown) this.show(n);
    if (focus) this.heading.focus();
  }

  show(n) {
    const step = STEPS[n - 1];
    this.shown = n;
    this.choice = null;
    this.root.dataset.lessonStep = String(n);
    this.count.textContent = `Learn · step ${n} of ${STEPS.length}`;
    this.heading.textContent = step.title;
    this.text.textContent = step.text;
    this.question.textContent = step.question;
    this.choices.replaceChildren(...step.choices.map(([id, label]) => el('button', {
      type: 'button', role: 'radio', 'aria-checked': 'false', tabindex: '-1', 'data-testid': 'lesson-choice',
      data: { choice: id }, text: label, on: { click: () => this.pick(id) },
    })));
    this.choices.firstChild.tabIndex = 0;
    this.live.replaceChildren();
    this.bars.replaceChildren();
    this.verdict.textContent = '';
    this.syncButtons();
  }

  pick(id) {
    this.choice = id;
    for (const c of this.choices.children) {
      const on = c.dataset.choice === id;
      c.setAttribute('aria-checked', String(on));
      c.tabIndex = on ? 0 : -1;
    }
    this.syncButtons();
  }

  /** Arrow keys move the choice within the radio group, as radio buttons do. */
  arrow(e) {
    const keys = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    if (!(e.key in keys)) return;
    e.preventDefault();
    const items = [...this.choices.children];
    const at = items.indexOf(document.activeElement);
    const next = items[(at + keys[e.key] + items.length) % items.length];
    this.pick(next.dataset.choice);
    next.focus();
  }

  syncButtons() {
    this.run.disabled = this.running || this.choice === null;
    this.run.title = this.choice === null ? 'Make a prediction first' : '';
    this.prev.disabled = this.running || this.shown <= 1;
    this.next.disabled = this.running || this.shown >= STEPS.length;
    this.seedInput.disabled = this.running || !STEPS[this.shown - 1].seeded;
    this.root.classList.toggle('running', this.running);
  }

  /** Run: the step drives the engine; the live list follows each frame; the verdict comes from the result. */
  async start() {
    if (this.running || this.choice === null) return;
    const step = STEPS[this.shown - 1];
    const seed = clampSeed(this.seedInput.value);
    this.seedInput.value = String(seed);
    this.running = true;
    this.verdict.textContent = '';
    this.syncButtons();
    // What the step drives stays in view: the page's boundary and loss for a training step (the sheet sits
    // below them); a race and the timings are drawn in the panel itself.
    if (step.run === 'train') this.reveal(document.querySelector('[data-testid="boundary"]'));
    const tick = (t) => this.tick(step, t);
    try {
      const result = await runStep(this.app, step, seed, tick);
      tick(result);
      this.verdict.textContent = verdict(step, this.choice, result, this.display);
      this.root.dataset.verdictSeed = String(seed);
    } catch (error) {
      this.verdict.textContent = `The run stopped: ${messageOf(error)}. Your prediction is kept; try Run again or another seed.`;
    } finally {
      this.running = false;
      this.syncButtons();
      // The sheet may scroll (a phone): its end, the verdict and Next, comes into view.
      this.root.scrollTop = this.root.scrollHeight;
    }
  }

  /** Scrolls `node` into the part of the window the panel does not cover, when it is not there already. */
  reveal(node) {
    if (!node) return;
    const r = node.getBoundingClientRect();
    const sheet = this.root.getBoundingClientRect();
    const covers = sheet.left < r.right && sheet.right > r.left;
    const bottom = covers ? sheet.top : window.innerHeight;
    if (r.top >= 0 && r.bottom <= bottom) return;
    window.scrollBy(0, r.top - 8);
  }

  tick(step, t) {
    const lines = liveLines(step, t, this.display);
    this.live.replaceChildren(...lines.map((l) => el('li', { text: l.text })));
    if (step.run === 'time') this.drawBars(t);
  }

  /** Step 2's bar chart: per-evaluation and per-epoch time of each activation, relative to ReLU. */
  drawBars({ perMillion, perEpoch }) {
    const rows = [];
    for (const [label, times] of [['per million f + f′', perMillion], ['per epoch', perEpoch]]) {
      const top = Math.max(...Object.values(times));
      rows.push(el('p', { class: 'lesson-bars-title', text: label }));
      for (const a of TIMED.filter((k) => times[k] !== undefined)) {
        const bar = el('span', { class: 'lesson-bar' });
        bar.style.setProperty('--share', String(times[a] / top));
        const ratio = times.relu ? `${fmt(times[a] / times.relu, 1)}×` : '';
        rows.push(el('div', { class: 'lesson-bar-row' }, el('span', { text: a }), bar, el('span', { text: ratio })));
      }
    }
    this.bars.replaceChildren(...rows);
  }
}

/** A seed from the input: a whole number from 1 to 9999. */
function clampSeed(v) {
  const n = Math.trunc(Number(v));
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), 9999) : 1;
}

/** Mounts the panel in `root`, opened from `opener` (the header's Learn button). */
export function mountLesson(root, opener, app) {
  return new LessonPanel(root, opener, app);
}
