/**
 * The sign-in form: a whole page before anybody is signed in, or a dialog over the current page
 * when a session ends mid-work (the page underneath keeps its unsaved changes).
 */
import { useState, type FormEvent } from 'react';
import { signIn } from '../api/session.js';

export function SignIn({ overlay = false, email: knownEmail = '' }: { overlay?: boolean; email?: string }) {
  const [email, setEmail] = useState(knownEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await signIn(email, password);
    } catch (err) {
      setError((err as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  const form = (
    <form className="sign-in" data-testid="sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{overlay ? 'Your session ended' : 'Sign in to Cairn'}</h1>
      {overlay && <p className="muted">Sign in again to keep working: nothing on this page was lost.</p>}
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required autoFocus={!knownEmail} value={email} onChange={(e) => setEmail(e.target.value)} data-testid="sign-in-email" />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required autoFocus={Boolean(knownEmail)} value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy} data-testid="sign-in-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {!overlay && <p className="muted small">The first admin’s password is printed by <code>npm start</code> on the first start.</p>}
    </form>
  );
  return overlay ? (
    <div className="modal-backdrop" role="dialog" aria-modal="true">
      {form}
    </div>
  ) : (
    <div className="sign-in-page">{form}</div>
  );
}
