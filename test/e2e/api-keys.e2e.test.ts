/**
 * API keys on the Account page in a real Chromium against the real stack: an admin makes a key
 * with the read scope, sees its token once, the token reads the REST API and is refused a
 * write (403); the admin revokes it and it is refused (401). Screenshots at 1440x900 and 1280x720
 * in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveEditor, type LiveEditor } from './support/live.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;

beforeAll(async () => {
  live = await openLiveEditor('api-keys');
}, 300_000);
afterAll(async () => {
  await live?.close();
}, 60_000);

describe('API keys on the Account page', { timeout: 90_000 }, () => {
  it('makes a scoped key shown once, which the REST API takes, and revokes it', async () => {
    const { page, served, stack } = live;
    await page.goto(`${served.url}/#/`);
    await signInThroughForm(page);
    await page.goto(`${served.url}/#/account`);
    await page.getByTestId('api-keys-table').waitFor();
    const form = page.getByTestId('add-api-key');
    await form.getByPlaceholder('key name, e.g. staging CI').fill('staging CI');
    await form.getByRole('button', { name: 'Make key' }).click();
    const token = (await page.getByTestId('new-api-key-token').textContent()) ?? '';
    expect(token).toMatch(/^cairn_[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => page.getByTestId('api-key-staging CI').textContent()).toContain('read');
    await page.getByTestId('api-keys-table').scrollIntoViewIfNeeded();
    await live.shot('made-1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await live.shot('made-1280');
    await page.setViewportSize({ width: 1440, height: 900 });

    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${stack.url}/api${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect((await call('GET', '/journeys')).status).toBe(200);
    expect((await call('POST', '/suppressions', { customerId: 'x', reason: 'manual' })).status).toBe(403);

    // The token is shown once: after "Done" and a reload it is nowhere on the page.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await page.getByTestId('api-key-staging CI').waitFor();
    expect(await page.content()).not.toContain(token);
    await expect.poll(() => page.getByTestId('api-key-staging CI').textContent()).not.toContain('never');

    // The audit of the key's calls, newest first, with the refused write (rows are written just
    // after each answer).
    await expect.poll(() => stack.db.apiKeyCall.count({ where: { key: { name: 'staging CI' } } })).toBe(2);
    await page.getByTestId('api-key-staging CI').getByRole('button', { name: 'Calls' }).click();
    const audit = page.getByTestId('api-key-calls');
    await expect.poll(() => audit.textContent()).toContain('POST /api/suppressions');
    expect(await audit.textContent()).toContain('FORBIDDEN: this API key lacks the "write" scope');
    expect(await audit.textContent()).toContain('GET /api/journeys');
    await live.shot('calls-1440');

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('api-key-staging CI').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByTestId('api-key-staging CI').textContent()).toContain('revoked');
    expect((await call('GET', '/journeys')).status).toBe(401);
    await live.shot('revoked-1440');
    expect(live.errors).toEqual([]);
  });

  it('serves the API reference at /api/docs, rendered from /api/openapi.json', async () => {
    const { page, stack } = live;
    await page.goto(`${stack.url}/api/docs`);
    await page.getByText('Cairn API').first().waitFor();
    await page.getByText('/journeys/{id}/publish').first().waitFor();
    await live.shot('docs-1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await live.shot('docs-1280');
  });
});
