/**
 * "Why did this customer not enter this journey?" on the customer page, in a marketer's words:
 * the journey's state (never published, paused…), the customer's past entries against the entry
 * rules, and for each trigger step what starts it and what the customer did (or never did) since
 * the live version went out, judged with the trigger's own `matchesEvent` on their current
 * profile. An answer from the records, not a guess: it names the events and the conditions.
 */
import type { Db } from '@cairn/db';
import { TRPCError } from '@trpc/server';
import type { CustomerEvent, Journey, JourneyNode } from '@cairn/core';
import { definitionOf, groupInWords, kindTitleOf, parseJourney, summaryTextOf } from '@cairn/core';
import { entryInterest } from '../enrol/interest.js';

export interface WhyNotEntered {
  journey: { id: string; name: string };
  /** How many times the customer entered it (any version). */
  entered: number;
  /** The headline, one sentence. */
  summary: string;
  /** Each thing found, one sentence each. */
  reasons: string[];
}

/** Events looked at per trigger: enough for any marketer's question, bounded for the database. */
const LOOK_BACK = 500;

const day = (d: Date) => d.toISOString().slice(0, 10);
const quoted = (name: string) => `“${name}”`;

/** What a trigger step is called: its label, or its kind and what it is set to. */
function stepName(node: JourneyNode): string {
  if (node.label) return quoted(node.label);
  const said = summaryTextOf(node);
  return `${quoted(kindTitleOf(node))}${said ? ` (${said})` : ''}`;
}

function eventWords(name: string): string {
  if (name === '$enrol') return 'an enrolment by hand or through the API';
  if (name === '$attribute_changed') return 'an attribute change';
  if (name === '$schedule') return 'its schedule';
  if (name.startsWith('$trigger.')) return `a call of ${name.slice('$trigger.'.length)}`;
  return quoted(name);
}

export async function whyNotEntered(db: Db, input: { customerId: string; journeyId: string }, now: number): Promise<WhyNotEntered> {
  const journey = await db.journey.findUnique({ where: { id: input.journeyId }, select: { id: true, name: true, status: true, liveVersion: true } });
  if (!journey) throw new TRPCError({ code: 'NOT_FOUND', message: `no journey "${input.journeyId}"` });
  const pointer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true, mergedInto: true } });
  if (!pointer) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${input.customerId}"` });
  const customer = await db.customer.findUniqueOrThrow({ where: { id: pointer.mergedInto ?? pointer.id }, select: { id: true, attributes: true, timeZone: true } });
  const named = { id: journey.id, name: journey.name };
  const prior = await db.enrolment.findMany({ where: { journeyId: journey.id, customerId: customer.id }, orderBy: { enteredAt: 'desc' }, select: { enteredAt: true, status: true } });
  const reasons: string[] = [];
  const answer = (summary: string): WhyNotEntered => ({ journey: named, entered: prior.length, summary, reasons });

  if (journey.liveVersion === null) return answer(`${quoted(journey.name)} was never published: nobody can enter it until it is.`);
  if (journey.status !== 'active') reasons.push(`${quoted(journey.name)} is ${journey.status}: nobody enters it${journey.status === 'paused' ? ' until it is resumed' : ''}.`);
  const version = await db.journeyVersion.findUnique({ where: { journeyId_version: { journeyId: journey.id, version: journey.liveVersion } }, select: { definition: true, publishedAt: true } });
  const parsed = version ? parseJourney(version.definition) : undefined;
  if (!version || !parsed?.ok) return answer(`The live version ${journey.liveVersion} of ${quoted(journey.name)} cannot be read.`);
  const live: Journey = parsed.journey;
  const since = version.publishedAt;

  // Entry rules against the entries so far.
  const rules = live.settings.entry;
  const last = prior[0];
  if (last) {
    const when = day(last.enteredAt);
    if (rules.mode === 'once') reasons.push(`They entered it on ${when}, and it lets each customer in once.`);
    else if (rules.mode === 'reentry') {
      const days = Math.floor((now - last.enteredAt.getTime()) / 86_400_000);
      reasons.push(days < rules.reentryAfterDays ? `They last entered ${days} days ago (${when}); it lets them in again after ${rules.reentryAfterDays} days.` : `They last entered on ${when}; re-entry is allowed again now.`);
    }
    const running = prior.filter((p) => p.status === 'active' || p.status === 'waiting').length;
    if (running >= rules.maxConcurrent) reasons.push(`They are in it now (${running} at once, at most ${rules.maxConcurrent}).`);
  }

  // Each trigger step: what starts it, and what the customer did since the version went live.
  const attributes = (customer.attributes ?? {}) as Record<string, unknown>;
  const triggers = live.nodes.filter((n) => definitionOf(n.type).behaviour === 'trigger');
  for (const node of triggers) {
    const def = definitionOf(node.type);
    if (def.behaviour !== 'trigger') continue;
    const interest = entryInterest({ ...live, nodes: [node] });
    const rows = await db.event.findMany({
      where: { customerId: customer.id, timestamp: { gte: since }, ...(interest.all ? {} : { name: { in: [...interest.names] } }) },
      orderBy: { timestamp: 'desc' },
      take: LOOK_BACK,
      select: { name: true, timestamp: true, properties: true },
    });
    const events: CustomerEvent[] = rows.map((r) => ({ name: r.name, at: r.timestamp.getTime(), properties: (r.properties ?? {}) as Record<string, unknown> }));
    const matched = events.find((e) => def.matchesEvent(node as never, e, { attributes, event: e, history: events, now }));
    const conditions = (def.rules?.(node as never) ?? []).filter((g) => g.rules.length > 0).map((g) => groupInWords(g));
    const startsOn = interest.all ? 'any of their events' : [...interest.names].map(eventWords).join(' or ');
    if (matched) {
      reasons.push(`${stepName(node)} matched ${eventWords(matched.name)} on ${day(new Date(matched.at))}${last ? '' : ', yet no entry was recorded: the entry rules or the journey’s state at that moment kept them out'}.`);
    } else if (events.length > 0) {
      reasons.push(`${stepName(node)} starts on ${startsOn}: they did it ${events.length === LOOK_BACK ? `at least ${LOOK_BACK}` : events.length} time(s) since ${day(since)}, but ${conditions.length ? `its conditions did not hold: ${conditions.join('; ')}` : 'none of those matched the step'}.`);
    } else {
      reasons.push(`${stepName(node)} starts on ${startsOn}: they have had none since the live version went out on ${day(since)}${conditions.length ? ` (and it also asks: ${conditions.join('; ')})` : ''}.`);
    }
  }
  if (triggers.length === 0) reasons.push('It has no trigger step: nobody can enter it.');

  const summary =
    journey.status !== 'active'
      ? `${quoted(journey.name)} is ${journey.status}.`
      : last && rules.mode === 'once'
        ? `They already entered ${quoted(journey.name)} once, and it lets each customer in once.`
        : prior.length > 0
          ? `They entered ${quoted(journey.name)} ${prior.length} time(s); see below for the latest chances.`
          : `Nothing they did since ${day(since)} started ${quoted(journey.name)}.`;
  return answer(summary);
}
