// The activation explorer, driven as a visitor would: picking, hovering, sliding, zooming, keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean, screenshot } from './harness.mjs';

const CURVE = '[data-testid="curve"]';
const NAME = '[data-testid="activation-name"]';
const READOUT = '[data-testid="readout"]';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Remembers the curve canvas's pixels inside the page (reading 1.6 M numbers back into Node is slow), so that
 * `changedSince` can count how many RGBA values differ from them.
 */
async function remember(page) {
  await page.$eval(CURVE, (c) => {
    window.__curve = c.getContext('2d').getImageData(0, 0, c.width, c.height).data.slice();
  });
}

/** How many RGBA values of the curve canvas differ from the remembered ones; remembers the new ones. */
async function changedSince(page) {
  return page.$eval(CURVE, (c) => {
    const now = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const old = window.__curve;
    window.__curve = now.slice();
    if (!old || old.length !== now.length) return Infinity;
    let n = 0;
    for (let i = 0; i < now.length; i++) if (now[i] !== old[i]) n++;
    return n;
  });
}

/** Every number in a read-out text (with the typographic minus read as '-'). */
function numbers(text) {
  return (text.replaceAll('\u2212', '-').match(/-?\d+\.\d+/g) ?? []).map(Number);
}

async function pressed(page) {
  return page.$$eval('[data-activation][aria-pressed="true"]', (els) => els.map((e) => e.dataset.activation));
}

test('the picker lists every activation, grouped, with an icon each, and ReLU selected', async () => {
  const { page, problems } = await open(browser.context, '/');
  const names = await page.$$eval('[data-activation]', (els) => els.map((e) => e.dataset.activation));
  assert.ok(names.length >= 28, `only ${names.length} activations in the picker`);
  assert.equal(new Set(names).size, names.length, 'an activation is listed twice');
  for (const name of ['relu', 'leaky_relu', 'prelu', 'rrelu', 'sigmoid', 'tanh', 'gelu', 'silu', 'mish', 'softplus',
    'elu', 'celu', 'selu', 'hardtanh', 'hardsigmoid', 'hardswish', 'relu6', 'threshold', 'hardshrink', 'softshrink',
    'tanhshrink', 'logsigmoid', 'softsign', 'identity']) {
    assert.ok(names.includes(name), `${name} is missing from the picker`);
  }
  const groups = await page.$$eval('.ex-group h3', (els) => els.map((e) => e.textContent));
  assert.deepEqual(groups, ['Classic', 'Rectifiers', 'Smooth modern', 'Hard / piecewise', 'Shrinkage', 'Other']);
  const blankIcons = await page.$$eval('.ex-icon', (icons) =>
    icons.filter((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return false;
      return true;
    }).length,
  );
  assert.equal(blankIcons, 0, 'some picker icons are blank');
  assert.deepEqual(await pressed(page), ['relu']);
  assert.equal(await page.textContent(NAME), 'ReLU');
  const painted = await page.$eval(CURVE, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
    return n;
  });
  assert.ok(painted > 10000, `the curve canvas has only ${painted} painted pixels`);
  assert.match(await page.textContent('.ex-props'), /np\.maximum\(0, x\)/);
  await assertClean(assert, page, problems);
});

test('selecting activations changes the curve, the name and aria-pressed', async () => {
  const { page, problems } = await open(browser.context, '/');
  await remember(page);
  for (const name of ['sigmoid', 'tanh', 'leaky_relu', 'gelu', 'hardshrink', 'sine']) {
    const button = page.locator(`[data-activation="${name}"]`);
    const label = (await button.textContent()).trim();
    await button.click();
    assert.deepEqual(await pressed(page), [name], `after clicking ${name}`);
    assert.equal(await page.textContent(NAME), label);
    assert.ok((await changedSince(page)) > 2000, `${name}: the curve did not change`);
  }
  assert.match(await page.textContent('[data-testid="status"]'), /sine/, 'onSelect was not called');
  await assertClean(assert, page, problems);
});

