import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launch } from '../../e2e/support/browser.js';
import { buildApp, serveStatic } from '../../e2e/support/serve.js';
import { benchJourney } from './journey.js';
import { MEASURE_JS } from './measure.js';
const here = dirname(fileURLToPath(import.meta.url));
const journey = benchJourney(300);
const graph = { nodes: journey.nodes.map((n) => ({ id: n.id, position: n.position, label: n.label ?? n.type })), edges: journey.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })) };
const ed = await serveStatic(await buildApp());
const bare = await serveStatic(await buildApp(join(here, 'bare'), join(tmpdir(), 'cairn-bench-bare2'), 'error'));
const browser = await launch();
const targets = {
  editor: { url: `${ed.url}/#/j/${journey.id}`, storage: { 'cairn.local.index': JSON.stringify({ [journey.id]: { id: journey.id, name: journey.name, status: 'draft', liveVersion: null, updatedAt: new Date().toISOString() } }), [`cairn.local.draft.${journey.id}`]: JSON.stringify(journey) } },
  bare: { url: `${bare.url}/`, storage: { 'bench.graph': JSON.stringify(graph) } },
};
for (let round = 0; round < 3; round++) for (const [name, t] of Object.entries(targets)) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const seed = Object.entries(t.storage).map(([k, v]) => `localStorage.setItem(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n');
  await page.addInitScript({ content: `${MEASURE_JS}\n${seed}\nwindow.__cairnWatch(300);` });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] });
  await page.goto(t.url);
  await page.waitForFunction('window.__firstRender !== undefined');
  const fr = (await page.evaluate('window.__firstRender')) as number;
  const buf = await browser.stopTracing();
  const events = JSON.parse(buf.toString()).traceEvents as any[];
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStart' )?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    if (!['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseAuthorStyleSheet', 'Commit', 'PrePaint', 'Layerize', 'RunTask', 'v8.run', 'V8.ParseFunction', 'V8.CompileLazy', 'HitTest', 'ScheduleStyleRecalculation'].includes(e.name)) continue;
    if (e.ts - nav > fr * 1000) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  }
  if (round > 0) console.log(name, 'first render', fr.toFixed(0), [...sums].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v.toFixed(0)}`).join(' '));
  await ctx.close();
}
await browser.close(); await ed.close(); await bare.close();
