/**
 * The SLA engine's run, shared by `npm run sla` (everything due) and
 * `npm run notify` (what one push changed): read inputs, plan, then print
 * the plan (--dry-run) or execute it and report. Secrets come from the
 * environment and are masked in Actions logs.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readCatalog } from '../../src/adapters/catalog-store.ts';
import { directorySecrets } from '../../src/adapters/directory-store.ts';
import { listIncidentFiles, readSources } from '../../src/adapters/incident-store.ts';
import { commitAndPushLedger, formatLedgerProblem, readLedger, runLedger } from '../../src/adapters/ledger-store.ts';
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import { checkIncidents } from '../../src/core/check/check-incidents.ts';
import type { Action } from '../../src/core/engine/actions.ts';
import { executePlan, type ActionOutcome } from '../../src/core/engine/execute.ts';
import { dashboardBody, lastRunOf } from '../../src/core/engine/issue-text.ts';
import { ledgerOf } from '../../src/core/ledger/ledger.ts';
import { nextDueMoment } from '../../src/core/engine/next-due.ts';
import { heartbeatStatus, planActions, staleNotice } from '../../src/core/engine/plan.ts';
import { engineCandidates } from './engine-candidates.ts';
import type { Incident } from '../../src/core/incident/schema.ts';
import type { WebhookAction } from '../../src/core/engine/webhooks.ts';
import { deliverPushes, planPushes } from './push-run.ts';

export interface EngineRunInput {
  now: number;
  /** --now was given: the whole run, ledger times included, happens at that instant. */
  fixedClock: boolean;
  dryRun: boolean;
  format: 'text' | 'json';
  /** Limit to these incident ids (notify); all when absent (sla). */
  only?: ReadonlySet<string>;
  /** Commit and push the ledger file at the end (in Actions). */
  commit: boolean;
  /** Only print the next planned moment (for the workflow's waiter) and do nothing. */
  nextDue?: boolean;
}

