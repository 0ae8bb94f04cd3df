import { expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import { buildPackage } from './package.ts';
import { ledgerFromRows } from './verify.ts';

it('the audit package has a delivery log of pushed updates: endpoint, event, when, HTTP status, attempts (no URL)', () => {
  const incident = makeIncident();
  const ledger = ledgerOf([
    {
      key: `${incident.id}/webhook/acme-hook/0`,
      kind: 'webhook',
      incident: incident.id,
      at: '2026-11-20T10:20:01+09:00',
      detail: {
        endpoint: 'acme-hook',
        type: 'statuspage',
        event: `${incident.id}/update-1`,
        update: 1,
        status: 204,
        attempts: 1,
      },
    },
    {
      key: `${incident.id}/webhook/acme-slack/0`,
      kind: 'webhook',
      incident: incident.id,
      at: '2026-11-20T10:20:02+09:00',
      detail: {
        endpoint: 'acme-slack',
        type: 'slack',
        event: `${incident.id}/update-1`,
        update: 1,
        status: 200,
        attempts: 2,
      },
    },
    {
      key: `${incident.id}/manager-notification/0`,
      kind: 'manager-notification',
      incident: incident.id,
      at: '2026-11-20T10:20:00+09:00',
      detail: {},
    },
  ]);
  const files = buildPackage({
    from: '2026-11-01',
    to: '2026-11-30',
    format: 'json',
    incidents: [incident],
    invalid: [],
    paths: new Map(),
    commit: { sha: '0'.repeat(40), committedAt: '2026-11-30T00:00:00+09:00' },
    records: new Map(),
    histories: new Map(),
    ledger,
    catalog,
    asOf: Date.parse('2026-11-30T00:00:00+09:00'),
  });
  const rows = JSON.parse(String(files.get('deliveries.json')));
  expect(rows).toEqual([
    {
      incident: incident.id,
      endpoint: 'acme-hook',
      type: 'statuspage',
      event: `${incident.id}/update-1`,
      update: 1,
      delivered_at: '2026-11-20T10:20:01+09:00',
      http_status: 204,
      attempts: 1,
    },
    {
      incident: incident.id,
      endpoint: 'acme-slack',
      type: 'slack',
      event: `${incident.id}/update-1`,
      update: 1,
      delivered_at: '2026-11-20T10:20:02+09:00',
      http_status: 200,
      attempts: 2,
    },
  ]);
  const csv = buildPackage({
    from: '2026-11-01',
    to: '2026-11-30',
    format: 'csv',
    incidents: [incident],
    invalid: [],
    paths: new Map(),
    commit: { sha: '0'.repeat(40), committedAt: '2026-11-30T00:00:00+09:00' },
    records: new Map(),
    histories: new Map(),
    ledger: ledgerOf([]),
    catalog,
    asOf: Date.parse('2026-11-30T00:00:00+09:00'),
  })
    .get('deliveries.csv')!
    .toString();
  expect(csv.replace(/^\ufeff/, '').split(/\r?\n/)[0]).toBe(
    'incident,endpoint,type,event,update,delivered_at,http_status,attempts',
  );
  // verify re-generates it from the notifications rows: the round trip gives the same file.
  const again = buildPackage({
    from: '2026-11-01',
    to: '2026-11-30',
    format: 'json',
    incidents: [incident],
    invalid: [],
    paths: new Map(),
    commit: { sha: '0'.repeat(40), committedAt: '2026-11-30T00:00:00+09:00' },
    records: new Map(),
    histories: new Map(),
    ledger: ledgerOf(ledgerFromRows(JSON.parse(String(files.get('notifications.json'))))),
    catalog,
    asOf: Date.parse('2026-11-30T00:00:00+09:00'),
  });
  expect(String(again.get('deliveries.json'))).toBe(String(files.get('deliveries.json')));
});
