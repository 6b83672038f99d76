// The embeddable widget (embed.html): one compact view of the playground for a blog column or a course page,
// framed by any site. The core reads the link (`parseEmbedLink`: view, hide, autoplay and the usual config
// keys) and the view's module (www/views/publish/embed-*.js) mounts it, driving the page's real view modules with
// the same engine. `<html data-ready="true">` once the first picture is drawn.
import init, * as ap from './pkg/activation_playground.js';
import { readPalette } from './lib/colours.js';
import { REDUCED_MOTION_NOTE, reducedMotion } from './lib/device.js';
import { describeCore } from './app/core.js';
import { installCrashGuard } from './crash.js';
import * as curve from './views/publish/embed-curve.js';
import * as train from './views/publish/embed-train.js';
import * as race from './views/publish/embed-race.js';

const status = document.querySelector('[data-testid="status"]');
const crashGuard = installCrashGuard({ statusElement: status });

/**
 * The three views, imported with the page (preloaded with it, so no request waits for the link to be read):
 * together about 8 KB gzipped in the production build, less than one more round trip costs on a slow network.
 */
const VIEWS = { curve, train, race };

const messageOf = (error) => (error instanceof Error ? error.message : String(error));

async function main() {
  const wasm = await init();
  readPalette();
  const link = JSON.parse(ap.parseEmbedLink(location.hash));
  const root = document.documentElement;
  root.dataset.view = link.view;
  for (const part of link.hide) root.classList.add(`hide-${part}`);
  const core = describeCore(ap);
  const catalogue = core.activations;
  const full = document.getElementById('embed-full');
  full.href = `index.html#${link.config}`;
  const say = (text) => {
    status.textContent = text;
  };
  const notes = [];
  if (link.warnings.length) notes.push(`Ignored in the link: ${link.warnings.join('; ')}.`);
  const autoplay = link.autoplay && !reducedMotion();
  if (link.autoplay && !autoplay) notes.push(`${REDUCED_MOTION_NOTE}: press play to start.`);
  const { mount } = VIEWS[link.view] ?? VIEWS.train;
  const view = mount(document.getElementById('embed-view'), {
    ap, wasm, catalogue, core, link, say, crashGuard,
    describe: (text) => {
      document.getElementById('embed-what').textContent = text;
    },
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    readPalette();
    view.repaint?.();
    view.redraw();
  });
  new ResizeObserver(() => view.redraw()).observe(document.getElementById('embed-view'));
  if (notes.length) say(notes.join(' '));
  root.dataset.ready = 'true';
  if (autoplay) view.play();
}

main().catch((error) => {
  if (crashGuard.crash(error)) return;
  status.textContent = `The widget could not start: ${messageOf(error)}.`;
  document.documentElement.dataset.ready = 'error';
  console.error(error);
});
