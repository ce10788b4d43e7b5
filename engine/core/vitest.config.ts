import { defineConfig } from 'vitest/config';

// CI machines are shared and slow at times: a unit test gets 30 s before it counts as hung.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 } });
