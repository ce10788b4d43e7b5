/**
 * @cairn/db — Cairn's PostgreSQL schema (prisma/schema.prisma), its migrations and the client.
 * Run `npm run generate -w @cairn/db` after a schema change (tests and `npm start` do it).
 */
export { createDb } from './client.js';
export type { Db } from './client.js';
export { migrate } from './migrate.js';
export { startEmbeddedPostgres, ensureDatabase } from './embedded.js';
export type { EmbeddedPostgresOptions, EmbeddedPostgresHandle } from './embedded.js';
export { Prisma, PrismaClient } from './generated/client.js';
export type {
  Journey as JourneyRow,
  JourneyVersion as JourneyVersionRow,
  Customer as CustomerRow,
  Event as EventRow,
  Enrolment as EnrolmentRow,
  NodeEvent as NodeEventRow,
  Message as MessageRow,
  Suppression as SuppressionRow,
  WriteKey as WriteKeyRow,
  Consent as ConsentRow,
  SuppressionImport as SuppressionImportRow,
  WorkspaceSetting as WorkspaceSettingRow,
  ScheduleRun as ScheduleRunRow,
} from './generated/client.js';
export { JourneyStatus, EnrolmentStatus, NodeEventKind, MessageStatus, ConsentStatus, ImportStatus } from './generated/enums.js';
export { stopOrphan } from './orphan.js';
export type { OrphanOptions } from './orphan.js';
