// The URL hash: the setup goes out through the core's link() text and comes back in through parseLink().

/** The current location's hash without '#', as the browser holds it (not decoded). */
export function currentHash() {
  return location.hash.startsWith('#') ? location.hash.slice(1) : location.hash;
}

/** Writes `text` into the hash without adding a history entry or firing hashchange. */
export function writeHash(text) {
  if (location.hash === `#${text}`) return;
  history.replaceState(null, '', `${location.pathname}${location.search}#${text}`);
}
