/**
 * One customer's run inside the journey workflow: the state carried across continue-as-new, what
 * the driver waits for next, and the steps not yet recorded. Progress is recorded by whichever
 * call comes next: the effect activity of the next action (with its effect; the send in its claim
 * transaction), or `flush` (a local activity) when the run rests (a wait, a pause, a deferral) or
 * ends. Rows are keyed by seq: a step is written once whatever the retries, and steps whose call
 * failed are carried to the next one.
 */
import type { CompiledJourney } from '@cairn/core/internal/compile/compile';
import type { TraceStep } from '@cairn/core/internal/compile/context';
import type { MachineEvent } from '@cairn/core/internal/compile/events';
import type { Pending } from '@cairn/core/internal/run/driver';
import { advance, currentNode, pending } from './core.js';
import type { ProgressInput } from '../activities/types.js';
import { completes, type CarriedState, type InboxItem, type JourneyRunStatus, type JourneyWorkflowInput, type MoveVersionRequest } from './api.js';
import type { recordsFor } from './effects.js';

/** The progress handed to one call, and the mark that says what it recorded. */
export interface TakenProgress {
  input: ProgressInput;
  mark: string;
}

export class JourneyRun {
  /** What the driver waits for next. */
  p: Pending;
  /** Set while a send waits for the delivery policy (quiet hours, a deferring cap) or a sales task. */
  deferredUntil: number | undefined;
  /** Resting on a durable timer or a condition (the status query says so). */
  idle = false;
  /** A move to a newer version, applied at the next wait (move-version.ts). */
  moveTo: MoveVersionRequest | undefined;
  /** Steps handed to a call still in flight (counted by the status query). */
  inFlight = 0;
  private lastRecorded = '';

  constructor(
    readonly compiled: CompiledJourney,
    readonly input: JourneyWorkflowInput,
    readonly workflowId: string,
    private readonly records: ReturnType<typeof recordsFor>,
    public c: CarriedState,
    public unflushed: TraceStep[],
  ) {
    this.p = pending(compiled, c.state);
  }

  /** Moves the machine on by one event. */
  feed(event: MachineEvent): void {
    const r = advance(this.compiled, this.c.state, event);
    this.c.state = r.state;
    this.unflushed.push(...r.steps);
    this.p = pending(this.compiled, this.c.state);
  }

  /** Feeds one signalled item at the workflow clock (never before the machine's own time). */
  feedItem(item: InboxItem): void {
    const at = Math.max(Date.now(), this.c.state.context.now);
    this.feed(item.kind === 'event' ? { type: 'customer.event', at, event: item.event } : { type: 'cairn.profile', at, profile: item.profile });
  }

  /** Feeds signalled items until the inbox is empty or `stop` says so after an item; true when stopped. */
  drainInbox(stop: () => boolean): boolean {
    for (let item = this.c.inbox.shift(); item; item = this.c.inbox.shift()) {
      this.feedItem(item);
      if (stop()) return true;
    }
    return false;
  }

  status(): JourneyRunStatus {
    const p = this.p;
    if (p.kind === 'done') return completes(p.exit.reason) ? 'completed' : 'exited';
    if (p.kind === 'not-entered') return 'not-entered';
    if (this.c.paused) return 'paused';
    return p.kind === 'wait' || this.deferredUntil !== undefined ? 'waiting' : 'active';
  }

  /** The unrecorded steps and where the run stands, or nothing when there is nothing new. */
  takeProgress(): TakenProgress | undefined {
    const status = this.status();
    // Nothing new (an unrelated event woke the wait): no write at all.
    const mark = `${status}:${currentNode(this.c.state)}`;
    if (this.unflushed.length === 0 && mark === this.lastRecorded) return undefined;
    const p = this.p;
    const exitReason = p.kind === 'done' ? p.exit.reason : p.kind === 'not-entered' ? 'not-entered' : undefined;
    const steps = this.unflushed;
    this.unflushed = [];
    this.inFlight = steps.length;
    const input = this.input;
    return {
      mark,
      input: {
        workflowId: this.workflowId, journeyId: input.journeyId, versionId: input.versionId, customerId: input.customerId, entry: input.entry,
        triggerNodeId: input.enter.triggerId, fromSeq: this.c.seq, steps,
        currentNodeId: p.kind === 'done' ? (p.exit.nodeId ?? null) : currentNode(this.c.state),
        status: status === 'paused' ? 'waiting' : status === 'not-entered' ? 'exited' : status,
        ...(exitReason ? { exitReason } : {}),
        at: Date.now(),
      },
    };
  }

  /** After the call that carried `taken`: advance seq if it is recorded, else keep the steps for the next call. */
  settle(taken: TakenProgress | undefined, recorded: boolean): void {
    this.inFlight = 0;
    if (!taken) return;
    if (recorded) {
      this.c.seq += taken.input.steps.length;
      this.lastRecorded = taken.mark;
    } else {
      this.unflushed = [...taken.input.steps, ...this.unflushed];
    }
  }

  /** Records the unrecorded steps on their own (a local activity), retried until the database answers. */
  async flush(): Promise<void> {
    const taken = this.takeProgress();
    if (!taken) return;
    await this.records.recordProgress(taken.input);
    this.settle(taken, true);
  }

  /** Loads the customer's profile for a timer (a wait's deadline re-reads attributes). */
  loadProfile() {
    return this.records.loadProfile({ customerId: this.input.customerId });
  }
}
