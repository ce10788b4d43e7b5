/**
 * A side panel of the editor (the palette, the inspector) that can fold to a narrow rail, to give
 * the canvas the room at 1280x720. The choice is kept per panel in this browser.
 */
import { useState, type ReactNode } from 'react';

const key = (name: string) => `cairn.panel.${name}.collapsed`;

function remembered(name: string): boolean {
  try {
    return localStorage.getItem(key(name)) === '1';
  } catch {
    return false; // storage blocked: panels open
  }
}

export function Collapsible({ name, side, title, children }: { name: string; side: 'left' | 'right'; title: string; children: ReactNode }) {
  const [collapsed, setCollapsed] = useState(() => remembered(name));
  const set = (v: boolean) => {
    setCollapsed(v);
    try {
      localStorage.setItem(key(name), v ? '1' : '0');
    } catch {
      // not kept: still folds for this visit
    }
  };
  if (collapsed) {
    return (
      <div className={`panel-rail ${side}`} data-testid={`rail-${name}`}>
        <button aria-label={`Show ${title}`} title={`Show ${title}`} aria-expanded={false} data-testid={`expand-${name}`} onClick={() => set(false)}>
          {side === 'left' ? '»' : '«'}
          <span className="rail-title">{title}</span>
        </button>
      </div>
    );
  }
  return (
    <div className={`panel-wrap ${side}`}>
      {children}
      <button className="panel-collapse" aria-label={`Hide ${title}`} title={`Hide ${title}`} aria-expanded data-testid={`collapse-${name}`} onClick={() => set(true)}>
        {side === 'left' ? '«' : '»'}
      </button>
    </div>
  );
}
