/**
 * The figures behind a canvas overlay, for one journey (of one version, or all): per node, the
 * customers who entered it and how many of them converted; per output (edge) the customers who
 * took it and how many of them converted; per message node, its outcomes by column (sent, failed,
 * suppressed…, as on the results page). Percentages are the caller's: took / the node's total.
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
  const ofVersion = version === undefined ? Prisma.empty : Prisma.sql`AND e.version = ${version}`;
  const [steps, messages] = await Promise.all([
    db.$queryRaw<Array<{ nodeId: string; kind: string; output: string | null; n: number; converted: number }>>`
      SELECT ne."nodeId", ne.kind::text AS kind, ne.output, count(DISTINCT ne."enrolmentId")::int AS n,
             count(DISTINCT ne."enrolmentId") FILTER (WHERE c.id IS NOT NULL)::int AS converted
      FROM "NodeEvent" ne JOIN "Enrolment" e ON e.id = ne."enrolmentId" ${ofVersion}
      LEFT JOIN "Conversion" c ON c."enrolmentId" = ne."enrolmentId"
      WHERE ne."journeyId" = ${journeyId} AND ne.kind IN ('entered', 'left')
      GROUP BY ne."nodeId", ne.kind, ne.output`,
    db.$queryRaw<Array<{ nodeId: string; status: MessageStatus; n: number }>>`
      SELECT m."nodeId", m.status::text AS status, count(*)::int AS n
      FROM "Message" m
      ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
      WHERE m."journeyId" = ${journeyId} AND m."nodeId" IS NOT NULL
      GROUP BY m."nodeId", m.status`,
  ]);
  const nodes: Record<string, NodeResults> = {};
  const at = (id: string) => (nodes[id] ??= { entered: 0, converted: 0, outputs: {}, messages: {} });
  for (const r of steps) {
    const n = at(r.nodeId);
    if (r.kind === 'entered') {
      n.entered = r.n;
      n.converted = r.converted;
    } else if (r.output !== null) {
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
