// The core's page-facing API in one place: what the page asks the wasm core about itself (describe), about a
// link (parseLink), about a handle's settings (values) and how it builds config text (configWith, link). No
// other module in www/ reads or writes config text.
//
// TEMPORARY (until the core exports describe, parseLink, values, configWith and link land): the fallbacks
// below stand in for them. They are deleted when the exports arrive.
import { clip, messageOf } from '../lib/format.js';

/** The core's self-description (limits, datasets, features, activations, presets, palette…), parsed once. */
export function describeCore(ap) {
  if (typeof ap.describe === 'function') return JSON.parse(ap.describe());
  return fallbackDescribe(ap);
}

/**
 * Reads a link's hash (with or without '#'): `{ config, warnings, preset }`, `config` the canonical config
 * text (defaults for what the link does not say), `warnings` sentences for people, `preset` a preset's slug.
 */
export function parseLink(ap, hash) {
  if (typeof ap.parseLink === 'function') return JSON.parse(ap.parseLink(hash));
  return fallbackParseLink(ap, hash);
}

/** Every key of a Playground or Race handle → its plain value (lists as arrays), plus `edits`. */
export function valuesOf(handle) {
  if (typeof handle.values === 'function') return JSON.parse(handle.values());
  return fallbackValues(handle.config());
}

/** `config` with `key` set to the plain `value` (throws a message naming the key when invalid). */
export function configWith(ap, config, key, value) {
  if (typeof ap.configWith === 'function') return ap.configWith(config, key, String(value));
  const probe = new ap.Playground(config);
  try {
    probe.set(key, encode(String(value)));
    return probe.config();
  } finally {
    probe.free();
  }
}

/** The text for the URL hash of a playground: its config, without drawn points when they do not fit. */
export function linkOf(pg) {
  return typeof pg.link === 'function' ? pg.link() : pg.config();
}

/** Whether the link of `pg` carries its drawn points. */
export function linkHasPoints(pg) {
  return typeof pg.linkHasPoints === 'function' ? pg.linkHasPoints() : true;
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

// ----- fallbacks (removed when the core's exports land) -------------------------------------------------------

function fallbackDescribe(ap) {
  const activations = JSON.parse(ap.activationCatalogue());
  const labels = (pairs) => pairs.map(([name, label, extra]) => ({ name, label, ...extra }));
  return {
    domain: { min: -6, max: 6 },
    frame: { grid: 100, thumb: 32 },
    limits: {
      linkChars: 4096,
      hiddenLayers: { min: 0, max: 8 },
      units: { min: 1, max: 16 },
      points: { min: 10, max: 2000 },
      features: { min: 1, max: 7 },
      batch: { min: 1, max: 2000 },
      noise: { min: 0, max: 50 },
      train: { min: 10, max: 90 },
      racers: { min: 2, max: 4 },
    },
    learningRates: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
    datasets: labels([
      ['circle', 'Circle', { classes: 2, regression: false }], ['xor', 'XOR', { classes: 2, regression: false }],
      ['gauss', 'Two blobs', { classes: 2, regression: false }], ['spiral', 'Spiral', { classes: 2, regression: false }],
      ['moons', 'Moons', { classes: 2, regression: false }], ['checkerboard', 'Checkerboard', { classes: 2, regression: false }],
      ['blobs3', 'Three blobs', { classes: 3, regression: false }], ['spiral3', 'Three arms', { classes: 3, regression: false }],
      ['plane', 'Plane', { classes: 1, regression: true }], ['multigauss', 'Six cones', { classes: 1, regression: true }],
    ]),
    features: labels([['x1', 'x₁'], ['x2', 'x₂'], ['x1sq', 'x₁²'], ['x2sq', 'x₂²'], ['x1x2', 'x₁x₂'], ['sinx1', 'sin x₁'], ['sinx2', 'sin x₂']]),
    optimizers: labels([['sgd', 'SGD'], ['momentum', 'SGD + momentum'], ['adam', 'Adam']]),
    regularizations: labels([['none', 'none'], ['l1', 'L1'], ['l2', 'L2']]),
    activations,
    presets: JSON.parse(ap.evidencePresets()),
  };
}

function fallbackPairs(text) {
  const decode = (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return text.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
  });
}

function fallbackParseLink(ap, raw) {
  const hash = raw.startsWith('#') ? raw.slice(1) : raw;
  const preset = /^preset=([a-z0-9-]{1,40})$/.exec(hash)?.[1] ?? null;
  const known = JSON.parse(ap.evidencePresets()).some((p) => p.slug === preset);
  if (preset && known) return { config: new ap.Playground('').config(), warnings: [], preset };
  if (preset) return { config: new ap.Playground('').config(), warnings: [`preset (no preset is called ${clip(preset)})`], preset: null };
  if (hash.startsWith('preset=')) return { config: new ap.Playground('').config(), warnings: ['preset (not a preset name)'], preset: null };
  if (hash.length > 4096) {
    return { config: new ap.Playground('').config(), warnings: [`the whole link (${hash.length} characters; at most 4096)`], preset: null };
  }
  try {
    return { config: new ap.Playground(hash).config(), warnings: [], preset: null };
  } catch {
    const pg = new ap.Playground('');
    const warnings = [];
    const seen = new Set();
    for (const [key, value] of fallbackPairs(hash)) {
      if (seen.has(key)) {
        warnings.push(`${clip(key)} (given twice; the first is kept)`);
        continue;
      }
      seen.add(key);
      try {
        pg.set(key, value);
      } catch (error) {
        warnings.push(`${clip(key)} (${clip(messageOf(error), 90)})`);
      }
    }
    return { config: pg.config(), warnings, preset: null };
  }
}

function fallbackValues(config) {
  const out = {};
  for (const [key, value] of fallbackPairs(config)) out[key] = value;
  out.layers = out.layers ? out.layers.split(',').map(Number) : [];
  out.features = out.features ? out.features.split(',') : [];
  out.race = splitSpecs(out.race ?? '');
  out.edits = false;
  return out;
}

function splitSpecs(list) {
  const specs = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      specs.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  specs.push(list.slice(start).trim());
  return specs.filter(Boolean);
}

function encode(value) {
  // Playground.set percent-decodes its value once (until the core's plain set lands).
  return encodeURIComponent(value);
}

/** Sets one key of `pg` to a plain value (as a control holds it); returns what the change rebuilds. */
export function setPlain(ap, pg, key, value) {
  return pg.set(key, typeof ap.configWith === 'function' ? String(value) : encode(String(value)));
}
