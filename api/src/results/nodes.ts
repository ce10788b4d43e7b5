/**
 * The figures behind a canvas overlay, for one journey (of one version, or all): per node, the
 * customers who entered it and how many of them converted; per output (edge) the customers who
 * took it and how many of them converted; per message node, its outcomes by column (sent, failed,
 * suppressed…, as on the results page). Percentages are the caller's: took / the node's total.
 * Read from the roll-ups (ResultsNodeStep, ResultsMessageDay).
 */
import type { Db, MessageStatus } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { COLUMN_OF, type ChannelColumn } from './channels.js';

export interface NodeResults {
  entered: number;
  converted: number;
  outputs: Record<string, { took: number; converted: number }>;
  messages: Partial<Record<ChannelColumn, number>>;
}

export async function nodeResults(db: Db, journeyId: string, version?: number): Promise<Record<string, NodeResults>> {
  const ofVersion = version === undefined ? Prisma.empty : Prisma.sql`AND version = ${version}`;
  const [steps, messages] = await Promise.all([
    db.$queryRaw<Array<{ nodeId: string; kind: string; output: string; n: number; converted: number }>>`
      SELECT "nodeId", kind, output, sum(n)::int AS n, sum(converted)::int AS converted
      FROM "ResultsNodeStep" WHERE "journeyId" = ${journeyId} ${ofVersion}
      GROUP BY "nodeId", kind, output`,
    db.$queryRaw<Array<{ nodeId: string; status: MessageStatus; n: number }>>`
      SELECT "nodeId", status, sum(n)::int AS n
      FROM "ResultsMessageDay" WHERE "journeyId" = ${journeyId} AND "nodeId" <> '' ${ofVersion}
      GROUP BY "nodeId", status HAVING sum(n) <> 0`,
  ]);
  const nodes: Record<string, NodeResults> = {};
  const at = (id: string) => (nodes[id] ??= { entered: 0, converted: 0, outputs: {}, messages: {} });
  for (const r of steps) {
    const n = at(r.nodeId);
    if (r.kind === 'entered') {
      n.entered = r.n;
      n.converted = r.converted;
    } else if (r.output !== '') {
      n.outputs[r.output] = { took: r.n, converted: r.converted };
    }
  }
  for (const r of messages) {
    const n = at(r.nodeId);
    const column = COLUMN_OF[r.status];
    n.messages[column] = (n.messages[column] ?? 0) + r.n;
  }
  return nodes;
}
