/**
 * The intake runs, shared by `npm run intake -- alert|declare|dismiss`:
 * read the repository and the open candidates, plan with the pure core,
 * print the plan (--dry-run) or perform it through the GitHub port, and
 * record what happened in the ledger.
 */
import { randomBytes } from 'node:crypto';
import { readCatalog } from '../../src/adapters/catalog-store.ts';
import type { IntakePort } from '../../src/adapters/github-intake.ts';
import { knownIncidentIds, listIncidentFiles, readSources } from '../../src/adapters/incident-store.ts';
import { commitAndPushLedger, readLedgerEntries, runLedger } from '../../src/adapters/ledger-store.ts';
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import { checkFile, checkIncidents } from '../../src/core/check/check-incidents.ts';
import type { IntakeStep } from '../../src/core/intake/alert-plan.ts';
import {
  CLOCK_MARKER,
  dismissedFrom,
  intakeKeys,
  toCandidate,
  type DismissedCandidate,
  type OpenCandidate,
} from '../../src/core/intake/candidate.ts';
import { DRAFT_PLACEHOLDER } from '../../src/core/intake/issue-form.ts';
import type { Incident } from '../../src/core/incident/schema.ts';
import type { LedgerEntry } from '../../src/core/ledger/ledger.ts';

export interface RepoFacts {
  root: string;
  catalog: CatalogIndex;
  incidents: Incident[];
  ledger: LedgerEntry[];
  dismissed: DismissedCandidate[];
}

export function readRepo(now: number, root = process.cwd()): RepoFacts {
  const catalog = readCatalog(root);
  const { files } = checkIncidents(readSources(root, listIncidentFiles(root)), { catalog, now });
  const incidents = files.flatMap((f) => (f.incident ? [f.incident] : []));
  const ledger = readLedgerEntries(root);
  return { root, catalog, incidents, ledger, dismissed: dismissedFrom(ledger) };
}

export function intakePort(ports: PortsFromEnv): IntakePort {
  return ports
    .requireGitHub(
      'GITHUB_TOKEN and GITHUB_REPOSITORY must be set (in Actions they are; locally export them, or use --dry-run)',
    )
    .intake();
}

/** Open candidates with their files checked; an invalid draft is reported (its clock cannot be read) but does not stop the run. */
export async function readCandidates(port: IntakePort, repo: RepoFacts, now: number): Promise<OpenCandidate[]> {
  const pulls = await port.openCandidates();
  const knownIds = knownIncidentIds(repo.root);
  return pulls.map((p) => {
    const c = toCandidate(p, { catalog: repo.catalog, now, knownIds });
    for (const problem of c.problems) process.stderr.write(`warning: candidate ${problem}\n`);
    return c;
  });
}

export function formatSteps(steps: readonly IntakeStep[]): string {
  if (!steps.length) return 'Nothing to do.\n';
  return `${steps.map((s) => `${s.kind.padEnd(14)} ${'pr' in s ? `#${s.pr} ` : 'branch' in s ? `${s.branch} ` : ''}${s.reason}`).join('\n')}\n`;
}

/** Performs the steps; each is idempotent on its own (branch, file, pull request and comments are found again). */
export async function performSteps(
  steps: readonly IntakeStep[],
  port: IntakePort,
  repo: RepoFacts,
  now: number,
  commit: boolean,
): Promise<string[]> {
  const done: string[] = [];
  const store = runLedger(repo.root, randomBytes(4).toString('hex'), new Date(now));
  let draft = '';
  for (const step of steps) {
    switch (step.kind) {
      case 'open-draft': {
        // The draft must pass the same rules as CI before anyone sees it; a failure here is our bug.
        const errors = checkFile(
          { file: step.path, content: step.content },
          { catalog: repo.catalog, now },
        ).findings.filter((f) => f.severity === 'error');
        if (errors.length)
          throw new Error(
            `intake produced an invalid draft: ${errors.map((f) => `${f.code} ${f.message}`).join('; ')}`,
          );
        const pr = await port.openDraft({
          branch: step.branch,
          path: step.path,
          content: step.content,
          title: step.title,
          body: step.body,
          message: `intake: candidate ${step.incident.id}`,
        });
        await port.upsertComment(pr.number, CLOCK_MARKER, step.clock);
        if (!repo.ledger.some((e) => e.key === intakeKeys.draft(step.incident.id))) {
          await store.append({
            key: intakeKeys.draft(step.incident.id),
            kind: 'intake-draft',
            incident: step.incident.id,
            at: step.incident.updates[0]!.at,
            detail: {
              pr: pr.number,
              url: pr.url,
              source: step.incident.detection?.source ?? '',
              ref: step.incident.detection?.ref ?? '',
            },
          });
        }
        draft = `#${pr.number}`;
        done.push(`draft #${pr.number} ${pr.created ? 'opened' : 'found again'} for ${step.incident.id}: ${pr.url}`);
        break;
      }
      case 'refresh-clock':
        done.push(`#${step.pr} clock ${await port.upsertComment(step.pr, CLOCK_MARKER, step.clock)}`);
        break;
      case 'comment':
        done.push(
          `#${step.pr} ${(await port.commentOnce(step.pr, step.marker, step.body.replaceAll(DRAFT_PLACEHOLDER, draft || 'the linked pull request'))) ? 'commented' : 'already commented'}`,
        );
        break;
      case 'skip':
        done.push(`skipped: ${step.reason}`);
        break;
    }
  }
  if (commit && store.count() > 0)
    commitAndPushLedger(repo.root, store.file, `ledger: ${store.count()} intake record(s)`);
  return done;
}