test('sigmoid shades where it saturates, at |x| > 2.06; ReLU where f′ = 0; each says so', async () => {
  const { page, problems } = await open(browser.context, '/');
  await page.click('[data-activation="sigmoid"]');
  const where = (await page.textContent('#ex-where')).replaceAll('\u2212', '-');
  assert.match(where, /fading towards 0 for x < -2\.06 and x > 2\.06: saturation/);
  assert.match(await page.textContent('.ex-legend'), /saturation/);
  await page.click('[data-activation="relu"]');
  assert.match((await page.textContent('#ex-where')).replaceAll('\u2212', '-'), /f′ = 0 for x < 0: no gradient at all\.$/);
  await page.click('[data-activation="leaky_relu"]');
  assert.match((await page.textContent('#ex-where')).replaceAll('\u2212', '-'), /small but not 0 for x < 0: a constant slope, so the gradient still flows\.$/);
  await page.click('[data-activation="binary_step"]');
  assert.match(await page.textContent('#ex-where'), /f′ = 0 everywhere \(hatched\)/);
  await assertClean(assert, page, problems);
});

/** The most common colour (RGBA as one text) in a box of the curve canvas given as fractions of its size. */
const commonColour = (page, [x0, y0, x1, y1]) => page.$eval(CURVE, (c, box) => {
  const [a, b, w, h] = [box[0] * c.width, box[1] * c.height, (box[2] - box[0]) * c.width, (box[3] - box[1]) * c.height].map(Math.round);
  const d = c.getContext('2d').getImageData(a, b, w, h).data;
  const seen = new Map();
  for (let i = 0; i < d.length; i += 4) {
    const k = `${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return [...seen].sort((p, q) => q[1] - p[1])[0][0];
}, [x0, y0, x1, y1]);

test('ReLU’s zero gradient, Leaky ReLU’s small slope and sigmoid’s saturation are painted differently', async () => {
  const { page, problems } = await open(browser.context, '/');
  // Left of 0 in the default view (x from −6 to 6), between the band label and the histogram at the bottom:
  // nothing but the band (or the plain plot) is painted there.
  const band = [0.2, 0.3, 0.38, 0.55];
  const colours = {};
  for (const name of ['relu', 'leaky_relu', 'sigmoid', 'identity']) {
    await page.click(`[data-activation="${name}"]`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    colours[name] = await commonColour(page, band);
  }
  assert.equal(new Set(Object.values(colours)).size, 4, `band colours: ${JSON.stringify(colours)}`);
  await assertClean(assert, page, problems);
});

test('hovering the curve shows x, f(x) and f\u2032(x) with a crosshair', async () => {
  const { page, problems } = await open(browser.context, '/');
  const box = await page.locator(CURVE).boundingBox();
  await remember(page);
  // Right of centre: x > 0, where ReLU is the identity and its derivative exactly 1.
  await page.mouse.move(box.x + box.width * 0.72, box.y + box.height * 0.5);
  const text = await page.textContent(READOUT);
  assert.match(text, /x = .*f\(x\) = .*f\u2032\(x\) = /);
  const [x, fx, dfx] = numbers(text);
  assert.ok(x > 0, `x = ${x}`);
  assert.ok(Math.abs(fx - x) < 1e-3, `ReLU(${x}) read as ${fx}`);
  assert.equal(dfx, 1);
  assert.ok((await changedSince(page)) > 500, 'no crosshair was drawn');
  // Left of centre: zero and zero.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  const [x2, f2, df2] = numbers(await page.textContent(READOUT));
  assert.ok(x2 < 0);
  assert.equal(f2, 0);
  assert.equal(df2, 0);
  await assertClean(assert, page, problems);
});

test('a parameter slider changes the curve and the spec live', async () => {
  const { page, problems } = await open(browser.context, '/');
  await page.click('[data-activation="leaky_relu"]');
  assert.equal(await page.textContent('[data-testid="activation-spec"]'), 'leaky_relu(negative_slope=0.01)');
  await remember(page);
  await page.focus('input[data-param="negative_slope"]');
  await page.keyboard.press('End');
  assert.equal(await page.textContent('[data-testid="activation-spec"]'), 'leaky_relu(negative_slope=0.5)');
  assert.match(await page.textContent('[data-testid="status"]'), /negative_slope=0\.5/);
  assert.ok((await changedSince(page)) > 2000, 'the slider did not change the curve');
  // A slope of 0.5 is well above 0.1: nothing is shaded any more.
  assert.match(await page.textContent('#ex-where'), /\u2265 0\.1 everywhere/);
  // hardtanh's min_val cannot pass its max_val: the slider stops and says why.
  await page.click('[data-activation="hardtanh"]');
  await page.focus('input[data-param="min_val"]');
  await page.keyboard.press('End');
  assert.equal(await page.textContent('[data-testid="activation-spec"]'), 'hardtanh(min_val=-1, max_val=1)');
  assert.notEqual((await page.textContent('.ex-param-error')).trim(), '');
  // gelu's approximate is a choice.
  await page.click('[data-activation="gelu"]');
  await page.click('.ex-choice:text-is("tanh")');
  assert.equal(await page.textContent('[data-testid="activation-spec"]'), 'gelu(approximate=tanh)');
  await assertClean(assert, page, problems);
});

test('zoom buttons change the x-range and ghost curves can be toggled', async () => {
  const { page, problems } = await open(browser.context, '/');
  const range = () => page.textContent('.ex-range');
  const start = await range();
  await page.click('[aria-label="Zoom in"]');
  assert.notEqual(await range(), start);
  await page.click('[aria-label="Reset the x-range"]');
  assert.equal(await range(), start);
  await remember(page);
  await page.click('.ex-compare summary');
  await page.click('[data-ghost="sigmoid"]');
  assert.equal(await page.getAttribute('[data-ghost="sigmoid"]', 'aria-pressed'), 'true');
  assert.ok((await changedSince(page)) > 500, 'the ghost curve was not drawn');
  assert.match(await page.textContent('.ex-legend'), /Sigmoid/);
  await assertClean(assert, page, problems);
});

test('the explorer works with the keyboard alone', async () => {
  const { page, problems } = await open(browser.context, '/');
  let focused = null;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.dataset?.activation ?? null);
  }
  assert.equal(focused, 'relu', 'Tab never reached the picker (it should land on the selected activation)');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const target = await page.evaluate(() => document.activeElement.dataset.activation);
  assert.notEqual(target, 'relu');
  await page.keyboard.press('Enter');
  assert.deepEqual(await pressed(page), [target]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press(' ');
  const back = await pressed(page);
  assert.equal(back.length, 1);
  assert.notEqual(back[0], target);
  // The plot takes focus; arrows move the probe, + zooms.
  let onCurve = false;
  for (let i = 0; i < 40 && !onCurve; i++) {
    await page.keyboard.press('Tab');
    onCurve = await page.evaluate(() => document.activeElement?.dataset?.testid === 'curve');
  }
  assert.ok(onCurve, 'Tab never reached the curve');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent(READOUT), /f\(x\) = /);
  const range = await page.textContent('.ex-range');
  await page.keyboard.press('+');
  assert.notEqual(await page.textContent('.ex-range'), range);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused plot shows no focus ring');
  await assertClean(assert, page, problems);
});

test('a live histogram is drawn on the curve and its share in the flat part is reported', async () => {
  const { page, problems } = await open(browser.context, '/');
  const note = await page.evaluate(async () => {
    const { mountExplorer } = await import('./views/explorer/explorer.js');
    const { activationCatalogue, describe } = await import('./pkg/activation_playground.js');
    const host = document.createElement('section');
    host.id = 'second';
    document.body.append(host);
    const explorer = mountExplorer(host, { catalogue: JSON.parse(activationCatalogue()), domain: JSON.parse(describe()).domain });
    explorer.select('sigmoid');
    // Half the mass at |x| ~ 4 (flat), half at 0 (steep).
    const counts = new Float32Array(16);
    counts[0] = 50;
    counts[8] = 50;
    const canvas = host.querySelector('canvas[data-testid="curve"]');
    const before = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.slice();
    explorer.setHistogram(counts, -4, 4);
    const after = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let changed = 0;
    for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) changed++;
    const text = host.querySelector('[data-testid="histogram-note"]').textContent;
    // 100 counted in range out of 400 in all: the other 300 lie beyond the plot.
    explorer.setHistogram(counts, -4, 4, 'values', 400);
    const partly = host.querySelector('[data-testid="histogram-note"]').textContent;
    // None in range, but there are values: far in the tails, not "nothing yet".
    explorer.setHistogram(new Float32Array(16), -4, 4, 'values', 400);
    const allOutside = host.querySelector('[data-testid="histogram-note"]').textContent;
    explorer.setHistogram(null, 0, 0);
    const hidden = host.querySelector('[data-testid="histogram-note"]').hidden;
    return { changed, text, partly, allOutside, hidden, spec: explorer.spec() };
  });
  assert.ok(note.changed > 1000, 'the histogram was not drawn');
  assert.match(note.text, /^50 % /);
  assert.match(note.partly, /^50 % of the values in this range .*; 75 % of all of them lie outside x from \u22124 to 4\.$/);
  assert.equal(note.allOutside, 'All values lie outside x from \u22124 to 4, beyond this plot.');
  assert.equal(note.hidden, true);
  assert.equal(note.spec, 'sigmoid');
  await assertClean(assert, page, problems);
});

test('the handle: select() shows any spelling of a spec without calling onSelect, and rejects bad specs', async () => {
  const { page, problems } = await open(browser.context, '/');
  const result = await page.evaluate(async () => {
    const { mountExplorer } = await import('./views/explorer/explorer.js');
    const { activationCatalogue, describe } = await import('./pkg/activation_playground.js');
    const host = document.createElement('section');
    document.body.append(host);
    const calls = [];
    const explorer = mountExplorer(host, { catalogue: JSON.parse(activationCatalogue()), domain: JSON.parse(describe()).domain, onSelect: (s) => calls.push(s) });
    explorer.select('leaky_relu( negative_slope = 0.2 )');
    const shown = {
      spec: explorer.spec(),
      name: host.querySelector('[data-testid="activation-name"]').textContent,
      slider: host.querySelector('input[data-param="negative_slope"]').value,
      pressed: host.querySelector('[aria-pressed="true"][data-activation]').dataset.activation,
    };
    let error = '';
    try {
      explorer.select('leaky_relu(slope=2)');
    } catch (e) {
      error = e.message;
    }
    host.querySelector('[data-activation="tanh"]').click();
    return { shown, error, calls, after: explorer.spec() };
  });
  assert.deepEqual(result.shown, {
    spec: 'leaky_relu(negative_slope=0.2)',
    name: 'Leaky ReLU',
    slider: '0.2',
    pressed: 'leaky_relu',
  });
  assert.match(result.error, /negative_slope/);
  assert.equal(result.after, 'tanh');
  assert.deepEqual(result.calls, ['tanh']);
  await assertClean(assert, page, problems);
});

test('screenshots: desktop, dark, and a 360 px phone', async () => {
  const { page, problems } = await open(browser.context, '/');
  await page.click('[data-activation="gelu"]');
  await page.click('.ex-compare summary');
  await page.click('[data-ghost="relu"]');
  const box = await page.locator(CURVE).boundingBox();
  await page.mouse.move(box.x + box.width * 0.38, box.y + box.height * 0.6, { steps: 3 });
  await screenshot(page, 'explorer-desktop');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.click('[data-activation="sigmoid"]');
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.6, { steps: 3 });
  await screenshot(page, 'explorer-dark');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.click('[data-activation="leaky_relu"]');
  await page.mouse.move(0, 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 360 px`);
  await screenshot(page, 'explorer-phone');
  await assertClean(assert, page, problems);
});
