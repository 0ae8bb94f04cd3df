import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { memoryEmailPort } from '../../../test/fakes/memory-email.ts';
import type { Incident } from '../incident/schema.ts';
import type { Action } from './actions.ts';
import type { Directory } from './directory.ts';
import { BATCH_SIZE, executePlan, type ExecuteContext } from './execute.ts';
import { ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { keys, planActions } from './plan.ts';
import type { EmailPort, IssuePort } from './ports.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const mac = (t: string) => createHmac('sha256', 'test-ledger-key-0123456789abcdef0123').update(t).digest('hex');
const T0 = Date.parse('2026-11-20T10:20:00+09:00');
const customers = Array.from({ length: 250 }, (_, n) => `cust-${String(n).padStart(4, '0')}`);
/** An open customer-scope incident: detected 10:02, first update 10:14 JST. */
const open = (overrides: Partial<Incident> = {}): Incident => {
  const base = makeIncident({
    scope: 'customer',
    customers,
    postmortem: undefined,
    prevention: undefined,
    recovered_at: undefined,
  });
  return makeIncident({
    scope: 'customer',
    customers,
    postmortem: undefined,
    prevention: undefined,
    recovered_at: undefined,
    updates: [base.updates[0]!],
    ...overrides,
  });
};
const incident = open();
const directoryFor = (list: readonly string[]): Directory => ({
  customers: Object.fromEntries(list.map((c) => [c, { contacts: [`${c}@x.example`] }])),
  staff: { 't-sato': 'm@x.example', 'k-tanaka': 'r@x.example' },
});
const action: Action = {
  kind: 'customer-email',
  key: `${incident.id}/customer-email/0`,
  incident: incident.id,
  at: incident.updates[0]!.at,
  reason: 'test',
  event: 'initial',
  updateIndex: 0,
  customers,
};

function fakeIssues(): IssuePort & { comments: string[]; labels: string[]; created: number } {
  const state = { comments: [] as string[], labels: [] as string[], created: 0 };
  return Object.assign(state, {
    ensureTrackingIssue: async () => ({ number: 7 + state.created++ * 0, url: 'u' }),
    comment: async (_n: number, body: string) => (state.comments.push(body), { url: 'u' }),
    closeIssue: async () => {},
    addLabel: async (_n: number, l: string) => void state.labels.push(l),
    upsertDashboard: async () => ({ number: 2, url: 'u' }),
    readDashboard: async () => undefined,
  });
}

function context(entries: LedgerEntry[], email: EmailPort, over: Partial<ExecuteContext> = {}): ExecuteContext {
  return {
    incidents: new Map([[incident.id, incident]]),
    catalog,
    directory: directoryFor(customers),
    ledger: ledgerOf([...entries]),
    email,
    issues: fakeIssues(),
    store: { append: async (e) => void entries.push(e) },
    clock: () => T0,
    hash: sha256,
    recipientMac: mac,
    ...over,
  };
}

describe('executor: addressing and batches within the documented limits', () => {
  it('one message per contact (nobody sees another address), batches of at most 100, a 120-contact customer split across batches', async () => {
    const many = Array.from({ length: 120 }, (_, k) => `person${k}@big.example`);
    const directory = directoryFor(customers);
    directory.customers['cust-0000'] = { contacts: many };
    const email = memoryEmailPort(() => T0);
    const entries: LedgerEntry[] = [];
    const [outcome] = await executePlan([action], context(entries, email, { directory }));
    expect(outcome).toMatchObject({ ok: true });
    expect(email.model.delivered).toHaveLength(249 + 120);
    expect(email.model.delivered.every((d) => d.to.length === 1)).toBe(true);
    expect(new Set(email.model.delivered.map((d) => d.to[0])).size).toBe(369);
    expect(email.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // The ledger names recipients by opaque keys only.
    expect(JSON.stringify(entries)).not.toMatch(/@|person\d/);
    expect(entries.at(-1)).toMatchObject({ key: action.key, detail: { recipients: 250, accepted: 250 } });
    expect(
      Math.max(
        ...entries
          .filter((e) => e.key.includes('/batch-') && !e.key.endsWith('/intent'))
          .map((e) => Number(e.detail.messages)),
      ),
    ).toBe(BATCH_SIZE);
  });

  it('a provider that fails mid-notice: what was accepted stays accepted, the rest goes out on the next run, nobody twice', async () => {
    const entries: LedgerEntry[] = [];
    const good = memoryEmailPort(() => T0);
    let calls = 0;
    const flaky: EmailPort = {
      sendBatch: async (m, k) => (++calls === 2 ? Promise.reject(new Error('provider down')) : good.sendBatch(m, k)),
    };
    const [first] = await executePlan([action], context(entries, flaky));
    expect(first).toMatchObject({ ok: false });
    expect(first!.detail).toMatch(/provider down/);
    const [second] = await executePlan([action], context(entries, good));
    expect(second).toMatchObject({ ok: true });
    expect(good.model.delivered).toHaveLength(250);
    expect(new Set(good.model.delivered.map((d) => d.to[0])).size).toBe(250);
  });
});

describe('executor: failures stay local', () => {
  it('a customer missing from the directory blocks only that customer; the manager is told once; fixed, the next run sends to that customer alone', async () => {
    const entries: LedgerEntry[] = [];
    const email = memoryEmailPort(() => T0);
    const directory = directoryFor(customers.filter((c) => c !== 'cust-0007'));
    const issues = fakeIssues();
    const [outcome] = await executePlan([action], context(entries, email, { directory, issues }));
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome!.detail).toMatch(
      /^1 of 250 customer\(s\) not notified \(no usable contact in the private directory: cust-0007\); 249 notified, 249 message\(s\) sent in this run; manager told; retried on the next run$/,
    );
    expect(email.model.delivered.filter((d) => d.to[0]!.startsWith('cust-'))).toHaveLength(249);
    const told = email.model.delivered.filter((d) => d.to[0] === 'm@x.example');
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('cust-0007');
    expect(entries.some((e) => e.key === action.key)).toBe(false); // not complete: the notice stays due

    const again = await executePlan([action], context(entries, email, { directory }));
    expect(again[0]!.detail).not.toMatch(/manager told/); // told once, not every run
    expect(email.model.delivered.filter((d) => d.to[0] === 'm@x.example')).toHaveLength(1);

    await executePlan([action], context(entries, email));
    expect(email.model.delivered.filter((d) => d.to[0]!.startsWith('cust-'))).toHaveLength(250);
    expect(email.model.delivered.filter((d) => d.to[0] === 'cust-0007@x.example')).toHaveLength(1);
    expect(entries.find((e) => e.key === action.key)).toMatchObject({ detail: { recipients: 250, accepted: 250 } });
  });

  it("a responder without an address does not block the manager's warning", async () => {
    const warning: Action = {
      kind: 'warning',
      key: `${incident.id}/warning/notify`,
      incident: incident.id,
      at: '2026-11-20T10:34:00+09:00',
      reason: 'test',
      target: 'notify',
      deadline: '2026-11-20T10:32:00+09:00',
      minutesLeft: 10,
      recipients: ['t-sato', 'k-tanaka'],
    };
    const email = memoryEmailPort(() => T0);
    const [outcome] = await executePlan(
      [warning],
      context([], email, {
        directory: { customers: {}, staff: { 't-sato': 'm@x.example' } },
        clock: () => Date.parse('2026-11-20T10:23:00+09:00'),
      }),
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome!.detail).toMatch(/no address for @k-tanaka/);
    expect(email.model.delivered.map((d) => d.to)).toEqual([['m@x.example']]);
  });
});

describe('executor: order, re-checks and the time budget', () => {
  const at = (iso: string) => Date.parse(iso);

  it('customer notices go first, and a warning made moot by them in the same run is not sent', async () => {
    // 10:23: the notify deadline is 10:32, the warning (10 minutes before) is due, and nobody is notified yet.
    const now = at('2026-11-20T10:23:00+09:00');
    const plan = planActions([incident], catalog, ledgerOf([]), now);
    expect(plan.map((a) => a.kind)).toContain('warning');
    const email = memoryEmailPort(() => now);
    const outcomes = await executePlan(plan, context([], email, { clock: () => now }));
    expect(outcomes[0]).toMatchObject({ kind: 'customer-email', ok: true });
    expect(outcomes.find((o) => o.kind === 'warning')).toMatchObject({
      ok: true,
      detail: 'no longer due when its turn came (re-checked at send time); not sent',
    });
    expect(email.model.delivered.some((d) => d.subject.includes('SLA warning'))).toBe(false);
  });

  it('once the run budget is spent, the rest is left for the next run and customer e-mail was not starved', async () => {
    const now = at('2026-11-20T10:23:00+09:00');
    const plan = planActions([incident], catalog, ledgerOf([]), now);
    let budget = 1;
    const email = memoryEmailPort(() => now);
    const slow: EmailPort = {
      sendBatch: async (m, k) => {
        const r = await email.sendBatch(m, k);
        if (!m[0]!.to[0]!.startsWith('cust-')) budget = 0;
        return r;
      },
    };
    const outcomes = await executePlan(plan, context([], slow, { clock: () => now, remainingMs: () => budget }));
    expect(outcomes[0]).toMatchObject({ kind: 'customer-email', ok: true });
    const skipped = outcomes.filter((o) => o.detail.startsWith('not attempted: run time budget spent'));
    expect(skipped.length).toBeGreaterThan(0);
    expect(outcomes.findIndex((o) => o.detail.startsWith('not attempted'))).toBeGreaterThan(0);
  });
});

describe('reconcile: GitHub converges to the ledger', () => {
  it('a breach raised while the tracking issue could not be created is commented and labelled once the issue exists', async () => {
    const now = Date.parse('2026-11-20T10:40:00+09:00');
    const entries: LedgerEntry[] = [];
    const email = memoryEmailPort(() => now);
    const down = fakeIssues();
    down.ensureTrackingIssue = async () => Promise.reject(new Error('GitHub is down'));
    const publicIncident = open({ scope: 'public', customers: undefined });
    const ctx = (issues: IssuePort) =>
      context(entries, email, { issues, clock: () => now, incidents: new Map([[publicIncident.id, publicIncident]]) });
    const first = await executePlan(planActions([publicIncident], catalog, ledgerOf(entries), now), ctx(down));
    expect(first.find((o) => o.kind === 'tracking-issue')).toMatchObject({ ok: false });
    expect(first.find((o) => o.kind === 'breach')).toMatchObject({ ok: true });
    expect(first.find((o) => o.kind === 'breach')!.detail).toMatch(/shown on the tracking issue once it exists/);

    // GitHub is back: the run that creates the issue shows the earlier breach on it at once.
    const up = fakeIssues();
    const second = await executePlan(planActions([publicIncident], catalog, ledgerOf(entries), now), ctx(up));
    expect(second.find((o) => o.kind === 'tracking-issue')!.detail).toMatch(
      /earlier breach\(es\) of notify shown on it and labelled sla-breach/,
    );
    expect(up.labels).toEqual(['sla-breach']);
    expect(up.comments.some((c) => /SLA breach/.test(c))).toBe(true);
    expect(planActions([publicIncident], catalog, ledgerOf(entries), now)).toEqual([]);
  });

  it('a breach whose label failed is labelled by a later run (planned from the ledger)', async () => {
    const now = Date.parse('2026-11-20T10:40:00+09:00');
    const publicIncident = open({ scope: 'public', customers: undefined });
    const entries: LedgerEntry[] = [
      {
        key: keys.trackingIssue(publicIncident.id),
        kind: 'tracking-issue',
        incident: publicIncident.id,
        at: '2026-11-20T10:15:00+09:00',
        detail: { number: 7 },
      },
    ];
    const email = memoryEmailPort(() => now);
    const flaky = fakeIssues();
    flaky.addLabel = async () => Promise.reject(new Error('GitHub is down'));
    const ctx = (issues: IssuePort) =>
      context(entries, email, { issues, clock: () => now, incidents: new Map([[publicIncident.id, publicIncident]]) });
    const first = await executePlan(planActions([publicIncident], catalog, ledgerOf(entries), now), ctx(flaky));
    expect(first.find((o) => o.kind === 'breach')!.detail).toMatch(
      /not yet shown on #7 \(GitHub is down\), retried on the next run/,
    );
    const again = planActions([publicIncident], catalog, ledgerOf(entries), now);
    expect(again.map((a) => a.kind)).toEqual(['breach-on-issue']);
    const up = fakeIssues();
    await executePlan(again, ctx(up));
    expect(up.labels).toEqual(['sla-breach']);
    expect(planActions([publicIncident], catalog, ledgerOf(entries), now)).toEqual([]);
  });
});

describe('executor: a 409 nobody can explain', () => {
  it('a conflict for a batch with no earlier attempt in the ledger is not recorded as sent: reported, the intent closed with nobody, retried later', async () => {
    const small = ['cust-0000', 'cust-0001'];
    const one: Action = { ...action, customers: small };
    const conflicting: EmailPort = { sendBatch: async () => ({ conflict: 'payload-differs' }) };
    const entries: LedgerEntry[] = [];
    const [outcome] = await executePlan([one], context(entries, conflicting, { directory: directoryFor(small) }));
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome!.detail).toMatch(/409 invalid_idempotent_request with no earlier attempt.*investigate/);
    expect(entries.some((e) => e.key === one.key)).toBe(false);
    const resolution = entries.find((e) => e.key.includes('/batch-') && !e.key.endsWith('/intent'))!;
    expect(resolution.detail).toMatchObject({ rkeys: '', conflict: true, unexplained: 2 });
    // The next run (the key forgotten by then) sends to both and completes; the closed intent is not mistaken for a delivery.
    const email = memoryEmailPort(() => T0);
    const [again] = await executePlan([one], context(entries, email, { directory: directoryFor(small) }));
    expect(again).toMatchObject({ ok: true });
    expect(email.model.delivered.map((d) => d.to[0]).sort()).toEqual(['cust-0000@x.example', 'cust-0001@x.example']);
  });
});

