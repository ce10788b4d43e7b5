/**
 * What the editor needs from the server. Pages talk to this interface only, so the editor runs
 * stand-alone (local drafts) or against the API (tRPC) with no other change.
 */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@cairn/api';
import type { Catalog, Journey, ExtensionDescriptors } from '@cairn/core';

/**
 * What each procedure takes and returns, inferred from the API's router (type-only imports: no
 * server code reaches the bundle). With no transformer, outputs are typed as the JSON the
 * browser receives: dates are ISO strings. Never re-type an API shape here; derive it.
 */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

type JourneyRow = RouterOutputs['journeys']['list'][number];
type VersionRow = RouterOutputs['journeys']['versions'][number];

export type JourneyStatus = JourneyRow['status'];

/** The API's per-node counts of a live journey (api/src/journeys/counts.ts). */
export type NodeCounts = RouterOutputs['journeys']['counts']['nodes'][string];

export interface JourneySummary extends Pick<JourneyRow, 'id' | 'name' | 'status' | 'liveVersion' | 'updatedAt'> {
  /** Totals over the journey, when the server knows them. */
  totals?: JourneyRow['counts'];
  /** The draft's lifecycle stage, if set. */
  stage?: JourneyRow['stage'];
  /** The draft differs from the live version in something a customer would notice. */
  unpublishedChanges?: boolean;
}

/** A change of a journey's run state, from the list or the editor header. */
export type LiveAction = 'pause' | 'resume' | 'stop' | 'archive' | 'unarchive';

/** Customers inside a journey now, by version and step (the publish review). */
export type WaitingCustomers = RouterOutputs['journeys']['waiting'];
/** Each live-version customer's fate were the draft published with "move waiting customers". */
export type MovePreview = RouterOutputs['journeys']['previewMove'];

export interface StoredJourney extends Pick<RouterOutputs['journeys']['get'], 'status' | 'liveVersion'> {
  /** The draft as saved: journey JSON, possibly with problems the editor shows. */
  draft: Journey;
}

export interface VersionInfo extends Pick<VersionRow, 'version' | 'note' | 'publishedAt'> {
  /** Who published it (server only). */
  publishedBy?: NonNullable<VersionRow['publishedBy']>;
}

/** A published version, and (publishing with move) how many customers move and how many stay. */
export interface PublishedInfo extends VersionInfo {
  moved?: { moving: number; staying: number };
}

/** A real customer to try a journey with: the simulator's input, from `customers.search`. */
export interface CustomerSample extends Pick<RouterOutputs['customers']['search'][number], 'id'> {
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
  /**
   * Publishes the journey as the next version; the server re-validates and may refuse. With
   * `move`, customers waiting in the live version move to the new one (server only).
   */
  publish(journey: Journey, note: string, move?: { choices: Record<string, string> }): Promise<PublishedInfo>;
  versions(id: string): Promise<VersionInfo[]>;
  version(id: string, version: number): Promise<Journey>;
  /** Live per-node counts of a published journey (empty when nothing ran). */
  counts(id: string, version?: number): Promise<Record<string, NodeCounts>>;
  /** Attributes and events seen in the workspace (suggestions, template checks). */
  catalog(): Promise<Catalog>;
  /** The server's custom actions, conditions and triggers, as data (none without a server). */
  extensions(): Promise<ExtensionDescriptors>;
  /** Real customers to try a journey with (the test-customer panel). */
  customers(query: string): Promise<CustomerSample[]>;
  /** A customer's profile and timeline (undefined when unknown, or with no server). */
  customer(id: string): Promise<CustomerView | undefined>;
  /** Deletes a journey that was never published (a published one is refused: archive it). */
  remove(id: string): Promise<void>;
  /** A new draft copy ("Copy of …", fresh id); resolves to its id. */
  duplicate(id: string): Promise<string>;
  /** Pauses, resumes, stops, archives or restores; resolves to how many customers inside were reached. */
  control(id: string, action: LiveAction): Promise<{ signalled: number }>;
  /** Customers inside the journey now, by version and step (none without a server). */
  waiting(id: string): Promise<WaitingCustomers>;
  /** The move's preview, simulated per customer on the server (undefined without one: nobody waits). */
  previewMove(journey: Journey, choices: Record<string, string>): Promise<MovePreview | undefined>;
}

/** One line of a customer's timeline: an event, an enrolment or a message, with its facts as fields. */
export type TimelineItem = RouterOutputs['customers']['timeline']['items'][number];

type CustomerRow = RouterOutputs['customers']['get'];

/** A customer's page: profile, active suppressions and everything that happened, newest first. */
export interface CustomerView extends Pick<CustomerRow, 'id' | 'email' | 'timeZone'> {
  attributes: Record<string, unknown>;
  suppressions: Array<Pick<CustomerRow['suppressions'][number], 'channel' | 'reason'>>;
  timeline: TimelineItem[];
}
