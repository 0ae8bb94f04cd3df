import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import type { Incident } from '../incident/schema.ts';
import { toJstIso } from '../time.ts';
import type { Action } from './actions.ts';
import { ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { keys, planActions, staleNotice } from './plan.ts';

const at = (s: string) => Date.parse(s);
const DETECTED = at('2026-11-20T10:02:00+09:00');
const min = (m: number) => DETECTED + m * 60_000;
const kinds = (actions: Action[]) =>
  actions
    .map((a) => `${a.kind}${'target' in a ? `:${a.target}` : ''}${'updateIndex' in a ? `:${a.updateIndex}` : ''}`)
    .sort();
const entry = (key: string, atMs: number, detail: LedgerEntry['detail'] = {}): LedgerEntry => ({
  key,
  kind: key.split('/')[1] as LedgerEntry['kind'],
  incident: key.split('/')[0],
  at: toJstIso(atMs),
  detail,
});

/** An incident still open: one investigating update 12 minutes after detection. */
const open = (overrides: Partial<Incident> = {}): Incident =>
  makeIncident({
    updates: [makeIncident().updates[0]!],
    recovered_at: undefined,
    postmortem: undefined,
    prevention: undefined,
    ...overrides,
  });
const ID = '2026-11-20-kcps-block-storage-latency';
const done = (i: Incident, extra: string[] = []) =>
  [
    keys.trackingIssue(i.id),
    ...i.updates.flatMap((_, n) => [keys.manager(i.id, n), keys.trackingComment(i.id, n)]),
    ...extra,
  ].map((k) => entry(k, min(12)));

describe('plan at fixed clocks around every deadline', () => {
  it('a new incident: tracking issue, manager notification and tracking comment; no warning yet', () => {
    expect(kinds(planActions([open()], catalog, ledgerOf([]), min(13)))).toEqual([
      'manager-notification:0',
      'tracking-comment:0',
      'tracking-issue',
    ]);
  });

  it('notification target: warned 10 minutes before, breached at the deadline, nothing once the page is live in time', () => {
    const i = open();
    const ledger = ledgerOf(done(i));
    expect(kinds(planActions([i], catalog, ledger, min(19)))).toEqual([]);
    const warn = planActions([i], catalog, ledger, min(20));
    expect(kinds(warn)).toEqual(['warning:notify']);
    expect(warn[0]).toMatchObject({
      minutesLeft: 10,
      recipients: ['t-sato', 'k-tanaka'],
      deadline: '2026-11-20T10:32:00+09:00',
    });
    expect(
      kinds(planActions([i], catalog, ledgerOf([...done(i), entry(keys.warning(ID, 'notify'), min(20))]), min(31))),
    ).toEqual(['breach:notify']);
    const live = ledgerOf([...done(i), entry(keys.pageLive(ID, 1), min(16))]);
    expect(kinds(planActions([i], catalog, live, min(25)))).toEqual([]);
    expect(kinds(planActions([i], catalog, live, min(119)))).toEqual(['warning:recover']);
  });

  it('a page verified live after the deadline is a breach with its time', () => {
    const i = open();
    const [breach] = planActions([i], catalog, ledgerOf([...done(i), entry(keys.pageLive(ID, 1), min(40))]), min(41));
    expect(breach).toMatchObject({ kind: 'breach', target: 'notify', stoppedAt: '2026-11-20T10:42:00+09:00' });
  });

  it('recovery target: warned 30 minutes before, breached when passed; recovered in time means neither', () => {
    const i = open();
    const base = [...done(i), entry(keys.pageLive(ID, 1), min(16))];
    expect(kinds(planActions([i], catalog, ledgerOf(base), min(89)))).toEqual([]);
    expect(kinds(planActions([i], catalog, ledgerOf(base), min(90)))).toEqual(['warning:recover']);
    expect(kinds(planActions([i], catalog, ledgerOf(base), min(121)))).toEqual(['breach:recover']);
    const recovered = makeIncident({ postmortem: { status: 'draft' } });
    expect(
      kinds(
        planActions(
          [recovered],
          catalog,
          ledgerOf([...done(recovered), entry(keys.pageLive(ID, 1), min(16))]),
          min(200),
        ),
      ),
    ).toEqual([]);
  });

  it('a run three hours late plans both breaches and no stale warnings', () => {
    const i = open();
    const late = planActions([i], catalog, ledgerOf(done(i)), min(180));
    expect(kinds(late)).toEqual(['breach:notify', 'breach:recover']);
    expect(late.find((a) => a.kind === 'breach' && a.target === 'recover')!.at).toBe('2026-11-20T12:02:00+09:00');
  });

  it('a KBI inquiry on a holiday weekend is not warned or breached before the desk opens', () => {
    const i = open({
      service: 'kbi',
      department: 'id-service-ops',
      manager: 'r-yamamoto',
      components: [{ id: 'login', status: 'partial_outage' }],
      detection: { source: 'inquiry', at: '2025-09-13T23:10:00+09:00' },
      updates: [
        { at: '2025-09-13T23:20:00+09:00', status: 'investigating', message: { ja: '調査中', en: 'Investigating' } },
      ],
    });
    const ledger = ledgerOf(done(i));
    expect(kinds(planActions([i], catalog, ledger, at('2025-09-15T12:00:00+09:00')))).toEqual([]);
    expect(kinds(planActions([i], catalog, ledger, at('2025-09-16T09:20:00+09:00')))).toEqual(['warning:notify']);
    expect(kinds(planActions([i], catalog, ledger, at('2025-09-16T09:31:00+09:00')))).toEqual(['breach:notify']);
  });
});

it('a KBI inquiry during the year-end closure waits for the desk to reopen on 4 January', () => {
  const i = open({
    service: 'kbi',
    department: 'id-service-ops',
    manager: 'r-yamamoto',
    components: [{ id: 'login', status: 'partial_outage' }],
    detection: { source: 'inquiry', at: '2026-12-29T10:00:00+09:00' },
    updates: [
      { at: '2026-12-29T10:30:00+09:00', status: 'investigating', message: { ja: '調査中', en: 'Investigating' } },
    ],
  });
  const ledger = ledgerOf(done(i));
  expect(kinds(planActions([i], catalog, ledger, at('2027-01-02T12:00:00+09:00')))).toEqual([]);
  expect(kinds(planActions([i], catalog, ledger, at('2027-01-04T09:20:00+09:00')))).toEqual(['warning:notify']);
  expect(kinds(planActions([i], catalog, ledger, at('2027-01-04T09:31:00+09:00')))).toEqual(['breach:notify']);
});

describe('customer e-mail', () => {
  const customer = (updates: Incident['updates']) =>
    open({ scope: 'customer', customers: ['cust-4f2a91', 'cust-9b7c03'], updates });
  const u = (minutes: number, status: Incident['updates'][number]['status'], extra = {}) => ({
    at: toJstIso(min(minutes)),
    status,
    message: { ja: 'x', en: 'x' },
    ...extra,
  });

  it('the first notice goes to every affected customer; a superseded unsent update is folded into the later one', () => {
    const i = customer([u(5, 'investigating'), u(9, 'identified')]);
    const [email] = planActions([i], catalog, ledgerOf(done(i)), min(10)).filter((a) => a.kind === 'customer-email');
    expect(email).toMatchObject({
      event: 'initial',
      updateIndex: 1,
      customers: ['cust-4f2a91', 'cust-9b7c03'],
      key: `${ID}/customer-email/1`,
    });
    expect(email!.reason).toMatch(/1 earlier unsent update\(s\) superseded/);
  });

  it('later updates and the resolution follow; updates marked not for customers are skipped', () => {
    const sent = (i: Incident) => [
      ...done(i),
      entry(keys.customerEmail(ID, 0), min(6), { recipients: 2, accepted: 2 }),
    ];
    const i = customer([u(5, 'investigating'), u(40, 'identified', { notify_customers: false })]);
    expect(planActions([i], catalog, ledgerOf(sent(i)), min(41)).filter((a) => a.kind === 'customer-email')).toEqual(
      [],
    );
    const resolved = {
      ...customer([u(5, 'investigating'), u(40, 'identified', { notify_customers: false }), u(60, 'resolved')]),
      recovered_at: toJstIso(min(58)),
    };
    const [email] = planActions([resolved], catalog, ledgerOf(sent(resolved)), min(61)).filter(
      (a) => a.kind === 'customer-email',
    );
    expect(email).toMatchObject({ event: 'resolution', updateIndex: 2 });
  });

  it('customers count as notified only when the provider accepted the notice for all of them', () => {
    const i = customer([u(5, 'investigating')]);
    const partial = ledgerOf([...done(i), entry(keys.customerEmail(ID, 0), min(6), { recipients: 2, accepted: 1 })]);
    expect(kinds(planActions([i], catalog, partial, min(31)))).toContain('breach:notify');
    const full = ledgerOf([...done(i), entry(keys.customerEmail(ID, 0), min(6), { recipients: 2, accepted: 2 })]);
    expect(kinds(planActions([i], catalog, full, min(31)))).not.toContain('breach:notify');
  });
});

it('monitoring until complete: the tracking issue closes with the incident, and nothing is planned after', () => {
  const closed = makeIncident({
    postmortem: {
      status: 'approved',
      approvers: ['t-sato'],
      approved_at: '2026-11-25T10:00:00+09:00',
      summary: { ja: 'x', en: 'x' },
    },
    prevention: [],
    closed_at: '2026-11-26T10:00:00+09:00',
  });
  const ledger = [...done(closed), entry(keys.pageLive(ID, 1), min(16))];
  expect(kinds(planActions([closed], catalog, ledgerOf(ledger), at('2026-11-27T10:00:00+09:00')))).toEqual([
    'close-tracking-issue',
  ]);
  expect(
    planActions(
      [closed],
      catalog,
      ledgerOf([...ledger, entry(keys.trackingClosed(ID), min(3000))]),
      at('2026-11-27T10:00:00+09:00'),
    ),
  ).toEqual([]);
});

it('idempotent: recording every planned action in the ledger leaves nothing to plan at the same instant', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 4 }), (minutes, n) => {
      const statuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
      const updates = statuses
        .slice(0, n)
        .map((status, k) => ({ at: toJstIso(min(12 + k * 5)), status, message: { ja: 'x', en: 'x' } }));
      const i = makeIncident({
        updates,
        recovered_at: n === 4 ? updates[3]!.at : undefined,
        postmortem: { status: 'draft' },
        scope: minutes % 2 ? 'customer' : 'public',
        customers: minutes % 2 ? ['cust-4f2a91'] : undefined,
      });
      const now = Math.max(min(minutes), min(12 + (n - 1) * 5));
      const first = planActions([i], catalog, ledgerOf([]), now);
      expect(new Set(first.map((a) => a.key)).size).toBe(first.length);
      // As the executor does: a breach raised after the tracking issue exists is shown there in the same action.
      const recorded = ledgerOf(
        first.flatMap((a) => [
          entry(a.key, now, a.kind === 'customer-email' ? { recipients: 1, accepted: 1 } : {}),
          ...(a.kind === 'breach' ? [entry(keys.breachOnIssue(a.incident, a.target), now, {})] : []),
        ]),
      );
      expect(planActions([i], catalog, recorded, now)).toEqual([]);
    }),
  );
});

