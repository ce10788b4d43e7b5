/**
 * The built editor on its own (no API: journeys live in the browser), for Playwright files that
 * test the canvas: a static server, one Chromium page at 1440x900 open at the journey list, page
 * errors collected.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser.js';
import { ARTIFACTS } from './live.js';
import { buildApp, serveStatic, type Served } from './serve.js';

export interface LocalEditor {
  served: Served;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page, in order. */
  errors: string[];
  close(): Promise<void>;
}

export async function openLocalEditor(): Promise<LocalEditor> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const served = await serveStatic(await buildApp());
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${served.url}/#/`);
  return {
    served,
    browser,
    page,
    errors,
    close: async () => {
      await browser.close();
      await served.close();
    },
  };
}
