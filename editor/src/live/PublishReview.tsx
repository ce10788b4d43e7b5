/**
 * The review before going live: the problems the checks found, what changed against the live
 * version (steps added, removed and changed, message text side by side) and how many customers
 * are inside, at which step, and what happens to them: they stay on the version they entered with,
 * or those of the live version move to the new one (MoveWaiting).
 */
import { useEffect, useState } from 'react';
import type { Journey, JourneyDiff, NodeMap, Problem } from '@cairn/core';
import { diffJourneys, parseJourney, resolveNodeMap } from '@cairn/core';
import { client, type JourneyStatus, type WaitingCustomers } from '../api/client.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { MoveWaiting, type MoveChoice } from './MoveWaiting.js';
import { EnrolMatching, enrolCurrentMembers, type EnrolChoice } from '../segments/EnrolMatching.js';
import './live.css';

export interface PublishReviewProps {
  journey: Journey;
  liveVersion: number | null;
  status: JourneyStatus;
  problems: readonly Problem[];
  note: string;
  /** With `move`: the live version's waiting customers move to the new one (choices for removed waits). */
  onPublish(move?: { choices: NodeMap }): Promise<void>;
  onClose(): void;
}

type Loaded = { diff?: JourneyDiff; before?: Journey; after: Journey; waiting: WaitingCustomers } | { error: string };

