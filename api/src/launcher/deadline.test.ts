import { describe, expect, it } from 'vitest';
import { StartupStepError, step } from './deadline.js';

describe('step', () => {
  it('returns what the step returns', async () => {
    await expect(step('quick', 1_000, async () => 42)).resolves.toBe(42);
  });

  it('fails a step that never finishes, naming it', async () => {
    const never = new Promise<never>(() => undefined);
    const err = await step('embedded PostgreSQL', 50, () => never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupStepError);
    expect((err as StartupStepError).step).toBe('embedded PostgreSQL');
    expect((err as Error).message).toBe('start-up step "embedded PostgreSQL" did not finish within 0 s');
  });

  it('names the step in front of its own failure', async () => {
    const err = await step('database migrations', 1_000, async () => {
      throw new Error('relation "Journey" already exists');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('start-up step "database migrations" failed: relation "Journey" already exists');
  });
});
