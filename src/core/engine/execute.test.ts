import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import type { Incident } from '../incident/schema.ts';
import type { Action } from './actions.ts';
import type { Directory } from './directory.ts';
import { BATCH_SIZE, executePlan } from './execute.ts';
import { ledgerOf, type LedgerEntry } from './ledger.ts';
import type { EmailPort, IssuePort, OutgoingEmail } from './ports.ts';

const customers = Array.from({ length: 250 }, (_, n) => `cust-${String(n).padStart(4, '0')}`);
const incident: Incident = makeIncident({ scope: 'customer', customers, postmortem: undefined, prevention: undefined });
const directory: Directory = { customers: Object.fromEntries(customers.map((c) => [c, { contacts: [`${c}@x.example`] }])), staff: { 't-sato': 'm@x.example', 'k-tanaka': 'r@x.example' } };
const action: Action = { kind: 'customer-email', key: `${incident.id}/customer-email/0`, incident: incident.id, at: incident.updates[0]!.at, reason: 'test', event: 'initial', updateIndex: 0, customers };
const issues: IssuePort = {
  ensureTrackingIssue: async () => ({ number: 1, url: 'u' }), comment: async () => ({ url: 'u' }), closeIssue: async () => {}, addLabel: async () => {},
  upsertDashboard: async () => ({ number: 2, url: 'u' }), readDashboard: async () => undefined,
};

function emailPort(failOn: Set<string>): EmailPort & { batches: { key: string; messages: OutgoingEmail[] }[] } {
  const batches: { key: string; messages: OutgoingEmail[] }[] = [];
  return {
    batches,
    async sendBatch(messages, key) {
      if (failOn.has(key)) throw new Error(`provider down for ${key}`);
      batches.push({ key, messages });
      return messages.map((_, i) => `${key}#${i}`);
    },
  };
}

describe('executor', () => {
  it('sends batches of at most 100, one message per customer, and resumes a partly sent notice without resending', async () => {
    const ledger: LedgerEntry[] = [];
    const store = { append: async (e: LedgerEntry) => void ledger.push(e) };
    const ctx = (email: EmailPort) => ({ incidents: new Map([[incident.id, incident]]), catalog, directory, ledger: ledgerOf([...ledger]), email, issues, store, clock: () => Date.parse('2026-11-20T10:20:00+09:00') });

    const failing = emailPort(new Set([`${action.key}/batch-2`]));
    const [first] = await executePlan([action], ctx(failing));
    expect(first).toMatchObject({ ok: false, detail: `provider down for ${action.key}/batch-2` });
    expect(failing.batches.map((b) => [b.key, b.messages.length])).toEqual([[`${action.key}/batch-1`, BATCH_SIZE]]);
    expect(ledger.map((e) => e.key)).toEqual([`${action.key}/batch-1`]);

    const healthy = emailPort(new Set());
    const [second] = await executePlan([action], ctx(healthy));
    expect(second).toMatchObject({ ok: true, detail: 'initial notice accepted for 250 customer(s)' });
    expect(healthy.batches.map((b) => [b.key, b.messages.length])).toEqual([[`${action.key}/batch-2`, 100], [`${action.key}/batch-3`, 50]]);
    expect(healthy.batches.flatMap((b) => b.messages.map((m) => m.to.length))).toEqual(Array(150).fill(1));
    expect(ledger.at(-1)).toMatchObject({ key: action.key, detail: { recipients: 250, accepted: 250 } });
  });

  it('a customer missing from the directory fails the notice before anything is sent', async () => {
    const email = emailPort(new Set());
    const [outcome] = await executePlan([action], { incidents: new Map([[incident.id, incident]]), catalog, directory: { ...directory, customers: {} }, ledger: ledgerOf([]), email, issues, store: { append: async () => {} }, clock: Date.now });
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome!.detail).toMatch(/has no contacts in the private directory; nothing was sent/);
    expect(email.batches).toEqual([]);
  });
});
