// The core's page-facing API in one place: what the page asks the wasm core about itself (describe), about a
// link (parseLink), about a handle's settings (values) and how config text is built (configWith, link). No
// module in www/ reads, writes, decodes or encodes config text: these calls do, in the core.

/** The core's self-description (limits, data sets, features, activations, presets, palette…), parsed once. */
export function describeCore(ap) {
  return JSON.parse(ap.describe());
}

/**
 * Reads a link's raw hash (with or without '#'): `{ config, warnings, preset }`, `config` the canonical config
 * text (defaults for what the link does not say), `warnings` sentences for people, `preset` a preset's slug.
 */
export function parseLink(ap, hash) {
  return JSON.parse(ap.parseLink(hash));
}

/** Every key of a Playground or Race handle → its plain value (lists as arrays), plus `edits`. */
export function valuesOf(handle) {
  return JSON.parse(handle.values());
}

/** `config` with `key` set to the plain `value` (throws a message naming the key when invalid). */
export function configWith(ap, config, key, value) {
  return ap.configWith(config, key, String(value));
}

/** The text for the URL hash of a playground: its config, without drawn points when they do not fit. */
export function linkOf(pg) {
  return pg.link();
}

/** Whether the link of `pg` carries its drawn points. */
export function linkHasPoints(pg) {
  return pg.linkHasPoints();
}

/** Sets one key of `pg` to a plain value (as a control holds it); returns what the change rebuilds. */
export function setPlain(pg, key, value) {
  return pg.set(key, String(value));
}

/**
 * The catalogue entry of an activation spec (`leaky_relu(negative_slope=0.1)` → Leaky ReLU's entry), by
 * looking its name up in the catalogue: the page's one way from a spec to a name.
 */
export function activationEntry(activations, spec) {
  const text = String(spec);
  let best = null;
  for (const a of activations) {
    const fits = text === a.name || text.startsWith(`${a.name}(`);
    if (fits && (!best || a.name.length > best.name.length)) best = a;
  }
  return best;
}

/** The display name of an activation spec ("Leaky ReLU"), or the spec itself if the catalogue lacks it. */
export function activationName(activations, spec) {
  return activationEntry(activations, spec)?.display ?? String(spec);
}
