/**
 * npm run recheck-push -- --before SHA --after SHA --run-url URL [--now ISO]
 * After every push to the default branch, whatever it touched: was it
 * reviewed? A push merged by a pull request has its code-owner reviews and
 * the approvals it records proven again against that pull request's reviews
 * (with the people and departments from before the push); a push no pull request merged may carry
 * only fast-lane live updates and new ledger files. Anything else is alerted
 * to the managers through the tracking issues, and the run fails.
 */
import { CATALOG_PATH, parseCatalogText, readCatalog } from '../src/adapters/catalog-store.ts';
import { hasCommit } from '../src/adapters/git-run.ts';
import { changedPaths, droppedByPush, pushedCommits, readAtIfAny } from '../src/adapters/git.ts';
import type { MergedPullRequest } from '../src/adapters/github-pulls.ts';
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { trackingIssueBody, trackingMarker } from '../src/core/engine/issue-text.ts';
import { UserError } from '../src/core/errors.ts';
import { incidentOrUndefined } from '../src/core/check/parse-incident.ts';
import { isIncidentPath } from '../src/core/incident/paths.ts';
import type { Incident } from '../src/core/incident/schema.ts';
import { catalogPeopleChanges, judgeCatalogChange } from '../src/core/review/approval.ts';
import {
  DEFAULT_BRANCH_ISSUE,
  judgeCodeOwnerReviews,
  judgeDirectPush,
  judgeMergedApprovals,
  type PushedFile,
  type PushProblem,
} from '../src/core/review/push-proof.ts';
import { namingRefs, readArgs, resolveNow, usageError } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE = 'usage: npm run recheck-push -- --before SHA --after SHA --run-url URL [--now ISO]';

/**
 * Each commit costs GitHub API calls (its pull request, that pull request's
 * reviews and commits); a push with more commits than this is not judged
 * partly but refused as a whole, loudly.
 */
const MAX_JUDGED_COMMITS = 1000;

export async function main(switches: Switches): Promise<number> {
  const { values, positionals } = readArgs(
    { before: { type: 'string' }, after: { type: 'string' }, 'run-url': { type: 'string' }, now: { type: 'string' } },
    USAGE,
  );
  if (!values.before || !values.after || !values['run-url']) throw new UserError(USAGE, 2);
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const given = { before: values.before, after: values.after, 'run-url': values['run-url'], now: values.now };
  return namingRefs({ before: values.before, after: values.after }, () => recheck(given, switches));
}

