// Boot: load the wasm core, then draw the seed's ReLU and its derivative, computed by the core.
import init, { sampleActivation } from './pkg/activation_playground.js';

const X_MIN = -4;
const X_MAX = 4;

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function drawCurve(canvas, spec) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  const n = width;
  const samples = sampleActivation(spec, X_MIN, X_MAX, n);
  const yMin = -1.5;
  const yMax = 4.5;
  const px = (x) => ((x - X_MIN) / (X_MAX - X_MIN)) * (width - 1);
  const py = (y) => (1 - (y - yMin) / (yMax - yMin)) * (height - 1);

  ctx.clearRect(0, 0, width, height);
  ctx.lineWidth = 1;
  ctx.strokeStyle = css('--grid');
  for (let x = Math.ceil(X_MIN); x <= X_MAX; x++) line(ctx, px(x), 0, px(x), height);
  for (let y = Math.ceil(yMin); y <= yMax; y++) line(ctx, 0, py(y), width, py(y));
  ctx.strokeStyle = css('--axis');
  line(ctx, px(0), 0, px(0), height);
  line(ctx, 0, py(0), width, py(0));

  plot(ctx, samples.subarray(0, n), css('--curve-f'), px, py, X_MIN, X_MAX);
  plot(ctx, samples.subarray(n), css('--curve-df'), px, py, X_MIN, X_MAX);
}

function line(ctx, x0, y0, x1, y1) {
  ctx.beginPath();
  ctx.moveTo(x0 + 0.5, y0 + 0.5);
  ctx.lineTo(x1 + 0.5, y1 + 0.5);
  ctx.stroke();
}

function plot(ctx, ys, colour, px, py, xMin, xMax) {
  const n = ys.length;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const x = xMin + ((xMax - xMin) * i) / (n - 1);
    if (i === 0) ctx.moveTo(px(x), py(ys[i]));
    else ctx.lineTo(px(x), py(ys[i]));
  }
  ctx.stroke();
}

async function main() {
  const status = document.querySelector('[data-testid="status"]');
  try {
    await init();
    drawCurve(document.querySelector('[data-testid="curve"]'), 'relu');
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `The page could not start: ${error.message}`;
    throw error;
  }
}

main();
