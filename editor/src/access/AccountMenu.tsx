/** Who is signed in, with the account page, the Channels page for admins, and sign-out (nothing in the stand-alone editor). */
import { signOut, useSession } from '../api/session.js';

export function AccountMenu() {
  const session = useSession();
  if (session.status !== 'signed-in') return null;
  return (
    <span className="account-menu" data-testid="account-menu">
      {session.user.role === 'admin' && (
        <a href="#/channels" data-testid="channels-link" title="Where each channel's messages go">
          Channels
        </a>
      )}
      <a href="#/account" data-testid="account-link" title="Your account">
        {session.user.name || session.user.email}
      </a>
      <button className="link" data-testid="sign-out" onClick={() => void signOut()}>
        Sign out
      </button>
    </span>
  );
}
