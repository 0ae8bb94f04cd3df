/**
 * npm run recheck-push -- --before SHA --after SHA --run-url URL
 * After every push to the default branch, whatever it touched: was it
 * reviewed? A push merged by a pull request has its code-owner reviews and
 * the approvals it records proven again against that pull request's reviews
 * (with the people and departments from before the push); a push no pull request merged may carry
 * only fast-lane live updates and new ledger files. Anything else is alerted
 * to the managers through the tracking issues, and the run fails.
 */
import { parseArgs } from 'node:util';
import { CATALOG_PATH, parseCatalogText, readCatalog } from '../src/adapters/catalog-store.ts';
import { changedPaths, readAtIfAny } from '../src/adapters/git.ts';
import { githubIssuePort } from '../src/adapters/github-issues.ts';
import { githubPullRequestPort } from '../src/adapters/github-pulls.ts';
import { trackingIssueBody, trackingMarker } from '../src/core/engine/issue-text.ts';
import { UserError } from '../src/core/errors.ts';
import { parseSource } from '../src/core/frontmatter/parse-source.ts';
import { isIncidentPath } from '../src/core/incident/paths.ts';
import { IncidentSchema, type Incident } from '../src/core/incident/schema.ts';
import { catalogPeopleChanges, judgeCatalogChange } from '../src/core/review/approval.ts';
import { DEFAULT_BRANCH_ISSUE, judgeCodeOwnerReviews, judgeDirectPush, judgeMergedApprovals, type PushedFile, type PushProblem } from '../src/core/review/push-proof.ts';
import { runMain } from './lib/run-main.ts';


await runMain(async () => {
  const { values } = parseArgs({ options: { before: { type: 'string' }, after: { type: 'string' }, 'run-url': { type: 'string' } } });
  if (!values.before || !values.after || !values['run-url']) throw new UserError('usage: npm run recheck-push -- --before SHA --after SHA --run-url URL', 2);
  const env = process.env;
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) throw new UserError('GITHUB_TOKEN and GITHUB_REPOSITORY must be set');
  const root = process.cwd();
  const { before, after } = values;
  const catalog = readCatalog(root);
  const beforeCatalogText = readAtIfAny(root, before, CATALOG_PATH);
  const beforeCatalog = beforeCatalogText ? parseCatalogText(beforeCatalogText.toString('utf8')) : catalog;
  const incidentAt = (ref: string, path: string): Incident | undefined => {
    const content = readAtIfAny(root, ref, path);
    const parsed = content ? parseSource(path, content) : undefined;
    const result = parsed?.ok ? IncidentSchema.safeParse(parsed.source.data) : undefined;
    return result?.success ? result.data : undefined;
  };
  const files: PushedFile[] = changedPaths(root, before, after).map((c) =>
    isIncidentPath(c.path) || (c.from && isIncidentPath(c.from)) ? { ...c, before: incidentAt(before, c.from ?? c.path), after: incidentAt(after, c.path) } : c,
  );
  const pulls = githubPullRequestPort({ token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, baseUrl: env.GITHUB_API_URL, patient: env.STATUS_TEST_FAST_GITHUB !== '1' });
  const merged = await pulls.pullRequestOf(after);
  let problems: PushProblem[];
  if (!merged) {
    problems = judgeDirectPush(files);
  } else {
    const facts = { number: merged.number, ...(await pulls.facts(merged.number)) };
    const changes = catalogPeopleChanges(beforeCatalog.catalog, catalog.catalog);
    problems = [
      ...judgeCodeOwnerReviews(files, beforeCatalog.catalog, facts),
      ...judgeMergedApprovals(files, beforeCatalog.catalog, facts),
      ...judgeCatalogChange({ base: beforeCatalog.catalog, changes, ...facts }).map((p) => ({ path: CATALOG_PATH, message: `pull request #${merged.number}: ${p.code} ${p.message}` })),
    ];
  }
  const how = merged ? `merged by pull request #${merged.number}` : 'pushed directly (no pull request merged it)';
  if (!problems.length) {
    process.stdout.write(`✔ ${after.slice(0, 12)} ${how}: ${files.length} file(s), nothing unreviewed\n`);
    return 0;
  }
  const issues = githubIssuePort({ token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, baseUrl: env.GITHUB_API_URL, patient: env.STATUS_TEST_FAST_GITHUB !== '1' });
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
    const managers = incident ? [...new Set([incident.manager, ...(beforeCatalog.department(incident.department)?.managers ?? [])])].sort() : allManagers;
    const tracking = incident
      ? await issues.ensureTrackingIssue(key, `[${incident.service}] ${incident.title.en} (${key})`, trackingIssueBody(incident, beforeCatalog))
      : await issues.ensureTrackingIssue(key, 'Unreviewed changes on the default branch', `${trackingMarker(key)}\nThe recheck on the default branch reports here what reached it without the review it needs.`);
    const text = [
      `${managers.map((m) => `@${m}`).join(' ')} ⚠️ Push ${after.slice(0, 12)} to the default branch was ${how} and is not proven reviewed: ${values['run-url']}`,
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
});
