// What a canvas has drawn as text: every fillText since the canvas was last cleared whole, with its box in
// canvas pixels (from measureText, so alignment and baseline are accounted for) and its anchor (x, y); and
// every arc (a drawn point) with its centre. Install once per browser
// context, before pages open; then read a canvas's list with `drawnText(page, selector)`.

/** Records fillText calls on every 2D canvas of pages opened in `context` from now on. */
export async function recordCanvasText(context) {
  await context.addInitScript(() => {
    const proto = CanvasRenderingContext2D.prototype;
    const lists = new WeakMap();
    const arcs = new WeakMap();
    const arc = proto.arc;
    proto.arc = function circle(x, y, r, ...rest) {
      const t = this.getTransform();
      if (!arcs.has(this.canvas)) arcs.set(this.canvas, []);
      arcs.get(this.canvas).push({ x: t.a * x + t.e, y: t.d * y + t.f, r: t.a * r });
      return arc.call(this, x, y, r, ...rest);
    };
    const clearRect = proto.clearRect;
    proto.clearRect = function clear(x, y, w, h) {
      if (x <= 0 && y <= 0 && x + w >= this.canvas.width && y + h >= this.canvas.height) {
        lists.set(this.canvas, []);
        arcs.set(this.canvas, []);
      }
      return clearRect.call(this, x, y, w, h);
    };
    const fillText = proto.fillText;
    proto.fillText = function fill(text, x, y, ...rest) {
      const m = this.measureText(String(text));
      const t = this.getTransform();
      const box = {
        x: t.a * x + t.e,
        y: t.d * y + t.f,
        baseline: this.textBaseline,
        left: t.a * (x - m.actualBoundingBoxLeft) + t.e,
        right: t.a * (x + m.actualBoundingBoxRight) + t.e,
        top: t.d * (y - m.actualBoundingBoxAscent) + t.f,
        bottom: t.d * (y + m.actualBoundingBoxDescent) + t.f,
      };
      if (!lists.has(this.canvas)) lists.set(this.canvas, []);
      lists.get(this.canvas).push({ text: String(text), ...box, colour: String(this.fillStyle) });
      return fillText.call(this, text, x, y, ...rest);
    };
    window.__drawnText = (canvas) => (lists.get(canvas) ?? []).map((t) => ({ ...t }));
    window.__drawnArcs = (canvas) => (arcs.get(canvas) ?? []).map((a) => ({ ...a }));
  });
}

/** The texts and arcs drawn on the canvas matching `selector` since its last full clear, and its size. */
export function drawnText(page, selector) {
  return page.$eval(selector, (canvas) => ({
    width: canvas.width,
    height: canvas.height,
    texts: window.__drawnText(canvas),
    arcs: window.__drawnArcs(canvas),
  }));
}

/** Pairs of boxes (with .text) that overlap by more than `slack` pixels in both directions. */
export function overlaps(boxes, slack = 0) {
  const bad = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > slack && h > slack) bad.push(`"${a.text}" overlaps "${b.text}"`);
    }
  }
  return bad;
}
