import { expect, it } from 'vitest';
import { catalog, makeIncident, NOW } from '../../../test/builders.ts';
import { keys, ledgerOf } from '../ledger/ledger.ts';
import { slaRecord } from './figures.ts';

const incident = makeIncident({ severity: 'sev3' });

it('the audit row takes "notified" from the one definition: evidenced, or said not to be, never the first update', () => {
  const met = slaRecord(
    incident,
    catalog,
    ledgerOf([
      {
        key: keys.pageLive(incident.id, 1),
        kind: 'page-live',
        incident: incident.id,
        at: '2026-11-20T10:20:00+09:00',
        detail: {},
      },
    ]),
    NOW,
  )!;
  expect(met).toMatchObject({
    notified_at: '2026-11-20T10:20:00+09:00',
    notified_evidence: 'page verified live (ledger page-live)',
    minutes_to_notify: 18,
    notify_result: 'met',
    postmortem_required: 'no',
  });
  const none = slaRecord(incident, catalog, ledgerOf([]), NOW)!;
  expect(none).toMatchObject({
    notified_at: '',
    notified_evidence: 'not yet evidenced: no record that the page was verified live after a deploy',
    minutes_to_notify: '',
    notify_result: 'missed',
    postmortem_required: 'notification-target-missed',
  });
});
