// Publishing: the embeddable widget (embed.html) framed by a page of another origin in each of its views,
// its link keys (hide, autoplay, reduced motion), the main page's Embed dialog and its snippet, and a
// recorded clip that is a real WebM file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, assertClean, screenshot, paintedPixels, BASE_URL, watch, assertNoProblems } from './harness.mjs';
import { startStatic } from './static.mjs';

const ORIGIN = new URL(BASE_URL).origin;
let browser;
let parentDir;
let parent;
before(async () => {
  browser = await launch();
  parentDir = mkdtempSync(join(tmpdir(), 'ap-parent-'));
  parent = await startStatic(parentDir);
});
after(async () => {
  await browser?.close();
  parent?.stop();
  if (parentDir) rmSync(parentDir, { recursive: true, force: true });
});

/** Writes a post on the other origin that frames `srcs` (full URLs), one after the other. */
function post(name, srcs) {
  const frames = srcs.map((src, i) => `<iframe id="f${i}" src="${src.replace(/&/g, '&amp;')}" width="720" height="480" title="widget ${i}"></iframe>`);
  writeFileSync(join(parentDir, `${name}.html`), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>A post</title><h1>A post</h1>\n${frames.join('\n')}\n`);
  return `${parent.origin}/${name}.html`;
}

/** The frame of `page` whose URL starts with `src`, once its widget says it is ready. */
async function widget(page, src) {
  let frame;
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 200 && !frame; i++) {
      frame = page.frames().find((f) => f.url() === src);
      if (!frame) await page.waitForTimeout(50);
    }
  });
  assert.ok(frame, `no frame for ${src}`);
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  return frame;
}

/** Painted pixels and distinct colours (in steps of 16) of a canvas in `frame`. */
async function drawn(frame, selector) {
  return frame.$eval(selector, (canvas) => {
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 0) continue;
      painted++;
      colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
    }
    return { painted, colours: colours.size, total: d.length / 4 };
  });
}

const epochIn = async (frame) => Number.parseInt(await frame.textContent('[data-testid="epoch"]'), 10);

test('a page on another origin frames each view, and each one draws', async () => {
  const srcs = {
    curve: `${ORIGIN}/embed.html#view=curve&activation=gelu`,
    train: `${ORIGIN}/embed.html#view=train&dataset=xor&layers=4`,
    race: `${ORIGIN}/embed.html#view=race&race=relu,tanh&dataset=circle`,
  };
  const page = await browser.context.newPage();
  const problems = watch(page, [ORIGIN, parent.origin]);
  await page.goto(post('all-views', Object.values(srcs)));
  const curve = await widget(page, srcs.curve);
  const c = await drawn(curve, '[data-testid="curve"]');
  assert.ok(c.painted > c.total * 0.5 && c.colours >= 4, `the curve is drawn: ${JSON.stringify(c)}`);
  await curve.hover('[data-testid="curve"]', { position: { x: 300, y: 150 } });
  await curve.waitForFunction(() => /f\(x\) = .*f′\(x\) = /.test(document.querySelector('[data-testid="readout"]').textContent));

  const train = await widget(page, srcs.train);
  const b = await drawn(train, '[data-testid="boundary"]');
  assert.ok(b.painted === b.total && b.colours >= 4, `the boundary is drawn: ${JSON.stringify(b)}`);
  assert.equal(await epochIn(train), 0, 'no autoplay without autoplay=1');
  await train.click('[data-testid="play"]');
  await train.waitForFunction(() => Number.parseFloat(document.querySelector('[data-testid="test-accuracy"]').textContent) > 90, null, { timeout: 20000 });
  await train.selectOption('[data-testid="embed-activation"]', 'tanh');
  const at = await epochIn(train);
  assert.ok(at > 0, 'switching keeps the epoch');
  assert.match(await train.textContent('[data-testid="status"]'), /Switched to .*same weights/);

  const race = await widget(page, srcs.race);
  const boards = await race.$$('[data-testid="race-boundary"]');
  assert.equal(boards.length, 2, 'two racers from the link');
  const r = await drawn(race, '[data-testid="race-boundary"]');
  assert.ok(r.painted > r.total * 0.9 && r.colours >= 4, `the race boards are drawn: ${JSON.stringify(r)}`);
  await race.click('[data-testid="race-start"]');
  await race.waitForFunction(() => /epoch [1-9]/.test(document.querySelector('[data-testid="race-epoch"]').textContent));
  await screenshot(page, 'embed-parent-all-views');
  assertNoProblems(assert, problems);
  await page.close();
});