/** The run's overall time budget: a hanging provider cannot stall a run past it (the job's own limit is longer). */
export const DEFAULT_RUN_BUDGET_MS = 10 * 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `ports` builds the adapters (from the same environment); `env` carries the engine's own settings (budget, deadline, ledger key). */
export async function engineRun(input: EngineRunInput, ports: PortsFromEnv, env: NodeJS.ProcessEnv): Promise<number> {
  const root = process.cwd();
  const catalog = readCatalog(root);
  const { files } = checkIncidents(readSources(root, listIncidentFiles(root)), { catalog, now: input.now });
  const skipped = files.filter((f) => !f.incident || f.findings.some((x) => x.severity === 'error')).map((f) => f.file);
  const incidents = files.flatMap((f) => (f.incident && !skipped.includes(f.file) ? [f.incident] : []));
  // A damaged ledger line must not stop the run: torn last lines (a crash inside a write) are skipped, other bad lines
  // too, and both are reported below. Skipping a line can at worst repeat what it recorded; stopping sends nobody anything.
  const ledgerReading = readLedger(root);
  const ledger = ledgerOf(ledgerReading.entries);
  for (const p of ledgerReading.problems)
    if (input.dryRun || input.nextDue)
      process.stderr.write(`warning: ${formatLedgerProblem(p)}${p.torn ? '' : ' (skipped)'}\n`);
  const scope = input.only ? incidents.filter((i) => input.only!.has(i.id)) : incidents;
  if (input.nextDue) {
    const next = nextDueMoment(incidents, catalog, ledger, input.now);
    process.stdout.write(
      input.format === 'json'
        ? `${JSON.stringify(next ? { ...next, at: new Date(next.at).toISOString() } : null)}\n`
        : `${next ? new Date(next.at).toISOString() : ''}\n`,
    );
    return 0;
  }
  const plan = planActions(scope, catalog, ledger, input.now);
  // Open intake drafts (candidates) run clocks too; read once the run is known to go ahead.
  const readCandidates = async () =>
    input.only ? undefined : engineCandidates(root, incidents, catalog, ledger, input.now, ports);
  const pushes = planPushes(scope, ledger, input.now, ports);
  if (input.dryRun)
    for (const stale of staleNotices(scope, ledger, input.now))
      process.stderr.write(`warning: ${stale.key}: ${stale.detail}\n`);
  for (const file of skipped)
    process.stderr.write(`warning: ${file} has errors and was left out (npm run check -- ${file})\n`);

  if (input.dryRun) {
    plan.push(...((await readCandidates())?.plan ?? []));
    process.stdout.write(
      input.format === 'json'
        ? `${JSON.stringify([...plan, ...pushes.plan].map(planRow), null, 2)}\n`
        : formatPlan([...plan, ...pushes.plan]),
    );
    return 0;
  }

  const started = performance.now();
  const budget = Number(env.STATUS_RUN_BUDGET_MS ?? DEFAULT_RUN_BUDGET_MS);
  // STATUS_RUN_DEADLINE (epoch ms) is the job's one deadline, shared by the notify and sla steps.
  const deadline = Number(env.STATUS_RUN_DEADLINE ?? Infinity);
  // Whole milliseconds, never negative: timers reject fractions and negatives.
  const remainingMs = () =>
    Math.max(0, Math.floor(Math.min(budget - (performance.now() - started), deadline - Date.now())));
  // The directory is used entry by entry: its problems are reported and concern only the recipients they name.
  const { directory, problems } = ports.directory();
  const { email, issues, secrets } = ports.engineSenders(remainingMs);
  const ledgerKey = ledgerKeyOf(env);
  if (env.GITHUB_ACTIONS === 'true') {
    const core = await import('@actions/core');
    for (const secret of [...secrets, ...(ledgerKey ? [ledgerKey] : []), ...directorySecrets(directory)])
      core.setSecret(secret);
  }
  const store = runLedger(root, randomBytes(4).toString('hex'), new Date(input.now));
  // GitHub being down must not stop customer e-mail: a draft list that cannot be read is reported, and the run goes on.
  let candidatesProblem: ActionOutcome | undefined;
  const candidates = await readCandidates().catch((err: Error) => {
    candidatesProblem = {
      key: 'candidates',
      kind: 'dashboard',
      ok: false,
      detail: `open intake drafts could not be read (${err.message}); their clocks are checked on the next run`,
    };
    return undefined;
  });
  plan.push(...(candidates?.plan ?? []));
  const outcomes = await executePlan(plan, {
    incidents: new Map([...incidents.map((i): [string, Incident] => [i.id, i]), ...(candidates?.incidents ?? [])]),
    catalog,
    directory,
    ledger,
    email,
    issues,
    store,
    clock: input.fixedClock ? () => input.now : Date.now,
    hash: sha256,
    ...(ledgerKey
      ? { recipientMac: (text: string) => createHmac('sha256', ledgerKey).update(text).digest('hex') }
      : {}),
    remainingMs,
  });
  if (candidatesProblem) outcomes.push(candidatesProblem);
  for (const stale of staleNotices(scope, ledger, input.now)) outcomes.push(stale);
  if (candidates) outcomes.push(...(await candidates.afterRun(plan, outcomes)));
  for (const problem of problems)
    outcomes.push({ key: 'directory', kind: 'directory', ok: false, detail: `private directory: ${problem}` });
  // A torn last line is reported but is not a failure (it is permanent: ledger files are never edited); any other bad line is.
  for (const p of ledgerReading.problems)
    outcomes.push({
      key: 'ledger',
      kind: 'ledger',
      ok: p.torn,
      detail: `${formatLedgerProblem(p)}${p.torn ? '' : '; skipped, restore the file from history'}`,
    });
  const pushed = await deliverPushes(pushes, {
    incidents,
    catalog,
    ledger,
    store,
    clock: input.fixedClock ? () => input.now : Date.now,
    ports,
    siteUrl: env.SITE_URL,
  });
  if (!input.only) {
    try {
      const heartbeat = heartbeatStatus(
        lastRunOf(await issues.readDashboard()),
        input.now,
        Number(env.STATUS_SCHEDULE_MINUTES ?? 15),
      );
      if (heartbeat.state === 'stale')
        outcomes.push({
          key: 'heartbeat',
          kind: 'dashboard',
          ok: false,
          detail: `heartbeat stale: ${heartbeat.message}`,
        });
      const failed = outcomes
        .filter((o) => !o.ok && o.kind !== 'directory' && o.kind !== 'ledger')
        .map((o) => `${o.key}: ${o.detail}`);
      const after = ledgerOf(readLedger(root).entries);
      const body =
        dashboardBody(
          incidents,
          catalog,
          after,
          input.now,
          heartbeat.state === 'stale' ? heartbeat.message : undefined,
          { directory: problems, failed, ledger: ledgerReading.problems.map(formatLedgerProblem) },
        ) + (candidates?.dashboardSection(after) ?? '');
      const dashboard = await issues.upsertDashboard(body);
      outcomes.push({
        key: 'dashboard',
        kind: 'dashboard',
        ok: true,
        detail: `dashboard #${dashboard.number} updated (${heartbeat.message})`,
      });
    } catch (err) {
      outcomes.push({ key: 'dashboard', kind: 'dashboard', ok: false, detail: (err as Error).message });
    }
  }
  if (input.commit && store.count() > 0)
    commitAndPushLedger(root, store.file, `ledger: ${store.count()} side effect(s) recorded`);
  const report = [...outcomes, ...pushed];
  process.stdout.write(
    input.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatOutcomes(report, store.count()),
  );
  return report.every((o) => o.ok) ? 0 : 1;
}

