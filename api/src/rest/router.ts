/**
 * The REST API's procedures (served at /api by trpc-to-openapi, described by /api/openapi.json).
 * Not part of AppRouter: the editor keeps its tRPC calls, engineers get this stable surface.
 */
import { router } from '../trpc.js';
import { restConsents } from './consents.js';
import { restCustomers } from './customers.js';
import { restJourneys } from './journeys.js';
import { restResults } from './results.js';
import { restSuppressions } from './suppressions.js';

export const restRouter = router({
  journeys: restJourneys,
  customers: restCustomers,
  suppressions: restSuppressions,
  policy: restConsents,
  results: restResults,
});
