// The one animation loop, driven by a fake clock and a fake requestAnimationFrame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Loop, BUDGET_MS, pictureEvery } from '../../www/app/loop.js';

/** A loop whose frames run when the test says, on a clock the test moves. */
function harness({ trainMs = 0.01, pictureMs = 1, train = () => true } = {}) {
  let clock = 0;
  const queue = [];
  const log = { epochs: 0, pictures: 0, counters: 0, stopped: 0 };
  const loop = new Loop({
    request: (fn) => queue.push(fn),
    now: () => clock,
    train: (n) => {
      clock += trainMs * n;
      log.epochs += n;
      return train(n, log);
    },
    stopped: () => {
      log.stopped += 1;
    },
    counters: () => {
      log.counters += 1;
    },
    pictures: () => {
      clock += pictureMs;
      log.pictures += 1;
    },
  });
  const frame = () => {
    const fn = queue.shift();
    assert.ok(fn, 'a frame was requested');
    clock += 1;
    fn(clock);
  };
  return { loop, log, queue, frame };
}

test('pictureEvery: pictures wait as many frames as their cost is over the training budget', () => {
  assert.equal(pictureEvery(0), 1);
  assert.equal(pictureEvery(BUDGET_MS), 1);
  assert.equal(pictureEvery(BUDGET_MS * 2.5), 3);
});

test('one request per frame however often it is asked, and nothing while idle', () => {
  const { loop, queue, frame, log } = harness();
  loop.invalidate();
  loop.invalidate();
  assert.equal(queue.length, 1);
  frame();
  assert.equal(log.pictures, 1);
  assert.equal(queue.length, 0, 'an idle loop asks for no more frames');
});

test('playing trains up to the speed each frame, and keeps asking for frames', () => {
  const { loop, log, queue, frame } = harness();
  loop.speed = 30;
  loop.play();
  frame();
  assert.equal(log.epochs, 30);
  assert.equal(queue.length, 1);
  loop.pause();
  frame();
  assert.equal(log.epochs, 30, 'paused means paused');
});

test('training stops within the time budget, and a refusal stops the loop', () => {
  const slow = harness({ trainMs: 3 });
  slow.loop.speed = 1000;
  slow.loop.play();
  slow.frame();
  assert.ok(slow.log.epochs < 10, `${slow.log.epochs} epochs of 3 ms in an ${BUDGET_MS} ms budget`);
  const refusing = harness({ train: (n, log) => log.epochs < 5 });
  refusing.loop.speed = 100;
  refusing.loop.play();
  refusing.frame();
  assert.equal(refusing.loop.playing, false);
  assert.equal(refusing.log.stopped, 1);
});

test('expensive pictures are drawn every k-th frame while playing; the counters every frame', () => {
  const { loop, log, frame } = harness({ pictureMs: BUDGET_MS * 3 });
  loop.play();
  for (let i = 0; i < 12; i++) frame();
  assert.equal(log.counters, 12);
  assert.ok(log.pictures >= 3 && log.pictures <= 5, `${log.pictures} pictures in 12 frames`);
});

test('frame tasks run once per frame while they return true; afterFrame resolves after a frame', async () => {
  const { loop, queue, frame } = harness();
  let runs = 0;
  const task = () => {
    runs += 1;
    return runs < 3;
  };
  loop.every(task);
  loop.every(task);
  const after = loop.afterFrame();
  frame();
  await after;
  frame();
  frame();
  assert.equal(runs, 3, 'added twice, run once per frame');
  assert.equal(queue.length, 0, 'no more frames once the task is done');
});
