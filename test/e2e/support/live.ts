/**
 * The editor on the live stack, for a Playwright test file: the real API (embedded PostgreSQL,
 * Temporal dev server, worker) and the built editor served in front of it, one Chromium page,
 * page errors collected, screenshots under test/artifacts/<prefix>-<name>.png.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../../api/support/stack.js';
import { launch } from './browser.js';
import { buildApp, serveStatic, type Served } from './serve.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts');

export interface LiveEditor {
  stack: Stack;
  served: Served;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page, in order. */
  errors: string[];
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** `extra`: more settings for the stack (startStack's), e.g. a provider's variables. */
export async function openLiveEditor(prefix: string, extra: Record<string, string> = {}): Promise<LiveEditor> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const [stack, dist] = await Promise.all([startStack(extra), buildApp()]);
  const served = await serveStatic(dist, stack.url);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    stack,
    served,
    browser,
    page,
    errors,
    shot: (name) => page.screenshot({ path: join(ARTIFACTS, `${prefix}-${name}.png`) }),
    close: async () => {
      await browser.close();
      await served.close();
      await stack.stop();
    },
  };
}
