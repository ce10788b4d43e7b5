/**
 * Under a message step, with the API: "Preview" (an email as its recipient sees it: the HTML an
 * MJML body becomes, desktop and mobile side by side, and the plain-text part) and "Send a test
 * to me" (the step rendered for the sample customer, through the delivery path, to your own
 * address). Nothing here in the stand-alone editor.
 */
import { useEffect, useRef, useState } from 'react';
import { definitionOf, messageSpecOf, type JourneyNode } from '@cairn/core';
import type { RouterOutputs } from '../api/client.js';
import { serverApi as api } from '../api/server.js';
import { readable, useSession } from '../api/session.js';
import './message-test.css';

type Preview = RouterOutputs['channels']['previewEmail'];

const TO_LABEL: Record<string, string> = { sms: 'Your phone', push: 'Your push subscription (JSON)', chat: 'Your chat id' };

export function MessageTest({ node, sample }: { node: JourneyNode; sample: Record<string, unknown> }) {
  const session = useSession();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState<'send' | 'preview' | undefined>();
  const [result, setResult] = useState<{ ok?: string; error?: string }>({});
  const [preview, setPreview] = useState<Preview>();
  const channel = messageSpecOf(definitionOf(node.type))?.channel;
  if (session.status !== 'signed-in' || !channel) return null;
  const me = session.user.email;

  const send = async () => {
    setBusy('send');
    setResult({});
    try {
      const r = await api().channels.sendTest.mutate({ node, sample, ...(channel === 'email' ? {} : { to: to.trim() }) });
      if (r.status !== 'sent') setResult({ error: `Not sent (${r.status}): ${r.reason}` });
      else if (r.provider === 'log') setResult({ ok: `Recorded by the log provider: nothing left Cairn (an admin chooses the ${channel} provider under Channels).` });
      else setResult({ ok: `Sent by ${r.provider} to ${r.to}.` });
    } catch (e) {
      setResult({ error: readable(e) });
    } finally {
      setBusy(undefined);
    }
  };
  const open = async () => {
    setBusy('preview');
    setResult({});
    try {
      setPreview(await api().channels.previewEmail.mutate({ node, sample }));
    } catch (e) {
      setResult({ error: readable(e) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="field message-test" data-testid="message-test">
      <label className="field-label">Try it</label>
      {channel !== 'email' && (
        <input placeholder={TO_LABEL[channel]} aria-label={TO_LABEL[channel]} value={to} onChange={(e) => setTo(e.target.value)} data-testid="message-test-to" />
      )}
      <div className="message-test-actions">
        {channel === 'email' && (
          <button onClick={() => void open()} disabled={busy !== undefined} data-testid="message-preview">
            {busy === 'preview' ? 'Rendering…' : 'Preview'}
          </button>
        )}
        <button onClick={() => void send()} disabled={busy !== undefined || (channel !== 'email' && to.trim().length < 3)} data-testid="message-test-send" title={channel === 'email' ? `to ${me}` : undefined}>
          {busy === 'send' ? 'Sending…' : channel === 'email' ? `Send a test to ${me}` : 'Send a test to me'}
        </button>
      </div>
      {result.ok && (
        <p className="ok" data-testid="message-test-ok">
          {result.ok}
        </p>
      )}
      {result.error && (
        <p className="error" role="alert" data-testid="message-test-error">
          {result.error}
        </p>
      )}
      {preview && <EmailPreview preview={preview} onClose={() => setPreview(undefined)} />}
    </div>
  );
}

/** The email as it arrives: subject and preview line, then desktop and mobile widths, and the text part. */
function EmailPreview({ preview, onClose }: { preview: Preview; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    // Escape closes it through `onCancel`; no `onClose` handler: the cleanup's close() (StrictMode
    // runs effects twice) must not read as the user closing it.
    <dialog
      ref={ref}
      className="email-preview"
      aria-labelledby="email-preview-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="email-preview"
    >
      <header>
        <div>
          <h2 id="email-preview-title">{preview.subject || '(no subject)'}</h2>
          {preview.preheader && <p className="muted">{preview.preheader}</p>}
        </div>
        <button onClick={onClose} data-testid="email-preview-close">
          Close
        </button>
      </header>
      <div className="email-preview-panes">
        {preview.html ? (
          <>
            <figure>
              <figcaption>Desktop</figcaption>
              {/* sandbox="": no scripts, no forms, no navigation from inside the preview. */}
              <iframe title="Desktop preview" sandbox="" srcDoc={preview.html} className="desktop" data-testid="email-preview-desktop" />
            </figure>
            <figure>
              <figcaption>Mobile</figcaption>
              <iframe title="Mobile preview" sandbox="" srcDoc={preview.html} className="mobile" data-testid="email-preview-mobile" />
            </figure>
          </>
        ) : null}
        <figure className="text">
          <figcaption>Plain text{preview.html ? ' (generated)' : ''}</figcaption>
          <pre data-testid="email-preview-text">{preview.text}</pre>
        </figure>
      </div>
    </dialog>
  );
}