test('hide= leaves controls out, autoplay=1 starts, and reduced motion wins over autoplay', async () => {
  const page = await browser.context.newPage();
  const problems = watch(page, [ORIGIN]);
  await page.goto(`${ORIGIN}/embed.html#view=train&hide=picker,chart,title&autoplay=1&hide=play`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.equal(await page.isVisible('[data-testid="embed-activation"]'), false, 'picker hidden');
  assert.equal(await page.isVisible('.embed-chart'), false, 'chart hidden');
  assert.equal(await page.isVisible('.embed-head'), false, 'title hidden');
  assert.equal(await page.isVisible('[data-testid="play"]'), true, 'a repeated hide is ignored, play stays');
  assert.match(await page.textContent('[data-testid="status"]'), /repeated 'hide'/);
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-testid="epoch"]').textContent, 10) > 10, null, { timeout: 10000 });
  assertNoProblems(assert, problems);
  await page.close();

  const still = await browser.context.newPage();
  await still.emulateMedia({ reducedMotion: 'reduce' });
  await still.goto(`${ORIGIN}/embed.html#view=train&autoplay=1`);
  await still.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await still.waitForTimeout(600);
  assert.equal(await epochIn(still), 0, 'reduced motion: nothing starts by itself');
  assert.match(await still.textContent('[data-testid="status"]'), /reduced motion/);
  await still.close();
});

