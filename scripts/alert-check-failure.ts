/**
 * npm run alert-check-failure -- --before SHA --after SHA --run-url URL
 * After a push failed the re-check on the default branch: mention the
 * manager of every incident the push changed on its tracking issue, with a
 * link to the failed run, so a broken record is fixed within minutes; a push
 * that changed no incident (config/, src/, …) alerts every manager.
 */
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { changedIncidentFiles, readAt } from '../src/adapters/git.ts';
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { trackingIssueBody, trackingMarker } from '../src/core/engine/issue-text.ts';
import { DEFAULT_BRANCH_ISSUE } from '../src/core/review/push-proof.ts';
import { UserError } from '../src/core/errors.ts';
import { parseIncident } from '../src/core/check/parse-incident.ts';
import { incidentIdOf } from '../src/core/incident/paths.ts';
import { namingRefs, readArgs, usageError } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE = 'usage: npm run alert-check-failure -- --before SHA --after SHA --run-url URL';

export async function main(switches: Switches): Promise<number> {
  const { values, positionals } = readArgs(
    { before: { type: 'string' }, after: { type: 'string' }, 'run-url': { type: 'string' } },
    USAGE,
  );
  if (!values.before || !values.after || !values['run-url']) throw new UserError(USAGE, 2);
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const given = { before: values.before, after: values.after, 'run-url': values['run-url'] };
  return namingRefs({ before: given.before, after: given.after }, () => alert(given, switches));
}

async function alert(
  values: { before: string; after: string; 'run-url': string },
  switches: Switches,
): Promise<number> {
  const github = portsFromEnv(process.env, switches).requireGitHub();
  const root = process.cwd();
  const catalog = readCatalog(root);
  const issues = github.issues();
  const files = changedIncidentFiles(root, values.before, values.after);
  if (!files.length) {
    // The push changed no incident (config/, src/, …) yet the check failed: every manager hears of it.
    const managers = [...new Set(catalog.catalog.departments.flatMap((d) => d.managers))].sort();
    const tracking = await issues.ensureTrackingIssue(
      DEFAULT_BRANCH_ISSUE,
      'Unreviewed changes on the default branch',
      `${trackingMarker(DEFAULT_BRANCH_ISSUE)}\nThe recheck on the default branch reports here what reached it without the review it needs.`,
    );
    await issues.comment(
      tracking.number,
      `${managers.map((m) => `@${m}`).join(' ')} ⚠️ A push to the default branch (${values.after.slice(0, 12)}) changed no incident file, but the recheck failed: ${values['run-url']}\n\nRun \`npm run check\` and \`npm run codeowners -- --check\` on the default branch to see what is wrong, and fix it through a pull request.`,
    );
    process.stdout.write(`alerted ${managers.map((m) => `@${m}`).join(' ')} on #${tracking.number}\n`);
    return 0;
  }
  for (const file of files) {
    const id = incidentIdOf(file);
    const parsed = parseIncident(file, readAt(root, values.after, file));
    const incident = parsed.ok ? { success: true as const, data: parsed.incident } : undefined;
    // A file too broken to parse still gets an alert, to everyone who manages incidents.
    const managers = incident?.success
      ? [incident.data.manager]
      : [...new Set(catalog.catalog.departments.flatMap((d) => d.managers))].sort();
    const title = incident?.success ? `[${incident.data.service}] ${incident.data.title.en} (${id})` : `Incident ${id}`;
    const tracking = await issues.ensureTrackingIssue(
      id,
      title,
      incident?.success ? trackingIssueBody(incident.data, catalog) : `<!-- status-portal:tracking:${id} -->`,
    );
    await issues.comment(
      tracking.number,
      `${managers.map((m) => `@${m}`).join(' ')} ⚠️ A push to the default branch changed \`${file}\` and the incident check failed: ${values['run-url']}\n\nFix the file (\`npm run check -- ${file}\` shows what is wrong) and push again; customers may not be notified correctly until it passes.`,
    );
    process.stdout.write(`alerted ${managers.map((m) => `@${m}`).join(' ')} on #${tracking.number} for ${file}\n`);
  }
  return 0;
}

if (import.meta.main) await runMain(main);
