import { describe, expect, it } from 'vitest';
import { getTemplate, instantiateTemplate } from '@cairn/templates';
import { parseRoute } from '../router.js';
import { initialDraft, toValues } from './values.js';

const cart = getTemplate('abandoned-cart')!;

describe('use-template form values', () => {
  it('starts from the defaults, which instantiate as they are', () => {
    const values = toValues(cart.parameters, initialDraft(cart.parameters));
    expect(values).toMatchObject({ discountCode: 'COMEBACK10', discountFrom: 50, firstReminderAfter: { amount: 1, unit: 'hours' } });
    expect(instantiateTemplate('abandoned-cart', values).ok).toBe(true);
  });

  it('turns typed numbers into numbers and leaves anything else for the validator to name', () => {
    const draft = { ...initialDraft(cart.parameters), discountFrom: ' 75 ', firstReminderAfter: { amount: '3', unit: 'hours' } };
    expect(toValues(cart.parameters, draft)).toMatchObject({ discountFrom: 75, firstReminderAfter: { amount: 3, unit: 'hours' } });
    const bad = toValues(cart.parameters, { ...draft, discountFrom: 'lots', firstReminderAfter: { amount: '', unit: 'hours' } });
    expect(bad).toMatchObject({ discountFrom: 'lots', firstReminderAfter: { amount: '' } });
    const res = instantiateTemplate('abandoned-cart', bad);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems.map((p) => p.path.split('.')[0]).sort()).toEqual(['discountFrom', 'firstReminderAfter']);
  });

  it('the gallery has its route', () => {
    expect(parseRoute('#/templates')).toEqual({ page: 'templates' });
    expect(parseRoute('#/templates/')).toEqual({ page: 'templates' });
  });
});
