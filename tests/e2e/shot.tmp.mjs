import { launch, open } from './harness.mjs';
const [,, path = '/', name = 'shot', wait = '3000', w = '1400', scheme = 'light'] = process.argv;
const b = await launch();
const page = await b.context.newPage();
await page.setViewportSize({ width: Number(w), height: 1000 });
await page.emulateMedia({ colorScheme: scheme });
const errs = [];
page.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
page.on('pageerror', (e) => errs.push(String(e)));
await page.goto(new URL(path, process.env.BASE_URL).href);
await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
if (process.env.CLICK) { for (const sel of process.env.CLICK.split('|')) { await page.click(sel); await page.waitForTimeout(500); } }
await page.waitForTimeout(Number(wait));
const ev = await page.$('#evidence');
await ev.screenshot({ path: `/tmp/${name}.png` });
console.log('errors', JSON.stringify(errs));
console.log(await page.$eval('#evidence', (e) => e.innerText.slice(0, 1500)));
await b.close();
