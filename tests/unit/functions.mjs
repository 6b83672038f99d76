// Finds the functions of a JavaScript source and their lengths in lines, for the tidy test. A small lexer
// (strings, template literals, comments, regular expressions) matches braces; a `{` opens a function when
// the code before it is a function header: `function …(…)`, `(…) =>` / `x =>`, or a method `name(…)`.

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'function']);

/**
 * Code with comments, strings, template text and regex bodies blanked (same length, newlines kept); with
 * `{ strings: true }` only the comments are blanked.
 */
export function blank(source, { strings = false } = {}) {
  let out = '';
  let i = 0;
  const n = source.length;
  const keep = (s) => s.replace(/[^\n]/g, ' ');
  const text = strings ? (s) => s : keep;
  let lastSignificant = '';
  const templates = []; // brace depth inside each open `${`
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += keep(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += keep(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += `${c}${text(source.slice(i + 1, j))}${c}`;
      i = j + 1;
      lastSignificant = 'a';
    } else if (c === '`' || (c === '}' && templates.length && templates[templates.length - 1] === 0)) {
      if (c === '}') templates.pop();
      let j = i + 1;
      while (j < n && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
      out += `${c}${text(source.slice(i + 1, j))}`;
      if (source[j] === '$') {
        out += '${';
        templates.push(0);
        i = j + 2;
        lastSignificant = '{';
      } else {
        out += '`';
        i = j + 1;
        lastSignificant = 'a';
      }
    } else if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant) || /\b(return|typeof|case)\s*$/.test(out))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j += 1;
      }
      out += `/${text(source.slice(i + 1, j))}/`;
      i = j + 1;
      lastSignificant = 'a';
    } else {
      if (templates.length && c === '{') templates[templates.length - 1] += 1;
      if (templates.length && c === '}') templates[templates.length - 1] -= 1;
      out += c;
      if (!/\s/.test(c)) lastSignificant = c;
      i += 1;
    }
  }
  return out;
}

/** The name of the function whose body opens at `open` in blanked `code`, or null when that `{` is not one. */
function functionAt(code, open) {
  const head = code.slice(Math.max(0, open - 400), open).replace(/\s+$/, '');
  if (head.endsWith('=>')) {
    const m = /([\w$]+)\s*[=:]\s*(async\s+)?(\([^()]*\)|[\w$]+)\s*=>$/.exec(head);
    return m ? m[1] : '(arrow)';
  }
  if (!head.endsWith(')')) return null;
  // The matching '(' of the parameter list.
  let depth = 0;
  let k = head.length - 1;
  for (; k >= 0; k--) {
    if (head[k] === ')') depth++;
    else if (head[k] === '(') {
      depth--;
      if (depth === 0) break;
    }
  }
  const before = head.slice(0, k).replace(/\s+$/, '');
  const fn = /function\s*\*?\s*([\w$]*)$/.exec(before);
  if (fn) return fn[1] || '(function)';
  // A method definition `name(…) {` (a call is never followed by a block): not a keyword, not `a.b(…)`.
  const method = /(^|[^.\w$])(?:(?:async|static|get|set)\s+)*([\w$]+)$/.exec(before);
  return method && !KEYWORDS.has(method[2]) ? method[2] : null;
}

/** Every function of `source`: `{ name, line, lines, allowed }`, `allowed` when a `long-function:` comment
 * sits on one of the three lines above its header. */
export function functionsOf(source) {
  const code = blank(source);
  const lines = source.split('\n');
  const lineAt = [];
  let line = 1;
  for (let i = 0; i < code.length; i++) {
    lineAt.push(line);
    if (code[i] === '\n') line++;
  }
  const out = [];
  const stack = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '{') stack.push({ at: i, name: functionAt(code, i) });
    else if (code[i] === '}') {
      const open = stack.pop();
      if (open?.name) {
        const first = lineAt[open.at];
        const context = lines.slice(Math.max(0, first - 4), first).join('\n');
        out.push({ name: open.name, line: first, lines: lineAt[i] - first + 1, allowed: /long-function:/.test(context) });
      }
    }
  }
  return out.sort((a, b) => b.lines - a.lines);
}
