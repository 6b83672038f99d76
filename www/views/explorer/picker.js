// The activation picker: every catalogue entry as a button with a tiny drawing of its curve, grouped by family.
// One tab stop for the whole picker (roving tabindex); arrow keys, Home and End move, Enter or Space selects.
import { sampleActivation } from '../../pkg/activation_playground.js';
import { cssVar, el } from '../../lib/dom.js';
import { fitCanvasCss } from '../../lib/canvas.js';

/** Headings of the catalogue's groups, in page order; an unknown group is shown after these under its own name. */
const GROUPS = [
  ['classic', 'Classic'],
  ['rectifiers', 'Rectifiers'],
  ['smooth modern', 'Smooth modern'],
  ['hard/piecewise', 'Hard / piecewise'],
  ['shrinkage', 'Shrinkage'],
  ['other', 'Other'],
];

/** The page heading of a catalogue group key. */
export function groupTitle(key) {
  const known = GROUPS.find(([k]) => k === key);
  if (known) return known[1];
  const words = key.replace(/[_/-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ICON_RANGE = 4;

/** Draws f of `spec` on [-4, 4] into a small canvas, fitted vertically. */
function drawIcon(canvas, spec) {
  const { ctx, width, height, dpr } = fitCanvasCss(canvas);
  const n = Math.max(2, Math.round(width * dpr));
  const ys = sampleActivation(spec, -ICON_RANGE, ICON_RANGE, n).subarray(0, n);
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    if (Number.isFinite(y)) {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  if (!(hi - lo > 0.2)) {
    const mid = Number.isFinite(lo) ? (lo + hi) / 2 : 0;
    lo = mid - 0.5;
    hi = mid + 0.5;
  }
  const pad = 3;
  const Y = (y) => height - pad - ((y - lo) / (hi - lo)) * (height - 2 * pad);
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = cssVar(canvas, '--ex-icon-axis');
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(Math.round(width / 2) + 0.5, 1);
  ctx.lineTo(Math.round(width / 2) + 0.5, height - 1);
  if (lo < 0 && hi > 0) {
    ctx.moveTo(1, Math.round(Y(0)) + 0.5);
    ctx.lineTo(width - 1, Math.round(Y(0)) + 0.5);
  }
  ctx.stroke();
  ctx.strokeStyle = cssVar(canvas, '--ex-icon');
  ctx.lineWidth = 1.75;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(ys[i])) {
      pen = false;
      continue;
    }
    const jump = i > 0 && Math.abs(ys[i] - ys[i - 1]) > 0.25 * (hi - lo);
    const px = (i / (n - 1)) * width;
    if (pen && !jump) ctx.lineTo(px, Y(ys[i]));
    else ctx.moveTo(px, Y(ys[i]));
    pen = true;
  }
  ctx.stroke();
}

/** The picker. `onPick(name)` runs when the user selects an entry. */
export class Picker {
  constructor(catalogue, onPick) {
    this.onPick = onPick;
    this.buttons = [];
    this.icons = [];
    const order = GROUPS.map(([k]) => k);
    const keys = [...new Set(catalogue.map((e) => e.group))].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    });
    this.node = el('nav', { class: 'ex-picker', 'aria-label': 'Activation functions' });
    for (const key of keys) {
      const headingId = `ex-group-${key.replace(/[^a-z0-9]+/gi, '-')}`;
      const list = el('div', { class: 'ex-group-items', role: 'group', 'aria-labelledby': headingId });
      for (const entry of catalogue.filter((e) => e.group === key)) {
        const icon = el('canvas', { class: 'ex-icon', 'aria-hidden': 'true' });
        const button = el(
          'button',
          {
            type: 'button',
            class: 'ex-act',
            tabindex: '-1',
            'aria-pressed': 'false',
            title: entry.formula ? `${entry.display}: ${entry.formula}` : entry.display,
            data: { activation: entry.name },
            on: { click: () => this.pick(entry.name) },
          },
          [icon, el('span', { class: 'ex-act-name', text: entry.display })],
        );
        this.buttons.push(button);
        this.icons.push([icon, entry.name]);
        list.append(button);
      }
      this.node.append(el('div', { class: 'ex-group' }, [el('h3', { id: headingId, text: groupTitle(key) }), list]));
    }
    if (this.buttons.length > 0) this.buttons[0].tabIndex = 0;
    this.node.addEventListener('keydown', (event) => this.key(event));
  }

  pick(name) {
    this.mark(name);
    this.onPick(name);
  }

  /** Highlights `name` (aria-pressed) and makes it the picker's tab stop. */
  mark(name) {
    for (const button of this.buttons) {
      const on = button.dataset.activation === name;
      button.setAttribute('aria-pressed', String(on));
      button.tabIndex = on ? 0 : -1;
    }
  }

  key(event) {
    const i = this.buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const last = this.buttons.length - 1;
    const target = {
      ArrowRight: Math.min(last, i + 1),
      ArrowDown: Math.min(last, i + 1),
      ArrowLeft: Math.max(0, i - 1),
      ArrowUp: Math.max(0, i - 1),
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    for (const button of this.buttons) button.tabIndex = -1;
    this.buttons[target].tabIndex = 0;
    this.buttons[target].focus();
  }

  /** (Re)draws every icon: after mounting, on resize and when the colour scheme changes. */
  drawIcons() {
    for (const [canvas, name] of this.icons) drawIcon(canvas, name);
  }
}
