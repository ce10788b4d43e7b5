/**
 * The Channels page (#/channels, admins): which provider carries each channel, its settings (the
 * form is built from the provider's settings schema), the inbound URLs to give the vendor, and
 * "send a test to me" through the delivery path. Secrets never appear here: providers read them
 * from the server's environment, and the page says which ones are missing.
 */
import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi as api } from '../api/server.js';
import { readable, useSession } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';
import { PageHeader } from '../pages/PageHeader.js';
import { SettingsFields, type JsonSchema } from './SettingsFields.js';
import './channels.css';

type Listing = RouterOutputs['channels']['list'];
type ChannelState = Listing['channels'][number];

/** Chat apps as their makers write them (a chat step's `app`). */
const APP_TITLE: Record<string, string> = { zalo: 'Zalo', whatsapp: 'WhatsApp', wechat: 'WeChat', messenger: 'Messenger', line: 'LINE', telegram: 'Telegram' };

const CHANNEL_TITLE: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push', chat: 'Chat' };
const TEST_TO: Record<string, string> = { email: 'Your email', sms: 'Your phone (E.164, e.g. +84901234567)', push: 'Your push subscription (JSON)', chat: 'Your chat id' };

export function ChannelsPage() {
  const session = useSession();
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState('');
  const admin = session.status === 'signed-in' && session.user.role === 'admin';
  const load = () => api().channels.list.query().then(setListing, (e: unknown) => setError(readable(e)));
  useEffect(() => {
    if (admin) void load();
  }, [admin]);
  return (
    <div className="page channels-page" data-testid="channels-page">
      <PageHeader title="Channels">
        <span className="muted">where each channel’s messages go</span>
      </PageHeader>
      <div className="account-body">
        {session.status === 'local' && <p className="muted">Channels live on the server: start the API (npm start).</p>}
        {session.status === 'signed-in' && !admin && <p className="muted">Only an admin can see and change the channels.</p>}
        <Feedback error={error} errorId="channels-error" />
        {listing && (
          <div className="channel-grid">
            {listing.channels.map((c) => (
              <ChannelCard key={`${c.channel}:${c.provider}:${JSON.stringify(c.settings)}`} state={c} me={listing.me.email} onSaved={load} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function ChannelCard({ state, me, onSaved }: { state: ChannelState; me: string; onSaved: () => Promise<unknown> }) {
  const [provider, setProvider] = useState(state.provider);
  const [settings, setSettings] = useState<Record<string, unknown>>(state.settings);
  const [saving, setSaving] = useState(false);
  const [feedback, setFeedback] = useState<{ ok?: string; error?: string }>({});
  const option = state.options.find((o) => o.name === provider);
  const changed = provider !== state.provider || JSON.stringify(settings) !== JSON.stringify(state.settings);
  const save = async () => {
    setSaving(true);
    setFeedback({});
    try {
      await api().channels.update.mutate({ channel: state.channel, provider, settings });
      await onSaved();
    } catch (e) {
      setFeedback({ error: readable(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="channel-card" data-testid={`channel-${state.channel}`}>
      <header>
        <h2>{CHANNEL_TITLE[state.channel] ?? state.channel}</h2>
        <span className={`badge ${state.configured && !state.problem ? 'on' : 'off'}`} data-testid={`channel-${state.channel}-status`}>
          {state.problem ? 'settings not valid' : state.configured ? `${state.title} · ${state.source === 'saved' ? 'chosen here' : state.source === 'environment' ? 'from the environment' : 'default'}` : `${state.title} · needs ${state.missingEnv.join(', ')}`}
        </span>
      </header>
      {state.problem && <p className="error">{state.problem}</p>}
      <label className="field">
        Provider
        <select
          value={provider}
          data-testid={`channel-${state.channel}-provider`}
          onChange={(e) => {
            setProvider(e.target.value);
            setSettings(e.target.value === state.provider ? state.settings : {});
          }}
        >
          {state.options.map((o) => (
            <option key={o.name} value={o.name}>
              {o.title}
              {o.configured ? '' : ` (needs ${o.missingEnv.join(', ')})`}
            </option>
          ))}
        </select>
      </label>
      {option?.description && <p className="muted small">{option.description}</p>}
      {state.routes.length > 0 && (
        <div className="muted small" data-testid={`channel-${state.channel}-routes`}>
          {state.routes.map((r) => (
            <p key={r.app}>
              {APP_TITLE[r.app] ?? r.app} steps go through {r.title} (from the environment):{' '}
              {Object.entries(r.inboundUrls).map(([hook, url]) => (
                <code key={hook} data-testid={`channel-${state.channel}-route-${r.app}-url-${hook}`}>
                  {url}
                </code>
              ))}
            </p>
          ))}
        </div>
      )}
      {option && <SettingsFields schema={option.settingsSchema as JsonSchema} value={settings} onChange={setSettings} idPrefix={`channel-${state.channel}`} />}
      <div className="row-actions">
        <button className="primary" disabled={!changed || saving} onClick={() => void save()} data-testid={`channel-${state.channel}-save`}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        {changed && (
          <button className="link" onClick={() => (setProvider(state.provider), setSettings(state.settings))}>
            Undo changes
          </button>
        )}
      </div>
      <Feedback error={feedback.error} ok={feedback.ok} errorId={`channel-${state.channel}-error`} />
      {Object.keys(state.inboundUrls).length > 0 && (
        <details className="inbound" open={state.source !== 'default'}>
          <summary>Give these URLs to {state.title}</summary>
          <dl>
            {Object.entries(state.inboundUrls).map(([hook, url]) => (
              <div key={hook}>
                <dt>{hook}</dt>
                <dd>
                  <code data-testid={`channel-${state.channel}-url-${hook}`}>{url}</code>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <TestSend state={state} me={me} disabled={changed} />
    </section>
  );
}

function TestSend({ state, me, disabled }: { state: ChannelState; me: string; disabled: boolean }) {
  const [to, setTo] = useState(state.channel === 'email' ? me : '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok?: string; error?: string }>({});
  const send = async () => {
    setBusy(true);
    setResult({});
    try {
      const r = await api().channels.sendTest.mutate({ channel: state.channel, to: to.trim() });
      if (r.status === 'sent' && r.provider === 'log') setResult({ ok: `Recorded by the log provider: nothing left Cairn (choose a provider above to send it).` });
      else if (r.status === 'sent') setResult({ ok: `Sent by ${r.provider ?? state.provider} to ${r.to}.` });
      else setResult({ error: `Not sent (${r.status}): ${r.reason}` });
    } catch (e) {
      setResult({ error: readable(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="test-send">
      <label className="field">
        {TEST_TO[state.channel]}
        <input value={to} onChange={(e) => setTo(e.target.value)} data-testid={`channel-${state.channel}-test-to`} />
      </label>
      <button disabled={busy || disabled || to.trim().length < 3} title={disabled ? 'Save the changes first' : undefined} onClick={() => void send()} data-testid={`channel-${state.channel}-test`}>
        {busy ? 'Sending…' : 'Send a test to me'}
      </button>
      <Feedback error={result.error} ok={result.ok} errorId={`channel-${state.channel}-test-error`} okId={`channel-${state.channel}-test-ok`} />
    </div>
  );
}
