/**
 * npm run notify -- --before SHA --after SHA [--now ISO] [--dry-run] [--format text|json] [--commit]
 * What one push changed, notified now: the same plan as `sla`, limited to the
 * incidents the push added or modified.
 */
import { changedIncidentFiles } from '../src/adapters/git.ts';
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { UserError } from '../src/core/errors.ts';
import { incidentIdOf } from '../src/core/incident/paths.ts';
import { engineRun } from './lib/engine-run.ts';
import { readArgs } from './lib/args.ts';
import { resolveNow, runMain } from './lib/run-main.ts';

const USAGE = 'usage: npm run notify -- --before SHA --after SHA [--now ISO] [--dry-run] [--format text|json] [--commit]';

export async function main(switches: Switches): Promise<number> {
  const { values } = readArgs({ before: { type: 'string' }, after: { type: 'string' }, now: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string', default: 'text' }, commit: { type: 'boolean' } }, USAGE);
  if (!values.before || !values.after) throw new UserError('usage: npm run notify -- --before SHA --after SHA [--now ISO] [--dry-run] [--format text|json]', 2);
  if (values.format !== 'text' && values.format !== 'json') throw new UserError(`--format ${values.format}: expected text or json`, 2);
  const only = new Set(changedIncidentFiles(process.cwd(), values.before, values.after).map(incidentIdOf));
  return engineRun({ now: resolveNow(values.now), fixedClock: values.now !== undefined, dryRun: Boolean(values['dry-run']), format: values.format, commit: Boolean(values.commit), only }, portsFromEnv(process.env, switches), process.env);
}

if (import.meta.main) await runMain(main);
