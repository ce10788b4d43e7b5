/**
 * Moving a running customer to a newer published version (workflow-safe, pure). The workflow
 * calls `movedRun` when a `moveVersion` signal is pending at a rest (a wait) and continues as
 * new with the input it returns: the new version's journey, the customer put at the mapped step
 * with everything else carried (history, profile, visits, recorded steps, queued events).
 *
 * Time: a customer moved from one wait to another keeps the absolute deadline they had (three
 * days left of "Wait 3 days" stay three days, whatever the new wait's length), since durable time
 * is absolute. A wait that has no timer in the new version (an event wait without timeout) drops
 * it; moved from a timer-less wait to a timed one, the new wait's timer starts now. Moved to an
 * action, the action runs at once.
 */
import type { TraceStep } from '@cairn/core/internal/compile/context';
import { currentNode, LEAVE, parseJourney, placeMoved } from './core.js';
import { CARRIED_STATE_VERSION, WORKFLOW_INPUT_VERSION, type CarriedState, type JourneyWorkflowInput, type MoveVersionRequest } from './api.js';

/** The `patched()` id of the move (runs recorded before it replay without it). */
export const MOVE_VERSION_PATCH = 'cairn-move-version';

export interface MovedRun {
  /** What the workflow continues as new with, from its carried state once the move's step is recorded (its seq counts it). */
  input(carried: CarriedState): JourneyWorkflowInput;
  /** The trace line of the move, recorded before continuing. */
  step: TraceStep;
}

/**
 * The run moved per `request`, or undefined when it stays on its version: mapped to `leave`, not
 * at a mapped step, already on that version, or the destination cannot receive customers.
 */
export function movedRun(input: JourneyWorkflowInput, carried: CarriedState, request: MoveVersionRequest, now: number): MovedRun | undefined {
  if (request.versionId === input.versionId) return undefined;
  const at = currentNode(carried.state);
  const destId = request.nodeMap[at];
  if (destId === undefined || destId === LEAVE) return undefined;
  const parsed = parseJourney(request.journey);
  if (!parsed.ok) return undefined;
  const placed = placeMoved(parsed.journey, destId, carried.state.context, now);
  if (!placed) return undefined;
  const { state, clock, deadline } = placed;
  const step: TraceStep = {
    at: clock,
    nodeId: destId,
    kind: 'entered',
    reason: `moved to version ${request.version} from "${at}"`,
  };
  if (deadline !== undefined) step.reason += `, waiting until ${new Date(deadline).toISOString()}`;
  return {
    input: (latest) => ({
      ...input,
      v: WORKFLOW_INPUT_VERSION,
      versionId: request.versionId,
      journey: request.journey,
      carried: { ...latest, v: CARRIED_STATE_VERSION, state },
    }),
    step: { ...step, detail: { movedFrom: at, version: request.version } },
  };
}

