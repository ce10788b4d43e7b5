import { describe, expect, it } from 'vitest';
import { createAnalyser } from './liquid-analysis.js';

const vars = (template: string) => {
  const a = createAnalyser()(template);
  if (!a.ok) throw new Error(a.message);
  return a.variables.map((v) => v.text).sort();
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
    expect(a.ok && b.ok && a.variables.map((v) => v.text)).toEqual(['customer.name']);
    expect(b.ok && b.variables.map((v) => v.text)).toEqual(['customer.name']);
  });
});

describe('filters', () => {
  it('rejects an unknown filter, like the renderer does', () => {
    const a = createAnalyser()('Total: {{ event.properties.total | money }}');
    expect(a).toMatchObject({ ok: false, message: expect.stringContaining('undefined filter: money') });
  });
  it('accepts standard filters', () => {
    expect(vars('{{ customer.name | upcase | truncate: 10 }} {{ "now" | date: "%Y" }}')).toEqual(['customer.name']);
  });
});

describe('bare paths', () => {
  it('reads {{ a.b }} directly, but not literals', () => {
    expect(vars('{{ customer.first_name }}{{- event.properties.order-id -}}{{ nil }}{{ true }}{{ blank }}')).toEqual([
      'customer.first_name',
      'event.properties.order-id',
    ]);
  });
  it('gives the same segments as Liquid would', () => {
    const fast = createAnalyser()('{{ customer.address.city }}');
    const slow = createAnalyser()('{{ customer.address.city | strip }}');
    expect(fast.ok && fast.variables[0]!.segments).toEqual(['customer', 'address', 'city']);
    expect(slow.ok && slow.variables[0]!.segments).toEqual(['customer', 'address', 'city']);
  });
});
