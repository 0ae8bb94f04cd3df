import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../../test/builders.ts';
import { keys, ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { notifiedOf } from './notified.ts';

const ID = '2026-11-20-kcps-block-storage-latency';
const e = (
  key: string,
  kind: LedgerEntry['kind'],
  at: string,
  detail: LedgerEntry['detail'] = {},
  incident = ID,
): LedgerEntry => ({ key, kind, incident, at, detail });
const publicIncident = makeIncident();
const customerIncident = makeIncident({ scope: 'customer', customers: ['cust-4f2a91', 'cust-9b7c03'] });

describe('notifiedOf: the one answer to "when were customers notified"', () => {
  it('public: the earliest page-live record, whatever its key or file order', () => {
    const ledger = ledgerOf([
      e(keys.pageLive(ID, 3), 'page-live', '2026-11-20T11:10:00+09:00'),
      e(`${ID}/page-live`, 'page-live', '2026-11-20T10:20:00+09:00'),
      e(keys.pageLive(ID, 1), 'page-live', '2026-11-20T10:16:00+09:00'),
    ]);
    expect(notifiedOf(publicIncident, ledger)).toMatchObject({
      at: Date.parse('2026-11-20T10:16:00+09:00'),
      evidence: 'page-live',
      key: keys.pageLive(ID, 1),
    });
  });

  it("public: another incident's record, a customer e-mail, a manager notice or the update time are no evidence", () => {
    const ledger = ledgerOf([
      e(
        keys.pageLive('2026-11-21-kcps-other', 1),
        'page-live',
        '2026-11-20T10:16:00+09:00',
        {},
        '2026-11-21-kcps-other',
      ),
      e(keys.manager(ID, 0), 'manager-notification', '2026-11-20T10:15:00+09:00'),
      e(keys.customerEmail(ID, 0), 'customer-email', '2026-11-20T10:15:00+09:00', { recipients: 1, accepted: 1 }),
    ]);
    expect(notifiedOf(publicIncident, ledger)).toEqual({
      evidence: 'none',
      text: 'not yet evidenced: no record that the page was verified live after a deploy',
    });
    expect(notifiedOf(publicIncident, undefined)).toEqual({
      evidence: 'none',
      text: 'not yet evidenced: the ledger was not available',
    });
  });

  it('customer: the first notice accepted for every affected customer; partial acceptance and batch records do not count', () => {
    const partial = e(keys.customerEmail(ID, 0), 'customer-email', '2026-11-20T10:15:00+09:00', {
      recipients: 2,
      accepted: 1,
    });
    const batch = e(`${keys.customerEmail(ID, 0)}/batch-1`, 'customer-email', '2026-11-20T10:15:00+09:00', {
      messages: 2,
    });
    expect(notifiedOf(customerIncident, ledgerOf([partial, batch])).evidence).toBe('none');
    const empty = e(keys.customerEmail(ID, 0), 'customer-email', '2026-11-20T10:15:00+09:00', {
      recipients: 0,
      accepted: 0,
    });
    expect(notifiedOf(customerIncident, ledgerOf([empty])).evidence).toBe('none');
    const full = e(keys.customerEmail(ID, 1), 'customer-email', '2026-11-20T10:45:00+09:00', {
      recipients: 2,
      accepted: 2,
    });
    expect(notifiedOf(customerIncident, ledgerOf([partial, batch, full]))).toMatchObject({
      at: Date.parse('2026-11-20T10:45:00+09:00'),
      evidence: 'customer-email',
    });
    // A page-live record never counts for a customer-scope incident (it is never published).
    expect(
      notifiedOf(customerIncident, ledgerOf([e(keys.pageLive(ID, 1), 'page-live', '2026-11-20T10:16:00+09:00')]))
        .evidence,
    ).toBe('none');
  });

  it('customer: a notice sent before a customer was added does not count; the first one that reached all of them does', () => {
    const grown = makeIncident({ scope: 'customer', customers: ['cust-4f2a91', 'cust-9b7c03', 'cust-77aa01'] });
    const before = e(keys.customerEmail(ID, 0), 'customer-email', '2026-11-20T10:15:00+09:00', {
      recipients: 2,
      accepted: 2,
    });
    expect(notifiedOf(grown, ledgerOf([before])).evidence).toBe('none');
    const all = e(keys.customerEmail(ID, 1), 'customer-email', '2026-11-20T10:45:00+09:00', {
      recipients: 3,
      accepted: 3,
    });
    expect(notifiedOf(grown, ledgerOf([before, all])).at).toBe(Date.parse('2026-11-20T10:45:00+09:00'));
    // The added customer sent the same notice later: complete when that follow-up was accepted.
    const followUp = e(`${keys.customerEmail(ID, 0)}/added-1`, 'customer-email', '2026-11-20T10:30:00+09:00', {
      recipients: 1,
      accepted: 1,
    });
    expect(notifiedOf(grown, ledgerOf([before, followUp, all])).at).toBe(Date.parse('2026-11-20T10:30:00+09:00'));
    // A follow-up alone (its notice never completed) or one not yet fully accepted does not count.
    expect(notifiedOf(grown, ledgerOf([followUp])).evidence).toBe('none');
    expect(
      notifiedOf(grown, ledgerOf([before, { ...followUp, detail: { recipients: 1, accepted: 0 } }])).evidence,
    ).toBe('none');
  });

  it('a duplicated key (a crash and a retry) keeps the first time: later copies never move it', () => {
    const first = e(keys.customerEmail(ID, 0), 'customer-email', '2026-11-20T10:15:00+09:00', {
      recipients: 2,
      accepted: 2,
    });
    const again = { ...first, at: '2026-11-20T11:15:00+09:00' };
    expect(notifiedOf(customerIncident, ledgerOf([first, again])).at).toBe(Date.parse('2026-11-20T10:15:00+09:00'));
  });
});
