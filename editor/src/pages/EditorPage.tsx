/** Loads a journey's draft (or one of its versions, read-only) and opens the editor on it. */
import { useLayoutEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { Journey } from '@cairn/engine';
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
      if (version === undefined) return { journey: stored.draft, liveVersion: stored.liveVersion, status: stored.status };
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
