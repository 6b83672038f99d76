// The app state: set() replaces the state and tells subscribers; changed() is what views check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, changed, watch } from '../../www/app/store.js';

test('set replaces the state (never mutates it) and tells every subscriber the new and the previous state', () => {
  const store = createStore({ a: 1, b: [1] });
  const first = store.get();
  const seen = [];
  store.subscribe((state, previous) => seen.push([state.a, previous.a]));
  store.set({ a: 2 });
  assert.equal(first.a, 1, 'the old state is untouched');
  assert.equal(store.get().a, 2);
  assert.equal(store.get().b, first.b, 'keys not in the patch keep their identity');
  assert.deepEqual(seen, [[2, 1]]);
  assert.throws(() => {
    store.get().a = 5;
  }, TypeError, 'the state is frozen: only set() changes it');
});

test('unsubscribing stops the calls; a subscriber may unsubscribe while being told', () => {
  const store = createStore({ n: 0 });
  let calls = 0;
  const stop = store.subscribe(() => {
    calls += 1;
    stop();
  });
  let others = 0;
  store.subscribe(() => {
    others += 1;
  });
  store.set({ n: 1 });
  store.set({ n: 2 });
  assert.equal(calls, 1);
  assert.equal(others, 2);
});

test('changed compares by identity, and is true for a first drawing (no previous state)', () => {
  const values = { lr: '0.03' };
  const a = { values, epoch: 1 };
  assert.equal(changed({ ...a }, a, 'values'), false);
  assert.equal(changed({ ...a, values: { ...values } }, a, 'values'), true, 'a new object is a change');
  assert.equal(changed({ ...a, epoch: 2 }, a, 'values', 'epoch'), true);
  assert.equal(changed(a, null, 'values'), true);
});

test('watch draws once at once, with no previous state, then on every change', () => {
  const store = createStore({ n: 0 });
  const calls = [];
  watch(store, (state, previous) => calls.push([state.n, previous?.n ?? null]));
  store.set({ n: 1 });
  assert.deepEqual(calls, [[0, null], [1, 0]]);
});
