/**
 * `npm run worker`: runs journey workflows and activities against an existing Temporal server and
 * PostgreSQL (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE; TLS via
 * TEMPORAL_TLS / TEMPORAL_TLS_CERT+KEY / TEMPORAL_API_KEY). Scale out by running more of them.
 * Ctrl-C (SIGINT) or SIGTERM drains in-flight tasks and exits.
 */
import { createDb } from '@cairn/db';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { webhookSecret } from '../delivery/from-env.js';
import { loadAppActions } from '../plugins/app-actions.node.js';
import { defaultLinkConfig } from '../policy/links.node.js';
import { createChannels } from '../providers/channels.js';
import { publicUrlOf } from '../providers/public-url.js';
import { actionSecretOf, parseWorkerEnv, tlsOf } from './env.js';
import { createWorker } from './worker.js';

async function main(): Promise<void> {
  const env = parseWorkerEnv(process.env);
  // Custom actions from outside the repository (CAIRN_ACTIONS), before any journey is read.
  await loadAppActions(env);
  const db = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_SIZE });
  const connection = await NativeConnection.connect({
    address: env.TEMPORAL_ADDRESS,
    tls: await tlsOf(env),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  });
  // Which provider carries each channel: the Channels page's choices (read per send), else the environment.
  const channels = createChannels({ db, env, publicUrl: publicUrlOf(env) });
  const worker = await createWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ db, providers: channels.providers, webhookSecret: webhookSecret(env), links: defaultLinkConfig(db, env), secret: actionSecretOf(env) }),
    tuning: { maxConcurrentActivityTaskExecutions: env.WORKER_ACTIVITY_CONCURRENCY },
  });
  const carried = Object.entries(await channels.providers()).map(([ch, p]) => `${ch}=${p.name}`).join(' ');
  console.log(`cairn worker: ${env.TEMPORAL_ADDRESS} namespace=${env.TEMPORAL_NAMESPACE} queue=${env.TEMPORAL_TASK_QUEUE} providers: ${carried}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
    await channels.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
