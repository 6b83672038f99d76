// The setup as text: the engine's canonical config string, read from and written to the URL hash.
// Restoring a link is lenient: every key the engine accepts is kept, every other one is named in the status line.

/** Links longer than this are not parsed at all (a hostile 10 MB hash must not freeze the page). */
export const MAX_HASH = 4096;

/**
 * The preset slug of a `#preset=<slug>` link (the evidence panel's), or null. It lives here, not in
 * evidence/, so the page can tell a preset link without loading the evidence panel.
 */
export function presetSlugFromHash(hash) {
  const m = /^preset=([a-z0-9-]{1,40})$/.exec(hash);
  return m ? m[1] : null;
}

/** Splits a config string into [key, value] pairs with percent-decoded values; bad escapes are kept raw. */
export function parsePairs(text) {
  const pairs = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decode(key), decode(raw)]);
  }
  return pairs;
}

function decode(text) {
  try {
    // '+' is a literal plus in our links (lr=1e+1), as the engine reads it, not a form-encoded space.
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The config string as an object of decoded values, for filling the controls. */
export function parseConfig(text) {
  const out = {};
  for (const [key, value] of parsePairs(text)) out[key] = value;
  return out;
}

/** Shortens user text (a key from a hostile link) for a status message; never inserted as HTML. */
export function clip(text, max = 40) {
  const s = String(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Builds a Playground from a link's hash: the whole string when the engine accepts it, else the defaults plus
 * every key it accepts one by one. Returns the playground and a list of human-readable ignored keys.
 */
export function restore(Playground, hash) {
  const ignored = [];
  if (hash.length > MAX_HASH) {
    return { pg: new Playground(''), ignored: [`the whole link (${hash.length} characters; at most ${MAX_HASH})`] };
  }
  try {
    return { pg: new Playground(hash), ignored };
  } catch {
    const pg = new Playground('');
    applyLenient(pg, hash, ignored);
    return { pg, ignored };
  }
}

/** Applies every key of `text` that the playground accepts; names the others in `ignored`. */
export function applyLenient(pg, text, ignored) {
  const seen = new Set();
  for (const [key, value] of parsePairs(text)) {
    if (seen.has(key)) {
      ignored.push(`${clip(key)} (given twice; the first is kept)`);
      continue;
    }
    seen.add(key);
    try {
      pg.set(key, value);
    } catch (error) {
      ignored.push(`${clip(key)} (${clip(messageOf(error), 90)})`);
    }
  }
}

/** The text of a thrown value, whatever it is. */
export function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The current location's hash without '#'. */
export function currentHash() {
  return location.hash.startsWith('#') ? location.hash.slice(1) : location.hash;
}

/** Writes the setup into the hash without adding a history entry or firing hashchange. */
export function writeHash(config) {
  const url = `${location.pathname}${location.search}#${config}`;
  if (location.hash !== `#${config}`) history.replaceState(null, '', url);
}
