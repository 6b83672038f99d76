// The gradient-flow strip as a learner reads it: a layer that passes no gradient back (every unit dead) is
// drawn as none, not as a bar; and every number on the strip says what it is — decade ticks under an axis
// title, and words with every number under a bar ("5 of 8 dead", "11 % saturated").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, open, assertClean, canvasPixels } from './harness.mjs';
import { recordCanvasText, drawnText, overlaps } from './drawn.mjs';

const CANVAS = '[data-testid="gradient-flow"] canvas';

const browser = browserForFile(recordCanvasText);

async function runPreset(slug) {
  const { page, problems } = await open(browser.context, `/#preset=${slug}`);
  await page.waitForFunction(() => /Paused; press play/.test(document.querySelector('.ev-claim')?.textContent ?? ''),
    null, { timeout: 60000 });
  await page.locator(CANVAS).scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return { page, problems };
}

/**
 * The strip's drawn texts: `names` are the per-bar names in order ("layer 1" or a bare "1", then "output" or
 * "out"), `margin` the words in the left margin, `baseline` the top of the names' row.
 */
function layout(drawn) {
  const out = drawn.texts.find((t) => /^(output|out)$/.test(t.text));
  assert.ok(out, `the output bar is named (drawn: ${drawn.texts.map((t) => t.text).join(' | ')})`);
  const centre = (t) => (t.left + t.right) / 2;
  const names = drawn.texts.filter((t) => t.y === out.y && /^((layer )?\d+|output|out)$/.test(t.text))
    .sort((a, b) => a.left - b.left);
  const slot = names.length > 1 ? centre(names[1]) - centre(names[0]) : drawn.width;
  const plotLeft = centre(names[0]) - slot / 2;
  const margin = drawn.texts.filter((t) => t.right <= plotLeft && /^[a-z ]+$/i.test(t.text));
  return { names, slot, baseline: out.y, centre, margin };
}

/** Every number on the strip is labelled: see the header. Returns the unlabelled ones. */
function unlabelled(drawn) {
  const { baseline, margin } = layout(drawn);
  const title = drawn.texts.some((t) => /∂L\/∂z/.test(t.text) && t.bottom < baseline && /[a-z]{4,}/i.test(t.text));
  const bad = [];
  for (const t of drawn.texts) {
    if (!/\d/.test(t.text) || /^layer \d+$/.test(t.text)) continue;
    if (t.y >= baseline) {
      const named = /dead|saturated|units/.test(t.text)
        || margin.some((m) => m.y === t.y && /layer|dead|saturated/.test(m.text));
      if (!named) bad.push(`"${t.text}" under a bar says nothing of what it counts`);
    } else if (!title) {
      bad.push(`"${t.text}" on a strip with no axis title naming ∂L/∂z`);
    }
  }
  return bad;
}

test('a fully dead layer reads as none on the gradient-flow strip, not as the tallest bar', async () => {
  const { page, problems } = await runPreset('relu-high-lr');
  const units = await page.$eval('.ev-units', (e) => e.textContent);
  const dead = [...units.matchAll(/layer (\d+): (\d+) of (\d+)/g)].filter((m) => m[2] === m[3]).map((m) => Number(m[1]));
  assert.ok(dead.length > 0, `the preset kills a whole layer: ${units}`);
  const drawn = await drawnText(page, CANVAS);
  const { names, slot, baseline, centre } = layout(drawn);
  const pixels = await canvasPixels(page, CANVAS);
  const bar = await page.$eval('[data-testid="gradient-flow"]', (e) => {
    const probe = document.createElement('i');
    probe.style.color = getComputedStyle(e).getPropertyValue('--ev-bar');
    e.append(probe);
    const rgb = getComputedStyle(probe).color.match(/\d+/g).map(Number);
    probe.remove();
    return rgb;
  });
  for (const l of dead) {
    const name = names[l - 1];
    assert.ok(name, `layer ${l} is named on the strip`);
    const cx = centre(name);
    let barPixels = 0;
    for (let y = 0; y < Math.floor(baseline) - 2; y++) {
      for (let x = Math.ceil(cx - slot / 2); x < Math.floor(cx + slot / 2); x++) {
        const i = 4 * (y * drawn.width + x);
        if (pixels[i + 3] > 200 && Math.abs(pixels[i] - bar[0]) < 12 && Math.abs(pixels[i + 1] - bar[1]) < 12
          && Math.abs(pixels[i + 2] - bar[2]) < 12) barPixels++;
      }
    }
    assert.equal(barPixels, 0, `dead layer ${l} is drawn with a bar (${barPixels} bar pixels)`);
    const none = drawn.texts.find((t) => /none/.test(t.text) && Math.abs(centre(t) - cx) < slot / 2);
    assert.ok(none, `dead layer ${l} says "none" (drawn: ${drawn.texts.map((t) => t.text).join(' | ')})`);
  }
  assert.deepEqual(unlabelled(drawn), []);
  assert.deepEqual(overlaps(drawn.texts), []);
  const ratio = await page.$eval('.ev-ratio', (e) => e.textContent);
  assert.match(ratio, /no gradient/i);
  await assertClean(assert, page, problems);
});

for (const [width, height] of [[1400, 1000], [390, 844]]) {
  test(`at ${width} px every number on the strip says what it is, and no label covers another`, async () => {
    const eight = '/#dataset=circle&layers=8,8,8,8,8,8,8,8&activation=sigmoid&seed=1';
    for (const slug of ['deep-sigmoid', 'relu-high-lr', 'deep-relu', eight]) {
      const { page, problems } = slug === eight ? await open(browser.context, eight) : await runPreset(slug);
      await page.setViewportSize({ width, height });
      await page.locator(CANVAS).scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const drawn = await drawnText(page, CANVAS);
      assert.ok(drawn.texts.length > 5, `${slug}: the strip is drawn`);
      assert.deepEqual(unlabelled(drawn), [], slug);
      assert.deepEqual(overlaps(drawn.texts), [], slug);
      // Labels on one line keep a visible gap: they never read as one run of text ("100 %100 %").
      const rows = new Map();
      for (const t of drawn.texts) rows.set(t.y, [...(rows.get(t.y) ?? []), t]);
      for (const row of rows.values()) {
        row.sort((a, b) => a.left - b.left);
        for (let k = 1; k < row.length; k++) {
          assert.ok(row[k].left - row[k - 1].right >= 3, `${slug}: "${row[k - 1].text}" runs into "${row[k].text}"`);
        }
      }
      // Decade values stacked up the axis keep apart too.
      const plotLeft = layout(drawn).names[0].left;
      const ticks = drawn.texts.filter((t) => t.right < plotLeft && /^(1|10|10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.test(t.text))
        .sort((a, b) => a.top - b.top);
      for (let k = 1; k < ticks.length; k++) {
        assert.ok(ticks[k].top - ticks[k - 1].bottom >= 2, `${slug}: "${ticks[k - 1].text}" touches "${ticks[k].text}"`);
      }
      for (const t of drawn.texts) {
        assert.ok(t.left >= 0 && t.right <= drawn.width && t.top >= 0 && t.bottom <= drawn.height, `${slug}: "${t.text}" is cut off`);
      }
      await assertClean(assert, page, problems);
      await page.close();
    }
  });
}
