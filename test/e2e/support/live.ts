/**
 * The editor on the live stack, for a Playwright test file: the real API (embedded PostgreSQL,
 * Temporal dev server, worker) and the built editor served in front of it (or by the API itself,
 * as `npm start` does), optionally a real SMTP server the stack sends to, one Chromium page,
 * page errors collected, screenshots under test/artifacts/<prefix>-<name>.png.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startMailSink, type MailSink } from '../../api/support/mail-sink.js';
import { startStack, type Stack } from '../../api/support/stack.js';
import { seriousViolations } from './axe.js';
import { launch } from './browser.js';
import { buildApp, serveStatic, type Served } from './serve.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts');

export interface LiveEditorOptions {
  /** A real SMTP server (the `smtp-server` package) the stack sends its email to. */
  mail?: boolean;
  /** Who serves the built editor: a static server in front of the API (default) or the API itself (CAIRN_EDITOR_DIR). */
  servedBy?: 'static' | 'api';
}

export interface LiveEditor {
  stack: Stack;
  /** Where the editor is: the static server in front of the API, or the API itself (`servedBy: 'api'`). */
  served: Served;
  /** The SMTP server, when asked for (`mail`). */
  sink: MailSink | undefined;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page, in order. */
  errors: string[];
  shot(name: string): Promise<Buffer>;
  /** Checks the page with axe-core (no serious or critical violation), then shoots it at 1440x900 and 1280x720. */
  shots(name: string): Promise<void>;
  close(): Promise<void>;
}

/** `extra`: more settings for the stack (startStack's), e.g. a provider's variables. */
export async function openLiveEditor(prefix: string, extra: Record<string, string> = {}, opts: LiveEditorOptions = {}): Promise<LiveEditor> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const sink = opts.mail ? await startMailSink() : undefined;
  const mail: Record<string, string> = sink ? { SMTP_URL: sink.url, SMTP_FROM: 'Shop <hello@shop.example>' } : {};
  let stack: Stack;
  let served: Served;
  if (opts.servedBy === 'api') {
    stack = await startStack({ ...mail, ...extra, CAIRN_EDITOR_DIR: await buildApp() });
    served = { url: stack.url, close: async () => {} };
  } else {
    const [s, dist] = await Promise.all([startStack({ ...mail, ...extra }), buildApp()]);
    stack = s;
    served = await serveStatic(dist, stack.url);
  }
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const file = (name: string) => join(ARTIFACTS, `${prefix}-${name}.png`);
  return {
    stack,
    served,
    sink,
    browser,
    page,
    errors,
    shot: (name) => page.screenshot({ path: file(name) }),
    shots: async (name) => {
      expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
      await page.screenshot({ path: file(`${name}-1440`) });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.screenshot({ path: file(`${name}-1280`) });
      await page.setViewportSize({ width: 1440, height: 900 });
    },
    close: async () => {
      await browser.close();
      await served.close();
      await stack.stop();
      await sink?.close();
    },
  };
}
