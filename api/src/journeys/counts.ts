/**
 * Per-node counts of a journey, for the live canvas: entered, waiting now, completed and exited
 * (by reason), and message outcomes (sent, suppressed, …). Aggregates over NodeEvent, Enrolment
 * and Message rows, each one indexed query.
 */
import type { Db } from '@cairn/db';

export interface NodeCounts {
  entered: number;
  waitingNow: number;
  completed: number;
  exited: Record<string, number>;
  messages: Record<string, number>;
}

export interface JourneyCounts {
  journeyId: string;
  totals: { entered: number; active: number; waiting: number; completed: number; exited: number };
  nodes: Record<string, NodeCounts>;
}

const empty = (): NodeCounts => ({ entered: 0, waitingNow: 0, completed: 0, exited: {}, messages: {} });

export async function journeyCounts(db: Db, journeyId: string, version?: number): Promise<JourneyCounts> {
  const enrolmentFilter = version === undefined ? { journeyId } : { journeyId, version };
  // Steps and messages count for the version the run was on when they happened (a customer moved
  // to a newer version leaves its earlier steps with the old one); rows from before the column
  // existed go by their enrolment, as they always did.
  const ofVersion = version === undefined ? {} : { OR: [{ version }, { version: null, enrolment: { version } }] };
  const [entered, waiting, ended, messages, totals] = await Promise.all([
    db.nodeEvent.groupBy({
      by: ['nodeId'],
      where: { journeyId, kind: 'entered', ...ofVersion },
      _count: { _all: true },
    }),
    db.enrolment.groupBy({ by: ['currentNodeId'], where: { ...enrolmentFilter, status: 'waiting' }, _count: { _all: true } }),
    db.enrolment.groupBy({
      by: ['currentNodeId', 'status', 'exitReason'],
      where: { ...enrolmentFilter, status: { in: ['completed', 'exited'] } },
      _count: { _all: true },
    }),
    db.message.groupBy({
      by: ['nodeId', 'status'],
      where: { journeyId, ...ofVersion },
      _count: { _all: true },
    }),
    db.enrolment.groupBy({ by: ['status'], where: enrolmentFilter, _count: { _all: true } }),
  ]);
  const nodes: Record<string, NodeCounts> = {};
  const at = (id: string | null) => (nodes[id ?? '$unknown'] ??= empty());
  for (const r of entered) at(r.nodeId).entered = r._count._all;
  for (const r of waiting) at(r.currentNodeId).waitingNow = r._count._all;
  for (const r of ended) {
    const n = at(r.currentNodeId);
    if (r.status === 'completed') n.completed += r._count._all;
    const reason = r.exitReason ?? r.status;
    n.exited[reason] = (n.exited[reason] ?? 0) + r._count._all;
  }
  for (const r of messages) {
    const n = at(r.nodeId);
    n.messages[r.status] = (n.messages[r.status] ?? 0) + r._count._all;
  }
  const byStatus = Object.fromEntries(totals.map((r) => [r.status, r._count._all]));
  const count = (s: string) => byStatus[s] ?? 0;
  return {
    journeyId,
    totals: {
      entered: totals.reduce((a, r) => a + r._count._all, 0),
      active: count('active'),
      waiting: count('waiting'),
      completed: count('completed'),
      exited: count('exited'),
    },
    nodes,
  };
}
