import { describe, expect, it } from 'vitest';
import { escapeHtml, parsePreferenceForm, prefKey, renderPreferencePage, type PreferenceView } from './preference-page.js';

const topics = [
  { id: 'promotions', label: 'Offers', description: 'Sales <and> codes' },
  { id: 'product_news', label: 'News' },
];
const view = (over: Partial<PreferenceView> = {}): PreferenceView => ({
  who: 'a***@example.com',
  topics,
  channels: ['email', 'sms'],
  allowed: (t, c) => !(t === 'promotions' && c === 'sms'),
  unsubscribed: [],
  blocked: [],
  actionUrl: '/u/u1.abc.def',
  ...over,
});

describe('renderPreferencePage', () => {
  it('one checkbox per topic and channel, ticked when allowed', () => {
    const html = renderPreferencePage(view());
    expect(html.match(/type="checkbox"/g)).toHaveLength(4);
    expect(html).toContain('value="promotions:email" checked');
    expect(html).toMatch(/value="promotions:sms" aria-label/);
    expect(html).toContain('action="/u/u1.abc.def"');
    expect(html).not.toContain('<script');
  });
  it('escapes everything that comes from data', () => {
    const html = renderPreferencePage(view({ who: '<img src=x onerror=alert(1)>', notice: '"quoted"' }));
    expect(html).not.toContain('<img');
    expect(html).toContain('Sales &lt;and&gt; codes');
    expect(html).toContain('&quot;quoted&quot;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
  it('blocked channels are shown disabled and unticked; unsubscribed ones offer resubscribing', () => {
    const html = renderPreferencePage(view({ blocked: ['email'], unsubscribed: ['sms'] }));
    expect(html).toContain('value="promotions:email" disabled');
    expect(html).toContain('value="product_news:sms" checked aria-label');
    expect(html).not.toContain('value="product_news:email" checked');
    expect(html).toContain('value="resubscribe"');
    expect(html).toContain('Email messages are stopped for this address.');
    expect(html).toContain('You are unsubscribed from all SMS messages.');
  });
});

describe('parsePreferenceForm', () => {
  it('unticked boxes are refusals, ticked ones grants', () => {
    const body = new URLSearchParams([['c', prefKey('promotions', 'email')], ['c', prefKey('product_news', 'sms')], ['action', 'save']]).toString();
    expect(parsePreferenceForm(body, topics, ['email', 'sms'])).toEqual({
      action: 'save',
      choices: [
        { topic: 'promotions', channel: 'email', status: 'granted' },
        { topic: 'promotions', channel: 'sms', status: 'refused' },
        { topic: 'product_news', channel: 'email', status: 'refused' },
        { topic: 'product_news', channel: 'sms', status: 'granted' },
      ],
    });
  });
  it('ignores boxes for topics not on the page', () => {
    const f = parsePreferenceForm('c=admin%3Aemail&action=save', topics, ['email']);
    expect(f.choices.every((c) => c.status === 'refused')).toBe(true);
  });
  it('recognises the other actions and the RFC 8058 one-click body', () => {
    expect(parsePreferenceForm('action=unsubscribe-all', topics, ['email']).action).toBe('unsubscribe-all');
    expect(parsePreferenceForm('action=resubscribe', topics, ['email']).action).toBe('resubscribe');
    expect(parsePreferenceForm('List-Unsubscribe=One-Click', topics, ['email']).action).toBe('one-click');
    expect(parsePreferenceForm('action=drop-tables', topics, ['email']).action).toBe('save');
  });
});
