/**
 * A TestWorkflowEnvironment with time skipping, connected to a test server we started ourselves
 * (see tools.ts for why). `TestWorkflowEnvironment.create` is the SDK's own constructor path for
 * an existing server; only `createFromExistingServer` is public and it turns time skipping off.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingServer, type RunningServer } from './tools.js';

type CreateFn = (opts: {
  server: { type: 'existing' };
  address: string;
  namespace: string;
  supportsTimeSkipping: boolean;
  connectionOptions?: object;
}) => Promise<TestWorkflowEnvironment>;

export interface TimeSkippingEnv {
  env: TestWorkflowEnvironment;
  server: RunningServer;
  teardown(): Promise<void>;
}

export async function timeSkippingEnv(): Promise<TimeSkippingEnv> {
  const server = await startTimeSkippingServer();
  const create = (TestWorkflowEnvironment as unknown as { create: CreateFn }).create.bind(TestWorkflowEnvironment);
  const env = await create({ server: { type: 'existing' }, address: server.address, namespace: 'default', supportsTimeSkipping: true });
  // Started with --enable-time-skipping, the server skips to the next timer whenever it sees no
  // lock, racing the worker. Locked, server time follows real time and moves ahead only when a
  // test says so (env.sleep: unlock for exactly that long).
  await env.connection.testService?.lockTimeSkipping({});
  return {
    env,
    server,
    teardown: async () => {
      await env.teardown();
      await server.stop();
    },
  };
}
