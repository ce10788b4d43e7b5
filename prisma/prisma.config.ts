/**
 * Prisma CLI configuration. The JS (WASM) schema engine and the pg driver adapter let the CLI work
 * without downloading a native engine (see ENVIRONMENT.md). DATABASE_URL names the database.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

const here = path.dirname(fileURLToPath(import.meta.url));

// `prisma generate` needs the schema's env("DATABASE_URL") to resolve, even though it never connects.
process.env.DATABASE_URL ??= 'postgresql://localhost:5432/cairn';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(here, 'schema.prisma'),
  migrations: { path: path.join(here, 'migrations') },
  // A short idle timeout: otherwise the CLI waits for the pool's 10 s idle timeout before exiting.
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true, idleTimeoutMillis: 50 }),
});
