// Sharing and saving: copy the link, download the model (JSON) or the boundary (PNG), import a model file.

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
export async function copyLink({ edited = false, inLink = true, limit = 4096 } = {}) {
  const url = location.href;
  const left = edited && !inLink;
  const without = left
    ? ` Your drawn points are not in the link: they would make it longer than ${limit.toLocaleString('en-US')} characters, so it opens the generated points instead. Export model saves the drawn points with the weights.`
    : '';
  try {
    await navigator.clipboard.writeText(url);
    if (left) return `Link copied.${without}`;
    return `Link copied: it opens this exact setup, seed${edited ? ' and drawn points' : ''} included.`;
  } catch {
    return `The browser refused the clipboard; copy the address bar instead — it holds the setup.${without}`;
  }
}

/** The model as a JSON download. */
export function exportModel(pg) {
  const text = pg.exportModel();
  download(new Blob([text], { type: 'application/json' }), `activation-playground-epoch-${pg.epoch()}.json`);
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
