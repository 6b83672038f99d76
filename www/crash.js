// The crash guard: when the wasm core traps or panics (a bug — bad input is refused with a message, never a
// trap), the page says so in plain words instead of freezing, keeps the setup in the link, and offers a
// reload. The panic text that console_error_panic_hook logs is kept for a details toggle. Everything is
// built with createElement/textContent: a panic message may quote user text and is never parsed as HTML.

/** What the banner says; the link (URL hash) still holds the whole setup, so a reload restores it. */
export const CRASH_MESSAGE = 'Something went wrong — your setup is in the link; reload to continue.';

/** Longest panic text shown in the details (a hostile value quoted in a panic could be huge). */
const MAX_DETAILS = 4000;

let installed = null;

/** True when `error` means the wasm instance is no longer usable: a trap, or a panic report. */
export function isCrash(error) {
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) return true;
  if (error instanceof Error) return error.name === 'RuntimeError';
  // An ErrorEvent without an error object carries only its message text.
  return typeof error === 'string' && /\bRuntimeError\b|panicked at/.test(error);
}

/**
 * Installs the guard once (later calls return the same handle). `statusElement` (optional) also receives
 * the message, for screen readers. Returns `{ crash(error), crashed() }`: `crash` shows the banner for an
 * error caught elsewhere (it ignores errors that are not crashes and returns whether it showed it).
 */
export function installCrashGuard({ statusElement = null } = {}) {
  if (installed) return installed;
  const details = [];
  let banner = null;

  // console_error_panic_hook reports a panic through console.error before the trap: keep its text.
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    const text = args.map((a) => (typeof a === 'string' ? a : a?.stack ?? String(a))).join(' ');
    if (text.includes('panicked at')) show(text);
    consoleError(...args);
  };

  /** Shows the banner (once) and adds `detail` to its details. */
  function show(detail) {
    document.documentElement.dataset.crashed = 'true';
    if (statusElement) statusElement.textContent = CRASH_MESSAGE;
    if (detail && !details.includes(detail) && details.length < 8) details.push(detail);
    if (!banner) {
      banner = buildBanner();
      document.body.prepend(banner.root);
      banner.reload.focus({ preventScroll: true });
    }
    banner.details.textContent = clip(details.join('\n\n'));
  }

  const onError = (error) => {
    if (!isCrash(error)) return false;
    show(describe(error));
    return true;
  };

  window.addEventListener('error', (e) => {
    if (onError(e.error ?? e.message)) e.preventDefault();
  });
  window.addEventListener('unhandledrejection', (e) => {
    if (onError(e.reason)) e.preventDefault();
  });

  installed = {
    crash: onError,
    crashed: () => document.documentElement.dataset.crashed === 'true',
  };
  return installed;
}

function describe(error) {
  if (!(error instanceof Error)) return String(error ?? '');
  // V8's stack starts with "Name: message"; other engines' does not.
  const head = `${error.name}: ${error.message}`;
  if (!error.stack) return head;
  return error.stack.startsWith(head) ? error.stack : `${head}\n${error.stack}`;
}

function clip(text) {
  const s = String(text ?? '');
  return s.length > MAX_DETAILS ? `${s.slice(0, MAX_DETAILS - 1)}…` : s;
}

function buildBanner() {
  ensureStyles();
  const root = document.createElement('section');
  root.className = 'crash-banner';
  root.setAttribute('role', 'alert');
  root.dataset.testid = 'crash';

  const text = document.createElement('p');
  text.className = 'crash-text';
  text.textContent = CRASH_MESSAGE;

  const actions = document.createElement('div');
  actions.className = 'crash-actions';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  // A reload keeps the hash, which holds the whole setup.
  reload.addEventListener('click', () => location.reload());
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'crash-toggle';
  toggle.textContent = 'Details';
  toggle.setAttribute('aria-expanded', 'false');

  const pre = document.createElement('pre');
  pre.className = 'crash-details';
  pre.id = 'crash-details';
  pre.hidden = true;
  toggle.setAttribute('aria-controls', pre.id);
  toggle.addEventListener('click', () => {
    pre.hidden = !pre.hidden;
    toggle.setAttribute('aria-expanded', String(!pre.hidden));
  });

  actions.append(reload, toggle);
  root.append(text, actions, pre);
  return { root, reload, details: pre };
}

function ensureStyles() {
  if (document.querySelector('link[data-crash-styles]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./crash.css', import.meta.url).href;
  link.dataset.crashStyles = '';
  document.head.append(link);
}
