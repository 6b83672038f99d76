// axe-core on a page under test, at WCAG 2.0, 2.1 and 2.2 levels A and AA. The page's CSP forbids inline
// scripts, so axe's source is not added as a <script> element: it is evaluated through the DevTools protocol
// (playwright's `evaluate`), which runs outside the page's CSP and leaves the policy as strict as it is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags checked: every WCAG success criterion at levels A and AA, 2.0 to 2.2. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe on `page` (once injected, it stays until the page navigates) and returns its violations as plain
 * values: `{ id, impact, help, nodes: [{ target, summary }] }`, `target` being axe's CSS selector path.
 */
export async function axeViolations(page) {
  const present = await page.evaluate(() => typeof window.axe === 'object');
  if (!present) await page.evaluate(SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, WCAG_TAGS);
}

/** Violations as lines a person reads: the rule, what it asks, and each element with axe's reason. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s)`);
    for (const n of v.nodes) lines.push(`    ${n.target}: ${n.summary.replace(/\s+/g, ' ').trim()}`);
  }
  return lines.join('\n');
}

/** Fails with the readable list when axe finds any WCAG A/AA violation on `page`; `label` names the state. */
export async function expectNoViolations(page, label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe at WCAG 2.2 AA, ${label}:\n${formatViolations(violations)}`);
}
