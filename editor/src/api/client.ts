/**
 * The one place that decides how the editor reaches the server. Everything else imports
 * `client` and the types from here.
 */
import { localClient } from './local.js';
import type { CairnClient } from './types.js';

export type { CairnClient, CustomerSample, JourneyStatus, JourneySummary, NodeCounts, StoredJourney, VersionInfo } from './types.js';
export { ZERO_COUNTS } from './types.js';

export const client: CairnClient = localClient();
