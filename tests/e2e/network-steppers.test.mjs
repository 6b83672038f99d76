// The network panel's controls and labels at every size the page allows (0–8 hidden layers of 1–16 units), at
// desktop and phone width: each −/+ button is the element at its own centre and sits over its own column, no
// label lies over another or is cut off, the canvas's "dead" labels keep to their columns, and a click on a
// layer's "+" adds a neuron to that layer and no other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, open, assertClean } from './harness.mjs';
import { recordCanvasText, drawnText, overlaps } from './drawn.mjs';

const ALL_FEATURES = 'x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2';
/** Hidden-layer shapes: none, one, the widest and narrowest at 8 layers, and mixed. */
const SHAPES = [
  [], [1], [16], [8, 8], [1, 16, 1], [4, 4, 4, 4, 4], [8, 8, 8, 8, 8, 8], [16, 16, 16, 16, 16, 16, 16],
  Array(8).fill(16), Array(8).fill(1), [16, 1, 16, 1, 16, 1, 16, 1], [3, 7, 12, 5, 16, 2, 9, 4],
];
/** Desktop, a narrow window with a mouse, and a phone's touch screen (44-px targets: the diagram may scroll). */
const VIEWPORTS = [[1400, 1000, 'mouse'], [390, 844, 'mouse'], [390, 844, 'touch']];

const browser = browserForFile(recordCanvasText);

