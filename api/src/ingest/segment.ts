/**
 * The Segment tracking spec (https://segment.com/docs/connections/spec/) as zod schemas: what
 * Segment, RudderStack and analytics-node send to /v1/identify, /v1/track and /v1/batch.
 * Unknown fields are kept out of the way (passthrough of `context`), never rejected.
 */
import { z } from 'zod';
import { isReservedEventName, RESERVED_EVENT_PREFIX } from '@cairn/core';
import { jsonObject } from '../validation/json.js';
import { line } from '../validation/text.js';
import { isoTimestamp } from '../validation/timestamp.js';

/**
 * Input limits (api/README.md "Ingest"). Segment's own limit is 32 KB per call; Cairn stores
 * properties, traits and context as jsonb, nested at most 32 levels (Prisma's and PostgreSQL's
 * JSON walks recurse: 2,000 levels failed in Prisma, 20,000 overflowed the stack).
 */
export const INGEST_LIMITS = { maxDepth: 32, maxBytes: 32 * 1024 } as const;

/** Segment allows numeric ids; Cairn keys customers by their string form. */
export const IdValue = z
  .union([z.string(), z.number().finite()], { error: 'must be a string or a number' })
  .transform(String).pipe(line({ min: 1, max: 256 }));

/** Strict ISO-8601 in 1970–9999 (validation/timestamp.ts), as epoch ms. */
export const Timestamp = isoTimestamp();

export const Dict = jsonObject(INGEST_LIMITS);

/**
 * Identify traits that become indexed customer columns (store.ts profileFields): bounded so an
 * index entry fits (a long random email failed the insert with a 500).
 */
const PROFILE_LIMITS: Record<string, number> = { email: 320, phone: 64 };
export const Traits = Dict.superRefine((traits, ctx) => {
  for (const [field, max] of Object.entries(PROFILE_LIMITS)) {
    const v = traits[field];
    if (typeof v === 'string' && v.length > max) ctx.addIssue({ code: 'custom', path: [field], message: `must be at most ${max} characters` });
  }
});

const common = {
  userId: IdValue.optional().nullable(),
  anonymousId: IdValue.optional().nullable(),
  messageId: line({ min: 1, max: 256 }).optional(),
  timestamp: Timestamp.optional(),
  originalTimestamp: Timestamp.optional(),
  sentAt: Timestamp.optional(),
  context: Dict.optional(),
  integrations: Dict.optional(),
};

const needsAnId = (c: { userId?: string | null; anonymousId?: string | null }) => Boolean(c.userId || c.anonymousId);
const idMessage = { message: 'userId or anonymousId is required', path: ['userId'] };

const identifyFields = { ...common, traits: Traits.default({}) };
/**
 * A track call's event name. Names starting with "$" are Cairn's own ($enrol, $attribute_changed,
 * $schedule, $identify…): a write key sits in web pages, so accepting one would let anyone forge
 * an enrolment or an attribute change. Refused (400), never renamed: a renamed event would be
 * stored under a name the sender never chose.
 */
export const EventName = z
  .string()
  .min(1, 'event is required')
  .pipe(line({ max: 256 }))
  .refine((name) => !isReservedEventName(name), {
    error: (issue) =>
      `"${String(issue.input)}" is reserved: event names starting with "${RESERVED_EVENT_PREFIX}" are Cairn's own (enrolments, attribute changes, schedules, identify and page calls) and cannot be sent to ingest; rename the event`,
  });

const trackFields = { ...common, event: EventName, properties: Dict.default({}) };

export const IdentifyCall = z.object({ ...identifyFields, type: z.literal('identify').optional() }).refine(needsAnId, idMessage);
export const TrackCall = z.object({ ...trackFields, type: z.literal('track').optional() }).refine(needsAnId, idMessage);
/** Page, screen, group and alias calls are kept as events named "$page" etc. */
export const OtherCall = z
  .object({
    ...common,
    type: z.enum(['page', 'screen', 'group', 'alias']),
    name: line({ max: 256 }).optional(),
    properties: Dict.default({}),
    traits: Dict.optional(),
    groupId: IdValue.optional(),
    previousId: IdValue.optional(),
  })
  .refine(needsAnId, idMessage);

const BatchItem = z.discriminatedUnion('type', [
  z.object({ ...identifyFields, type: z.literal('identify') }).refine(needsAnId, idMessage),
  z.object({ ...trackFields, type: z.literal('track') }).refine(needsAnId, idMessage),
  OtherCall,
]);