test('the Embed dialog shows the snippet for the current setup and view, and the snippet works', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=spiral&activation=tanh&layers=6,3');
  await page.click('#embed-open');
  const code = page.locator('[data-testid="embed-code"]');
  await code.waitFor();
  let text = await code.textContent();
  assert.match(text, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#view=train&amp;dataset=spiral&amp;/);
  assert.match(text, /activation=tanh&amp;layers=6,3&amp;/);
  assert.match(text, /width="720" height="480"/);
  await page.check('[data-embed-view="race"]');
  text = await code.textContent();
  assert.match(text, /#view=race&amp;/);
  await screenshot(page, 'embed-dialog');
  await page.check('[data-embed-view="curve"]');
  const src = (await code.textContent()).match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  await page.keyboard.press('Escape');
  await assertClean(assert, page, problems);
  await page.close();

  const framed = await browser.context.newPage();
  const seen = watch(framed, [ORIGIN, parent.origin]);
  await framed.goto(post('from-snippet', [src]));
  const curve = await widget(framed, src);
  assert.equal(await curve.$eval('[data-testid="embed-activation"]', (s) => s.value), 'tanh');
  const c = await drawn(curve, '[data-testid="curve"]');
  assert.ok(c.painted > c.total * 0.5, 'the snippet draws');
  assertNoProblems(assert, seen);
  await framed.close();
});

test('the served full page may not be framed by another site; the widget may', async () => {
  const page = await browser.context.newPage();
  const refused = [];
  page.on('console', (m) => {
    if (/frame-ancestors/.test(m.text())) refused.push(m.text());
  });
  const widgetSrc = `${ORIGIN}/embed.html#view=curve`;
  await page.goto(post('framing', [`${ORIGIN}/index.html`, widgetSrc]));
  await widget(page, widgetSrc);
  await page.waitForTimeout(300);
  assert.equal(refused.length, 1, `one frame refused: ${refused.join(' | ')}`);
  assert.match(refused[0], new RegExp(`Framing '${ORIGIN}/'`));
  await page.close();
});

/** Checks that `bytes` are a WebM (EBML) file of some substance. */
function assertWebm(bytes, what) {
  assert.ok(bytes.length > 2000, `${what}: only ${bytes.length} bytes`);
  assert.deepEqual([...bytes.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], `${what}: starts with the EBML magic`);
  assert.ok(bytes.includes(Buffer.from('webm')), `${what}: EBML doc type webm`);
}

test('Record a clip downloads a WebM of the training, named after the setup', async () => {
  const { page, problems } = await open(browser.context, '/#dataset=xor&activation=relu&layers=4,2');
  const button = page.locator('[data-testid="record"]');
  assert.equal(await button.isEnabled(), true, 'this Chromium can record');
  const download = page.waitForEvent('download', { timeout: 20000 });
  await button.click();
  assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'true', 'recording starts training');
  await page.waitForTimeout(1500);
  await button.click(); // stop early
  const file = await download;
  assert.match(file.suggestedFilename(), /^activation-playground-relu-xor-layers-4x2-epoch-\d+\.webm$/);
  assertWebm(readFileSync(await file.path()), 'the main page clip');
  await page.waitForFunction(() => /Clip downloaded/.test(document.querySelector('[data-testid="status"]').textContent));
  await assertClean(assert, page, problems);
  await page.close();

  const race = await browser.context.newPage();
  await race.goto(`${ORIGIN}/embed.html#view=race&race=relu,sigmoid`);
  await race.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const clip = race.waitForEvent('download', { timeout: 20000 });
  await race.click('[data-testid="record"]');
  await race.waitForTimeout(1200);
  await race.click('[data-testid="record"]');
  const raced = await clip;
  assert.match(raced.suggestedFilename(), /^activation-playground-race-relu-vs-sigmoid-circle-/);
  assertWebm(readFileSync(await raced.path()), 'the race clip');
  await race.close();
});

// The pure parts of www/views/publish/, without a browser.
test('clip names carry the setup and only safe characters; snippets escape their attributes', async () => {
  const { clipName, layout } = await import('../../www/views/publish/record.js');
  const { embedUrl, snippet } = await import('../../www/views/publish/embed-code.js');
  assert.equal(clipName({ activation: 'leaky_relu(negative_slope=0.2)', dataset: 'spiral', layers: [8, 8], epoch: 340 }),
    'activation-playground-leaky-relu-negative-slope-0.2-spiral-layers-8x8-epoch-340.webm');
  assert.equal(clipName({ racers: ['relu', 'tanh'], dataset: 'xor', layers: [], epoch: 0 }),
    'activation-playground-race-relu-vs-tanh-xor-no-hidden-layer-epoch-0.webm');
  assert.match(clipName({ activation: '../../<x>', dataset: 'a/b', layers: [1] }), /^[a-z0-9.-]+\.webm$/);
  const frame = layout([[{ width: 400, height: 400 }], [{ width: 800, height: 200 }, { width: 0, height: 0 }]], 640);
  assert.equal(frame.cells.length, 2, 'an empty canvas is left out');
  assert.equal(frame.height % 2, 0, 'even height for the encoder');
  assert.ok(frame.cells[1].y >= frame.cells[0].y + frame.cells[0].h, 'rows do not overlap');
  const src = embedUrl('https://example.org/course/index.html?x=1#old', 'curve', 'dataset=xor&activation=tanh', true);
  assert.equal(src, 'https://example.org/course/embed.html#view=curve&dataset=xor&activation=tanh&autoplay=1');
  const code = snippet(src, 'A "quoted" <title>');
  assert.match(code, /src="https:\/\/example\.org\/course\/embed\.html#view=curve&amp;dataset=xor&amp;activation=tanh&amp;autoplay=1"/);
  assert.match(code, /title="A &quot;quoted&quot; &lt;title&gt;"/);
});
