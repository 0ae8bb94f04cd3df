/**
 * 10,000 customers notified through the real Resend adapter and executor
 * against the local fake at Resend's default limit (2 requests per second,
 * 100 e-mails per batch). Prints JSON: wall time, accepted, duplicates, 429s.
 */
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { resendEmailPort } from '../src/adapters/resend-email.ts';
import type { Action } from '../src/core/engine/actions.ts';
import { executePlan } from '../src/core/engine/execute.ts';
import { ledgerOf, type LedgerEntry } from '../src/core/engine/ledger.ts';
import type { IncidentInput } from '../src/core/incident/schema.ts';
import { IncidentSchema } from '../src/core/incident/schema.ts';
import { startFakeResend } from '../test/fakes/fake-resend.ts';

const N = Number(process.argv[2] ?? 10_000);
const customers = Array.from({ length: N }, (_, n) => `cust-${String(n).padStart(6, '0')}`);
const incident = IncidentSchema.parse({
  id: '2026-11-20-kcps-mass-notice', title: { ja: '大規模障害', en: 'Wide outage' }, service: 'kcps', type: 'failure', severity: 'sev1', scope: 'customer', customers,
  components: [{ id: 'virtual-servers', status: 'major_outage' }], detection: { source: 'monitoring', at: '2026-11-20T10:00:00+09:00' },
  department: 'cloud-infra-ops', manager: 't-sato', responder: 'k-tanaka',
  updates: [{ at: '2026-11-20T10:05:00+09:00', status: 'investigating', message: { ja: '調査中です。', en: 'We are investigating.' } }],
} satisfies IncidentInput);
const fake = await startFakeResend({ ratePerSecond: 2 });
const ledger: LedgerEntry[] = [];
const action: Action = { kind: 'customer-email', key: `${incident.id}/customer-email/0`, incident: incident.id, at: incident.updates[0]!.at, reason: 'bench', event: 'initial', updateIndex: 0, customers };
const start = performance.now();
const [outcome] = await executePlan([action], {
  incidents: new Map([[incident.id, incident]]),
  catalog: readCatalog(process.cwd()),
  directory: { customers: Object.fromEntries(customers.map((c) => [c, { contacts: [`ops@${c}.example`] }])), staff: {} },
  ledger: ledgerOf([]),
  email: resendEmailPort({ apiKey: 're_test_key', from: 'status@provider.example', baseUrl: fake.url, maxAttempts: 20 }),
  issues: { ensureTrackingIssue: async () => ({ number: 1, url: '' }), comment: async () => ({ url: '' }), closeIssue: async () => {}, addLabel: async () => {}, upsertDashboard: async () => ({ number: 1, url: '' }), readDashboard: async () => undefined },
  store: { append: async (e) => void ledger.push(e) },
  clock: Date.now,
});
const ms = performance.now() - start;
const addresses = fake.delivered.map((d) => d.to.join(','));
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), ok: outcome?.ok, accepted: fake.delivered.length, duplicates: addresses.length - new Set(addresses).size, requests: fake.requests.length, rateLimited: fake.requests.filter((r) => r.status === 429).length })}\n`);
await fake.close();
