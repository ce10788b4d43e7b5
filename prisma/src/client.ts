/** The Prisma client over node-postgres (driver adapter: no native query engine). */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';

export type Db = PrismaClient;

/** A client for `url`. Call `$disconnect()` when done. */
export function createDb(url: string, opts: { max?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: opts.max ?? 10 }) });
}
