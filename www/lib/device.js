// What the visitor points with. A touch screen (a coarse primary pointer) gets taps in its hints and 44-px
// targets (the stylesheet asks the same media query); a mouse or trackpad gets clicks, hover and keys. And
// whether the visitor's system asks for reduced motion: then nothing on the page starts moving by itself.
let query = null;
/** The media query, made on first use (so the module loads where there is no window, as in unit tests). */
const coarse = () => {
  query ??= window.matchMedia('(pointer: coarse)');
  return query;
};

/** True when the primary pointer is a finger. */
export const touchScreen = () => coarse().matches;

/** Calls `fn` when the primary pointer changes kind (a tablet's keyboard cover, a browser's device emulation). */
export function onPointerChange(fn) {
  coarse().addEventListener('change', fn);
}

/**
 * True when the visitor's system asks for reduced motion (`prefers-reduced-motion: reduce`): nothing starts
 * training or racing by itself (a link's preset, race or autoplay waits for a press); asked for, it all runs.
 */
export const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** What reduced motion changes, in words, for the place that held something back. */
export const REDUCED_MOTION_NOTE = 'Your system asks for reduced motion, so nothing here starts moving by itself';