async function recheck(
  values: { before: string; after: string; 'run-url': string; now?: string },
  switches: Switches,
): Promise<number> {
  const now = resolveNow(values.now);
  const github = portsFromEnv(process.env, switches).requireGitHub();
  const root = process.cwd();
  const { before, after } = values;
  const catalog = readCatalog(root);
  const problems: PushProblem[] = [];
  // A rewind or force push: what main held is gone, and before..after would judge nothing of it.
  const known = /^0+$/.test(before) || hasCommit(root, before);
  const dropped = known ? droppedByPush(root, before, after) : undefined;
  if (!known) {
    problems.push({
      path: '',
      message: `the default branch was rewritten (force push): its previous tip ${before.slice(0, 12)} is not in the pushed history, so what it held is gone unjudged; restore it (git push origin ${before}:main) or find it in the audit log`,
    });
  } else if (dropped) {
    problems.push({
      path: dropped.paths[0] ?? '',
      message: `the default branch was rewritten (force push): ${before.slice(0, 12)} is not an ancestor of ${after.slice(0, 12)}; ${dropped.commits} commit(s) dropped, their changes to ${dropped.paths.join(', ') || 'nothing'} are gone; restore them (git push origin ${before}:main, then revert through a pull request)`,
    });
  }
  const beforeCatalogText = known ? readAtIfAny(root, before, CATALOG_PATH) : undefined;
  const beforeCatalog = beforeCatalogText ? parseCatalogText(beforeCatalogText.toString('utf8')) : catalog;
  const incidentAt = (ref: string, path: string): Incident | undefined => {
    const content = readAtIfAny(root, ref, path);
    return incidentOrUndefined(path, content);
  };
  const filesBetween = (from: string, to: string): PushedFile[] =>
    changedPaths(root, from, to).map((c) =>
      isIncidentPath(c.path) || (c.from && isIncidentPath(c.from))
        ? { ...c, before: incidentAt(from, c.from ?? c.path), after: incidentAt(to, c.path) }
        : c.path.startsWith('ledger/') && c.change === 'added'
          ? { ...c, text: readAtIfAny(root, to, c.path)?.toString('utf8') ?? '' }
          : c,
    );
  const files = known ? filesBetween(before, after) : [];
  const pulls = github.pulls();
  // Commit by commit: a direct commit cannot hide in a push whose tip a pull request merged.
  const direct: { commit: string; parent: string }[] = [];
  const merged = new Map<number, { pr: MergedPullRequest; paths: Set<string> }>();
  const commits = known ? pushedCommits(root, before, after) : [];
  if (commits.length > MAX_JUDGED_COMMITS) {
    problems.push({
      path: '',
      message: `the push adds ${commits.length} commits, more than the recheck judges one by one (${MAX_JUDGED_COMMITS}); none of them is proven reviewed: review ${before.slice(0, 12)}..${after.slice(0, 12)} by hand`,
    });
  }
  for (const c of commits.length > MAX_JUDGED_COMMITS ? [] : commits) {
    const pr = await pulls.pullRequestOf(c.commit);
    if (!pr) direct.push(c);
    else {
      const entry = merged.get(pr.number) ?? { pr, paths: new Set<string>() };
      for (const f of changedPaths(root, c.parent, c.commit)) entry.paths.add(f.path);
      merged.set(pr.number, entry);
    }
  }
  problems.push(
    ...direct.flatMap((c) =>
      judgeDirectPush(filesBetween(c.parent, c.commit), now).map((p) => ({
        ...p,
        message: `commit ${c.commit.slice(0, 12)}: ${p.message}`,
      })),
    ),
  );
  for (const [number, { pr: facts, paths }] of merged) {
    const prFiles = files.filter((f) => paths.has(f.path));
    const changes = paths.has(CATALOG_PATH) ? catalogPeopleChanges(beforeCatalog.catalog, catalog.catalog) : [];
    problems.push(
      ...judgeCodeOwnerReviews(prFiles, beforeCatalog.catalog, facts),
      ...judgeMergedApprovals(prFiles, beforeCatalog.catalog, facts),
      ...judgeCatalogChange({ base: beforeCatalog.catalog, changes, ...facts }).map((p) => ({
        path: CATALOG_PATH,
        message: `pull request #${number}: ${p.code} ${p.message}`,
      })),
    );
  }
  const how = [
    ...(merged.size ? [`merged by pull request ${[...merged.keys()].map((n) => `#${n}`).join(', ')}`] : []),
    ...(direct.length ? [`${direct.length} commit(s) pushed directly (no pull request merged them)`] : []),
  ].join(' and ');
  if (!problems.length) {
    process.stdout.write(`✔ ${after.slice(0, 12)} ${how}: ${files.length} file(s), nothing unreviewed\n`);
    return 0;
  }
  const issues = github.issues();
  const allManagers = [...new Set(beforeCatalog.catalog.departments.flatMap((d) => d.managers))].sort();
  // One alert per incident (its managers, as the state before the push names them), one for everything else (every manager).
  const groups = new Map<string, { incident?: Incident; lines: string[] }>();
  for (const p of problems) {
    const key = p.incident?.id ?? DEFAULT_BRANCH_ISSUE;
    const group = groups.get(key) ?? { incident: p.incident, lines: [] };
    group.lines.push(p.message);
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    const incident = group.incident;
    const managers = incident
      ? [...new Set([incident.manager, ...(beforeCatalog.department(incident.department)?.managers ?? [])])].sort()
      : allManagers;
    const tracking = incident
      ? await issues.ensureTrackingIssue(
          key,
          `[${incident.service}] ${incident.title.en} (${key})`,
          trackingIssueBody(incident, beforeCatalog),
        )
      : await issues.ensureTrackingIssue(
          key,
          'Unreviewed changes on the default branch',
          `${trackingMarker(key)}\nThe recheck on the default branch reports here what reached it without the review it needs.`,
        );
    const text = [
      `${managers.map((m) => `@${m}`).join(' ')} ⚠️ Push ${after.slice(0, 12)} to the default branch (${how}) is not proven reviewed: ${values['run-url']}`,
      '',
      ...group.lines.map((l) => `- ${l}`),
      '',
      'What right looks like: changes reach the default branch through a pull request approved by the code owners; directly only fast-lane live updates (`npm run incident -- update|resolve --push`) and new ledger files. Revert the change, or open a pull request that makes it with the required approvals.',
    ].join('\n');
    await issues.comment(tracking.number, text);
    process.stdout.write(`alerted ${managers.map((m) => `@${m}`).join(' ')} on #${tracking.number}\n`);
  }
  for (const p of problems) process.stdout.write(`✖ ${p.message}\n`);
  return 1;
}

if (import.meta.main) await runMain(main);
