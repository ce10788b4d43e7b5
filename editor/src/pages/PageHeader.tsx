/** The top bar of the secondary pages (customer, account, policy): back to the journeys, a title, extras. */
import type { ReactNode } from 'react';

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="topbar">
      <a href="#/" className="home">
        ◀ Journeys
      </a>
      <h1>{title}</h1>
      {children}
    </header>
  );
}