describe('maintenance reminders and the heartbeat', () => {
  const maint = makeIncident({
    id: '2026-12-01-kcps-maint',
    type: 'maintenance',
    severity: undefined,
    detection: undefined,
    recovered_at: undefined,
    postmortem: undefined,
    prevention: undefined,
    components: [{ id: 'dns', status: 'under_maintenance' }],
    window: { start: '2026-12-01T01:00:00+09:00', end: '2026-12-01T03:00:00+09:00' },
    updates: [{ at: '2026-11-20T10:00:00+09:00', status: 'scheduled', message: { ja: '予定', en: 'Scheduled' } }],
  });
  const base = [keys.trackingIssue(maint.id), keys.manager(maint.id, 0), keys.trackingComment(maint.id, 0)].map((k) =>
    entry(k, min(0)),
  );
  const reminders = (now: string, extra: LedgerEntry[] = [], incident = maint) =>
    planActions([incident], catalog, ledgerOf([...base, ...extra]), at(now))
      .filter((a) => a.kind === 'maintenance-reminder')
      .map((a) => (a as { moment: string }).moment);

  it('before the start, at the start and after the end, each once and only while useful', () => {
    expect(reminders('2026-11-30T23:59:00+09:00')).toEqual([]);
    expect(reminders('2026-12-01T00:00:00+09:00')).toEqual(['before-start']);
    expect(reminders('2026-12-01T01:00:00+09:00')).toEqual(['start']);
    expect(reminders('2026-12-01T01:00:00+09:00', [entry(keys.maintenance(maint.id, 'start'), min(0))])).toEqual([]);
    expect(reminders('2026-12-01T03:30:00+09:00')).toEqual(['end']);
    const completed = {
      ...maint,
      updates: [
        ...maint.updates,
        { at: '2026-12-01T02:50:00+09:00', status: 'completed' as const, message: { ja: '完了', en: 'Done' } },
      ],
    };
    expect(reminders('2026-12-01T03:30:00+09:00', [], completed)).toEqual([]);
  });

  it('a late run never sends "starts soon" after the start', () => {
    expect(reminders('2026-12-01T02:00:00+09:00')).toEqual(['start']);
  });

  it('the heartbeat is stale after more than twice the schedule', async () => {
    const { heartbeatStatus } = await import('./plan.ts');
    expect(heartbeatStatus(undefined, min(0), 15).state).toBe('unknown');
    expect(heartbeatStatus(min(0), min(30), 15).state).toBe('fresh');
    expect(heartbeatStatus(min(0), min(31), 15)).toMatchObject({ state: 'stale', minutesSince: 31 });
  });
});

