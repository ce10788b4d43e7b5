/**
 * One segment (`#/segments/<id>`, `#/segments/new`): its conditions with a live size estimate
 * and a preview of who matches, its size over time, and the journeys that use it (editing the
 * segment changes who they reach). "Use in a new journey" starts a draft on its entry trigger.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SegmentGroup } from '@cairn/core';
import { SegmentGroup as SegmentGroupSchema } from '@cairn/core';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import { go } from '../router.js';
import { ConditionsEditor, type SegmentOption } from './ConditionsEditor.js';
import { SizeChart } from './SizeChart.js';
import { AudienceSize } from './AudienceSize.js';
import './segments.css';

type Saved = RouterOutputs['segments']['get'];
type Estimate = RouterOutputs['segments']['estimate'];

const EMPTY: SegmentGroup = { op: 'and', rules: [] };

export function SegmentPage({ id }: { id: string }) {
  const isNew = id === 'new';
  const [saved, setSaved] = useState<Saved>();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [definition, setDefinition] = useState<SegmentGroup>(EMPTY);
  const [others, setOthers] = useState<SegmentOption[]>([]);
  const [estimate, setEstimate] = useState<Estimate>();
  const [estimateError, setEstimateError] = useState('');
  const [estimating, setEstimating] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = () =>
    serverApi()
      .segments.get.query({ id })
      .then((s) => {
        setSaved(s);
        setName(s.name);
        setDescription(s.description);
        setDefinition(s.definition);
      }, (e: unknown) => setError(readable(e)));

  useEffect(() => {
    if (!isNew) void load();
    serverApi().segments.list.query().then((l) => setOthers(l.filter((s) => s.id !== id).map((s) => ({ id: s.id, name: s.name }))), () => setOthers([]));
  }, [id]);

  // The live estimate: a moment after the last edit, for a definition that parses.
  const valid = useMemo(() => SegmentGroupSchema.safeParse(definition), [definition]);
  useEffect(() => {
    if (!valid.success) {
      setEstimateError(valid.error.issues[0]?.message ?? 'incomplete condition');
      return;
    }
    let live = true;
    setEstimating(true);
    const t = setTimeout(() => {
      serverApi()
        .segments.estimate.query({ definition: valid.data, ...(isNew ? {} : { id }) })
        .then((e) => live && (setEstimate(e), setEstimateError('')), (e: unknown) => live && setEstimateError(readable(e)))
        .finally(() => live && setEstimating(false));
    }, 350);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [valid]);

  const save = async () => {
    setError('');
    setNotice('');
    try {
      if (isNew) {
        const r = await serverApi().segments.create.mutate({ name, description, definition });
        go(`/segments/${r.id}`);
      } else {
        const r = await serverApi().segments.update.mutate({ id, name, description, definition });
        setNotice(r.usedBy.length ? `Saved: ${r.size.toLocaleString('en')} members. The journeys using it now reach them.` : `Saved: ${r.size.toLocaleString('en')} members.`);
        await load();
      }
    } catch (e) {
      setError(readable(e));
    }
  };

  const useInJourney = async () => {
    const journeyId = `seg-${Date.now().toString(36)}`;
    const draft = {
      id: journeyId,
      name: `Entered ${name}`,
      nodes: [
        { id: 'entered', type: 'trigger.segment-entered', segmentId: id, segmentName: name, position: { x: 0, y: 0 } },
        { id: 'done', type: 'exit', position: { x: 0, y: 160 } },
      ],
      edges: [{ id: 'e1', source: 'entered', target: 'done' }],
    };
    try {
      await serverApi().journeys.saveDraft.mutate({ id: journeyId, draft });
      go(`/j/${journeyId}`);
    } catch (e) {
      setError(readable(e));
    }
  };

  return (
    <div className="page segment-page" data-testid="segment-page">
      <PageHeader title={isNew ? 'New segment' : saved?.name ?? 'Segment'}>
        <a className="button" href="#/segments">
          All segments
        </a>
      </PageHeader>
      <div className="segments-body">
        <section className="segment-main">
          <label className="field">
            Name
            <input data-testid="segment-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Active trial users" />
          </label>
          <label className="field">
            Description
            <input data-testid="segment-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <h2>Who is in it</h2>
          <ConditionsEditor value={definition} onChange={setDefinition} segments={others} />
          <div className="row">
            <button className="primary" data-testid="segment-save" disabled={!name.trim() || !valid.success} onClick={() => void save()}>
              {isNew ? 'Create segment' : 'Save'}
            </button>
            {!isNew && (
              <button data-testid="segment-use-in-journey" onClick={() => void useInJourney()}>
                Use in a new journey
              </button>
            )}
          </div>
          {error && <p className="error" role="alert" data-testid="segment-error">{error}</p>}
          {notice && <p className="notice" role="status">{notice}</p>}
        </section>
        <aside className="segment-side">
          <div className="card" data-testid="segment-estimate" aria-live="polite">
            <h2>Size</h2>
            <AudienceSize estimate={estimate} error={estimateError} busy={estimating} testId="segment-estimate" />
          </div>
          {saved && (
            <>
              <div className="card">
                <h2>Members over time</h2>
                <p>
                  Now: <strong data-testid="segment-size">{saved.size.toLocaleString('en')}</strong>
                </p>
                <SizeChart points={saved.sizes} />
              </div>
              <div className="card" data-testid="segment-used-by">
                <h2>Used by</h2>
                {saved.usedBy.length === 0 && saved.usedBySegments.filter((s) => s.id !== id).length === 0 && <p className="muted">No journey uses this segment yet.</p>}
                <ul>
                  {saved.usedBy.map((j) => (
                    <li key={j.id}>
                      <a href={`#/j/${encodeURIComponent(j.id)}`}>{j.name}</a> <span className="muted">{j.live ? 'live' : 'draft'}</span>
                    </li>
                  ))}
                  {saved.usedBySegments
                    .filter((s) => s.id !== id)
                    .map((s) => (
                      <li key={s.id}>
                        segment <a href={`#/segments/${encodeURIComponent(s.id)}`}>{s.name}</a>
                      </li>
                    ))}
                </ul>
              </div>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
