// WCAG 2.2 AA as axe-core checks it (levels A and AA of WCAG 2.0, 2.1 and 2.2): the main page in light and
// dark, on a desktop and on a touch phone, before and after training, after every evidence preset, during a
// race, each embed view and every step of the guided path. Any violation fails with the rule, the elements
// and axe's reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean } from './harness.mjs';
import { expectNoViolations } from './axe.mjs';

const PRESETS = ['deep-sigmoid', 'deep-relu', 'relu-high-lr', 'leaky-high-lr', 'same-weights'];
const RACE = '/#dataset=xor&layers=6,6&lr=0.03&seed=4&race=relu,tanh,sigmoid';

let desk;
let phone;
before(async () => {
  desk = await launch();
  phone = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
});
after(async () => {
  await desk?.close();
  await phone?.close();
});

const SETUPS = [
  { name: 'desktop, light', device: () => desk, scheme: 'light', presets: true },
  { name: 'desktop, dark', device: () => desk, scheme: 'dark', presets: false },
  { name: 'phone, light', device: () => phone, scheme: 'light', presets: false },
  { name: 'phone, dark', device: () => phone, scheme: 'dark', presets: true },
];

/** Trains by pressing Play until the epoch counter passes `epochs`, then pauses. */
async function train(page, epochs) {
  await page.click('[data-testid="play"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="epoch"]').textContent) >= n,
    epochs, { timeout: 20000 });
  await page.click('[data-testid="play"]');
}

/** Runs preset `slug` from its button and waits until its claim is measured. */
async function runPreset(page, slug) {
  await page.click(`[data-preset="${slug}"]`);
  await page.waitForFunction(() => /Paused; press play|not one weight changed/.test(document.querySelector('.ev-claim').textContent),
    null, { timeout: 30000 });
}

for (const setup of SETUPS) {
  test(`the main page has no WCAG 2.2 AA violation (${setup.name})`, async () => {
    const { page, problems } = await open(setup.device().context, '/');
    await page.emulateMedia({ colorScheme: setup.scheme });
    await expectNoViolations(page, `${setup.name}, before training`);
    await train(page, 30);
    await expectNoViolations(page, `${setup.name}, after training`);
    if (setup.presets) {
      for (const slug of PRESETS) {
        await runPreset(page, slug);
        await expectNoViolations(page, `${setup.name}, after the preset ${slug}`);
      }
    }
    await assertClean(assert, page, problems);
    await page.close();
  });
}

test('a race has no WCAG 2.2 AA violation (phone and desktop, its table reachable by keyboard)', async () => {
  for (const [device, scheme] of [[desk, 'dark'], [phone, 'light']]) {
    const { page, problems } = await open(device.context, RACE);
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="race-table"] tbody tr').length === 3,
      null, { timeout: 30000 });
    await expectNoViolations(page, `a race, ${device === phone ? 'phone' : 'desktop'}, ${scheme}`);
    await assertClean(assert, page, problems);
    await page.close();
  }
});

test('every embed view has no WCAG 2.2 AA violation', async () => {
  for (const view of ['curve', 'train', 'race']) {
    for (const [device, scheme] of [[desk, 'light'], [desk, 'dark'], [phone, 'light']]) {
      const { page, problems } = await open(device.context, `/embed.html#view=${view}`, { waitReady: false });
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
      await expectNoViolations(page, `embed view=${view}, ${device === phone ? 'phone' : 'desktop'}, ${scheme}`);
      await assertClean(assert, page, problems);
      await page.close();
    }
  }
});

test('every step of the guided path, and its verdict, has no WCAG 2.2 AA violation', async () => {
  for (const [device, scheme] of [[desk, 'light'], [phone, 'dark']]) {
    const where = `${device === phone ? 'phone' : 'desktop'}, ${scheme}`;
    const { page, problems } = await open(device.context, '/#lesson=1');
    await page.emulateMedia({ colorScheme: scheme });
    const steps = Number((await page.locator('[data-testid="lesson"]').textContent()).match(/step 1 of (\d+)/)[1]);
    for (let n = 1; n <= steps; n++) {
      await page.waitForFunction((k) => document.querySelector('[data-testid="lesson"]').dataset.lessonStep === String(k), n);
      await page.locator('[data-testid="lesson-choice"]').first().click();
      await expectNoViolations(page, `lesson step ${n}, a choice made, ${where}`);
      // Two steps run to their verdict: one trains the page's network, one races.
      if (n === 1 || n === 8) {
        await page.click('[data-testid="lesson-run"]');
        await page.waitForFunction(() => document.querySelector('[data-testid="lesson-verdict"]').textContent.length > 0,
          null, { timeout: 60000 });
        await expectNoViolations(page, `lesson step ${n} with its verdict, ${where}`);
      }
      if (n < steps) await page.click('[data-testid="lesson-next"]');
    }
    await assertClean(assert, page, problems);
    await page.close();
  }
});
