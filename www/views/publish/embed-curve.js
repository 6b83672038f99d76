// The embed's `curve` view: one activation's f and f′ over the core's input square, the regions where the
// gradient vanishes shaded, and a read-out of both values under the pointer — the explorer's own plot.
import { CurvePlot, describeInterval, vanishingIntervals, whereText, zeroIntervals } from '../explorer/plot.js';
import { zeroText } from '../../lib/words.js';
import { formatNumber, formatShort } from '../../lib/format.js';
import { el, displayName, activationPicker } from './embed-parts.js';

const HINT = 'Point at the curve to read f(x) and f′(x).';

export function mount(root, { ap, catalogue, core, link, describe }) {
  const { min, max } = core.domain;
  const canvas = el('canvas', {
    class: 'ex-curve', 'data-testid': 'curve', tabindex: '0', role: 'img', 'aria-describedby': 'embed-where',
  });
  // Where the gradient vanishes or is exactly 0, in words, for screen readers (the shading shows it).
  const where = el('p', { class: 'sr-only', id: 'embed-where' });
  const readout = el('p', { class: 'ex-readout embed-readout', 'data-part': 'readout', 'data-testid': 'readout', 'aria-live': 'off' }, [HINT]);
  let spec = link.activation;
  const plot = new CurvePlot(canvas, {
    home: { xMin: min, xMax: max },
    onProbe: (x, v) => {
      readout.classList.toggle('is-live', x !== null);
      readout.textContent = x === null || !v
        ? HINT
        : `x = ${formatNumber(x, 3)}   f(x) = ${formatNumber(v.f)}   f′(x) = ${formatNumber(v.df)}`;
    },
  });
  const show = () => {
    plot.setSpec(spec);
    describe(`${displayName(catalogue, spec)}: f and f′`);
    plot.draw();
    canvas.setAttribute('aria-label', `${displayName(catalogue, spec)} (${spec}) and its derivative f′ over x from ${formatShort(min)} to ${formatShort(max)}; shaded where |f′| < 0.1`);
    const df = plot.currentSamples()?.df;
    if (df) {
      const intervals = vanishingIntervals(spec, plot.view, df);
      where.textContent = `${whereText(intervals)} ${zeroText(zeroIntervals(intervals).map(describeInterval))}`.trim();
    }
  };
  const picker = activationPicker(catalogue, spec, ap.activationSpec, (next) => {
    spec = next;
    show();
  });
  const legend = el('p', { class: 'embed-legend' }, [
    el('span', { class: 'embed-key f' }), ' f(x) ', el('span', { class: 'embed-key df' }), ' f′(x) ',
    el('span', { class: 'embed-key vanish' }), ' |f′| < 0.1: the gradient vanishes',
  ]);
  root.append(el('div', { class: 'explorer embed-curve' }, [
    el('div', { class: 'embed-bar' }, [picker.element, legend]),
    el('div', { class: 'ex-canvas-wrap' }, [canvas]),
    where,
    readout,
  ]));
  show();
  return {
    redraw: () => plot.draw(),
    play: () => {},
  };
}