const layersOf = (url) => {
  const m = /[#&]layers=([^&]*)/.exec(decodeURIComponent(url));
  return m ? m[1].split(',').filter(Boolean).map(Number) : null;
};

/** Opens the page at `width` × `height`; with `touch`, as a touch screen (pointer: coarse). */
async function openAt(width, height, input) {
  const { page, problems } = await open(browser.context, '/');
  await page.setViewportSize({ width, height });
  if (input === 'touch') {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await page.waitForFunction(() => matchMedia('(pointer: coarse)').matches);
  }
  return { page, problems };
}

/** Loads `hash` into the open page (as a pasted link) and waits until the diagram shows `layers`. */
async function show(page, hash, layers) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((n) => document.getElementById('layer-count').textContent.startsWith(`${n} hidden layer`)
    && document.querySelectorAll('#columns .col-head').length === n + 2, layers.length);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Everything wrong with the network panel's controls and labels as drawn now, in words (`problems`), and the
 * boxes of its buttons and head labels (`boxes`) for the overlap check.
 */
function panelProblems() {
  const problems = [];
  const name = (e) => e?.getAttribute?.('aria-label') || e?.textContent?.trim() || e?.tagName || String(e);
  const panel = document.querySelector('.network-panel');
  // Seen by eye: laid out, not hidden, and not shrunk to a clipped pixel for screen readers only.
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    return e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && (r.width > 1 || r.height > 1);
  };
  const buttons = [...panel.querySelectorAll('.panel-head button, #columns button, .layer-steppers button')].filter(visible);
  const boxes = [];
  for (const b of buttons) {
    b.scrollIntoView({ block: 'center', inline: 'center' });
    const r = b.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    if (!(hit === b || b.contains(hit))) problems.push(`"${name(b)}" is covered by "${name(hit)}"`);
  }
  window.scrollTo(0, 0);
  // Where the diagram scrolls sideways, its whole scroll width is in reach: that is the box to stay in.
  const scroller = panel.querySelector('.diagram-scroll');
  if (scroller) scroller.scrollLeft = 0;
  const box = panel.getBoundingClientRect();
  const p = { left: box.left, top: box.top, bottom: box.bottom, right: box.right };
  if (scroller) p.right = Math.max(p.right, scroller.getBoundingClientRect().left + scroller.scrollWidth);
  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  for (const b of buttons) {
    const r = b.getBoundingClientRect();
    if (!inside(r, p)) problems.push(`"${name(b)}" sticks out of the panel`);
    boxes.push({ text: name(b), left: r.left, right: r.right, top: r.top, bottom: r.bottom });
  }
  // Every piece of text in the column heads: inside its own cell, over nothing else.
  const heads = [...panel.querySelectorAll('#columns, .layer-steppers')];
  for (const head of heads) {
    const walker = document.createTreeWalker(head, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !visible(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      const cell = node.parentElement.closest('button, .col-head, .layer-step') ?? node.parentElement;
      if (!inside(r, cell.getBoundingClientRect())) problems.push(`"${node.textContent}" is cut off by its cell`);
      if (!inside(r, p)) problems.push(`"${node.textContent}" sticks out of the panel`);
      if (!cell.matches('button')) boxes.push({ text: node.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    }
  }
  // A stepper that sits in the column heads sits over its own column of the diagram.
  const canvas = document.getElementById('network').getBoundingClientRect();
  const cells = [...document.querySelectorAll('#columns .col-head')];
  const colW = canvas.width / cells.length;
  cells.forEach((cell, c) => {
    const r = cell.getBoundingClientRect();
    const centre = r.left + r.width / 2;
    const want = canvas.left + (c + 0.5) * colW;
    if (Math.abs(centre - want) > 2) problems.push(`column head ${c} is centred at ${centre.toFixed(0)}, its column at ${want.toFixed(0)}`);
  });
  return { problems, boxes };
}

for (const [width, height, input] of VIEWPORTS) {
  test(`at ${width} px (${input}) every stepper is clickable where it is drawn and no label covers another, 0–8 layers of 1–16`, async () => {
    const { page, problems } = await openAt(width, height, input);
    const found = [];
    for (const shape of SHAPES) {
      for (const features of ['x1,x2', ALL_FEATURES]) {
        if (features === ALL_FEATURES && shape.length % 3 !== 0) continue;
        await show(page, `#layers=${shape.join(',')}&features=${features}`, shape);
        const panel = await page.evaluate(panelProblems);
        for (const p of [...panel.problems, ...overlaps(panel.boxes, 0.5)]) found.push(`[${shape}] ${features}: ${p}`);
        if (input === 'touch') {
          const small = await page.$$eval('#columns button', (bs) => bs.map((b) => b.getBoundingClientRect())
            .filter((r) => r.width < 44 || r.height < 44).length);
          if (small) found.push(`[${shape}]: ${small} stepper buttons smaller than 44 × 44 px on a touch screen`);
        }
      }
    }
    assert.deepEqual(found, []);
    await assertClean(assert, page, problems);
  });

  test(`at ${width} px (${input}) a click on a layer's + or − changes that layer and no other`, async () => {
    const { page, problems } = await openAt(width, height, input);
    for (const shape of [[8, 8, 8, 8, 8, 8], Array(8).fill(15), Array(8).fill(2)]) {
      await show(page, `#layers=${shape.join(',')}`, shape);
      for (let i = 0; i < shape.length; i++) {
        for (const [label, delta] of [[`Add a neuron to layer ${i + 1}`, 1], [`Remove a neuron from layer ${i + 1}`, -1]]) {
          const button = page.locator(`.network-panel button[aria-label="${label}"]`);
          await button.scrollIntoViewIfNeeded();
          const box = await button.boundingBox();
          const before = layersOf(page.url());
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          await page.waitForFunction((b) => !location.hash.includes(`layers=${b}`), before.join(','), { timeout: 2000 }).catch(() => {});
          const after = layersOf(page.url());
          const want = before.map((u, j) => (j === i ? u + delta : u));
          assert.deepEqual(after, want, `"${label}" at ${width} px`);
        }
      }
    }
    await assertClean(assert, page, problems);
  });

  test(`at ${width} px (${input}) the diagram's "dead" labels stay in their own columns and never run together`, async () => {
    const { page, problems } = await openAt(width, height, input);
    let labelled = 0;
    for (const shape of [[8, 8, 8, 8, 8, 8], Array(8).fill(16), Array(8).fill(1), [16, 1, 16, 1, 16, 1, 16, 1], [3, 3]]) {
      await show(page, `#dataset=circle&layers=${shape.join(',')}&activation=relu&lr=1&optimizer=adam&seed=3`, shape);
      for (let k = 0; k < 3; k++) await page.click('[data-testid="step"]');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const { width: W, height: H, texts } = await drawnText(page, '#network');
      const cols = shape.length + 2;
      const found = overlaps(texts, 0);
      for (const t of texts) {
        if (t.left < 0 || t.right > W || t.top < 0 || t.bottom > H) found.push(`"${t.text}" is cut off by the canvas`);
        const c = Math.floor(((t.left + t.right) / 2 / W) * cols);
        if (t.left < (c * W) / cols - 0.5 || t.right > ((c + 1) * W) / cols + 0.5) found.push(`"${t.text}" leaves its column ${c}`);
        if (/dead/.test(t.text) || /^\d+\/\d+$/.test(t.text)) labelled++;
      }
      assert.deepEqual(found, [], `[${shape}] at ${width} px`);
    }
    assert.ok(labelled > 0, 'some layer had dead units to label');
    await assertClean(assert, page, problems);
  });
}