export const BatchCall = z.object({
  batch: z.array(z.unknown()).min(1, 'batch must hold at least one call').max(5000),
  context: Dict.optional(),
  integrations: Dict.optional(),
  sentAt: Timestamp.optional(),
});

/** One call, normalised: every field Cairn uses, whatever endpoint it came through. */
export interface IngestCall {
  type: 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';
  customerId: string;
  userId?: string;
  anonymousId?: string;
  /** alias: the id the person had before (merged into userId). */
  previousId?: string;
  messageId?: string;
  /** Epoch ms when it happened, if the sender said. */
  timestamp?: number;
  name: string;
  properties: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export interface CallProblem {
  path: string;
  message: string;
}

type Parsed = { ok: true; call: IngestCall } | { ok: false; problems: CallProblem[] };

function problemsOf(err: z.ZodError, prefix = ''): CallProblem[] {
  return err.issues.map((i) => ({ path: prefix + i.path.map(String).join('.'), message: i.message }));
}

function normalise(
  raw: z.infer<typeof IdentifyCall> | z.infer<typeof TrackCall> | z.infer<typeof OtherCall>,
  type: IngestCall['type'],
  batchContext?: Record<string, unknown>,
): IngestCall {
  const r = raw as Record<string, unknown> & typeof raw;
  const userId = raw.userId ?? undefined;
  const anonymousId = raw.anonymousId ?? undefined;
  const ts = raw.timestamp ?? raw.originalTimestamp;
  const context = raw.context ?? batchContext;
  let name: string;
  let properties: Record<string, unknown> = {};
  if (type === 'identify') {
    name = '$identify';
    properties = (r.traits as Record<string, unknown>) ?? {};
  } else if (type === 'track') {
    name = String(r.event);
    properties = (r.properties as Record<string, unknown>) ?? {};
  } else {
    name = `$${type}`;
    properties = { ...((r.properties as Record<string, unknown>) ?? {}), ...(r.name ? { name: r.name } : {}) };
  }
  return {
    type,
    customerId: (userId ?? anonymousId) as string,
    ...(userId ? { userId } : {}),
    ...(anonymousId ? { anonymousId } : {}),
    ...(raw.messageId ? { messageId: raw.messageId } : {}),
    ...(type === 'alias' && r.previousId ? { previousId: String(r.previousId) } : {}),
    ...(ts !== undefined ? { timestamp: ts } : {}),
    name,
    properties,
    ...(type === 'identify' || r.traits ? { traits: ((r.traits as Record<string, unknown>) ?? {}) } : {}),
    ...(context ? { context } : {}),
  };
}

export function parseIdentify(body: unknown): Parsed {
  const r = IdentifyCall.safeParse(body);
  return r.success ? { ok: true, call: normalise(r.data, 'identify') } : { ok: false, problems: problemsOf(r.error) };
}

export function parseTrack(body: unknown): Parsed {
  const r = TrackCall.safeParse(body);
  return r.success ? { ok: true, call: normalise(r.data, 'track') } : { ok: false, problems: problemsOf(r.error) };
}

/** A page, screen, group or alias call sent to its own endpoint (/v1/page…): the path names its type. */
export function parseOther(type: 'page' | 'screen' | 'group' | 'alias', body: unknown): Parsed {
  const r = OtherCall.safeParse(typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, type } : body);
  return r.success ? { ok: true, call: normalise(r.data, type) } : { ok: false, problems: problemsOf(r.error) };
}

/**
 * A batch is accepted whole or refused whole, with every problem by index ("batch.3.event"); a
 * reserved event name is such a problem, so a batch with one forged call stores nothing.
 */
export function parseBatch(body: unknown): { ok: true; calls: IngestCall[] } | { ok: false; problems: CallProblem[] } {
  const outer = BatchCall.safeParse(body);
  if (!outer.success) return { ok: false, problems: problemsOf(outer.error) };
  const calls: IngestCall[] = [];
  const problems: CallProblem[] = [];
  outer.data.batch.forEach((item, i) => {
    const r = BatchItem.safeParse(item);
    if (!r.success) {
      problems.push(...problemsOf(r.error, `batch.${i}.`));
      return;
    }
    calls.push(normalise(r.data, r.data.type, outer.data.context));
  });
  return problems.length ? { ok: false, problems } : { ok: true, calls };
}
