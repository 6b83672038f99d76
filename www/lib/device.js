// What the visitor points with. A touch screen (a coarse primary pointer) gets taps in its hints and 44-px
// targets (the stylesheet asks the same media query); a mouse or trackpad gets clicks, hover and keys.
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
