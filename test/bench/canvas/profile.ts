/**
 * Where the canvas' time goes: opens the bench journey in the editor (or the bare baseline) once,
 * with a CPU profile (CDP Profiler) from navigation to the first render and a Chromium trace of
 * the pan, and prints the heaviest functions by self time and the trace's main-thread events.
 * A third load is traced (Chromium trace, no profiler) and its main-thread time until the first
 * render is split by event, each event's own time without the events inside it: script
 * compilation and running, style recalculation, layout, paint, and what the browser did besides.
 * A diagnosis tool beside run.ts, not a benchmark:
 *   npx tsx test/bench/canvas/profile.ts [editor|bare] [nodes]
 * Set BENCH_UNMINIFIED=1 to build unminified (readable function names; slower, so only for reading).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../e2e/support/browser.js';
import { EDITOR_DIR, serveStatic } from '../../e2e/support/serve.js';
import { benchJourney } from './journey.js';
import { MEASURE_JS } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const which = process.argv[2] === 'bare' ? 'bare' : 'editor';
const NODES = Number(process.argv[3] ?? 300);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** Per event name, the main thread's own time in it (ms; nested events subtracted), heaviest first. */
function mainThreadSelf(events: TraceEvent[], until: number): Array<[string, number]> {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const xs = events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts <= until)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: Array<{ e: TraceEvent; end: number }> = [];
  for (const e of xs) {
    const end = e.ts + (e.dur ?? 0);
    while (stack.length && (stack.at(-1) as { end: number }).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.e.name, (self.get(parent.e.name) ?? 0) - (e.dur ?? 0) / 1000);
    self.set(e.name, (self.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    stack.push({ e, end });
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

/** Self time per function (ms), heaviest first. */
function selfTimes(p: Profile): Array<[string, number]> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    total.set(key, (total.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return [...total].sort((a, b) => b[1] - a[1]);
}

async function main() {
  const journey = benchJourney(NODES);
  const dir = join(tmpdir(), `cairn-profile-${which}`);
  const { build } = await import('vite');
  await build({
    root: which === 'bare' ? join(here, 'bare') : EDITOR_DIR,
    logLevel: 'error',
    build: { outDir: dir, emptyOutDir: true, minify: process.env.BENCH_UNMINIFIED !== '1' },
  });
  const served = await serveStatic(dir);
  const browser = await launch();
  try {
    const storage: Record<string, string> =
      which === 'bare'
        ? {
            'bench.graph': JSON.stringify({
              nodes: journey.nodes.map((n) => ({ id: n.id, position: n.position, label: n.label ?? n.type })),
              edges: journey.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
            }),
          }
        : {
            'cairn.local.index': JSON.stringify({ [journey.id]: { id: journey.id, name: journey.name, status: 'draft', liveVersion: null, updatedAt: new Date().toISOString() } }),
            [`cairn.local.draft.${journey.id}`]: JSON.stringify(journey),
          };
    const url = which === 'bare' ? `${served.url}/` : `${served.url}/#/j/${journey.id}`;
    const seed = Object.entries(storage)
      .map(([k, v]) => `localStorage.setItem(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n');
    for (let round = 0; round < 2; round++) {
      // Round 0 warms the disk cache; round 1 is the one reported.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript({ content: `${MEASURE_JS}\n${seed}\nwindow.__cairnWatch(${NODES});` });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.goto(url);
      await page.waitForFunction('window.__firstRender !== undefined', undefined, { timeout: 60_000 });
      const first = (await page.evaluate('window.__firstRender')) as number;
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      if (round === 1) {
        const out = join(tmpdir(), `cairn-${which}-${NODES}.cpuprofile`);
        writeFileSync(out, JSON.stringify(profile));
        const self = selfTimes(profile);
        const sum = self.reduce((a, [, ms]) => a + ms, 0);
        console.log(`${which} ${NODES} nodes: first render ${first.toFixed(0)} ms; profiled ${sum.toFixed(0)} ms (${out})`);
        for (const [k, ms] of self.slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
        await page.waitForTimeout(500);
        // Trace of the pan: where each frame's main-thread time goes.
        const events: Array<{ name: string; dur?: number; ph: string; tid: number; args?: unknown }> = [];
        cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as typeof events)));
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
        const pan = (await page.evaluate('window.__cairnPan(120, 4)')) as { deltas: number[] };
        const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
        await cdp.send('Tracing.end');
        await done;
        const dur = new Map<string, number>();
        for (const e of events) if (e.ph === 'X' && e.dur) dur.set(e.name, (dur.get(e.name) ?? 0) + e.dur / 1000);
        const d = [...pan.deltas].sort((a, b) => a - b);
        console.log(`pan: ${d.length} frames, p50 ${d[Math.floor(d.length / 2)]?.toFixed(1)} p95 ${d[Math.floor(d.length * 0.95)]?.toFixed(1)} ms; trace totals:`);
        for (const [k, ms] of [...dur].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
        // The biggest paints while panning, and what they painted (the layer, its clip).
        const paints = events.filter((e) => e.name === 'Paint' && e.dur) as Array<{ dur: number; args?: { data?: Record<string, unknown> } }>;
        for (const e of paints.sort((a, b) => b.dur - a.dur).slice(0, 3)) console.log(`paint ${(e.dur / 1000).toFixed(1)} ms ${JSON.stringify(e.args?.data ?? {})}`);
      }
      await context.close();
    }
    // The load again, traced: where the main thread's time goes until the first render.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript({ content: `${MEASURE_JS}\n${seed}\nwindow.__cairnWatch(${NODES});` });
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,__metadata', transferMode: 'ReportEvents' });
    await page.goto(url);
    await page.waitForFunction('window.__firstRender !== undefined', undefined, { timeout: 60_000 });
    const first = (await page.evaluate('window.__firstRender')) as number;
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.end');
    await done;
    // performance.now() counts from the navigation's start, the trace from its own clock.
    const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStartToLoadEventEnd') ?? events.find((e) => e.name === 'TracingStartedInBrowser');
    const until = (nav?.ts ?? 0) + first * 1000;
    const self = mainThreadSelf(events, until);
    const sum = self.reduce((a, [, ms]) => a + Math.max(0, ms), 0);
    console.log(`load trace: first render ${first.toFixed(0)} ms; main thread busy ${sum.toFixed(0)} ms, by event (own time):`);
    for (const [k, ms] of self.slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
    await context.close();
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
