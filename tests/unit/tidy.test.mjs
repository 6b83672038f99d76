// Tidy checks of the page's code, run by `node --test` (the js-unit layer of `cargo xtask test`): no function
// in www/ is longer than the reader can hold in mind, unless a comment says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { blank, functionsOf } from './functions.mjs';

const WWW = new URL('../../www/', import.meta.url).pathname;
/** The longest function allowed without a `long-function: <why>` comment on one of the three lines above it. */
const MAX_LINES = 80;

/** Every .js file below www/, except the generated wasm-bindgen glue in pkg/. */
export function pageSources(dir = WWW) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'pkg') return [];
    if (statSync(path).isDirectory()) return pageSources(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

test('the function finder measures functions of every kind, and sees the allow-list comment', () => {
  const body = (n) => Array.from({ length: n }, (_, i) => `  x += ${i}; // }{ '"\``).join('\n');
  const source = [
    'function plain(a) {', body(3), '}',
    'const arrow = (a, b) => {', body(5), '};',
    'class K {', '  method(x) {', body(7), '  }', '  get size() {', '    return 1;', '  }', '}',
    '// long-function: a table, read one entry at a time',
    'export async function allowed() {', body(2), '  const re = /[{]/g;', '  const t = `a ${`b ${1}`} {`;', '}',
    'if (x) {', '  y();', '}',
  ].join('\n');
  const found = Object.fromEntries(functionsOf(source).map((f) => [f.name, f]));
  assert.deepEqual(Object.keys(found).sort(), ['allowed', 'arrow', 'method', 'plain', 'size']);
  assert.equal(found.plain.lines, 5);
  assert.equal(found.arrow.lines, 7);
  assert.equal(found.method.lines, 9);
  assert.equal(found.allowed.lines, 6);
  assert.equal(found.allowed.allowed, true);
  assert.equal(found.plain.allowed, false);
});

test(`no function in www/ is longer than ${MAX_LINES} lines without a comment saying why`, () => {
  const files = pageSources();
  assert.ok(files.length >= 20, `expected the page's modules, found ${files.length}`);
  const long = [];
  let measured = 0;
  for (const file of files) {
    for (const f of functionsOf(readFileSync(file, 'utf8'))) {
      measured += 1;
      if (f.lines > MAX_LINES && !f.allowed) long.push(`www/${relative(WWW, file)}:${f.line} ${f.name}: ${f.lines} lines`);
    }
  }
  assert.ok(measured >= 200, `only ${measured} functions found: is the finder broken?`);
  assert.deepEqual(long, [], `split these functions, or put a "long-function: <why>" comment above them:\n${long.join('\n')}`);
});

test('main.js is boot and wiring: a few hundred lines at most', () => {
  const lines = readFileSync(join(WWW, 'main.js'), 'utf8').split('\n').length;
  assert.ok(lines <= 300, `www/main.js has ${lines} lines`);
});

/** `file:line: text` of every line of code (comments and string contents blanked) in www/ matching `pattern`. */
function codeMatches(pattern, { except = [], strings = false } = {}) {
  const hits = [];
  for (const file of pageSources()) {
    const name = relative(WWW, file);
    if (except.includes(name)) continue;
    blank(readFileSync(file, 'utf8'), { strings }).split('\n').forEach((line, i) => {
      if (pattern.test(line)) hits.push(`www/${name}:${i + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

test('one animation loop: only app/loop.js asks for animation frames', () => {
  assert.deepEqual(codeMatches(/requestAnimationFrame\s*\(/, { except: ['app/loop.js'] }), []);
  assert.equal(codeMatches(/requestAnimationFrame\s*\(/).length, 1, 'app/loop.js asks in one place');
});

test('an engine handle is made by app/app.js and called by the actions; views never touch it', () => {
  // The guided path's runner (app/lesson.js) makes its own: a timing Playground per activation, and a Race.
  assert.deepEqual(codeMatches(/\bPlayground\s*\(/, { except: ['app/app.js', 'app/actions.js', 'app/lesson.js'] }), []);
  assert.deepEqual(codeMatches(/\bpg\s*\./, { except: ['app/actions.js', 'app/core.js', 'app/frame.js'] }), []);
  assert.deepEqual(codeMatches(/\bRace\s*\(/, { except: ['views/evidence/race.js', 'app/lesson.js'] }), [], 'the race panel and the guided path own their Races');
});

/** What the core knows and the page must ask it for (describe(), parseLink(), values(), configWith()). */
const CORE_FACTS = [
  [/['"`](circle|xor|gauss|spiral|moons|checkerboard|blobs3|spiral3|plane|multigauss)['"`]/, 'a data set name'],
  [/['"`](x1|x2|x1sq|x2sq|x1x2|sinx1|sinx2)['"`]/, 'an input feature name'],
  [/\b4096\b/, 'the link limit'],
  [/(?<![\w.])[-−±]6(?![\d.])/, 'the domain'],
  [/0\.00001|1e-5\b/, 'the learning-rate steps'],
  [/\bMAX_(LAYERS|UNITS|HASH|POINTS)\b/, 'a limit of the core'],
  [/decodeURIComponent|encodeURIComponent|\.split\(\s*['"]&['"]\s*\)/, 'config text decoding, encoding or parsing'],
];

test('www/ writes down no fact of the core and parses no config text (it asks the core)', () => {
  const found = [];
  for (const [pattern, what] of CORE_FACTS) {
    for (const hit of codeMatches(pattern, { strings: true })) found.push(`${what}: ${hit}`);
  }
  assert.deepEqual(found, [], 'ask the core (describe, parseLink, values, configWith, link) instead');
});

test('the fact finder sees a fact in code and strings, not in comments', () => {
  const sample = "const d = 'spiral'; // 'circle' in a comment\nconst lo = -6;\nconst eps = 1e-6;\n/* 4096 */";
  const lines = blank(sample, { strings: true }).split('\n');
  const hits = (pattern) => lines.filter((l) => pattern.test(l)).length;
  assert.equal(hits(CORE_FACTS[0][0]), 1, 'the data set in a string, not the one in the comment');
  assert.equal(hits(CORE_FACTS[3][0]), 1, '-6, not 1e-6');
  assert.equal(hits(CORE_FACTS[2][0]), 0, 'not in a block comment');
});