export function PublishReview({ journey, liveVersion, status, problems, note, onPublish, onClose }: PublishReviewProps) {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    let live = true;
    const load = async (): Promise<Loaded> => {
      const [definition, waiting] = await Promise.all([liveVersion === null ? undefined : client.version(journey.id, liveVersion), client.waiting(journey.id)]);
      const before = definition && parseJourney(definition);
      const after = parseJourney(journey);
      if (before && !before.ok) return { error: `version ${liveVersion} cannot be read: ${before.problems[0]?.message ?? ''}` };
      if (!after.ok) return { error: `the draft cannot be read: ${after.problems[0]?.message ?? ''}` };
      return { ...(before ? { diff: diffJourneys(before.journey, after.journey), before: before.journey } : {}), after: after.journey, waiting };
    };
    load().then(
      (l) => live && setLoaded(l),
      (e: Error) => live && setLoaded({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [journey, liveVersion]);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity !== 'error');
  const next = (liveVersion ?? 0) + 1;
  const [move, setMove] = useState<MoveChoice>({ move: false, choices: {} });
  const [enrol, setEnrol] = useState<EnrolChoice>({ enrol: false, count: 0 });
  const ready = loaded && !('error' in loaded) ? loaded : undefined;
  const mapProblems = move.move && ready?.before ? resolveNodeMap(ready.before, ready.after, move.choices).problems : [];
  return (
    <ConfirmDialog
      wide
      testId="publish-review"
      title={`Publish “${journey.name}” as version ${next}?`}
      confirm={`Publish version ${next}`}
      blocked={
        errors.length ? `Fix ${errors.length} problem${errors.length === 1 ? '' : 's'} first`
          : loaded === undefined ? 'Loading…'
            : mapProblems.length ? 'Choose where the waiting customers go'
              : undefined
      }
      onConfirm={async () => {
        await onPublish(move.move && ready?.before ? { choices: move.choices } : undefined);
        if (enrol.enrol && enrol.count > 0) await enrolCurrentMembers(journey.id);
      }}
      onClose={onClose}
    >
      <div className="review">
        {note && <p className="muted">Note: {note}</p>}
        <section data-testid="review-problems" aria-label="Problems">
          <h3>Problems</h3>
          {problems.length === 0 ? (
            <p>None: the checks found nothing to fix.</p>
          ) : (
            <ul className="problems-list">
              {[...errors, ...warnings].map((p, i) => (
                <li key={i} className={p.severity}>
                  {p.severity === 'error' ? 'Must fix: ' : 'Warning: '}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
        </section>
        {loaded === undefined && <p className="muted">Comparing with the live version…</p>}
        {loaded && 'error' in loaded && (
          <p className="error" role="alert">
            {loaded.error}
          </p>
        )}
        {loaded && !('error' in loaded) && (
          <>
            <section data-testid="review-changes" aria-label="Changes">
              <h3>{liveVersion === null ? 'First version' : `Changes against live version ${liveVersion}`}</h3>
              {loaded.diff ? <Changes diff={loaded.diff} /> : <p>Nothing is live yet: customers who match the trigger start entering once it is published.</p>}
            </section>
            <section data-testid="review-customers" aria-label="Customers in the journey">
              <h3>Customers in the journey</h3>
              <Waiting waiting={loaded.waiting} liveVersion={liveVersion} next={next} status={status} moving={move.move} />
              {loaded.before && liveVersion !== null && (
                <MoveWaiting before={loaded.before} after={loaded.after} liveVersion={liveVersion} waiting={loaded.waiting} value={move} onChange={setMove} />
              )}
            </section>
            <EnrolMatching journey={loaded.after} value={enrol} onChange={setEnrol} />
          </>
        )}
      </div>
    </ConfirmDialog>
  );
}

function Changes({ diff }: { diff: JourneyDiff }) {
  if (diff.same) {
    return <p data-testid="review-no-change">No change a customer would notice{diff.moved ? ` (${diff.moved} step${diff.moved === 1 ? '' : 's'} moved on the canvas)` : ''}.</p>;
  }
  return (
    <>
      {diff.added.length > 0 && (
        <ul data-testid="review-added">
          {diff.added.map((s) => (
            <li key={s.nodeId} className="added">
              Added: <strong>{s.title}</strong> {s.title !== s.kind && <span className="muted">({s.kind})</span>}
            </li>
          ))}
        </ul>
      )}
      {diff.removed.length > 0 && (
        <ul data-testid="review-removed">
          {diff.removed.map((s) => (
            <li key={s.nodeId} className="removed">
              Removed: <strong>{s.title}</strong> {s.title !== s.kind && <span className="muted">({s.kind})</span>}
            </li>
          ))}
        </ul>
      )}
      {diff.changed.length > 0 && (
        <ul data-testid="review-changed">
          {diff.changed.map((s) => (
            <li key={s.nodeId}>
              Changed: <strong>{s.title}</strong>
              <ul>
                {s.fields.map((f) =>
                  f.text ? (
                    <li key={f.field}>
                      <span className="review-field">{f.field}</span>
                      <div className="side-by-side" data-testid="text-change">
                        <div>
                          <div className="label">Live</div>
                          <pre className="before">{f.before}</pre>
                        </div>
                        <div>
                          <div className="label">New</div>
                          <pre className="after">{f.after}</pre>
                        </div>
                      </div>
                    </li>
                  ) : (
                    <li key={f.field}>
                      <span className="review-field">{f.field}:</span> <del>{f.before}</del> → <ins>{f.after}</ins>
                    </li>
                  ),
                )}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {diff.links.added.length + diff.links.removed.length > 0 && (
        <ul data-testid="review-links">
          {diff.links.removed.map((l, i) => (
            <li key={`r${i}`} className="removed">
              Disconnected: {l.from} ({l.output}) → {l.to}
            </li>
          ))}
          {diff.links.added.map((l, i) => (
            <li key={`a${i}`} className="added">
              Connected: {l.from} ({l.output}) → {l.to}
            </li>
          ))}
        </ul>
      )}
      {diff.journey.length > 0 && (
        <ul data-testid="review-settings">
          {diff.journey.map((f) => (
            <li key={f.field}>
              <span className="review-field">Journey {f.field}:</span> <del>{f.before}</del> → <ins>{f.after}</ins>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Waiting({ waiting, liveVersion, next, status, moving }: { waiting: WaitingCustomers; liveVersion: number | null; next: number; status: JourneyStatus; moving: boolean }) {
  // Publishing keeps a paused journey paused (lifecycle.ts) and restarts a stopped one.
  const entering =
    status === 'paused'
      ? `The journey stays paused: new customers enter version ${next} once you resume it.`
      : status === 'stopped'
        ? `Publishing restarts entries: new customers enter version ${next}.`
        : `New customers enter version ${next}.`;
  if (waiting.total === 0) return <p data-testid="review-waiting-total">Nobody is in the journey now. {entering}</p>;
  const onLive = waiting.steps.filter((s) => s.version === liveVersion).reduce((n, s) => n + s.count, 0);
  return (
    <>
      <p data-testid="review-waiting-total">
        {waiting.total} customer{waiting.total === 1 ? ' is' : 's are'} in the journey
        {liveVersion !== null && onLive !== waiting.total ? ` (${onLive} on live version ${liveVersion})` : ''}.{' '}
        {moving ? 'Those of the live version move as chosen below; the others stay on the version they entered with.' : 'They stay on the version they entered with and finish it as it is.'} {entering}
      </p>
      <table className="waiting" data-testid="review-waiting">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">At step</th>
            <th scope="col">Customers</th>
          </tr>
        </thead>
        <tbody>
          {waiting.steps.map((s) => (
            <tr key={`${s.version}:${s.nodeId}`}>
              <td>
                v{s.version}
                {s.version === liveVersion ? ' (live)' : ''}
              </td>
              <td>{s.title}</td>
              <td>{s.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
