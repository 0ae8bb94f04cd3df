/**
 * npm run verify-live -- --before SHA --after SHA [--site URL] [--attempts N] [--interval S] [--format text|json] [--commit] [--now ISO]
 * After a deploy: fetch the pages of every public incident the push changed
 * until they show the latest update. Each incident live in every language is
 * recorded in the ledger as `page-live` (its own ledger file per run, like the
 * SLA engine's): that is when customers count as notified. --commit commits and
 * pushes the ledger file (in Actions); --now records every check at that
 * instant (tests and replays). Exit 1 if any page is not live.
 */
import { randomBytes } from 'node:crypto';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { changedIncidentFiles, readAt } from '../src/adapters/git.ts';
import { commitAndPushLedger, formatLedgerProblem, readLedger, runLedger } from '../src/adapters/ledger-store.ts';
import { ledgerOf } from '../src/core/ledger/ledger.ts';
import { incidentOrUndefined } from '../src/core/check/parse-incident.ts';
import type { Incident } from '../src/core/incident/schema.ts';
import {
  judgeLivePage,
  liveExpectations,
  pageLiveEntries,
  type LiveExpectation,
  type LiveResult,
} from '../src/core/publish/live-check.ts';
import { UserError } from '../src/core/errors.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { countFlag, namingRefs, oneOf, readArgs, resolveNow } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE =
  'usage: npm run verify-live -- --before SHA --after SHA [--site URL] [--attempts N] [--interval S] [--format text|json] [--commit] [--now ISO]';

export async function main(switches: Switches): Promise<number> {
  const { values } = readArgs(
    {
      before: { type: 'string' },
      after: { type: 'string' },
      site: { type: 'string' },
      attempts: { type: 'string', default: '10' },
      interval: { type: 'string', default: '30' },
      format: { type: 'string', default: 'text' },
      commit: { type: 'boolean' },
      now: { type: 'string' },
    },
    USAGE,
  );
  const { before, after } = values;
  if (!before || !after) throw new UserError(USAGE, 2);
  const given = {
    ...values,
    before,
    after,
    format: oneOf('format', values.format, ['text', 'json'] as const, USAGE) ?? 'text',
    // At least one attempt: with none there would be no result to report.
    attempts: countFlag('attempts', values.attempts, { min: 1 }) ?? 10,
    interval: countFlag('interval', values.interval) ?? 30,
  };
  return namingRefs({ before, after }, () => verifyLive(given, switches));
}

async function verifyLive(
  values: {
    before: string;
    after: string;
    site?: string;
    attempts: number;
    interval: number;
    format: 'text' | 'json';
    commit?: boolean;
    now?: string;
  },
  switches: Switches,
): Promise<number> {
  const fixed = values.now !== undefined ? resolveNow(values.now) : undefined;
  const clock = () => fixed ?? Date.now();
  const root = process.cwd();
  const site = (values.site ?? readCatalog(root).catalog.site.url).replace(/\/$/, '');
  const incidents = changedIncidentFiles(root, values.before, values.after).flatMap((file): Incident[] => {
    const incident = incidentOrUndefined(file, readAt(root, values.after, file));
    return incident ? [incident] : [];
  });
  const results = await Promise.all(
    liveExpectations(incidents, site).map((e) =>
      poll(e, values.attempts, values.interval * 1000, clock, switches.sleep ?? wait),
    ),
  );

  // Recorded before reporting: a page that is live counts even when another one is not.
  // Like the engine, a damaged ledger line does not stop evidence being recorded: it is named and skipped (a skipped line can only make an entry repeat; the first one counts).
  const reading = readLedger(root);
  for (const p of reading.problems)
    process.stderr.write(
      `warning: ${formatLedgerProblem(p)}${p.torn ? '' : ' (skipped; restore the file from history)'}\n`,
    );
  const entries = pageLiveEntries(results, ledgerOf(reading.entries));
  const store = runLedger(root, `live-${randomBytes(4).toString('hex')}`, new Date(clock()));
  for (const entry of entries) await store.append(entry);
  if (values.commit && store.count() > 0) {
    try {
      commitAndPushLedger(root, store.file, `ledger: ${store.count()} page(s) verified live`);
    } catch (err) {
      // The record is the evidence of notification: losing it silently would turn a met target into a breach.
      throw new UserError(
        `verified live, but ${store.file} could not be pushed (${(err as Error).message.split('\n')[0]}); re-run this job: the pages are checked again and the record is written anew`,
      );
    }
  }

  if (values.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results)
      process.stdout.write(
        `${r.ok ? '✔' : '✖'} ${r.url}  ${r.reason} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, ${r.checkedAt})\n`,
      );
    if (!results.length) process.stdout.write('No public incident changed; nothing to verify.\n');
    for (const e of entries) process.stdout.write(`recorded ${e.key} at ${e.at} in ${store.file}\n`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

if (import.meta.main) await runMain(main);

function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function poll(
  expected: LiveExpectation,
  attempts: number,
  intervalMs: number,
  clock: () => number,
  sleep: (ms: number) => Promise<void>,
): Promise<LiveResult> {
  let last: LiveResult | undefined;
  for (let n = 1; n <= attempts; n++) {
    let status: number | null = null;
    let verdict: { ok: boolean; reason: string };
    try {
      const res = await fetch(expected.url, {
        signal: AbortSignal.timeout(15_000),
        headers: { 'Cache-Control': 'no-cache' },
      });
      status = res.status;
      verdict = judgeLivePage(res.status, await res.text(), expected);
    } catch (err) {
      verdict = { ok: false, reason: `fetch failed: ${(err as Error).message}` };
    }
    last = {
      ...expected,
      ok: verdict.ok,
      status,
      reason: verdict.reason,
      checkedAt: new Date(clock()).toISOString(),
      attempts: n,
    };
    if (verdict.ok) return last;
    if (n < attempts) await sleep(intervalMs);
  }
  return last!;
}
