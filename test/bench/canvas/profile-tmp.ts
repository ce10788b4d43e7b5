import { launch } from '../../e2e/support/browser.js';
import { buildApp, serveStatic } from '../../e2e/support/serve.js';
import { benchJourney } from './journey.js';
import { MEASURE_JS } from './measure.js';
const journey = benchJourney(300);
const dir = await buildApp();
const srv = await serveStatic(dir);
const browser = await launch();
const storage = {
  'cairn.local.index': JSON.stringify({ [journey.id]: { id: journey.id, name: journey.name, status: 'draft', liveVersion: null, updatedAt: new Date().toISOString() } }),
  [`cairn.local.draft.${journey.id}`]: JSON.stringify(journey),
};
for (let round = 0; round < 2; round++) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const seed = Object.entries(storage).map(([k, v]) => `localStorage.setItem(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n');
  await page.addInitScript({ content: `${MEASURE_JS}\n${seed}\nwindow.__cairnWatch(300);` });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`${srv.url}/#/j/${journey.id}`);
  await page.waitForFunction('window.__firstRender !== undefined');
  const fr = await page.evaluate('window.__firstRender');
  const { profile } = (await cdp.send('Profiler.stop')) as any;
  // self time per function
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas as number[];
  profile.samples.forEach((id: number, i: number) => {
    const n = byId.get(id);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('first render', fr);
  if (round === 1) for (const [k, v] of top) console.log(v.toFixed(1).padStart(8), k);
  await ctx.close();
}
await browser.close();
await srv.close();
