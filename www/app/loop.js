// The animation loop: the page's one requestAnimationFrame callback. Each frame it trains as many epochs as the
// speed allows within a time budget, runs the frame tasks (a preset's training, the race), then draws: the
// counters every frame, the pictures every k-th frame while training, k chosen from their measured cost. It
// runs only while something plays, a task is pending, or something needs repainting.

/** Milliseconds of training per frame at most, so a frame stays smooth at 60 Hz. */
export const BUDGET_MS = 8;
/** Epochs per frame at most, until the speed control says otherwise. */
export const SPEED = 10;

/**
 * One frame's training: up to `speed` epochs through `train(n)` (false when training stopped), in chunks
 * that double while each takes under an eighth of `budgetMs`, and no new chunk once `budgetMs` has passed.
 * Returns `{ done, ok }`: the epochs trained and whether training may go on. The benchmark times the same.
 */
export function trainFrame(train, speed, budgetMs = BUDGET_MS, now = () => performance.now()) {
  const start = now();
  let done = 0;
  let chunk = 1;
  while (done < speed && now() - start < budgetMs) {
    const n = Math.min(chunk, speed - done);
    const t0 = now();
    if (!train(n)) return { done, ok: false };
    done += n;
    if (now() - t0 < budgetMs / 8) chunk *= 2;
  }
  return { done, ok: true };
}

/** How many frames the pictures may wait while training, given they cost `pictureMs`: drawing ≈ training time. */
export function pictureEvery(pictureMs, budgetMs = BUDGET_MS) {
  return Math.max(1, Math.ceil(pictureMs / budgetMs));
}

export class Loop {
  /**
   * @param {object} hooks
   * @param {(n: number) => boolean} hooks.train  trains n epochs; false when training stopped (divergence)
   * @param {() => void} hooks.stopped            called when train() returned false
   * @param {() => void} hooks.counters           draws the cheap read-outs (every drawn frame)
   * @param {() => void} hooks.pictures           draws the pictures
   * @param {(fn: FrameRequestCallback) => void} [hooks.request]  requestAnimationFrame (a test passes its own)
   * @param {() => number} [hooks.now]            performance.now (a test passes its own)
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.request = hooks.request ?? ((fn) => requestAnimationFrame(fn));
    this.now = hooks.now ?? (() => performance.now());
    this.playing = false;
    this.speed = SPEED;
    this.pending = false;
    this.dirty = true;
    this.epochsPerSecond = 0;
    this.window = { t: 0, epochs: 0 };
    this.tasks = [];
    this.waiting = [];
    this.pictureMs = 0;
    this.sincePictures = Infinity;
    this.tick = (now) => this.frame(now);
  }

  /** Asks for a repaint on the next frame. */
  invalidate() {
    this.dirty = true;
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    this.request(this.tick);
  }

  play() {
    this.playing = true;
    this.window = { t: this.now(), epochs: 0 };
    this.schedule();
  }

  pause() {
    this.playing = false;
    this.epochsPerSecond = 0;
    this.invalidate();
  }

  /** Runs `task(now)` once per frame for as long as it returns true (a preset's training, the race). */
  every(task) {
    if (!this.tasks.includes(task)) this.tasks.push(task);
    this.schedule();
  }

  /** Resolves after the next frame has run. */
  afterFrame() {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  frame(now) {
    this.pending = false;
    if (this.playing) this.train(now);
    for (const task of [...this.tasks]) {
      if (!task(now)) this.tasks.splice(this.tasks.indexOf(task), 1);
    }
    if (this.dirty) this.draw();
    for (const resolve of this.waiting.splice(0)) resolve();
    if (this.playing || this.tasks.length > 0) this.schedule();
  }

  /** This frame's training (trainFrame); a refusal or divergence stops playing. */
  train(now) {
    const { done, ok } = trainFrame(this.hooks.train, this.speed, BUDGET_MS, this.now);
    if (!ok) {
      this.playing = false;
      this.hooks.stopped();
    }
    this.window.epochs += done;
    if (now - this.window.t > 500) {
      this.epochsPerSecond = (this.window.epochs * 1000) / (now - this.window.t);
      this.window = { t: now, epochs: 0 };
    }
    this.dirty = true;
  }

  /** The counters every time; the pictures when paused, or when their turn comes while training. */
  draw() {
    this.dirty = false;
    this.sincePictures++;
    if (!this.playing || this.sincePictures >= pictureEvery(this.pictureMs)) {
      const t0 = this.now();
      this.hooks.pictures();
      this.sincePictures = 0;
      const ms = this.now() - t0;
      this.pictureMs = this.pictureMs === 0 ? ms : 0.8 * this.pictureMs + 0.2 * ms;
    }
    this.hooks.counters();
  }
}
