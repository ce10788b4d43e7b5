/**
 * Benchmark: compile and simulate journeys of 100, 1,000 and 10,000 nodes, and simulation
 * throughput through a 20-node journey.
 *
 * Figures are per node (growth should be linear: per-node time at 10,000 within 2x of at 100)
 * and, for throughput, a ratio against a baseline measured in the same process: a plain
 * JavaScript walk of the same graph taking the same decisions without XState, Liquid or traces.
 * Usage: npx tsx test/bench/compile/run.ts   (BENCH_QUICK=1 for a short run)
 * The last line printed is one JSON object with the figures.
 */
import { checkJourney, compile, Journey, simulate, type CustomerEvent } from '@cairn/core';
import { randomJourney } from '@cairn/core/internal/testing/random-journey';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { baselineWalk } from './baseline.js';

const QUICK = process.env.BENCH_QUICK === '1';
const T0 = Date.UTC(2026, 0, 5, 8);
const DAY = 86_400_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Runs fn repeatedly for at least `minMs` (and `minRuns`), returning the median ms per run. */
function time(fn: () => void, minMs = QUICK ? 150 : 600, minRuns = 3): number {
  const runs: number[] = [];
  const startAll = performance.now();
  while (runs.length < minRuns || performance.now() - startAll < minMs) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

const events: CustomerEvent[] = [
  { name: 'Signed Up', at: T0, properties: {} },
  { name: 'Viewed Product', at: T0 + DAY / 2, properties: {} },
  { name: 'Added To Cart', at: T0 + DAY, properties: {} },
  { name: 'Opened Email', at: T0 + 2 * DAY, properties: {} },
];
const customers = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, attributes: { score: (i * 37) % 100, firstName: 'An' }, timeZone: 'Asia/Ho_Chi_Minh' }));

type Row = { nodes: number; parseUs: number; checkUs: number; compileUs: number; simulateUsPerStep: number };

/** Measures one size in this process: parse, checks and compile per node, simulation per step. */
function measure(size: number): Row {
  const input = randomJourney(42, size);
  const journey = Journey.parse(input);
  const compiled = compile(journey);
  // Warm the JIT on this very journey before timing.
  for (let i = 0; i < 3; i++) {
    Journey.parse(input);
    checkJourney(journey);
    compile(journey);
    for (const cu of customers.slice(0, 20)) simulate(compiled, cu, events, { start: T0 });
  }
  let stepCount = 0;
  const simMs = time(() => {
    stepCount = 0;
    for (const cu of customers) stepCount += simulate(compiled, cu, events, { start: T0 }).steps.length;
  });
  return {
    nodes: size,
    parseUs: (time(() => Journey.parse(input)) * 1000) / size,
    checkUs: (time(() => checkJourney(journey)) * 1000) / size,
    compileUs: (time(() => compile(journey)) * 1000) / size,
    simulateUsPerStep: (simMs * 1000) / stepCount,
  };
}

const only = process.argv.indexOf('--size');
if (only > 0) {
  // Child mode: one size, one JSON line.
  console.log(JSON.stringify(measure(Number(process.argv[only + 1]))));
  process.exit(0);
}

// Each size runs in a fresh process (a 10,000-node heap must not slow the 100-node figures, nor
// the reverse), in interleaved rounds; each figure is the median over rounds, so a burst of load
// from another process on this shared machine does not land on one size only.
const sizes = QUICK ? [100, 1_000] : [100, 1_000, 10_000];
const ROUNDS = QUICK ? 1 : 3;
const self = fileURLToPath(import.meta.url);
const samples = new Map<number, Row[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const size of sizes) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--size', String(size)], { encoding: 'utf8' });
    const row = JSON.parse(out.trim().split('\n').at(-1)!) as Row;
    samples.set(size, [...(samples.get(size) ?? []), row]);
  }
}
const rows: Row[] = sizes.map((size) => {
  const rs = samples.get(size)!;
  return {
    nodes: size,
    parseUs: median(rs.map((r) => r.parseUs)),
    checkUs: median(rs.map((r) => r.checkUs)),
    compileUs: median(rs.map((r) => r.compileUs)),
    simulateUsPerStep: median(rs.map((r) => r.simulateUsPerStep)),
  };
});
for (const row of rows) {
  console.log(
    `${String(row.nodes).padStart(6)} nodes: parse ${row.parseUs.toFixed(2)} µs/node, checks ${row.checkUs.toFixed(2)} µs/node, ` +
      `compile ${row.compileUs.toFixed(2)} µs/node, simulate ${row.simulateUsPerStep.toFixed(2)} µs/step (${customers.length} customers)`,
  );
}
const first = rows[0]!;
const last = rows.at(-1)!;
const growth = {
  compile: last.compileUs / first.compileUs,
  checks: last.checkUs / first.checkUs,
  parse: last.parseUs / first.parseUs,
  simulatePerStep: last.simulateUsPerStep / first.simulateUsPerStep,
};
console.log(
  `per-node growth ${first.nodes} -> ${last.nodes}: compile ${growth.compile.toFixed(2)}x, checks ${growth.checks.toFixed(2)}x, ` +
    `parse ${growth.parse.toFixed(2)}x, simulate/step ${growth.simulatePerStep.toFixed(2)}x (goal: within 2x)`,
);

// Throughput: customers per second through a 20-node journey, against the plain-JS baseline.
const twenty = Journey.parse(randomJourney(20, 20));
const compiled20 = compile(twenty);
const many = Array.from({ length: QUICK ? 500 : 2_000 }, (_, i) => ({ id: `cust-${i}`, attributes: { score: (i * 7) % 100, firstName: 'Chi' } }));
for (const cu of many.slice(0, 200)) {
  simulate(compiled20, cu, events, { start: T0 });
  baselineWalk(twenty, cu, events, T0);
}
const simMs = time(() => {
  for (const cu of many) simulate(compiled20, cu, events, { start: T0 });
});
const baseMs = time(() => {
  for (const cu of many) baselineWalk(twenty, cu, events, T0);
});
const customersPerSec = (many.length / simMs) * 1000;
const baselinePerSec = (many.length / baseMs) * 1000;
console.log(
  `simulation through a 20-node journey: ${customersPerSec.toFixed(0)} customers/s; ` +
    `plain-JS baseline ${baselinePerSec.toFixed(0)} customers/s; cairn costs ${(baselinePerSec / customersPerSec).toFixed(1)}x the baseline`,
);

console.log(
  JSON.stringify({
    bench: 'compile',
    sizes: rows,
    perNodeGrowth: growth,
    withinTwoX: { compile: growth.compile <= 2, simulate: growth.simulatePerStep <= 2, checks: growth.checks <= 2, parse: growth.parse <= 2 },
    simulate20: { customersPerSec: Math.round(customersPerSec), baselineCustomersPerSec: Math.round(baselinePerSec), slowdownVsBaseline: baselinePerSec / customersPerSec },
  }),
);
