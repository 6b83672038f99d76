// The animation loop: one requestAnimationFrame callback that trains as many epochs as the speed allows within
// a time budget, then draws once. It runs only while playing or while something needs repainting.

/** Milliseconds of training per frame at most, so a frame stays smooth at 60 Hz. */
export const BUDGET_MS = 8;
/** Epochs per frame at most, until the speed control says otherwise. */
export const SPEED = 10;

/**
 * One frame's training: up to `speed` epochs through `train(n)` (false when training stopped), in chunks
 * that double while each takes under an eighth of `budgetMs`, and no new chunk once `budgetMs` has passed.
 * Returns `{ done, ok }`: the epochs trained and whether training may go on.
 */
export function trainFrame(train, speed, budgetMs = BUDGET_MS) {
  const start = performance.now();
  let done = 0;
  let chunk = 1;
  while (done < speed && performance.now() - start < budgetMs) {
    const n = Math.min(chunk, speed - done);
    const t0 = performance.now();
    if (!train(n)) return { done, ok: false };
    done += n;
    if (performance.now() - t0 < budgetMs / 8) chunk *= 2;
  }
  return { done, ok: true };
}

export class Loop {
  /**
   * @param {object} hooks
   * @param {(n: number) => boolean} hooks.train  trains n epochs; false when training stopped (divergence)
   * @param {() => void} hooks.draw               paints everything once
   * @param {() => void} hooks.stopped            called when train() returned false
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.playing = false;
    this.speed = SPEED;
    this.pending = false;
    this.dirty = true;
    this.epochsPerSecond = 0;
    this.trainMs = 0;
    this.drawMs = 0;
    this.window = { t: 0, epochs: 0 };
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
    requestAnimationFrame(this.tick);
  }

  play() {
    this.playing = true;
    this.window = { t: performance.now(), epochs: 0 };
    this.schedule();
  }

  pause() {
    this.playing = false;
    this.epochsPerSecond = 0;
    this.invalidate();
  }

  frame(now) {
    this.pending = false;
    if (this.playing) {
      const start = performance.now();
      const { done, ok } = trainFrame(this.hooks.train, this.speed);
      if (!ok) {
        this.playing = false;
        this.hooks.stopped();
      }
      this.trainMs = performance.now() - start;
      this.window.epochs += done;
      if (now - this.window.t > 500) {
        this.epochsPerSecond = (this.window.epochs * 1000) / (now - this.window.t);
        this.window = { t: now, epochs: 0 };
      }
      this.dirty = true;
    }
    if (this.dirty) {
      this.dirty = false;
      const t0 = performance.now();
      this.hooks.draw();
      this.drawMs = performance.now() - t0;
    }
    if (this.playing) this.schedule();
  }
}
