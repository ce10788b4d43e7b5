/**
 * Finding a customer (the customer page and "Find a real customer"): by id, email or phone, on the
 * real stack's PostgreSQL. Phone numbers are stored in E.164, so a search by the digits finds them.
 */
import { describe, expect, it } from 'vitest';
import { useStack, type Stack } from './support/stack.js';

let s: Stack;
useStack((stack) => (s = stack));

describe('customers.search', () => {
  it('finds a customer by id, email or phone, and no one else', async () => {
    await s.db.customer.createMany({
      data: [
        { id: 'search-ana', email: 'ana@example.com', phone: '+84901234567' },
        { id: 'search-ben', email: 'ben@example.org', phone: '+14155550100' },
      ],
    });
    const ids = async (query: string) => (await s.caller.customers.search({ query, limit: 200 })).map((c) => c.id).sort();
    expect(await ids('search-an')).toEqual(['search-ana']);
    expect(await ids('BEN@EXAMPLE')).toEqual(['search-ben']);
    expect(await ids('+8490123')).toEqual(['search-ana']);
    expect(await ids('4155550100')).toEqual(['search-ben']);
    expect(await ids('nobody')).toEqual([]);
  });
});
