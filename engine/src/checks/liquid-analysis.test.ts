import { describe, expect, it } from 'vitest';
import { createAnalyser } from './liquid-analysis.js';

const vars = (template: string) => {
  const a = createAnalyser()(template);
  if (!a.ok) throw new Error(a.message);
  return a.variables.map(String).sort();
};

describe('createAnalyser', () => {
  it('lists global variables of outputs, with filters and arguments', () => {
    expect(vars('Hi {{ customer.firstName | default: fallback }}, {{ event.properties.total | times: 2 }}')).toEqual([
      'customer.firstName',
      'event.properties.total',
      'fallback',
    ]);
  });
  it('treats loop variables and assigns as local, even split across tags', () => {
    expect(vars('{% for i in customer.items %}<b>{{ i.name }}</b>{% endfor %}{% assign n = customer.name %}{{ n }}')).toEqual([
      'customer.items',
      'customer.name',
    ]);
  });
  it('does not read variables inside raw or comment blocks', () => {
    expect(vars('{% raw %}{{ not.a.variable }}{% endraw %}{% comment %}{{ nor.this }}{% endcomment %}{{ customer.id }}')).toEqual(['customer.id']);
  });
  it('handles "}}" inside a string', () => {
    expect(vars('{{ "}}" | append: customer.name }}')).toEqual(['customer.name']);
  });
  it('reports an unclosed output or tag with the real position', () => {
    const analyse = createAnalyser();
    const a = analyse('line one\nHi {{ customer.name ');
    expect(a.ok).toBe(false);
    const b = analyse('x\n\n{% if customer.vip %}yes');
    expect(b).toMatchObject({ ok: false, message: expect.stringContaining('line:3') });
  });
  it('caches by markup: same markup in different text gives the same variables', () => {
    const analyse = createAnalyser();
    const a = analyse('Dear {{ customer.name }}, welcome');
    const b = analyse('Hello {{ customer.name }}!');
    expect(a.ok && b.ok && a.variables.map(String)).toEqual(['customer.name']);
    expect(b.ok && b.variables.map(String)).toEqual(['customer.name']);
  });
});
