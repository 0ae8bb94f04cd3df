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
import { namingRefs, oneOf, readArgs, resolveNow } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE =
  'usage: npm run notify -- --before SHA --after SHA [--now ISO] [--dry-run] [--format text|json] [--commit]';

export async function main(switches: Switches): Promise<number> {
  const { values } = readArgs(
    {
      before: { type: 'string' },
      after: { type: 'string' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      commit: { type: 'boolean' },
    },
    USAGE,
  );
  const { before, after } = values;
  if (!before || !after) throw new UserError(USAGE, 2);
  const format = oneOf('format', values.format, ['text', 'json'] as const) ?? 'text';
  const now = resolveNow(values.now);
  const only = await namingRefs(
    { before, after },
    () => new Set(changedIncidentFiles(process.cwd(), before, after).map(incidentIdOf)),
  );
  return engineRun(
    {
      now,
      fixedClock: values.now !== undefined,
      dryRun: Boolean(values['dry-run']),
      format,
      commit: Boolean(values.commit),
      only,
    },
    portsFromEnv(process.env, switches),
    process.env,
  );
}

if (import.meta.main) await runMain(main);
