/**
 * npm run pr-review -- --pr N --base REF [--repo DIR] [--now ISO]
 * On pull_request_target and pull_request_review: checks the incidents the PR
 * touches against the base, proves any postmortem approved in it against
 * GitHub's reviews, and keeps one sticky comment up to date. Exit 1 on errors
 * or approval problems.
 * The pull request is judged by the BASE branch: review.yml runs this file
 * from a checkout of the base, reads the pull request's tree in --repo as
 * data only (never runs it), and takes the catalog's people and each
 * incident's department from the base commit.
 */
import { resolve } from 'node:path';
import { CATALOG_PATH, parseCatalogText, readCatalog } from '../src/adapters/catalog-store.ts';
import { readAt, readBaseSnapshot, touchedFiles, verifyRef } from '../src/adapters/git.ts';
import { listIncidentFiles, readPostmortemDocuments, readSources } from '../src/adapters/incident-store.ts';
import { readLedgerEntries } from '../src/adapters/ledger-store.ts';
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { checkIncidents } from '../src/core/check/check-incidents.ts';
import { ledgerOf } from '../src/core/ledger/ledger.ts';
import { UserError } from '../src/core/errors.ts';
import { incidentOrUndefined } from '../src/core/check/parse-incident.ts';
import { incidentIdOf } from '../src/core/incident/paths.ts';
import { formatText } from '../src/core/report/format-text.ts';
import {
  APPROVAL_RULES,
  catalogPeopleChanges,
  judgeApproval,
  judgeCatalogChange,
  newlyApproved,
  requiredRoles,
} from '../src/core/review/approval.ts';
import { PR_COMMENT_MARKER, renderPrComment, type TouchedIncident } from '../src/core/review/pr-comment.ts';
import { countFlag, namingRefs, readArgs, resolveNow, usageError } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE = 'usage: npm run pr-review -- --pr N --base REF [--repo DIR] [--now ISO]';

export async function main(switches: Switches): Promise<number> {
  const { values, positionals } = readArgs(
    { pr: { type: 'string' }, base: { type: 'string' }, repo: { type: 'string' }, now: { type: 'string' } },
    USAGE,
  );
  const { base } = values;
  const pr = countFlag('pr', values.pr, { min: 1 });
  if (pr === undefined || !base) throw new UserError(USAGE, 2);
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, USAGE);
  return namingRefs({ base }, () => review({ ...values, pr, base }, switches));
}

async function review(
  values: { pr: number; base: string; repo?: string; now?: string },
  switches: Switches,
): Promise<number> {
  const github = portsFromEnv(process.env, switches).requireGitHub();
  const root = resolve(values.repo ?? process.cwd());
  const now = resolveNow(values.now);
  const catalog = readCatalog(root);
  // The people who may approve come from the base: a pull request cannot appoint its own approvers.
  const baseCatalog = parseCatalogText(readAt(root, verifyRef(root, values.base), CATALOG_PATH).toString('utf8'));
  const documents = readPostmortemDocuments(root);
  const base = readBaseSnapshot(root, values.base);
  const touched = touchedFiles(root, values.base);
  const ids = new Set(touched.map(incidentIdOf));
  const files = listIncidentFiles(root).filter((f) => ids.has(incidentIdOf(f)));
  const ledger = ledgerOf(readLedgerEntries(root));
  const checked = checkIncidents(readSources(root, files), { catalog, now, base, documents, ledger });
  const pulls = github.pulls();
  const number = values.pr;
  let facts: Awaited<ReturnType<typeof pulls.facts>> | undefined;
  const incidents: (TouchedIncident & { file?: string })[] = [];
  for (const f of checked.files) {
    if (!f.incident) continue;
    const atBase = incidentOrUndefined(f.file, base.files.get(f.file));
    if (!newlyApproved(atBase, f.incident)) {
      incidents.push({ incident: f.incident });
      continue;
    }
    facts ??= await pulls.facts(number);
    // Department, service and type as the base records them: moving the incident cannot change who must approve.
    const roles = requiredRoles(atBase ?? f.incident, baseCatalog.catalog);
    const problems = judgeApproval({
      roles,
      reviews: facts.reviews,
      authors: facts.authors,
      unknownAuthors: facts.unknownAuthors,
      recordedApprovers: f.incident.postmortem?.approvers ?? [],
    });
    incidents.push({ incident: f.incident, file: f.file, approval: { problems } });
  }
  const changes = catalogPeopleChanges(baseCatalog.catalog, catalog.catalog);
  if (changes.length) facts ??= await pulls.facts(number);
  const catalogProblems = facts
    ? judgeCatalogChange({
        base: baseCatalog.catalog,
        changes,
        reviews: facts.reviews,
        authors: facts.authors,
        unknownAuthors: facts.unknownAuthors,
      })
    : [];
  const body = renderPrComment(incidents, checked.findings, catalog, ledger, now, catalogProblems);
  const result = await pulls.upsertComment(number, PR_COMMENT_MARKER, body);
  if (process.env.GITHUB_ACTIONS === 'true') {
    const { reportToActions } = await import('../src/adapters/actions-report.ts');
    await reportToActions(checked.findings, files.length);
  } else {
    process.stdout.write(formatText(checked.findings, files.length));
  }
  // Where (the postmortem's approvers in the file, or the catalog), what is wrong, and what right looks like.
  const approvalProblems = [
    ...incidents.flatMap((t) =>
      (t.approval?.problems ?? []).map(
        (p) => `${t.file}: ${t.incident.id}: ${p.code} ${p.message}\n    hint: ${APPROVAL_RULES[p.code].right}`,
      ),
    ),
    ...catalogProblems.map((p) => `${CATALOG_PATH}: ${p.code} ${p.message}\n    hint: ${APPROVAL_RULES[p.code].right}`),
  ];
  for (const p of approvalProblems) process.stdout.write(`✖ ${p}\n`);
  process.stdout.write(`PR comment ${result}.\n`);
  return checked.findings.some((f) => f.severity === 'error') || approvalProblems.length ? 1 : 0;
}

if (import.meta.main) await runMain(main);
