/**
 * Journey JSON in and out. Import validates with the journey schema and lists every problem
 * with its path; the pasted text stays in the box until it is fixed, so nothing is lost.
 */
import { useState } from 'react';
import type { Journey, SchemaProblem } from '@cairn/core';
import { parseJourney } from '@cairn/core';

export function ImportBox({ onImport }: { onImport(j: Journey): void | Promise<void> }) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<SchemaProblem[]>([]);
  const submit = () => {
    const res = parseJourney(text);
    if (!res.ok) {
      setProblems(res.problems);
      return;
    }
    setProblems([]);
    void onImport(res.journey);
  };
  return (
    <div className="import-box" data-testid="import-box">
      <textarea
        rows={10}
        data-testid="import-text"
        placeholder="Paste journey JSON here, or choose a file"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row">
        <input
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          onChange={(e) => void e.target.files?.[0]?.text().then(setText)}
        />
        <button className="primary" data-testid="import-submit" onClick={submit}>
          Import
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="problems" data-testid="import-problems">
          {problems.map((p, i) => (
            <li key={i} className="problem error">
              <code>{p.path || '(journey)'}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Downloads the journey as a .json file. */
export function downloadJourney(j: Journey): void {
  const blob = new Blob([JSON.stringify(j, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${j.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
