// The guided path ("Learn") used the way a person does: open it from a `#lesson=N` link, pick a prediction,
// Run, watch, read the verdict, Next — on several seeds, at 1400×1000 and 390×844, and by keyboard alone. The
// verdict's numbers must be the numbers the page shows for that run (the gradient-flow view, the run bar, the
// lesson's live race table), and what a step drives must be on screen while it runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, browserForFile, launch, open, screenshot } from './harness.mjs';

const browser = browserForFile();
const STEPS = 8;
const lesson = '[data-testid="lesson"]';
const verdictOf = (page) => page.locator('[data-testid="lesson-verdict"]').textContent();

/** The element a running step drives: the page's boundary for a training step, else the lesson's live list. */
async function drivenBoxes(page) {
  return page.evaluate(() => {
    const slug = document.querySelector('[data-testid="lesson"]').dataset.lessonStep;
    const train = ['3', '4', '7'].includes(slug);
    const sel = train ? ['[data-testid="boundary"]'] : ['[data-testid="lesson-live"]'];
    const sheet = document.querySelector('[data-testid="lesson"]').getBoundingClientRect();
    return {
      train,
      view: { w: innerWidth, h: innerHeight },
      sheet: { top: sheet.top, left: sheet.left, right: sheet.right },
      boxes: sel.map((s) => {
        const r = document.querySelector(s).getBoundingClientRect();
        return { s, top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
      }),
    };
  });
}

/** Asserts the driven output is inside the window and, for the page's own views, not under the sheet. */
function assertOnScreen(info, label) {
  for (const b of info.boxes) {
    assert.ok(b.height > 0, `${label}: ${b.s} has a size`);
    assert.ok(b.top >= -1 && b.bottom <= info.view.h + 1, `${label}: ${b.s} ${b.top}–${b.bottom} within 0–${info.view.h}`);
    assert.ok(b.left >= -1 && b.right <= info.view.w + 1, `${label}: ${b.s} within the width`);
    const overlaps = info.sheet.left < b.right && info.sheet.right > b.left;
    if (info.train && overlaps) assert.ok(b.bottom <= info.sheet.top + 1, `${label}: ${b.s} not under the sheet`);
  }
}

/** Picks the first choice, sets the seed, runs; checks the driven output while it runs; returns the verdict. */
async function runStep(page, n, seed, label) {
  await page.waitForFunction((k) => document.querySelector('[data-testid="lesson"]')?.dataset.lessonStep === String(k), n);
  const run = page.locator('[data-testid="lesson-run"]');
  assert.equal(await run.isDisabled(), true, 'Run waits for a prediction');
  const choice = page.locator('[data-testid="lesson-choice"]').first();
  await choice.click();
  assert.equal(await choice.getAttribute('aria-checked'), 'true');
  const seedBox = page.locator('[data-testid="lesson-seed"]');
  if (!(await seedBox.isDisabled())) await seedBox.fill(String(seed));
  await run.click();
  if ([3, 4, 5, 6, 7, 8].includes(n)) {
    await page.waitForFunction(() => document.querySelector('[data-testid="lesson"]').classList.contains('running')
      && document.querySelector('[data-testid="lesson-live"]').children.length > 0);
    assertOnScreen(await drivenBoxes(page), `${label} step ${n} running`);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-verdict"]').textContent.length > 0, null, { timeout: 60000 });
  return verdictOf(page);
}

/** The numbers in the verdict of step `n` equal what the page shows for the same run. */
async function assertVerdictMatchesPage(page, n, text) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const live = await page.locator('[data-testid="lesson-live"] li').allTextContents();
  assert.match(text, /^You predicted /);
  assert.match(text, /Your prediction (held|did not hold this time)\.$/);
  if (n === 1) {
    const m = text.match(/f\(−2\) = (\S+), f′ = (\S+);/);
    assert.equal(live[0], `x = −2: f = ${m[1]}, f′ = ${m[2]}`);
  } else if (n === 2) {
    for (const line of live) {
      const [name, ms] = line.match(/^(\w+): (\S+) ms per million/).slice(1);
      assert.ok(text.includes(`${name} ${ms} ms`), `${name} ${ms} ms in: ${text}`);
    }
  } else if ([3, 4, 7].includes(n)) {
    const epochs = Number(text.match(/After (\d+) epochs/)[1]);
    assert.equal(await page.locator('[data-testid="epoch"]').textContent(), String(epochs), 'the run bar shows the epoch');
    const flow = await page.locator('[data-testid="gradient-flow"]').textContent();
    if (n === 4) {
      const ratio = text.match(/gets (\S+) of the last/)[1];
      assert.ok(flow.includes(`Layer 1 receives ${ratio}`), `${ratio} in: ${flow}`);
    }
    if (n === 7) {
      const [dead, units] = text.match(/(\d+) of (\d+) hidden ReLUs are dead/).slice(1);
      assert.ok(flow.includes(`Dead units: ${dead} of ${units}`), `${dead} of ${units} in: ${flow}`);
    }
    if (n !== 3) {
      const acc = Number(text.match(/\(now (\d+) %\)/)[1]);
      const shown = parseFloat(await page.locator('[data-testid="test-accuracy"]').textContent());
      assert.equal(acc, Math.round(shown), 'the run bar shows the same accuracy');
    }
  } else {
    for (const line of live) {
      const [name, dead, to90] = line.match(/^(.+?): epoch .*, (\d+) of \d+ dead, 90 % (.*)$/).slice(1);
      const inVerdict = to90 === 'not yet' ? `${name} .{0,20}had not reached 90 %` : `${name} .{0,20}reached 90 % ${to90}`;
      assert.match(text, new RegExp(inVerdict), `${line} vs ${text}`);
      if (n === 8) assert.match(text, new RegExp(`${name} ${dead} of`));
    }
  }
}

/** Walks every step from `#lesson=1` with `seed`, by mouse, checking each verdict against the page. */
async function walk(context, seed, label) {
  const { page, problems } = await open(context, '/#lesson=1');
  for (let n = 1; n <= STEPS; n++) {
    const text = await runStep(page, n, seed, label);
    await assertVerdictMatchesPage(page, n, text);
    if (seed === 1) await screenshot(page, `lesson-${label}-${n}`);
    if (n < STEPS) await page.locator('[data-testid="lesson-next"]').click();
  }
  assert.equal(await page.locator('[data-testid="lesson-next"]').isDisabled(), true, 'the last step has no next');
  assertNoProblems(assert, problems);
  await page.close();
}

test('every step on seeds 1 and 2 at 1400×1000: predict, run, a verdict whose numbers are the page\'s', async () => {
  await walk(browser.context, 1, 'desktop');
  await walk(browser.context, 2, 'desktop');
});

test('every step on seed 3 at 390×844: what a step drives is on screen above the sheet while it runs', async () => {
  const phone = await launch({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await walk(phone.context, 3, 'phone');
  } finally {
    await phone.close();
  }
});

test('#lesson=N opens step N; a bad number says why; the path closes and resumes where it was', async () => {
  const { page, problems } = await open(browser.context, '/#lesson=6');
  assert.equal(await page.locator(lesson).getAttribute('data-lesson-step'), '6');
  assert.equal(await page.locator(lesson).isVisible(), true);
  await page.locator('[data-testid="lesson-prev"]').click();
  assert.equal(await page.locator(lesson).getAttribute('data-lesson-step'), '5');
  await page.locator(`${lesson} button:text("Close")`).click();
  assert.equal(await page.locator(lesson).isVisible(), false);
  await page.locator('[data-testid="learn-open"]').click();
  assert.equal(await page.locator(lesson).getAttribute('data-lesson-step'), '5', 'resumed where it was');
  await page.evaluate(() => { location.hash = 'lesson=2'; });
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson"]').dataset.lessonStep === '2');
  assertNoProblems(assert, problems);
  await page.close();

  const bad = await open(browser.context, '/#lesson=0');
  assert.equal(await bad.page.locator(lesson).isVisible(), false);
  assert.match(await bad.page.locator('[data-testid="status"]').textContent(), /lesson step/);
  await bad.page.close();
});

test('one step by keyboard alone: focus on the heading, arrows pick a choice, Enter runs, the verdict is live', async () => {
  const { page, problems } = await open(browser.context, '/#lesson=7');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lesson-title', 'focus moves to the step');
  assert.equal(await page.locator('[data-testid="lesson-verdict"]').getAttribute('aria-live'), 'polite');
  assert.equal(await page.locator('[role="radiogroup"] [role="radio"]').count(), 3);
  await page.keyboard.press('Tab'); // the Close button
  await page.keyboard.press('Tab'); // the radio group's one tab stop
  assert.equal(await page.evaluate(() => document.activeElement.dataset.choice), 'none');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.choice), 'many');
  assert.equal(await page.locator('[data-choice="many"]').getAttribute('aria-checked'), 'true');
  await page.keyboard.press('Tab'); // the seed
  await page.keyboard.press('Tab'); // Run
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'lesson-run');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-verdict"]').textContent.length > 0, null, { timeout: 30000 });
  assert.match(await verdictOf(page), /^You predicted 6 or more\./);
  assertNoProblems(assert, problems);
  await page.close();
});
