/**
 * Node kinds to drag onto the canvas (or click to add below the selection), grouped by category,
 * with a filter box.
 */
import { useMemo, useState } from 'react';
import { glyph } from '../canvas/icons.js';
import { NODE_DRAG_TYPE } from '../canvas/Canvas.js';
import { paletteGroups } from './groups.js';

export function Palette({ onAdd, disabled }: { onAdd(type: string): void; disabled: boolean }) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return paletteGroups()
      .map((g) => ({ ...g, items: g.items.filter((k) => !f || `${k.title} ${k.description}`.toLowerCase().includes(f)) }))
      .filter((g) => g.items.length);
  }, [filter]);
  return (
    <aside className="palette" data-testid="palette">
      <input className="palette-filter" aria-label="Find a step" placeholder="Find a step…" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {groups.map((g) => (
        <section key={g.title} data-testid={`palette-group-${g.title}`}>
          <h3>{g.title}</h3>
          {g.items.map((k) => (
            <div
              key={k.key}
              className={`palette-item cat-${k.category}`}
              data-testid={`palette-${k.key}`}
              draggable={!disabled}
              title={k.description}
              onDragStart={(e) => {
                e.dataTransfer.setData(NODE_DRAG_TYPE, k.key);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onDoubleClick={() => !disabled && onAdd(k.key)}
              // Reachable by keyboard: Tab to an item, Enter (or Space) adds it as a double-click does.
              role="button"
              tabIndex={disabled ? -1 : 0}
              aria-disabled={disabled || undefined}
              onKeyDown={(e) => {
                if (disabled || (e.key !== 'Enter' && e.key !== ' ')) return;
                e.preventDefault();
                onAdd(k.key);
              }}
            >
              <span className="pi-icon">{glyph(k.icon)}</span>
              <span className="pi-text">
                <strong>{k.title}</strong>
                <small>{k.description}</small>
              </span>
            </div>
          ))}
        </section>
      ))}
    </aside>
  );
}
