import { defineConfig } from 'vitest/config';

// Units only (pure logic: schema→form mapping, history, graph edits); the canvas is tested in Chromium (test/e2e).
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
