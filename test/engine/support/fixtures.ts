/** Journeys, customers and workflow starts for the engine tests and benchmark. */
import type { Db } from '@cairn/db';
import { parseJourney, type CustomerEvent, type Journey, type JourneyInput } from '@cairn/core';
import {
  JOURNEY_WORKFLOW,
  workflowIdFor,
  type JourneyWorkflowInput,
  type JourneyWorkflowResult,
} from '@cairn/engine/workflow';
import type { Client, WorkflowHandle } from '@temporalio/client';

export interface Published {
  journey: Journey;
  versionId: string;
}

/** Parses, stores and publishes a journey (version 1). */
export async function publish(db: Db, input: JourneyInput): Promise<Published> {
  const parsed = parseJourney(input);
  if (!parsed.ok) throw new Error(`fixture journey invalid: ${JSON.stringify(parsed.problems)}`);
  const journey = parsed.journey;
  const json = journey as unknown as object;
  await db.journey.create({ data: { id: journey.id, name: journey.name, status: 'active', draft: json, liveVersion: 1 } });
  const v = await db.journeyVersion.create({ data: { journeyId: journey.id, version: 1, definition: json } });
  return { journey, versionId: v.id };
}

export interface CustomerSeed {
  id: string;
  attributes?: Record<string, unknown>;
  email?: string | null;
  phone?: string | null;
  timeZone?: string;
  suppressed?: string[];
}

export async function addCustomer(db: Db, c: CustomerSeed): Promise<void> {
  await db.customer.create({
    data: {
      id: c.id,
      attributes: (c.attributes ?? {}) as object,
      email: c.email === undefined ? `${c.id}@example.test` : c.email,
      phone: c.phone === undefined ? '+15550100' : c.phone,
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
    },
  });
  for (const channel of c.suppressed ?? []) {
    await db.suppression.create({ data: { customerId: c.id, channel, reason: 'unsubscribed', source: 'test' } });
  }
}

/** Starts a customer's entry through the journey's first trigger (or `triggerId`). */
export async function enrol(
  client: Client,
  p: Published,
  customer: { id: string; attributes?: Record<string, unknown> },
  /** `v`: the input version to write (default: none, read as 1, as inputs from before versions). */
  opts: { taskQueue: string; event?: CustomerEvent; entry?: number; at?: number; triggerId?: string; options?: JourneyWorkflowInput['options']; v?: number },
): Promise<WorkflowHandle> {
  const trigger = opts.triggerId ?? p.journey.nodes.find((n) => n.type.startsWith('trigger.'))?.id;
  if (!trigger) throw new Error('journey has no trigger');
  const entry = opts.entry ?? 1;
  const at = opts.at ?? opts.event?.at ?? Date.now();
  const input: JourneyWorkflowInput = {
    ...(opts.v !== undefined ? { v: opts.v } : {}),
    journeyId: p.journey.id,
    versionId: p.versionId,
    journey: p.journey,
    customerId: customer.id,
    entry,
    enter: {
      type: 'cairn.enter',
      at,
      triggerId: trigger,
      profile: { attributes: customer.attributes ?? {} },
      history: [],
      ...(opts.event ? { event: opts.event } : {}),
    },
    ...(opts.options ? { options: opts.options } : {}),
  };
  return client.workflow.start(JOURNEY_WORKFLOW, {
    workflowId: workflowIdFor(p.journey.id, customer.id, entry),
    taskQueue: opts.taskQueue,
    args: [input],
  });
}

export type { JourneyWorkflowResult };

/** A journey built from nodes chained by `next` plus explicit extra edges. */
export function journeyOf(id: string, nodes: JourneyInput['nodes'], edges: Array<[string, string, string?]>, settings?: JourneyInput['settings']): JourneyInput {
  return {
    id,
    name: `Test ${id}`,
    nodes,
    edges: edges.map(([source, target, handle], i) => ({ id: `e${i}`, source, target, sourceHandle: handle ?? 'next' })),
    ...(settings ? { settings } : {}),
  };
}
