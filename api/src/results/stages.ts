/**
 * The overview grouped by lifecycle stage (the journeys' `stage`, in the order of LifecycleStage,
 * journeys without one last): per stage its journeys' entered, converted, rate, messages sent and
 * failed, and per channel the customers reached and converted. Sums of per-journey figures: an
 * enrolment belongs to one journey, so nothing is counted twice.
 */
import { LifecycleStage } from '@cairn/core';

export interface JourneyChannel {
  journeyId: string;
  channel: string;
  reached: number;
  converted: number;
  sent: number;
  failed: number;
}

export interface StageChannel {
  channel: string;
  /** Enrolments sent at least one message on the channel, and how many of them converted. */
  reached: number;
  converted: number;
  conversionRate: number | null;
  sent: number;
  failed: number;
}

export interface StageRow {
  /** null: journeys without a stage. */
  stage: LifecycleStage | null;
  journeys: number;
  entered: number;
  converted: number;
  conversionRate: number | null;
  sent: number;
  failed: number;
  channels: StageChannel[];
}

const rate = (part: number, whole: number) => (whole ? part / whole : null);

export function byStage(
  journeys: ReadonlyArray<{ journeyId: string; stage: string | null; entered: number; converted: number; sent: number; failed: number }>,
  channels: readonly JourneyChannel[],
): StageRow[] {
  const order = [...LifecycleStage.options, null] as Array<LifecycleStage | null>;
  const stageOf = new Map(journeys.map((j) => [j.journeyId, (LifecycleStage.safeParse(j.stage).data ?? null) as LifecycleStage | null]));
  const rows: StageRow[] = [];
  for (const stage of order) {
    const members = journeys.filter((j) => stageOf.get(j.journeyId) === stage);
    if (members.length === 0) continue;
    const sum = (k: 'entered' | 'converted' | 'sent' | 'failed') => members.reduce((a, j) => a + j[k], 0);
    const perChannel = new Map<string, StageChannel>();
    for (const c of channels) {
      if (stageOf.get(c.journeyId) !== stage) continue;
      const s = perChannel.get(c.channel) ?? { channel: c.channel, reached: 0, converted: 0, conversionRate: null, sent: 0, failed: 0 };
      s.reached += c.reached;
      s.converted += c.converted;
      s.sent += c.sent;
      s.failed += c.failed;
      perChannel.set(c.channel, s);
    }
    rows.push({
      stage,
      journeys: members.length,
      entered: sum('entered'),
      converted: sum('converted'),
      conversionRate: rate(sum('converted'), sum('entered')),
      sent: sum('sent'),
      failed: sum('failed'),
      channels: [...perChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel)).map((c) => ({ ...c, conversionRate: rate(c.converted, c.reached) })),
    });
  }
  return rows;
}
