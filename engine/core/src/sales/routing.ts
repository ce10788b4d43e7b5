/**
 * Choosing the rep for a sales task: pure, so every rule is unit-tested and the reason it gives
 * goes into the journey's trace as is. The activity gathers the facts (reps, their open tasks,
 * the customer) and applies the decision.
 *
 * Order: the step's strategy; then the team's rotation; then the named person (the step's `rep`)
 * or the team lead. Nobody away or at capacity is ever chosen: when all are, the task stays with
 * the team, unassigned, and the reason says who was passed over and why.
 */
import type { RoutingStrategy } from './outcomes.js';

/** A rep a task may go to: their team, capacity and open tasks, territory, and whether they are away. */
export interface RepCandidate {
  userId: string;
  email: string;
  name: string;
  teamId: string | null;
  away: boolean;
  capacity: number;
  openTasks: number;
  /** Epoch ms of the last task given to this rep (round-robin order); null when never. */
  lastAssignedAt: number | null;
  /** Attribute name to the values this rep covers. */
  territory: Record<string, readonly string[]>;
}

/** What a sales task is routed on: the strategy, the reps, the team, the customer's attributes and the step's named person. */
export interface RouteRequest {
  strategy: RoutingStrategy;
  /** Every rep of the workspace (the team's and the named people). */
  reps: readonly RepCandidate[];
  team?: { id: string; name: string; leadUserId: string | null } | undefined;
  /** The customer's attributes (territory rules, `owner`). */
  customer: Record<string, unknown>;
  /** The step's named person: the target of `named`, and the last fallback of the others. */
  named?: string | undefined;
}

/** Which rep gets the task (none: nobody is free), and why, in words for the trace. */
export interface RouteDecision {
  rep?: RepCandidate;
  /** In words, for the trace: who was chosen and why, and who was passed over. */
  reason: string;
}

/** Why a rep cannot take a task now, or undefined when they can. */
export function unavailable(r: RepCandidate): string | undefined {
  if (r.away) return `${r.email} is away`;
  if (r.openTasks >= r.capacity) return `${r.email} is at capacity (${r.openTasks} of ${r.capacity} open)`;
  return undefined;
}

/** Whether every territory rule of the rep matches the customer (a rep without rules covers nobody). */
export function covers(r: RepCandidate, customer: Record<string, unknown>): string | undefined {
  const rules = Object.entries(r.territory);
  if (rules.length === 0) return undefined;
  for (const [attr, values] of rules) {
    const v = customer[attr];
    if (v === undefined || v === null || !values.includes(String(v))) return undefined;
  }
  return rules.map(([a]) => `${a}=${String(customer[a])}`).join(', ');
}

const byRotation = (a: RepCandidate, b: RepCandidate) =>
  (a.lastAssignedAt ?? -1) - (b.lastAssignedAt ?? -1) || a.userId.localeCompare(b.userId);
const byLoad = (a: RepCandidate, b: RepCandidate) => a.openTasks - b.openTasks || byRotation(a, b);

/** Picks the rep for a sales task by the step's strategy, passing over reps who are away or at capacity. */
export function route(req: RouteRequest): RouteDecision {
  const passed: string[] = [];
  const ok = (r: RepCandidate) => {
    const why = unavailable(r);
    if (why && !passed.includes(why)) passed.push(why);
    return !why;
  };
  const said = (text: string) => (passed.length ? `${text} (passed over: ${passed.join('; ')})` : text);
  const teamReps = req.team ? req.reps.filter((r) => r.teamId === req.team?.id) : [...req.reps];
  const teamName = req.team ? `team ${req.team.name}` : 'all reps';
  const byEmail = (email: string | undefined) => (email ? req.reps.find((r) => r.email.toLowerCase() === email.toLowerCase()) : undefined);

  switch (req.strategy) {
    case 'named': {
      const r = byEmail(req.named);
      if (r && ok(r)) return { rep: r, reason: said(`assigned to ${r.email}, named on the step`) };
      if (!r && req.named) passed.push(`${req.named} is not a sales rep`);
      break;
    }
    case 'keepOwner': {
      const owner = typeof req.customer.owner === 'string' ? req.customer.owner : undefined;
      const r = byEmail(owner);
      if (r && ok(r)) return { rep: r, reason: said(`kept the customer's owner ${r.email}`) };
      if (!r) passed.push(owner ? `the owner ${owner} is not a sales rep` : 'the customer has no owner');
      break;
    }
    case 'territory': {
      const matching = teamReps.map((r) => ({ r, why: covers(r, req.customer) })).filter((m) => m.why !== undefined);
      const free = matching.filter((m) => ok(m.r)).sort((a, b) => byLoad(a.r, b.r));
      const m = free[0];
      if (m) return { rep: m.r, reason: said(`assigned to ${m.r.email}, who covers ${m.why}`) };
      if (matching.length === 0) passed.push(`nobody in ${teamName} covers this customer`);
      break;
    }
    case 'leastLoaded': {
      const r = teamReps.filter(ok).sort(byLoad)[0];
      if (r) return { rep: r, reason: said(`assigned to ${r.email}, the least loaded in ${teamName} (${r.openTasks} open)`) };
      break;
    }
    case 'roundRobin':
      break;
  }
  // The team's rotation (the round-robin strategy itself, or the fallback of the others).
  const next = teamReps.filter(ok).sort(byRotation)[0];
  if (next) {
    const text = req.strategy === 'roundRobin' ? `assigned to ${next.email}, next in ${teamName}'s rotation` : `fell back to ${teamName}: ${next.email} is next in its rotation`;
    return { rep: next, reason: said(text) };
  }
  // Then a named person: the step's, then the team lead.
  const lead = req.team?.leadUserId ? req.reps.find((r) => r.userId === req.team?.leadUserId) : undefined;
  for (const [r, role] of [[req.strategy === 'named' ? undefined : byEmail(req.named), 'the named fallback'], [lead, 'the team lead']] as const) {
    if (r && ok(r)) return { rep: r, reason: said(`nobody free in ${teamName}: assigned to ${role} ${r.email}`) };
  }
  return { reason: said(`nobody is available: the task waits, unassigned, for ${teamName}`) };
}