describe('a finished incident whose notice is stale, with no trace of any notice in the ledger', () => {
  const HOUR = 3_600_000;
  const resolved = makeIncident({
    scope: 'customer',
    customers: ['cust-4f2a91'],
    postmortem: undefined,
    prevention: undefined,
  });
  const lastAt = Date.parse(resolved.updates.at(-1)!.at);
  const emails = (i: Incident, entries: LedgerEntry[], now: number) =>
    planActions([i], catalog, ledgerOf(entries), now).filter((a) => a.kind === 'customer-email');
  it('within 24 hours of its latest update the notice is sent; past them it is held back (reported by the run), like a closed incident', () => {
    expect(isFinishedForTest(resolved)).toBe(true);
    expect(emails(resolved, [], lastAt + 23 * HOUR)).toHaveLength(1);
    expect(staleNotice(resolved, ledgerOf([]), lastAt + 23 * HOUR)).toBeUndefined();
    expect(emails(resolved, [], lastAt + 25 * HOUR)).toEqual([]);
    expect(staleNotice(resolved, ledgerOf([]), lastAt + 25 * HOUR)).toMatchObject({ update: resolved.updates.length });
  });
  it('any customer-notice evidence in the ledger (even an intent) keeps the normal rules: a customer added later still gets it', () => {
    const intent: LedgerEntry = {
      key: `${resolved.id}/customer-email/0/batch-x/intent`,
      kind: 'customer-email',
      incident: resolved.id,
      at: toJstIso(lastAt),
      detail: { notice: `${resolved.id}/customer-email/0`, phase: 'intent', rkeys: 'cust-4f2a91:0123456789abcdef' },
    };
    expect(emails(resolved, [intent], lastAt + 25 * HOUR)).toHaveLength(1);
  });
  it('an incident still open is notified however old its update: only finished incidents are held back', () => {
    const running = { ...resolved, updates: [resolved.updates[0]!], recovered_at: undefined };
    expect(emails(running, [], Date.parse(running.updates[0]!.at) + 48 * HOUR)).toHaveLength(1);
  });
});
const isFinishedForTest = (i: Incident) => ['resolved', 'completed'].includes(i.updates.at(-1)!.status);
