// After a failed `turbo run ... --continue`, prints what failed at the end of the log, where CI
// shows it: turbo's "Failed:" tasks, then each failed task's vitest failures and its last lines.
// Usage: node scripts/ci/digest.mjs <log file>
import { readFileSync } from 'node:fs';

const strip = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');
const lines = strip(readFileSync(process.argv[2], 'utf8')).split('\n');
const failedLine = lines.findLast((l) => /^\s*Failed:/.test(l));
const tasks = failedLine ? failedLine.replace(/^\s*Failed:\s*/, '').split(/,\s*/).filter(Boolean) : [];
const noise = /Worker state changed|sdkComponent|taskQueue|state: '|^\S+:\s*[{}]\s*$/;

console.log('\n=== ci digest: what failed ===');
if (!tasks.length) {
  console.log('no "Failed:" line from turbo; the last 60 lines:');
  console.log(lines.slice(-60).join('\n'));
}
for (const task of tasks) {
  const [pkg, script] = task.split('#');
  const prefix = `${pkg}:${script}:`;
  const own = lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length)).filter((l) => !noise.test(l));
  const failures = own.filter((l) => /FAIL|✗|×|Error|AssertionError|timed out|exited/.test(l));
  console.log(`\n--- ${task}: ${failures.length} failure line(s) ---`);
  console.log(failures.slice(0, 60).join('\n'));
  console.log(`--- ${task}: last 80 lines ---`);
  console.log(own.slice(-80).join('\n'));
}
