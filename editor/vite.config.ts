import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (tRPC at /trpc) runs separately in development; the dev server forwards to it.
const api = process.env.CAIRN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/trpc': api } },
  preview: { proxy: { '/trpc': api } },
  build: {
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The engine's modules are pure (no side effects on import), so what the canvas does not use
      // (compiler, simulator, XState) can move to the chunk the Test tab loads.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]engine[\\/]src[\\/]/.test(id) },
    },
  },
});
