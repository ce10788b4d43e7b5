/** Every problem in the journey; clicking one selects (and shows) the step it is about. */
import type { Problem } from '@cairn/core';

export function ProblemsPanel({ problems, onPick }: { problems: readonly Problem[]; onPick(nodeId: string): void }) {
  if (problems.length === 0) {
    return (
      <div className="problems ok" data-testid="problems">
        No problems: this journey can be published.
      </div>
    );
  }
  return (
    <ul className="problems" data-testid="problems">
      {problems.map((p, i) => (
        <li
          key={i}
          className={`problem ${p.severity}`}
          data-testid="problem"
          data-code={p.code}
          data-node={p.nodeId ?? ''}
          onClick={() => p.nodeId && onPick(p.nodeId)}
        >
          <span className="sev">{p.severity === 'error' ? '⛔' : '⚠️'}</span> {p.message}
        </li>
      ))}
    </ul>
  );
}
