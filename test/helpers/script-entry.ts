/**
 * TEST-ONLY entry: `node test/helpers/script-entry.ts SCRIPT [args…]` runs an
 * entry script's `main` with the test switches (GitHub impatient, no waiting),
 * the way `if (import.meta.main) await runMain(main)` runs it with PRODUCTION.
 * SCRIPT is a path (a copied checkout's scripts/audit.ts) or a name under this
 * repository's scripts/. Its own run-main.ts is used, so its own UserError is
 * the one recognised.
 */
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Switches } from '../../src/adapters/switches.ts';

/** GitHub's fake answers at once and is never rate-limited for real; retries need not wait. */
const TEST_SWITCHES: Switches = {
  patient: false,
  sleep: async () => {},
  // A test that wants a few files checked on worker threads says so (test code may read the environment; production code may not).
  ...(process.env.TEST_CHECK_PER_THREAD ? { perThread: Number(process.env.TEST_CHECK_PER_THREAD) } : {}),
};

const script = process.argv[2];
if (!script) throw new Error('usage: node test/helpers/script-entry.ts SCRIPT [args…]');
const path = isAbsolute(script) ? script : join(import.meta.dirname, '../../scripts', script);
// The script reads its arguments from process.argv as if it were the entry itself.
process.argv.splice(1, 2, path);
const { main } = (await import(pathToFileURL(path).href)) as { main?: unknown };
if (typeof main === 'function') {
  const { runMain } = (await import(
    pathToFileURL(join(path, '../lib/run-main.ts')).href
  )) as typeof import('../../scripts/lib/run-main.ts');
  await runMain(main as Parameters<typeof runMain>[0], TEST_SWITCHES);
}
// A script still in the older shape (a top-level `await runMain(...)`, no `main`) ran with production switches when it was imported.
