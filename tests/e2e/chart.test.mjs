// The loss chart as a learner reads it: every activation switch is labelled, no label lies on another or on
// the axes, each label's whole text shows on hover and on keyboard focus, and a "recent" window beside
// "whole run" shows the last epochs at full width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, canvasPixels } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The chart's label boxes (CSS px, viewport) with their visible and full texts. */
const markBoxes = (page) => page.$$eval('[data-testid="chart-mark"]', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent, full: e.getAttribute('aria-label') };
}));

const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const epoch = async (page) => Number((await page.textContent('[data-testid="epoch"]')).replace(/,/g, ''));
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('activation-switch labels never overlap each other or the axes; full text on hover and focus', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&layers=4,4&activation=relu&lr=0.03');
  // Switches in quick succession, as a learner trying the keys 1–9 does: their marks sit a few epochs apart.
  await page.keyboard.press('7');
  await page.click('[data-testid="play"]');
  for (const key of ['6', '1', '7', '2', '6', '3', '1']) {
    await page.waitForTimeout(120);
    await page.keyboard.press(key);
  }
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/,/g, '')) > 300);
  await page.click('[data-testid="play"]');
  await frames(page);

  const chart = await page.$eval('#chart', (c) => {
    const r = c.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
  const marks = await markBoxes(page);
  assert.ok(marks.length >= 1, 'the switches are labelled on the chart');
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    // The axes' numbers take the chart's outer 30 px on each side; labels stay between them, inside the chart.
    assert.ok(m.left >= chart.left + 30 && m.right <= chart.right - 30, `label "${m.text}" reaches into an axis: ${JSON.stringify(m)} in ${JSON.stringify(chart)}`);
    assert.ok(m.top >= chart.top - 0.5 && m.bottom <= chart.bottom + 0.5, `label "${m.text}" is outside the chart`);
    assert.ok(m.right - m.left >= 8, `label "${m.text}" is too small to point at`);
    for (let j = 0; j < i; j++) assert.ok(!overlap(m, marks[j]), `"${m.text}" overlaps "${marks[j].text}"`);
  }
  // Every switch's full text is reachable: each label's full text names its epoch and what changed.
  const fulls = marks.map((m) => m.full).join(' | ');
  for (const name of ['Sigmoid', 'Tanh', 'ReLU', 'Leaky ReLU', 'ELU']) assert.match(fulls, new RegExp(`→ ${name}\\b`), `no label holds the switch to ${name}: ${fulls}`);

  // Hover: the label shows its whole text (it is not cut) and the read-out under the chart says it.
  const handles = page.locator('[data-testid="chart-mark"]');
  const first = handles.first();
  await first.hover();
  const hovered = await first.evaluate((e) => ({ fits: e.scrollWidth <= e.clientWidth + 1, full: e.getAttribute('aria-label') }));
  assert.ok(hovered.fits, 'a hovered label shows its whole text');
  assert.equal(await page.textContent('#chart-read'), hovered.full);
  // Focus from the keyboard: the same.
  await page.mouse.move(5, 5);
  const last = handles.last();
  await last.focus();
  const focused = await last.evaluate((e) => ({ fits: e.scrollWidth <= e.clientWidth + 1, full: e.getAttribute('aria-label'), tab: e.tabIndex }));
  assert.equal(focused.tab, 0, 'labels are in the tab order');
  assert.ok(focused.fits, 'a focused label shows its whole text');
  assert.equal(await page.textContent('#chart-read'), focused.full);
  await assertClean(assert, page, problems);
  await page.close();
});

test('a "recent" window beside "whole run" shows the last 500 epochs', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=circle&layers=4,4&activation=relu&lr=0.03');
  await page.selectOption('#speed', '1000'); // 1,500 epochs without waiting half a minute at one a frame
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(200);
  await page.keyboard.press('6');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent.replace(/,/g, '')) > 1500);
  await page.click('[data-testid="play"]');
  await frames(page);
  const now = await epoch(page);
  const windows = page.locator('[data-testid="chart-window"] button');
  assert.deepEqual(await windows.allTextContents(), ['Last 500 epochs', 'Whole run']);
  const whole = page.locator('[data-testid="chart-window"] button', { hasText: 'Whole run' });
  const recent = page.locator('[data-testid="chart-window"] button', { hasText: 'Last 500 epochs' });
  assert.equal(await whole.getAttribute('aria-pressed'), 'true', 'the whole run is shown first');
  const spanOf = async () => {
    const label = await page.getAttribute('#chart', 'aria-label');
    const m = /epochs ([\d,]+) to ([\d,]+)/.exec(label);
    assert.ok(m, `the chart says which epochs it shows: ${label}`);
    return [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
  };
  assert.deepEqual(await spanOf(), [0, now]);
  assert.equal((await markBoxes(page)).length, 1, 'the early switch is labelled in the whole run');
  const before = await canvasPixels(page, '#chart');

  await recent.click();
  await frames(page);
  assert.equal(await recent.getAttribute('aria-pressed'), 'true');
  assert.equal(await whole.getAttribute('aria-pressed'), 'false');
  const [from, to] = await spanOf();
  assert.equal(to, now);
  assert.equal(to - from, 500, 'the last 500 epochs');
  assert.equal((await markBoxes(page)).length, 0, 'a switch before the window is not drawn in it');
  const after = await canvasPixels(page, '#chart');
  let changed = 0;
  for (let i = 0; i < after.length; i += 4) if (after[i] !== before[i] || after[i + 1] !== before[i + 1] || after[i + 2] !== before[i + 2]) changed++;
  assert.ok(changed > after.length / 4 / 50, `the recent window redraws the curves (${changed} pixels changed)`);
  // Hovering in the recent window reads an epoch inside it.
  const box = await page.locator('#chart').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const read = await page.textContent('#chart-read');
  const e = Number(/epoch ([\d,]+)/.exec(read)[1].replace(/,/g, ''));
  assert.ok(e >= from && e <= to, `hover reads epoch ${e}, inside ${from}–${to}`);

  await whole.click();
  await frames(page);
  assert.deepEqual(await spanOf(), [0, now]);
  await assertClean(assert, page, problems);
  await page.close();
});
