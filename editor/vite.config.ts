import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Custom actions from outside the repository (CAIRN_ACTIONS, the same module the API and worker load).
const appActions = process.env.CAIRN_ACTIONS
  ? resolve(process.env.CAIRN_ACTIONS)
  : fileURLToPath(new URL('./src/plugins/no-app-actions.ts', import.meta.url));

// The API (tRPC at /trpc) runs separately in development; the dev server forwards to it.
const api = process.env.CAIRN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@cairn/app-actions': appActions } },
  server: { proxy: { '/trpc': api } },
  preview: { proxy: { '/trpc': api } },
  build: {
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The core's modules are pure (no side effects on import), so what the canvas does not use
      // (compiler, simulator, XState) can move to the chunk the Test tab loads.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]core[\\/]src[\\/]/.test(id) },
    },
  },
});
