/**
 * What production's delivery policy knows about a real customer, read from the API for the test
 * panel: the workspace's settings (quiet hours, caps, topics), their consent records and the
 * messages they were sent lately (caps count them). Suppressions travel separately (the panel's
 * "Refused" boxes, which the marketer may change). Undefined without a server, or when it fails:
 * the test then runs as for a made-up customer.
 */
import { PolicySettings, type Channel, type SimPolicy } from '@cairn/core';
import { client } from '../api/client.js';
import { serverApi } from '../api/server.js';

/** The longest cap window this reads back for (the workspace's caps are days or weeks). */
const SENDS_READ = 500;

export async function policyFacts(customerId: string): Promise<SimPolicy | undefined> {
  if (client.kind !== 'server') return undefined;
  try {
    const api = serverApi();
    const [settings, consents, timeline] = await Promise.all([
      api.policy.settings.query(),
      api.policy.consents.query({ customerId }),
      api.customers.timeline.query({ id: customerId, limit: SENDS_READ }),
    ]);
    return {
      settings: PolicySettings.parse(settings),
      suppressions: [],
      consents: consents.map((c) => ({ topic: c.topic, channel: c.channel as Channel | 'all', status: c.status as 'granted' | 'refused', at: new Date(c.createdAt).getTime() })),
      recentSends: timeline.messages
        .filter((m) => m.status === 'sent' || m.status === 'claimed')
        .map((m) => ({ at: new Date(m.createdAt).getTime(), channel: m.channel as Channel, topic: m.topic ?? null })),
    };
  } catch {
    return undefined;
  }
}
