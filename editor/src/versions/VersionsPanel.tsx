/** Version history: open an older version read-only, or restore it as the draft. */
import { useEffect, useState } from 'react';
import type { VersionInfo } from '../api/client.js';
import { client } from '../api/client.js';

export interface VersionsPanelProps {
  journeyId: string;
  /** Bumped after each publish so the list reloads. */
  refresh: number;
  viewing: number | undefined;
  onOpen(version: number | undefined): void;
  onRestore(version: number): void;
}

export function VersionsPanel({ journeyId, refresh, viewing, onOpen, onRestore }: VersionsPanelProps) {
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    client.versions(journeyId).then(setVersions, (e: Error) => setError(e.message));
  }, [journeyId, refresh]);
  return (
    <div className="versions" data-testid="versions">
      <h2>Versions</h2>
      {error && <div className="error">{error}</div>}
      {versions.length === 0 && <p className="muted">Not published yet.</p>}
      <ul>
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`} className={viewing === v.version ? 'current' : ''}>
            <strong>v{v.version}</strong>{' '}
            <span className="muted">
              {new Date(v.publishedAt).toLocaleString()}
              {v.publishedBy ? ` by ${v.publishedBy}` : ''}
            </span>
            <div>{v.note || <span className="muted">(no note)</span>}</div>
            <button className="link" data-testid={`version-open-${v.version}`} onClick={() => onOpen(v.version)}>
              open read-only
            </button>
            <button className="link" data-testid={`version-restore-${v.version}`} onClick={() => onRestore(v.version)}>
              restore as draft
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
