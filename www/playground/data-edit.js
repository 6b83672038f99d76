// Editing the data on the plot: click adds a point of the chosen class, shift-click the other class,
// right-click or alt-click removes the nearest point; the read-out follows the pointer.
import { pointerIn, fmt } from './canvas.js';
import { DOMAIN } from './heatmap.js';

/** Removal reaches this many CSS pixels around the pointer. */
const REMOVE_RADIUS_PX = 14;

/**
 * Wires pointer editing on the boundary canvas.
 * `edit.add(x, y, shift)`, `edit.remove(x, y, radius)` apply the change; `edit.erasing()` says whether a plain
 * click removes (the Erase toggle, for touch screens); `edit.read(text)` shows the position.
 */
export function wireDataEditing(canvas, edit) {
  const domainAt = (event) => {
    const p = pointerIn(canvas, event);
    return {
      x: Math.max(-DOMAIN, Math.min(DOMAIN, (p.x / p.w) * 2 * DOMAIN - DOMAIN)),
      y: Math.max(-DOMAIN, Math.min(DOMAIN, DOMAIN - (p.y / p.h) * 2 * DOMAIN)),
      radius: (REMOVE_RADIUS_PX / p.w) * 2 * DOMAIN,
    };
  };
  canvas.addEventListener('click', (event) => {
    const d = domainAt(event);
    if (event.altKey || edit.erasing()) edit.remove(d.x, d.y, d.radius);
    else edit.add(d.x, d.y, event.shiftKey);
  });
  canvas.addEventListener('contextmenu', (event) => {
    event.preventDefault();
    const d = domainAt(event);
    edit.remove(d.x, d.y, d.radius);
  });
  canvas.addEventListener('pointermove', (event) => {
    const d = domainAt(event);
    edit.read(`x₁ ${fmt(d.x, 2)}, x₂ ${fmt(d.y, 2)}`);
  });
  canvas.addEventListener('pointerleave', () => edit.read(''));
}
