// Record a clip: a few seconds of the pictures while the network trains (or a race runs), as a WebM video
// made by the browser's own MediaRecorder, downloaded with the setup in its file name. The canvases are
// painted each frame into one composed canvas (a caption line, then rows of pictures side by side), and
// that canvas's stream is what is recorded.
import { download } from '../share.js';
import { palette } from '../../lib/colours.js';
import { el } from '../../lib/dom.js';

/** Length of a clip, in seconds (a second click stops it sooner). */
export const CLIP_SECONDS = 5;
/** Width of the video in pixels; the height follows the pictures. */
const WIDTH = 640;
const PAD = 8;
const CAPTION = 30;
const FPS = 30;

/** The WebM type this browser records, or null when it cannot. */
export function clipType() {
  if (typeof MediaRecorder === 'undefined' || typeof HTMLCanvasElement.prototype.captureStream !== 'function') return null;
  return ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/**
 * The file name of a clip: `activation-playground-<what>-<dataset>-<layers>-epoch-<n>.webm`, where `what` is
 * the activation or the racers; only letters, digits, dots and dashes.
 */
export function clipName({ activation = '', racers = [], dataset = '', layers = [], epoch = 0 }) {
  const what = racers.length ? `race-${racers.join('-vs-')}` : activation;
  const shape = layers.length ? `layers-${layers.join('x')}` : 'no-hidden-layer';
  const text = ['activation-playground', what, dataset, shape, `epoch-${epoch}`].filter(Boolean).join('-');
  const safe = text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return `${safe}.webm`;
}

/** The size of each row's cells and of the whole frame, for rows of canvases laid side by side. */
export function layout(rows, width = WIDTH) {
  let y = CAPTION + PAD;
  const cells = [];
  for (const row of rows) {
    const shown = row.filter((c) => c.width > 0 && c.height > 0);
    if (!shown.length) continue;
    const w = (width - PAD * (shown.length + 1)) / shown.length;
    const h = Math.max(...shown.map((c) => (w * c.height) / c.width));
    shown.forEach((canvas, i) => cells.push({ canvas, x: PAD + i * (w + PAD), y, w, h: (w * canvas.height) / canvas.width }));
    y += h + PAD;
  }
  // Video encoders want even sides.
  return { cells, width, height: Math.ceil(y / 2) * 2 };
}

/**
 * Wires `button` to record clips. Options: `rows()` → rows of canvases to film, `caption()` → the line on
 * top, `name()` → what clipName takes, `start()` → starts training if it is not running, `say(text)`,
 * `everyFrame(task)` → runs `task` each animation frame while it returns true (the page's loop).
 */
export function wireRecorder(button, { rows, caption, name, start, say, everyFrame }) {
  const type = clipType();
  const label = button.textContent;
  if (!type) {
    button.disabled = true;
    button.title = 'This browser cannot record video (it has no MediaRecorder for WebM); Export PNG still works.';
    return { recording: () => false };
  }
  let session = null;

  const paint = (ctx, frame) => {
    ctx.fillStyle = palette.panel || '#fff';
    ctx.fillRect(0, 0, frame.width, frame.height);
    ctx.fillStyle = palette.ink || '#000';
    ctx.font = '15px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(caption(), PAD, CAPTION / 2 + PAD / 2, frame.width - 2 * PAD);
    for (const c of frame.cells) ctx.drawImage(c.canvas, c.x, c.y, c.w, c.h);
  };

  const begin = () => {
    const frame = layout(rows());
    if (!frame.cells.length) {
      say('Nothing to record yet: the pictures are not drawn.');
      return;
    }
    const canvas = el('canvas');
    canvas.width = frame.width;
    canvas.height = frame.height;
    const ctx = canvas.getContext('2d');
    paint(ctx, frame);
    const recorder = new MediaRecorder(canvas.captureStream(FPS), { mimeType: type, videoBitsPerSecond: 2_500_000 });
    const chunks = [];
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    });
    const started = performance.now();
    const current = { recorder, timer: 0 };
    session = current;
    // Painted in the page loop's frames (app/loop.js) for as long as this recording lasts.
    const tick = () => {
      if (session !== current) return false;
      paint(ctx, frame);
      const left = Math.max(0, Math.ceil(CLIP_SECONDS - (performance.now() - started) / 1000));
      button.textContent = `Stop recording (${left} s)`;
      return true;
    };
    recorder.addEventListener('stop', () => {
      clearTimeout(session.timer);
      session = null;
      button.textContent = label;
      button.setAttribute('aria-pressed', 'false');
      const blob = new Blob(chunks, { type: 'video/webm' });
      if (blob.size === 0) {
        say('The browser recorded nothing; try again while the pictures move.');
        return;
      }
      const file = clipName(name());
      download(blob, file);
      say(`Clip downloaded: ${file} (${(blob.size / 1024).toFixed(0)} KB, WebM).`);
    });
    recorder.addEventListener('error', (e) => say(`Recording failed: ${e.error?.message ?? 'the browser stopped it'}.`));
    recorder.start(250);
    button.setAttribute('aria-pressed', 'true');
    session.timer = setTimeout(() => recorder.state !== 'inactive' && recorder.stop(), CLIP_SECONDS * 1000);
    tick();
    everyFrame(tick);
    start();
    say(`Recording ${CLIP_SECONDS} seconds…`);
  };

  button.addEventListener('click', () => {
    if (session) session.recorder.stop();
    else begin();
  });
  return { recording: () => session !== null };
}

/** A "Record a clip" button (`data-testid="record"`, hidden by `hide=record`) wired as wireRecorder says. */
export function recordButton(options) {
  const button = el('button', {
    type: 'button', class: 'ghost embed-record', 'data-testid': 'record', 'data-part': 'record', 'aria-pressed': 'false',
    title: `Record ${CLIP_SECONDS} seconds of training as a WebM video`,
  }, ['Record a clip']);
  wireRecorder(button, options);
  return button;
}
