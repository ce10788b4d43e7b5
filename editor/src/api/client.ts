/**
 * The one place that decides how the editor reaches the server. Everything else imports
 * `client` and the types from here. `initClient()` starts at load, in parallel with the first
 * render; pages await `clientReady` before their first call. It uses the API when one answers at
 * /trpc (the API serves the editor), else drafts in this browser. `?api=local` or `?api=server`
 * in the URL forces the choice. Against the API, `clientReady` waits until somebody is signed in
 * (see session.ts), so no page calls the API before that.
 */
import { registerRemoteExtensions } from '@cairn/core';
import { localClient } from './local.js';
import { checkSession, onSignedIn, sessionState, standAlone } from './session.js';
import { trpcClient } from './trpc.js';
import type { CairnClient } from './types.js';

export type {
  CairnClient, CustomerSample, CustomerView, TimelineItem, JourneyStatus, JourneySummary, LiveAction, NodeCounts, RouterInputs, RouterOutputs, PublishedInfo, StoredJourney, VersionInfo, WaitingCustomers, MovePreview,
} from './types.js';

export let client: CairnClient = localClient();

let resolveReady: (c: CairnClient) => void = () => undefined;
/** Resolves once `client` is the one to use. */
export const clientReady = new Promise<CairnClient>((ok) => (resolveReady = ok));

export async function initClient(): Promise<CairnClient> {
  const forced = new URLSearchParams(window.location.search).get('api');
  const server = forced === 'local' ? false : await checkSession();
  if (!server) {
    standAlone();
    client = localClient();
    resolveReady(client);
    return client;
  }
  client = trpcClient();
  const ready = () => void withServerExtensions(client).then(() => resolveReady(client));
  if (sessionState().status === 'signed-in') ready();
  else {
    const stop = onSignedIn(() => {
      stop();
      ready();
    });
  }
  return client;
}

/**
 * Registers the server's custom actions, conditions and triggers this build lacks (an engineer's
 * CAIRN_ACTIONS module, added without rebuilding the editor), before any page reads the registry.
 * The editor works without them when the server cannot say (older server, network error).
 */
async function withServerExtensions(c: CairnClient): Promise<void> {
  try {
    const { skipped } = registerRemoteExtensions(await c.extensions());
    for (const s of skipped) console.warn(`extension ${s.type} left out: ${s.reason}`);
  } catch (err) {
    console.warn(`the server's extensions could not be read: ${(err as Error).message}`);
  }
}
