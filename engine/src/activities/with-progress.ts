/**
 * Effect activities other than the send record the progress they carry (`EffectInput.progress`)
 * before their effect, in the same activity: no separate round trip. The write is idempotent
 * (keyed by seq), so a retried attempt rewrites nothing.
 */
import type { Db } from '@cairn/db';
import { writeProgress } from './progress.js';
import type { ProgressInput } from './types.js';

export function withProgress<I extends { progress?: ProgressInput }, O>(db: Db, activity: (input: I) => Promise<O>): (input: I) => Promise<O> {
  const named = {
    // Keep the activity's own name: Temporal registers activities by their key, logs use the name.
    async [activity.name](input: I): Promise<O> {
      const { progress } = input;
      if (progress) await writeProgress(db, progress);
      return activity(input);
    },
  };
  return named[activity.name] as (input: I) => Promise<O>;
}
