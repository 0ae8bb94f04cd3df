import { describe, expect, it } from 'vitest';
import { keys, ledgerOf } from '../ledger/ledger.ts';
import { pageLiveEntries, type LiveResult } from './live-check.ts';

const ID = '2026-11-20-kcps-block-storage-latency';
const result = (lang: 'ja' | 'en', ok: boolean, checkedAt: string, updates = 2, incident = ID): LiveResult => ({
  incident,
  url: `https://status.example${lang === 'en' ? '/en' : ''}/incidents/${incident}/`,
  updates,
  ok,
  status: ok ? 200 : 404,
  reason: ok ? 'live' : 'HTTP 404',
  checkedAt,
  attempts: ok ? 3 : 10,
});

describe('pageLiveEntries: what a verification records', () => {
  it('posted only when every language is live, at the moment the last one was seen (JST in the ledger)', () => {
    expect(
      pageLiveEntries(
        [result('ja', true, '2026-11-20T01:15:00.000Z'), result('en', true, '2026-11-20T01:17:30.000Z')],
        ledgerOf([]),
      ),
    ).toEqual([
      {
        key: keys.pageLive(ID, 2),
        kind: 'page-live',
        incident: ID,
        at: '2026-11-20T10:17:30+09:00',
        detail: { updates: 2, pages: 2, url: `https://status.example/incidents/${ID}/`, attempts: 3 },
      },
    ]);
    expect(
      pageLiveEntries(
        [result('ja', true, '2026-11-20T01:15:00.000Z'), result('en', false, '2026-11-20T01:20:00.000Z')],
        ledgerOf([]),
      ),
    ).toEqual([]);
  });

  it('each incident on its own: one not live does not hold back another; a key already in the ledger is not written again', () => {
    const other = '2026-11-21-kcps-other';
    const results = [
      result('ja', false, '2026-11-20T01:15:00.000Z'),
      result('en', true, '2026-11-20T01:15:00.000Z'),
      result('ja', true, '2026-11-20T01:16:00.000Z', 1, other),
      result('en', true, '2026-11-20T01:16:00.000Z', 1, other),
    ];
    expect(pageLiveEntries(results, ledgerOf([])).map((e) => e.key)).toEqual([keys.pageLive(other, 1)]);
    const recorded = ledgerOf([
      { key: keys.pageLive(other, 1), kind: 'page-live', incident: other, at: '2026-11-20T10:16:00+09:00', detail: {} },
    ]);
    expect(pageLiveEntries(results, recorded)).toEqual([]);
  });
});
