/**
 * A typed tRPC client for the pages that exist only with the API (account, suppressions and
 * delivery settings), with the same links as the rest of the editor (a refused session brings the
 * sign-in form back).
 */
import { createTRPCClient } from '@trpc/client';
import type { AppRouter } from '@cairn/api';
import { apiLinks } from './session.js';

let client: ReturnType<typeof createTRPCClient<AppRouter>> | undefined;

export function serverApi(): ReturnType<typeof createTRPCClient<AppRouter>> {
  return (client ??= createTRPCClient<AppRouter>({ links: apiLinks() }));
}