describe('executor: recipient keys', () => {
  const small = ['cust-0000', 'cust-0001'];
  const one: Action = { ...action, customers: small };
  it('without the ledger key customer e-mail is refused with one line; nothing is sent or recorded for it', async () => {
    const email = memoryEmailPort(() => T0);
    const entries: LedgerEntry[] = [];
    const [outcome] = await executePlan(
      [one],
      context(entries, email, { directory: directoryFor(small), recipientMac: undefined }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      detail: expect.stringMatching(
        /^STATUS_LEDGER_KEY is not set \(or shorter than 32 characters\): customer e-mail is not sent/,
      ),
    });
    expect(email.model.delivered).toEqual([]);
    expect(entries).toEqual([]);
  });
  it('keys written before the ledger key (unkeyed) still count: a half-sent notice at the migration is finished, nobody gets it twice', async () => {
    const email = memoryEmailPort(() => T0);
    const entries: LedgerEntry[] = [];
    // The first customer was accepted under the old, unkeyed recipient key.
    const legacy = `cust-0000:${sha256(`${incident.id}\ncust-0000@x.example`).slice(0, 16)}`;
    entries.push({
      key: `${one.key}/batch-old`,
      kind: 'customer-email',
      incident: incident.id,
      at: '2026-11-20T10:15:00+09:00',
      detail: { notice: one.key, update: 1, rkeys: legacy, messages: 1, ids: 'x' },
    });
    const [outcome] = await executePlan([one], context(entries, email, { directory: directoryFor(small) }));
    expect(outcome).toMatchObject({ ok: true });
    expect(email.model.delivered.map((d) => d.to[0])).toEqual(['cust-0001@x.example']);
  });
  it('the same address under two customers gets unrelated keys, and no key is an unkeyed hash of a guessable input', async () => {
    const shared: Directory = {
      customers: { 'cust-0000': { contacts: ['same@x.example'] }, 'cust-0001': { contacts: ['SAME@x.example'] } },
      staff: {},
    };
    const entries: LedgerEntry[] = [];
    await executePlan(
      [one],
      context(
        entries,
        memoryEmailPort(() => T0),
        { directory: shared },
      ),
    );
    const rkeys = entries.filter((e) => e.detail.phase === 'intent').flatMap((e) => String(e.detail.rkeys).split(' '));
    const suffixes = rkeys.map((k) => k.split(':')[1]);
    expect(suffixes).toHaveLength(2);
    expect(new Set(suffixes).size).toBe(2);
    expect(suffixes).not.toContain(sha256(`${incident.id}\nsame@x.example`).slice(0, 16));
  });
});
