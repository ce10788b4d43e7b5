/**
 * A small palette in a popover: the steps that can go in the middle of a connection (anything
 * with an input), filtered as you type. Enter picks the first match, Escape closes; every item is
 * a button, so Tab and Enter work as well.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { glyph } from '../canvas/icons.js';
import { acceptsInput } from '../state/ops.js';
import { paletteGroups } from './groups.js';

export function StepPicker({ onPick, onClose }: { onPick(key: string): void; onClose(): void }) {
  const [filter, setFilter] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Opens downwards, or upwards when the canvas has no room below (a step near its bottom edge).
  const [up, setUp] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    const frame = el?.closest('.react-flow')?.getBoundingClientRect();
    if (el && frame && el.getBoundingClientRect().bottom > frame.bottom) setUp(true);
  }, []);
  useEffect(() => input.current?.focus({ preventScroll: true }), []);
  const items = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return paletteGroups()
      .flatMap((g) => g.items)
      .filter((k) => acceptsInput(k.key.split(':')[0] ?? k.key) && (!f || `${k.title} ${k.description}`.toLowerCase().includes(f)));
  }, [filter]);
  return (
    <div
      ref={box}
      className={up ? 'step-picker up nodrag nopan nowheel' : 'step-picker nodrag nopan nowheel'}
      role="dialog"
      aria-label="Insert a step"
      data-testid="step-picker"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        ref={input}
        aria-label="Find a step to insert"
        placeholder="Insert a step…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && items[0]) {
            e.preventDefault();
            onPick(items[0].key);
          }
        }}
      />
      <ul>
        {items.map((k) => (
          <li key={k.key}>
            <button type="button" className={`cat-${k.category}`} data-testid={`pick-${k.key}`} title={k.description} onClick={() => onPick(k.key)}>
              <span className="pi-icon">{glyph(k.icon)}</span> {k.title}
            </button>
          </li>
        ))}
        {items.length === 0 && <li className="muted">No step matches “{filter}”.</li>}
      </ul>
    </div>
  );
}
