/**
 * npm run verify-live -- --before SHA --after SHA [--site URL] [--attempts N] [--interval S] [--format text|json]
 * After a deploy: fetch the pages of every public incident the push changed
 * until they show the latest update. The JSON result is the evidence that the
 * incident was posted (the SLA engine records it). Exit 1 if any page is not live.
 */
import { parseArgs } from 'node:util';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { changedIncidentFiles, readAt } from '../src/adapters/git.ts';
import { parseSource } from '../src/core/frontmatter/parse-source.ts';
import { IncidentSchema, type Incident } from '../src/core/incident/schema.ts';
import { judgeLivePage, liveExpectations, type LiveExpectation, type LiveResult } from '../src/core/publish/live-check.ts';
import { UserError } from '../src/core/errors.ts';
import { runMain } from './lib/run-main.ts';

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' }, after: { type: 'string' }, site: { type: 'string' },
      attempts: { type: 'string', default: '10' }, interval: { type: 'string', default: '30' }, format: { type: 'string', default: 'text' },
    },
  });
  if (!values.before || !values.after) throw new UserError('usage: npm run verify-live -- --before SHA --after SHA [--site URL] [--attempts N] [--interval S] [--format text|json]', 2);
  const root = process.cwd();
  const site = (values.site ?? readCatalog(root).catalog.site.url).replace(/\/$/, '');
  const incidents = changedIncidentFiles(root, values.before, values.after).flatMap((file): Incident[] => {
    const parsed = parseSource(file, readAt(root, values.after!, file));
    const result = parsed.ok ? IncidentSchema.safeParse(parsed.source.data) : undefined;
    return result?.success ? [result.data] : [];
  });
  const results = await Promise.all(liveExpectations(incidents, site).map((e) => poll(e, Number(values.attempts), Number(values.interval) * 1000)));
  if (values.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else for (const r of results) process.stdout.write(`${r.ok ? '✔' : '✖'} ${r.url}  ${r.reason} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, ${r.checkedAt})\n`);
  if (!results.length && values.format !== 'json') process.stdout.write('No public incident changed; nothing to verify.\n');
  return results.every((r) => r.ok) ? 0 : 1;
});

async function poll(expected: LiveExpectation, attempts: number, intervalMs: number): Promise<LiveResult> {
  let last: LiveResult | undefined;
  for (let n = 1; n <= attempts; n++) {
    let status: number | null = null;
    let verdict: { ok: boolean; reason: string };
    try {
      const res = await fetch(expected.url, { signal: AbortSignal.timeout(15_000), headers: { 'Cache-Control': 'no-cache' } });
      status = res.status;
      verdict = judgeLivePage(res.status, await res.text(), expected);
    } catch (err) {
      verdict = { ok: false, reason: `fetch failed: ${(err as Error).message}` };
    }
    last = { ...expected, ok: verdict.ok, status, reason: verdict.reason, checkedAt: new Date().toISOString(), attempts: n };
    if (verdict.ok) return last;
    if (n < attempts) await new Promise((r) => setTimeout(r, intervalMs));
  }
  return last!;
}
