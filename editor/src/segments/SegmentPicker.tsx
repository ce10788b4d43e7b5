/**
 * The inspector's field for steps that use a saved segment (`segmentId` with `segmentName`): a
 * list of the workspace's segments by name, with their size, and a link to the chosen one's page.
 * Choosing one stores its id (what counts) and its name (what the canvas shows).
 */
import { useEffect, useState } from 'react';
import { client } from '../api/client.js';
import { serverApi } from '../api/server.js';

export function SegmentPicker({ id, disabled, labelledBy, testId, onChange }: { id: string; disabled: boolean; labelledBy: string; testId: string; onChange(id: string, name: string): void }) {
  const [segments, setSegments] = useState<Array<{ id: string; name: string; size: number }>>();
  useEffect(() => {
    if (client.kind !== 'server') return;
    serverApi().segments.list.query().then(setSegments, () => setSegments([]));
  }, []);
  // Without the server (the local editor) there is no segment list: the id is typed.
  if (client.kind !== 'server') return <input data-testid={testId} aria-labelledby={labelledBy} value={id} disabled={disabled} onChange={(e) => onChange(e.target.value, '')} />;
  const known = segments?.some((s) => s.id === id);
  return (
    <span className="row">
      <select data-testid={testId} aria-labelledby={labelledBy} value={id} disabled={disabled || !segments} onChange={(e) => onChange(e.target.value, segments?.find((s) => s.id === e.target.value)?.name ?? '')}>
        <option value="">{segments ? 'choose a segment…' : 'loading…'}</option>
        {id && segments && !known && <option value={id}>missing segment ({id})</option>}
        {segments?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.size.toLocaleString('en')})
          </option>
        ))}
      </select>
      {id && known && (
        <a href={`#/segments/${encodeURIComponent(id)}`} target="_blank" rel="noreferrer">
          open
        </a>
      )}
    </span>
  );
}
