/**
 * What the editor needs from the server. Pages talk to this interface only, so the editor runs
 * stand-alone (local drafts) or against the API (tRPC) with no other change.
 */
import type { Catalog, Journey } from '@cairn/engine';

export type JourneyStatus = 'draft' | 'active' | 'paused' | 'stopped';

/** Per-node figures shown on a live journey. */
export interface NodeCounts {
  entered: number;
  waiting: number;
  completed: number;
  exited: number;
  sent: number;
  suppressed: number;
}

export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  /** The version customers enrol into now; null before the first publish. */
  liveVersion: number | null;
  updatedAt: string;
  /** Totals over the journey, when the server knows them. */
  totals?: Pick<NodeCounts, 'entered' | 'waiting' | 'completed' | 'exited'>;
}

export interface StoredJourney {
  /** The draft as saved: journey JSON, possibly with problems the editor shows. */
  draft: Journey;
  status: JourneyStatus;
  liveVersion: number | null;
}

export interface VersionInfo {
  version: number;
  note: string;
  publishedAt: string;
  /** Who published it (server only). */
  publishedBy?: string;
}

export interface CustomerSample {
  id: string;
  attributes: Record<string, unknown>;
  timeZone?: string;
}

export interface CairnClient {
  /** "local" (drafts in this browser) or "server". */
  readonly kind: 'local' | 'server';
  list(): Promise<JourneySummary[]>;
  get(id: string): Promise<StoredJourney | undefined>;
  saveDraft(journey: Journey): Promise<void>;
  /** Publishes the journey as the next version; the server re-validates and may refuse. */
  publish(journey: Journey, note: string): Promise<VersionInfo>;
  versions(id: string): Promise<VersionInfo[]>;
  version(id: string, version: number): Promise<Journey>;
  /** Live per-node counts of a published journey (empty when nothing ran). */
  counts(id: string): Promise<Record<string, NodeCounts>>;
  /** Attributes and events seen in the workspace (suggestions, template checks). */
  catalog(): Promise<Catalog>;
  /** Real customers to try a journey with (the test-customer panel). */
  customers(query: string): Promise<CustomerSample[]>;
  /** A customer's profile and timeline (undefined when unknown, or with no server). */
  customer(id: string): Promise<CustomerView | undefined>;
  /** Deletes a journey (local drafts only; the API keeps journeys and stops them instead). */
  remove?(id: string): Promise<void>;
}

export interface TimelineItem {
  at: string;
  kind: 'event' | 'enrolment' | 'message';
  title: string;
  /** Enrolments and messages: the journey (and for messages the node) they belong to. */
  journeyId?: string;
  nodeId?: string;
}

/** A customer's page: profile, active suppressions and everything that happened, newest first. */
export interface CustomerView {
  id: string;
  email: string | null;
  timeZone: string | null;
  attributes: Record<string, unknown>;
  suppressions: Array<{ channel: string; reason: string }>;
  timeline: TimelineItem[];
}

export const ZERO_COUNTS: NodeCounts = { entered: 0, waiting: 0, completed: 0, exited: 0, sent: 0, suppressed: 0 };
