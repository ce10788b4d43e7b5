import { describe, expect, it } from 'vitest';
import { median } from './journey.js';
import { byStage } from './stages.js';

describe('byStage', () => {
  it('sums journeys and channels per stage, in lifecycle order, journeys without a stage last', () => {
    const j = (journeyId: string, stage: string | null, entered: number, converted: number, sent: number, failed: number) => ({ journeyId, stage, entered, converted, sent, failed });
    const rows = byStage(
      [j('w', 'loyalty', 10, 5, 8, 1), j('x', null, 4, 0, 0, 0), j('y', 'awareness', 20, 2, 30, 3), j('z', 'loyalty', 30, 3, 12, 0)],
      [
        { journeyId: 'w', channel: 'sms', reached: 6, converted: 3, sent: 8, failed: 1 },
        { journeyId: 'z', channel: 'sms', reached: 10, converted: 1, sent: 12, failed: 0 },
        { journeyId: 'y', channel: 'email', reached: 15, converted: 2, sent: 30, failed: 3 },
      ],
    );
    expect(rows.map((r) => r.stage)).toEqual(['awareness', 'loyalty', null]);
    expect(rows[1]).toEqual({
      stage: 'loyalty',
      journeys: 2,
      entered: 40,
      converted: 8,
      conversionRate: 0.2,
      sent: 20,
      failed: 1,
      channels: [{ channel: 'sms', reached: 16, converted: 4, conversionRate: 0.25, sent: 20, failed: 1 }],
    });
    expect(rows[2]).toMatchObject({ stage: null, journeys: 1, entered: 4, conversionRate: 0, channels: [] });
  });

  it('puts a stage it does not know (an older definition) under no stage', () => {
    expect(byStage([{ journeyId: 'a', stage: 'retired-stage', entered: 1, converted: 1, sent: 0, failed: 0 }], [])[0]!.stage).toBeNull();
  });
});

describe('median of a histogram', () => {
  // Known answers: PostgreSQL percentile_cont(0.5) over the expanded values.
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([{ seconds: 60, n: 1 }])).toBe(60);
    expect(median([{ seconds: 60, n: 1 }, { seconds: 120, n: 1 }])).toBe(90);
    expect(median([{ seconds: 10, n: 3 }, { seconds: 100, n: 1 }])).toBe(10);
    expect(median([{ seconds: 10, n: 2 }, { seconds: 100, n: 2 }])).toBe(55);
    expect(median([{ seconds: 1, n: 1 }, { seconds: 2, n: 1 }, { seconds: 9, n: 5 }])).toBe(9);
  });
});
