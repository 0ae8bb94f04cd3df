/**
 * The SLA engine's view of candidates (open intake drafts): read through the
 * intake port when GitHub is configured, planned by core/engine/candidates,
 * and, after a real run, each draft's clock comment refreshed and each
 * warning also posted on the draft.
 */
import type { IntakePort } from '../../src/adapters/github-intake.ts';
import { knownIncidentIds } from '../../src/adapters/incident-store.ts';
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import type { Action } from '../../src/core/engine/actions.ts';
import { candidatesSection, planCandidates, runningCandidates } from '../../src/core/engine/candidates.ts';
import type { ActionOutcome } from '../../src/core/engine/execute.ts';
import { actionComment } from '../../src/core/engine/issue-text.ts';
import type { Ledger } from '../../src/core/ledger/ledger.ts';
import { CLOCK_MARKER, toCandidate, type OpenCandidate } from '../../src/core/intake/candidate.ts';
import { clockComment } from '../../src/core/intake/draft-text.ts';
import type { Incident } from '../../src/core/incident/schema.ts';

export interface EngineCandidates {
  plan: Action[];
  /** Candidate incidents by id, for the executor. */
  incidents: [string, Incident][];
  dashboardSection(ledger: Ledger): string;
  afterRun(plan: readonly Action[], outcomes: readonly ActionOutcome[]): Promise<ActionOutcome[]>;
}

export async function engineCandidates(
  root: string,
  merged: readonly Incident[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  ports: PortsFromEnv,
): Promise<EngineCandidates> {
  const port: IntakePort | undefined = ports.github()?.intake();
  let candidates: OpenCandidate[] = [];
  if (port) {
    const knownIds = knownIncidentIds(root);
    candidates = (await port.openCandidates()).map((p) => {
      const c = toCandidate(p, { catalog, now, knownIds });
      for (const problem of c.problems)
        process.stderr.write(`warning: candidate ${problem} (its clock cannot be read until the file is valid)\n`);
      return c;
    });
  }
  const running = runningCandidates(candidates, merged, ledger);
  return {
    plan: planCandidates(candidates, merged, catalog, ledger, now),
    incidents: running.map(({ incident }) => [incident.id, incident]),
    dashboardSection: (l) => candidatesSection(candidates, merged, catalog, l, now),
    async afterRun(plan, outcomes) {
      if (!port) return [];
      const extra: ActionOutcome[] = [];
      for (const { candidate, incident } of running) {
        try {
          await port.upsertComment(candidate.pr, CLOCK_MARKER, clockComment(incident, catalog, now));
          for (const a of plan.filter(
            (x) => x.incident === incident.id && outcomes.some((o) => o.key === x.key && o.ok),
          )) {
            await port.commentOnce(
              candidate.pr,
              `<!-- status-portal:${a.key} -->`,
              `<!-- status-portal:${a.key} -->\n${actionComment(a, incident)}`,
            );
          }
        } catch (err) {
          extra.push({
            key: `${incident.id}/candidate-clock`,
            kind: 'warning',
            ok: false,
            detail: `draft #${candidate.pr}: ${(err as Error).message}`,
          });
        }
      }
      return extra;
    },
  };
}
