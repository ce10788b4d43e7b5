/**
 * A sales team's chat: one message to a Slack-compatible incoming webhook (Slack documents
 * `POST <webhook URL>` with `{"text": ...}`, answered 200 "ok"; Mattermost, Rocket.Chat and Google
 * Chat take the same body). Throws with the answer on anything but a 2xx, so the caller records why.
 */
import { signedFetch } from '../delivery/http.js';

export async function postToTeamChat(url: string, idempotencyKey: string, text: string): Promise<void> {
  const res = await signedFetch({ url, method: 'POST', body: JSON.stringify({ text }), idempotencyKey, timeoutMs: 10_000 });
  if (!res.ok) throw new Error(`team chat answered ${res.status}: ${res.body.slice(0, 200) || '(no body)'}`);
}
