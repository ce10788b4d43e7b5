/** The account page: change your password; admins also manage the workspace's users and API keys. */
import { useEffect, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi as api } from '../api/server.js';
import { changePassword, readable, useSession } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import { Feedback } from '../pages/Feedback.js';
import { ApiKeys } from './ApiKeys.js';

export function AccountPage() {
  const session = useSession();
  return (
    <div className="page account-page" data-testid="account-page">
      <PageHeader title="Account">
        {session.status === 'signed-in' && (
          <span className="muted">
            {session.user.email} · {session.user.role}
          </span>
        )}
      </PageHeader>
      <div className="account-body">
        {session.status === 'local' && <p className="muted">The stand-alone editor has no accounts: start the API (npm start) to sign in.</p>}
        {session.status === 'signed-in' && <PasswordForm />}
        {session.status === 'signed-in' && session.user.role === 'admin' && <Users me={session.user.id} />}
        {session.status === 'signed-in' && session.user.role === 'admin' && <ApiKeys />}
      </div>
    </div>
  );
}

function PasswordForm() {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const next = String(data.get('next'));
    if (next !== String(data.get('again'))) return setMessage({ ok: false, text: 'the two new passwords differ' });
    try {
      const ended = await changePassword(String(data.get('current')), next);
      form.reset();
      setMessage({ ok: true, text: `Password changed${ended ? `; signed out of ${ended} other session${ended > 1 ? 's' : ''}` : ''}.` });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <section>
      <h2>Change your password</h2>
      <form className="stack-form" onSubmit={(e) => void submit(e)} data-testid="password-form">
        <label>
          Current password <input type="password" name="current" autoComplete="current-password" required />
        </label>
        <label>
          New password <input type="password" name="next" autoComplete="new-password" minLength={10} required />
        </label>
        <label>
          New password again <input type="password" name="again" autoComplete="new-password" required />
        </label>
        <button className="primary" type="submit">
          Change password
        </button>
        {message && (
          <p className={message.ok ? 'ok' : 'error'} data-testid="password-message">
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}

type UserRow = RouterOutputs['users']['list'][number];

function Users({ me }: { me: string }) {
  const [users, setUsers] = useState<UserRow[]>();
  const [error, setError] = useState('');
  const load = () => api().users.list.query().then(setUsers, (e: unknown) => setError(readable(e)));
  useEffect(() => void load(), []);
  const act = async (fn: () => Promise<unknown>) => {
    setError('');
    await fn().then(load, (e: unknown) => setError(readable(e)));
  };
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    await act(async () => {
      await api().users.create.mutate({ email: String(d.get('email')), name: String(d.get('name')), password: String(d.get('password')), role: d.get('role') === 'admin' ? 'admin' : 'member' });
      form.reset();
    });
  };
  return (
    <section>
      <h2>Users</h2>
      <Feedback error={error} errorId="users-error" />
      <table className="journeys" data-testid="users-table">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Last sign-in</th>
            <th>Sessions</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>
                <select value={u.role} disabled={u.id === me} onChange={(e) => void act(() => api().users.setRole.mutate({ id: u.id, role: e.target.value === 'admin' ? 'admin' : 'member' }))}>
                  <option value="member">member</option>
                  <option value="admin">admin</option>
                </select>
              </td>
              <td>{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString() : 'never'}</td>
              <td>{u.sessions}</td>
              <td>
                {u.id !== me && (
                  <>
                    <button
                      className="link"
                      onClick={() => {
                        const pw = window.prompt(`New password for ${u.email} (at least 10 characters). Their sessions end.`);
                        if (pw) void act(() => api().users.resetPassword.mutate({ id: u.id, password: pw }));
                      }}
                    >
                      Reset password
                    </button>
                    <button className="link danger" onClick={() => window.confirm(`Remove ${u.email}?`) && void act(() => api().users.remove.mutate({ id: u.id }))}>
                      Remove
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="row add-user" onSubmit={(e) => void add(e)} data-testid="add-user">
        <input name="email" type="email" placeholder="email" required />
        <input name="name" placeholder="name" />
        <input name="password" type="password" placeholder="first password (10+ characters)" autoComplete="new-password" required />
        <select name="role" defaultValue="member">
          <option value="member">member</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit">Add user</button>
      </form>
      <p className="muted small">Tell the person their first password; they change it here after signing in.</p>
    </section>
  );
}
