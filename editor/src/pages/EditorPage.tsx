/** Loads a journey's draft (or one of its versions, read-only) and opens the editor on it. */
import { useLayoutEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { parseJourney, type Journey } from '@cairn/core';
import { client, clientReady, type JourneyStatus } from '../api/client.js';
import { Editor } from './Editor.js';

type Loaded = { journey: Journey; liveVersion: number | null; status: JourneyStatus } | { error: string } | undefined;

export function EditorPage({ id, version }: { id: string; version?: number }) {
  const [loaded, setLoaded] = useState<Loaded>();
  // A layout effect: the load starts before "Loading…" is painted, not a frame later.
  useLayoutEffect(() => {
    setLoaded(undefined);
    const load = async (): Promise<Loaded> => {
      await clientReady;
      const stored = await client.get(id);
      if (!stored) return { error: `No journey “${id}”.` };
      if (version === undefined) return { journey: placed(stored.draft), liveVersion: stored.liveVersion, status: stored.status };
      return { journey: await client.version(id, version), liveVersion: stored.liveVersion, status: stored.status };
    };
    load().then(setLoaded, (e: Error) => setLoaded({ error: e.message }));
  }, [id, version]);
  if (!loaded) return <div className="loading">Loading…</div>;
  if ('error' in loaded)
    return (
      <div className="page error-page">
        <p className="error">{loaded.error}</p>
        <a href="#/">Back to journeys</a>
      </div>
    );
  return (
    <ReactFlowProvider key={`${id}@${version ?? 'draft'}`}>
      <Editor initial={loaded.journey} liveVersion={loaded.liveVersion} status={loaded.status} {...(version !== undefined ? { version } : {})} />
    </ReactFlowProvider>
  );
}

/**
 * A draft stored through the API may leave out what the schema defaults (node positions, filters,
 * settings: the server keeps a draft as sent). The canvas draws drafts the editor wrote as they
 * are; any other is read through the schema (defaults applied, when it parses) and nodes without
 * a position are placed in a column, instead of the canvas failing to draw.
 */
function placed(draft: Journey): Journey {
  if (!Array.isArray(draft.nodes) || draft.nodes.every((n) => n.position)) return draft;
  const positioned = new Set(draft.nodes.filter((n) => n.position).map((n) => n.id));
  const parsed = parseJourney(draft);
  const journey = parsed.ok ? parsed.journey : draft;
  return { ...journey, nodes: journey.nodes.map((n, i) => (positioned.has(n.id) ? n : { ...n, position: { x: 0, y: i * 150 } })) };
}
