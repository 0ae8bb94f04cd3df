/**
 * Deliveries against local fake endpoints: signatures verify, a failing or
 * hanging endpoint does not hold up the others, nothing is sent twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { catalog, REPO_ROOT } from '../../test/builders.ts';
import { startFakeWebhook, type FakeWebhook } from '../../test/fakes/fake-webhook.ts';
import { checkIncidents } from '../core/check/check-incidents.ts';
import type { WebhookEndpoint } from '../core/engine/directory.ts';
import { ledgerOf, type LedgerEntry } from '../core/ledger/ledger.ts';
import { executeWebhooks, planWebhooks } from '../core/engine/webhooks.ts';
import type { Incident } from '../core/incident/schema.ts';
import { listIncidentFiles, readSources } from './incident-store.ts';
import { EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature, webhookPort } from './webhook.ts';

const now = Date.parse('2026-11-28T09:00:00+09:00');
const incidents = (
  checkIncidents(readSources(REPO_ROOT, listIncidentFiles(REPO_ROOT)), { catalog, now }).files.map(
    (f) => f.incident!,
  ) as Incident[]
).filter((i) => i.scope === 'public');
const SECRET = 'whsec_test_0123456789abcdef';
const CLOCK = 1_795_000_000;

let fakes: FakeWebhook[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

async function setup(badMode: 'hold' | 'fail' | 'gone') {
  const [hook, slack, teams, bad] = await Promise.all([
    startFakeWebhook('statuspage'),
    startFakeWebhook('slack'),
    startFakeWebhook('teams'),
    startFakeWebhook('slack', badMode),
  ]);
  fakes = [hook!, slack!, teams!, bad!];
  const endpoints: WebhookEndpoint[] = [
    { id: 'acme-hook', kind: 'statuspage', url: `${hook!.url}/hooks/status`, secret: SECRET, lang: 'both' },
    { id: 'acme-slack', kind: 'slack', url: `${slack!.url}/services/T0/B0/x`, lang: 'ja' },
    { id: 'beta-teams', kind: 'teams', url: `${teams!.url}/workflows/y`, lang: 'both' },
    { id: 'broken', kind: 'slack', url: `${bad!.url}/services/T1/B1/z`, lang: 'en' },
  ];
  const entries: LedgerEntry[] = [];
  const run = (ledger = ledgerOf(entries)) =>
    executeWebhooks(planWebhooks(incidents, endpoints, ledger, now), endpoints, {
      incidents,
      catalog,
      siteUrl: 'https://status.example.jp',
      ledger,
      clock: () => now,
      port: webhookPort({ timeoutMs: 2_000, maxAttempts: 2, sleep: async () => {}, clock: () => CLOCK }),
      store: { append: async (e) => void entries.push(e) },
    });
  return { hook: hook!, slack: slack!, teams: teams!, bad: bad!, endpoints, entries, run };
}

describe('webhook deliveries (local fake endpoints)', () => {
  it('every Statuspage request is signed over timestamp + body and carries its event id; a tampered body or old timestamp fails', async () => {
    const { hook, run } = await setup('fail');
    await run();
    expect(hook.received.length).toBeGreaterThan(2);
    for (const r of hook.received) {
      const ts = String(r.headers[TIMESTAMP_HEADER]);
      expect(verifySignature(SECRET, ts, r.body, String(r.headers[SIGNATURE_HEADER]), CLOCK)).toBe(true);
      expect(verifySignature(SECRET, ts, `${r.body} `, String(r.headers[SIGNATURE_HEADER]), CLOCK)).toBe(false);
      expect(verifySignature('whsec_other_secret_000000', ts, r.body, String(r.headers[SIGNATURE_HEADER]), CLOCK)).toBe(
        false,
      );
      expect(verifySignature(SECRET, ts, r.body, String(r.headers[SIGNATURE_HEADER]), CLOCK + 3600)).toBe(false);
      expect(JSON.parse(r.body).meta.event_id).toBe(r.headers[EVENT_HEADER]);
    }
  });

  it('a hanging endpoint does not hold up the others: they are all served while its first request is still unanswered', async () => {
    const { hook, slack, teams, bad, run } = await setup('hold');
    const running = run();
    // Wait (event-driven, no timing) until the healthy endpoints have everything.
    const want = planWebhooks(incidents, [{ id: 'x' }], ledgerOf([]), now).length;
    while (slack.received.length < want || teams.received.length < want) await new Promise((r) => setImmediate(r));
    expect(bad.held()).toBe(1);
    expect(hook.received.length).toBeGreaterThanOrEqual(want);
    bad.release();
    const outcomes = await running;
    const broken = outcomes.filter((o) => o.key.includes('/broken/'));
    expect(broken).toHaveLength(1);
    expect(broken[0]!.ok).toBe(false);
    expect(broken[0]!.detail).toMatch(/later event\(s\) wait for the next run|retried in the next run/);
    expect(broken[0]!.detail).not.toContain(bad.url);
    expect(outcomes.filter((o) => !o.key.includes('/broken/')).every((o) => o.ok)).toBe(true);
  });

  it('nothing is sent twice: a second run delivers only what failed, and each endpoint sees each event once', async () => {
    const { slack, teams, bad, entries, run } = await setup('fail');
    await run();
    const firstSlack = slack.received.length;
    expect(entries.filter((e) => e.detail.endpoint === 'broken')).toEqual([]);
    bad.mode = 'ok';
    const boundary = Math.max(...fakes.flatMap((f) => f.received.map((r) => r.seq)));
    const second = await run();
    expect(second.every((o) => o.ok && o.key.includes('/broken/'))).toBe(true);
    expect(slack.received.length).toBe(firstSlack);
    const third = await run();
    expect(third).toEqual([]);
    for (const f of [slack, teams]) {
      const ids = f.received.map((r) => r.headers[EVENT_HEADER]);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // The broken endpoint got its events in publication order once it recovered.
    const delivered = bad.received.filter((r) => r.seq > boundary).map((r) => String(r.headers[EVENT_HEADER]));
    expect(delivered).toEqual(entries.filter((e) => e.detail.endpoint === 'broken').map((e) => e.detail.event));
    // The ledger holds ids and statuses, never the URL (for chat endpoints it is the credential).
    expect(JSON.stringify(entries)).not.toMatch(/127\.0\.0\.1|services\/T/);
  });

  it('a permanent refusal (410 channel_is_archived) is not retried within the run', async () => {
    const { bad, run } = await setup('gone');
    const outcomes = await run();
    expect(bad.received).toHaveLength(1);
    expect(outcomes.find((o) => o.key.includes('/broken/'))!.detail).toMatch(/HTTP 410 channel_is_archived/);
  });
});
