import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkJourney } from '../../checks/index.js';
import { defineAction } from '../../plugins/define-action.js';
import { registerAction } from '../../plugins/registry.js';
import { simulate } from '../../simulate/simulate.js';
import { journey, T0 } from '../../testing/fixtures.js';
import { JourneyNode } from '../registry.js';

// A customer-contacting custom action, as an engineer would write one (a fixture, registered here).
const whatsapp = defineAction({
  type: 'fixture.whatsappTemplate',
  title: 'WhatsApp template',
  description: 'Sends an approved WhatsApp template.',
  config: z.object({ template: z.string().min(1, 'name the approved template'), greeting: z.string().default('Hi {{ customer.firstName }}') }),
  outputs: ['sent', 'failed'],
  failureOutput: 'failed',
  contacts: { channel: 'chat', topic: 'promotions' },
  templates: (c) => [{ field: 'config.greeting', template: c.greeting }],
  run: async () => ({ output: 'sent' }),
  simulate: (ctx, c) => ({ output: 'sent', reason: `would send ${c.template}: ${ctx.render(c.greeting)}` }),
});
registerAction(whatsapp as never);

const j = (config: Record<string, unknown>) =>
  journey(
    [
      { id: 't', type: 'trigger.manual' },
      { id: 'w', type: 'action.custom', action: 'fixture.whatsappTemplate', config },
      { id: 'ok', type: 'exit', reason: 'sent' },
      { id: 'ko', type: 'exit', reason: 'not-sent' },
    ],
    ['t->w', 'w:sent->ok', 'w:failed->ko'],
  );

describe('action.custom', () => {
  it('validates its config against the action definition, at the config path', () => {
    const res = JourneyNode.safeParse({ id: 'w', type: 'action.custom', action: 'fixture.whatsappTemplate', config: { template: '' } });
    expect(res.success).toBe(false);
    expect(res.error!.issues).toEqual([expect.objectContaining({ path: ['config', 'template'], message: 'name the approved template' })]);
  });

  it('rejects an action nobody registered', () => {
    const res = JourneyNode.safeParse({ id: 'w', type: 'action.custom', action: 'nobody.home', config: {} });
    expect(res.error!.issues[0]).toMatchObject({ path: ['action'], message: expect.stringContaining('nobody.home') });
  });

  it('uses the action outputs for graph checks and its templates for variable checks', () => {
    const problems = checkJourney(j({ template: 'promo_1', greeting: 'Hi {{ customer.nickname }}' }));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.map((p) => p.code)).toContain('unknown-customer-field');
  });

  it('simulates what it would do, with the config defaults applied', () => {
    const r = simulate(j({ template: 'promo_1' }), { id: 'c', attributes: { firstName: 'Mai' } }, [], { start: T0 });
    expect(r.exit?.reason).toBe('sent');
    expect(r.steps.find((s) => s.nodeId === 'w' && s.kind === 'left')?.reason).toBe('would send promo_1: Hi Mai');
  });

  it('never reaches a customer who refused its channel: suppressed, failure output', () => {
    const r = simulate(j({ template: 'promo_1' }), { id: 'c', suppressed: ['chat'] }, [], { start: T0 });
    expect(r.steps.find((s) => s.nodeId === 'w' && s.kind === 'left')).toMatchObject({ status: 'suppressed', output: 'failed' });
    expect(r.exit?.reason).toBe('not-sent');
  });
});
