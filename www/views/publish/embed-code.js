// The Embed dialog of the main page: choose a view, see and copy the <iframe> snippet that shows the current
// setup in embed.html on any other site. The snippet text is in `data-testid="embed-code"`.
import { el } from '../../lib/dom.js';

/** The views embed.html offers: link name, label, what it shows. */
export const VIEWS = [
  ['train', 'Training', 'the decision boundary training, play, an activation switcher and the accuracy'],
  ['curve', 'Curve', 'f and f′ of the activation, with a read-out under the pointer'],
  ['race', 'Race', 'the activations of the race (or three classics) training side by side'],
];
/** The snippet's frame size: a blog column; the widget also fits down to 320 px wide. */
export const FRAME = { width: 720, height: 480 };

/** The widget's address for `view` of `config` (canonical config text), beside the page at `pageUrl`. */
export function embedUrl(pageUrl, view, config, autoplay = false) {
  const url = new URL('embed.html', pageUrl);
  url.search = '';
  url.hash = `view=${view}${config ? `&${config}` : ''}${autoplay ? '&autoplay=1' : ''}`;
  return url.href;
}

/** `text` safe inside a double-quoted HTML attribute. */
export function attribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The <iframe> snippet a writer pastes into a post. */
export function snippet(src, title) {
  return `<iframe src="${attribute(src)}" title="${attribute(title)}" width="${FRAME.width}" height="${FRAME.height}" `
    + 'style="border:0;max-width:100%" loading="lazy"></iframe>';
}

let dialog = null;

/**
 * Opens the dialog for the current setup. `host`: { config() → canonical config text, title() → a short
 * description of the setup, say(text) }.
 */
export function openEmbedDialog(host) {
  dialog ??= build();
  dialog.host = host;
  dialog.refresh();
  dialog.element.showModal();
}

function build() {
  const state = { view: 'train', autoplay: false };
  const code = el('pre', { class: 'embed-code', 'data-testid': 'embed-code', tabindex: '0' });
  const preview = el('a', { class: 'embed-preview', target: '_blank', rel: 'noopener' }, ['Open the widget in a new tab']);
  const note = el('p', { class: 'hint embed-note' });
  const views = el('fieldset', { class: 'embed-views' }, [el('legend', {}, ['View'])]);
  for (const [name, label, what] of VIEWS) {
    const input = el('input', { type: 'radio', name: 'embed-view', value: name, 'data-embed-view': name });
    input.checked = name === state.view;
    input.addEventListener('change', () => {
      state.view = name;
      api.refresh();
    });
    views.append(el('label', { class: 'embed-view-choice' }, [input, el('strong', {}, [label]), el('span', {}, [` — ${what}`])]));
  }
  const autoplay = el('input', { type: 'checkbox' });
  autoplay.addEventListener('change', () => {
    state.autoplay = autoplay.checked;
    api.refresh();
  });
  const copy = el('button', { type: 'button', class: 'play embed-copy' }, ['Copy code']);
  const close = el('button', { type: 'button' }, ['Close']);
  const element = el('dialog', { class: 'embed-dialog', 'aria-labelledby': 'embed-dialog-title' }, [
    el('h2', { id: 'embed-dialog-title' }, ['Embed this setup']),
    el('p', { class: 'hint' }, [`Paste this into a web page: a ${FRAME.width}×${FRAME.height} live widget (it shrinks to 320 px) with this exact setup, seed included.`]),
    views,
    el('label', { class: 'check' }, [autoplay, ' Start by itself (never for readers who ask for reduced motion)']),
    code,
    note,
    el('div', { class: 'row embed-actions' }, [copy, preview, close]),
  ]);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
      note.textContent = 'Copied. The widget runs on your readers’ machines; nothing is sent anywhere.';
    } catch {
      note.textContent = 'The browser refused the clipboard: select the code above and copy it.';
    }
  });
  close.addEventListener('click', () => element.close());
  document.body.append(element);
  const api = {
    element,
    host: null,
    refresh() {
      const src = embedUrl(location.href, state.view, api.host.config(), state.autoplay);
      const label = VIEWS.find(([name]) => name === state.view)[1];
      code.textContent = snippet(src, `Activation Playground (${label.toLowerCase()}): ${api.host.title()}`);
      preview.href = src;
      note.textContent = '';
    },
  };
  return api;
}
