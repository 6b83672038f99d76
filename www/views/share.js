// Sharing and saving, in the page's header: copy the link, download the model (JSON) or the boundary (PNG),
// import a model file.
import { grouped, messageOf } from '../lib/format.js';

/** Files larger than this are refused before reading (a model of the largest network is far smaller). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** Offers `blob` as a download named `name`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Copies the page's link (with its setup in the hash); resolves to a message for the status line. `edited`:
 * the points were drawn or edited by hand; `inLink` false: those edits were left out of the link because they
 * would make it longer than `limit` characters — the message then says so, and that Export model keeps them.
 */
export async function copyLink({ edited = false, inLink = true, limit }) {
  const url = location.href;
  const left = edited && !inLink;
  const without = left
    ? ` Your drawn points are not in the link: they would make it longer than ${grouped(limit)} characters, so it opens the generated points instead. Export model saves the drawn points with the weights.`
    : '';
  try {
    await navigator.clipboard.writeText(url);
    if (left) return `Link copied.${without}`;
    return `Link copied: it opens this exact setup, seed${edited ? ' and drawn points' : ''} included.`;
  } catch {
    return `The browser refused the clipboard; copy the address bar instead — it holds the setup.${without}`;
  }
}

/** The boundary canvas as a PNG download. */
export function exportPng(canvas, epoch) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('the browser could not encode the picture'));
        return;
      }
      download(blob, `activation-playground-boundary-epoch-${epoch}.png`);
      resolve();
    }, 'image/png');
  });
}

/** Reads a chosen file as text, refusing very large files. */
export async function readModelFile(file) {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new Error(`the file is ${(file.size / 1048576).toFixed(1)} MB; a model file is at most ${MAX_IMPORT_BYTES / 1048576} MB`);
  }
  return file.text();
}

/** Mounts the header's buttons: `dom` = { copyLink, exportJson, exportPng, importJson, boundary }. */
export function mountShare(dom, { store, actions }) {
  dom.copyLink.addEventListener('click', async () => {
    const { values, linkHasPoints, describe } = store.get();
    actions.say(await copyLink({ edited: values.edits === true, inLink: linkHasPoints, limit: describe.limits.linkChars }));
  });
  dom.exportJson.addEventListener('click', () => {
    const model = actions.exportModel();
    if (!model) return;
    download(new Blob([model.text], { type: 'application/json' }), `activation-playground-epoch-${model.epoch}.json`);
    actions.say('Model downloaded as JSON (config, seed and weights).');
  });
  dom.exportPng.addEventListener('click', async () => {
    try {
      await exportPng(dom.boundary, store.get().epoch);
      actions.say('Decision boundary downloaded as PNG.');
    } catch (error) {
      actions.say(`Could not export the picture: ${messageOf(error)}`);
    }
  });
  dom.importJson.addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let text;
    try {
      text = await readModelFile(file);
    } catch (error) {
      actions.importFailed(file.name, error);
      return;
    }
    actions.importModel(file.name, text);
  });
}
