/**
 * "Who we must not contact, and how often we may": the suppression list (search, add, lift with a
 * reason, CSV import with per-row errors) and the workspace's delivery settings (time zone, quiet
 * hours, frequency caps, consent topics). Both apply to the next send of every journey. API only.
 */
import { useState } from 'react';
import { useSession } from '../api/session.js';
import { SettingsForm } from './SettingsForm.js';
import { SuppressionsPanel } from './SuppressionsPanel.js';
import { PageHeader } from '../pages/PageHeader.js';

export function PolicyPage() {
  const session = useSession();
  const [tab, setTab] = useState<'suppressions' | 'settings'>('suppressions');
  return (
    <div className="page policy-page" data-testid="policy-page">
      <PageHeader title="Delivery policy">
        <nav className="tabs inline">
          <button className={tab === 'suppressions' ? 'on' : ''} data-testid="policy-tab-suppressions" onClick={() => setTab('suppressions')}>
            Suppressions
          </button>
          <button className={tab === 'settings' ? 'on' : ''} data-testid="policy-tab-settings" onClick={() => setTab('settings')}>
            Quiet hours, caps and topics
          </button>
        </nav>
      </PageHeader>
      <div className="account-body">
        {session.status === 'local' ? (
          <p className="muted">Suppressions and delivery settings live on the server: start the API (npm start).</p>
        ) : tab === 'suppressions' ? (
          <SuppressionsPanel by={session.status === 'signed-in' ? session.user.email : ''} />
        ) : (
          <SettingsForm />
        )}
      </div>
    </div>
  );
}
