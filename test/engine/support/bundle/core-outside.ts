/**
 * A workflows entry that takes a value from @cairn/core directly instead of through
 * engine/src/workflow/core.ts: the bundle check must refuse it (workflow-bundle.test.ts).
 */
import { parseJourney } from '@cairn/core/internal/journey/journey';

export async function outsideWorkflow(input: unknown): Promise<boolean> {
  return parseJourney(input).ok;
}
