/**
 * 10,000 recipients notified through the real Resend adapter and executor
 * against the local fake at Resend's documented limits (2 requests per
 * second, 100 e-mails per batch, at most 50 recipients per e-mail): 6,000
 * customers with one contact and 1,000 with four, one message per contact.
 * Prints JSON: wall time, accepted, duplicates, requests, 429s, the largest
 * `to` of any message.
 */
import { createHash } from 'node:crypto';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { resendEmailPort } from '../src/adapters/resend-email.ts';
import type { Action } from '../src/core/engine/actions.ts';
import { executePlan } from '../src/core/engine/execute.ts';
import { ledgerOf, type LedgerEntry } from '../src/core/ledger/ledger.ts';
import type { IncidentInput } from '../src/core/incident/schema.ts';
import { IncidentSchema } from '../src/core/incident/schema.ts';
import { startFakeResend } from '../test/fakes/fake-resend.ts';

const N = Number(process.argv[2] ?? 10_000);
const multi = Math.floor(N / 10); // customers with four contacts
const single = N - multi * 4;
const customers = Array.from({ length: single + multi }, (_, n) => `cust-${String(n).padStart(6, '0')}`);
const contacts = (n: number) => Array.from({ length: n < single ? 1 : 4 }, (_, k) => `ops${k}@${customers[n]}.example`);
const incident = IncidentSchema.parse({
  id: '2026-11-20-kcps-mass-notice',
  title: { ja: '大規模障害', en: 'Wide outage' },
  service: 'kcps',
  type: 'failure',
  severity: 'sev1',
  scope: 'customer',
  customers,
  components: [{ id: 'virtual-servers', status: 'major_outage' }],
  detection: { source: 'monitoring', at: '2026-11-20T10:00:00+09:00' },
  department: 'cloud-infra-ops',
  manager: 't-sato',
  responder: 'k-tanaka',
  updates: [
    {
      at: '2026-11-20T10:05:00+09:00',
      status: 'investigating',
      message: { ja: '調査中です。', en: 'We are investigating.' },
    },
  ],
} satisfies IncidentInput);
const fake = await startFakeResend({ ratePerSecond: 2 });
const ledger: LedgerEntry[] = [];
const action: Action = {
  kind: 'customer-email',
  key: `${incident.id}/customer-email/0`,
  incident: incident.id,
  at: incident.updates[0]!.at,
  reason: 'bench',
  event: 'initial',
  updateIndex: 0,
  customers,
};
const start = performance.now();
const [outcome] = await executePlan([action], {
  incidents: new Map([[incident.id, incident]]),
  catalog: readCatalog(process.cwd()),
  directory: { customers: Object.fromEntries(customers.map((c, n) => [c, { contacts: contacts(n) }])), staff: {} },
  ledger: ledgerOf([]),
  email: resendEmailPort({
    apiKey: 're_test_key',
    from: 'status@provider.example',
    baseUrl: fake.url,
    maxAttempts: 20,
  }),
  issues: {
    ensureTrackingIssue: async () => ({ number: 1, url: '' }),
    comment: async () => ({ url: '' }),
    closeIssue: async () => {},
    addLabel: async () => {},
    upsertDashboard: async () => ({ number: 1, url: '' }),
    readDashboard: async () => undefined,
  },
  store: { append: async (e) => void ledger.push(e) },
  clock: Date.now,
  hash: (t) => createHash('sha256').update(t).digest('hex'),
});
const ms = performance.now() - start;
const addresses = fake.delivered.flatMap((d) => d.to);
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(ms), ok: outcome?.ok, detail: outcome?.detail, customers: customers.length, accepted: addresses.length, duplicates: addresses.length - new Set(addresses).size, requests: fake.requests.length, rateLimited: fake.requests.filter((r) => r.status === 429).length, maxTo: Math.max(...fake.delivered.map((d) => d.to.length)) })}\n`,
);
await fake.close();