/**
 * The secret behind recipient keys in the ledger. Without it customer e-mail is refused (reported; everything else runs):
 * a key derived from anything in reach (the directory, the API key) would change when that changes, and a changed key
 * re-sends every notice in flight.
 */
export const LEDGER_KEY_MIN_LENGTH = 32;
function ledgerKeyOf(env: NodeJS.ProcessEnv): string | undefined {
  // A short key is as good as none: customer e-mail is refused the same way (the executor's one-line error), everything else runs.
  const key = env.STATUS_LEDGER_KEY;
  return key && key.length >= LEDGER_KEY_MIN_LENGTH ? key : undefined;
}

/** Notices held back as stale (see staleNotice): reported on every run until the incident is closed or a new update is posted. */
function staleNotices(
  incidents: readonly Incident[],
  ledger: ReturnType<typeof ledgerOf>,
  now: number,
): ActionOutcome[] {
  return incidents.flatMap((i) => {
    const stale = staleNotice(i, ledger, now);
    return stale
      ? [
          {
            key: `${i.id}/customer-email/stale`,
            kind: 'customer-email' as const,
            ok: false,
            detail: `not sent: update ${stale.update} (${stale.at}) is more than 24 hours old and the ledger has no customer notice of this resolved incident (a lost ledger, or never sent); close the incident if customers were told, or post a new update for customers to send one now`,
          },
        ]
      : [];
  });
}

/** The plan as the stable JSON contract: {kind, incident, at, reason, ...}. Customer ids stay in; addresses never exist here. */
function planRow(a: Action | WebhookAction): Record<string, unknown> {
  const { kind, incident, at, reason, key, ...rest } = a;
  return { kind, incident, at, reason, key, ...rest };
}

function formatPlan(plan: readonly (Action | WebhookAction)[]): string {
  if (!plan.length) return 'Nothing is due.\n';
  return `${plan.map((a) => `${a.at}  ${a.kind.padEnd(21)} ${a.incident}  ${a.reason}`).join('\n')}\n${plan.length} action(s) due.\n`;
}

function formatOutcomes(
  outcomes: readonly (ActionOutcome | { key: string; kind: string; ok: boolean; detail: string })[],
  recorded: number,
): string {
  const lines = outcomes.map((o) => `${o.ok ? '✔' : '✖'} ${o.kind.padEnd(21)} ${o.key}  ${o.detail}`);
  const failed = outcomes.filter((o) => !o.ok).length;
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${outcomes.length - failed} done, ${failed} failed, ${recorded} ledger entr${recorded === 1 ? 'y' : 'ies'} written.\n`;
}
