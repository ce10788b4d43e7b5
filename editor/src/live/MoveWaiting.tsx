/**
 * The publish review's choice for the customers waiting in the live version: stay on it (the
 * default) or move to the new version through the node map (engine version-map.ts, the same code
 * the API checks with). A wait whose step is gone needs a destination, or stays; the preview says
 * how many move from where to where before anything is applied.
 */
import { useEffect, useState } from 'react';
import type { Journey, NodeMap } from '@cairn/core';
import { canReceive, holdsCustomers, LEAVE, movePreview, resolveNodeMap, stepRef } from '@cairn/core';
import { client, type MovePreview, type WaitingCustomers } from '../api/client.js';

export interface MoveChoice {
  move: boolean;
  choices: NodeMap;
}

export interface MoveWaitingProps {
  before: Journey;
  after: Journey;
  liveVersion: number;
  waiting: WaitingCustomers;
  value: MoveChoice;
  onChange(next: MoveChoice): void;
}

const plural = (n: number) => `${n} customer${n === 1 ? '' : 's'}`;

/** The server's customer-by-customer simulation of the move, refreshed as the choices change. */
function useSimulated(after: Journey, choices: NodeMap, on: boolean): { preview?: MovePreview; error?: string; loading: boolean } {
  const [state, setState] = useState<{ preview?: MovePreview; error?: string; loading: boolean }>({ loading: false });
  const key = JSON.stringify(choices);
  useEffect(() => {
    if (!on) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    // Choices change a select at a time: wait for a pause before asking again.
    const timer = setTimeout(() => {
      client.previewMove(after, JSON.parse(key) as NodeMap).then(
        (preview) => live && setState({ ...(preview ? { preview } : {}), loading: false }),
        (e: Error) => live && setState({ error: e.message, loading: false }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [after, key, on]);
  return state;
}

export function MoveWaiting({ before, after, liveVersion, waiting, value, onChange }: MoveWaitingProps) {
  const simulated = useSimulated(after, value.choices, value.move);
  const onLive: Record<string, number> = {};
  for (const s of waiting.steps) if (s.version === liveVersion) onLive[s.nodeId] = (onLive[s.nodeId] ?? 0) + s.count;
  const total = Object.values(onLive).reduce((n, c) => n + c, 0);
  if (total === 0) return null;
  const resolved = resolveNodeMap(before, after, value.choices);
  const lines = movePreview(before, after, resolved.map, onLive);
  // Waits whose step is gone (or chosen for): a destination to pick, listed even when nobody waits there yet.
  const removed = before.nodes.filter((n) => holdsCustomers(n) && (resolved.unmapped.some((u) => u.nodeId === n.id) || value.choices[n.id] !== undefined));
  const destinations = after.nodes.filter(canReceive);
  const moving = lines.filter((l) => l.to || l.between).reduce((n, l) => n + l.count, 0);
  return (
    <fieldset className="move-waiting" data-testid="move-waiting">
      <legend>The {plural(total)} waiting in version {liveVersion}</legend>
      <label>
        <input type="radio" name="move" checked={!value.move} onChange={() => onChange({ ...value, move: false })} /> Stay on version {liveVersion} and
        finish it as it is
      </label>
      <label>
        <input type="radio" name="move" data-testid="move-to-new" checked={value.move} onChange={() => onChange({ ...value, move: true })} /> Move them to
        the new version at their next wait (they keep the time left on it)
      </label>
      {value.move && (
        <>
          {removed.length > 0 && (
            <ul className="move-map" aria-label="Steps that are gone">
              {removed.map((n) => (
                <li key={n.id}>
                  <label>
                    “{stepRef(n).title}” is not in the new version. Its customers go to{' '}
                    <select
                      data-testid={`move-map-${n.id}`}
                      value={value.choices[n.id] ?? LEAVE}
                      onChange={(e) => onChange({ ...value, choices: { ...value.choices, [n.id]: e.target.value } })}
                    >
                      <option value={LEAVE}>nowhere: they stay on version {liveVersion}</option>
                      {destinations.map((d) => (
                        <option key={d.id} value={d.id}>
                          {stepRef(d).title}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p data-testid="move-summary">
            {moving === total ? `All ${plural(total)} move to the new version.` : `${plural(moving)} move to the new version, ${total - moving} stay on version ${liveVersion}.`}
          </p>
          <ul data-testid="move-preview">
            {lines.map((l) => (
              <li key={l.from.nodeId}>
                {l.to
                  ? `${plural(l.count)} waiting at “${l.from.title}” will move to “${l.to.title}”.`
                  : l.between
                    ? `${plural(l.count)} at “${l.from.title}” right now move at the wait they reach next.`
                    : `${plural(l.count)} waiting at “${l.from.title}” stay on version ${liveVersion} (the step is gone).`}
              </li>
            ))}
          </ul>
          <Simulated {...simulated} liveVersion={liveVersion} />
          {resolved.problems.map((p) => (
            <p key={p.nodeId} className="error" role="alert">
              {p.message}
            </p>
          ))}
        </>
      )}
    </fieldset>
  );
}

function Simulated({ preview, error, loading, liveVersion }: { preview?: MovePreview; error?: string; loading: boolean; liveVersion: number }) {
  if (error) return <p className="error" role="alert" data-testid="move-simulated-error">Could not simulate the waiting customers: {error}</p>;
  if (!preview) return loading ? <p className="muted" data-testid="move-simulating">Simulating each waiting customer on the new version…</p> : null;
  return (
    <div className="move-simulated" aria-busy={loading} data-testid="move-simulated" data-loading={loading || undefined}>
      <h4>
        What happens next, simulated customer by customer (their attributes, history and delivery settings; the {preview.total} of version {liveVersion})
      </h4>
      <ul>
        {preview.groups.map((g) => (
          <li key={g.sentence} data-fate={g.fate}>
            {g.sentence} <span className="muted">{g.count > g.customers.length ? `For example ${g.customers.join(', ')}.` : `(${g.customers.join(', ')})`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
