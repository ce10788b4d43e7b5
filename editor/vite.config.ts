import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (tRPC at /trpc) runs separately in development; the dev server forwards to it.
const api = process.env.CAIRN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/trpc': api } },
  preview: { proxy: { '/trpc': api } },
  build: { chunkSizeWarningLimit: 2000 },
});
