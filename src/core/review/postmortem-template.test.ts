import { describe, expect, it } from 'vitest';
import { catalog, makeIncident, NOW } from '../../../test/builders.ts';
import { keys, ledgerOf } from '../ledger/ledger.ts';
import { postmortemSections, renderPostmortem } from './postmortem-template.ts';

const incident = makeIncident({ severity: 'sev3' });
const live = (at: string) =>
  ledgerOf([
    { key: keys.pageLive(incident.id, 1), kind: 'page-live', incident: incident.id, at, detail: { updates: 1 } },
  ]);
const section = (doc: string, name: string) => postmortemSections(doc).get(name)!.body;

describe('postmortem template: notification figures from the one definition of "notified"', () => {
  it('verified live in time: met, with the evidence named; no target missed', () => {
    const doc = renderPostmortem(incident, catalog, NOW, live('2026-11-20T10:16:00+09:00'));
    expect(doc).toContain(
      '- Customer notification: **met**, 14 min against a deadline of 2026-11-20 10:32 JST; notified 2026-11-20 10:16 JST, page verified live (ledger page-live)',
    );
    expect(section(doc, 'SLA breach reason')).toBe('No target was missed.');
  });

  it("without evidence it says so, never the first update's time, and asks for the breach reason", () => {
    const doc = renderPostmortem(incident, catalog, NOW, ledgerOf([]));
    expect(doc).toContain(
      '- Customer notification: **missed**, not yet evidenced: no record that the page was verified live after a deploy (deadline 2026-11-20 10:32 JST)',
    );
    expect(doc).not.toContain('10:14 JST;');
    expect(section(doc, 'SLA breach reason')).toBe('TODO: why the notification target was missed.');
  });

  it('without the ledger at all: not evidenced, and it does not claim that no target was missed', () => {
    const doc = renderPostmortem(incident, catalog, NOW, undefined);
    expect(doc).toContain('not yet evidenced: the ledger was not available');
    expect(section(doc, 'SLA breach reason')).toBe(
      'No recovery target was missed; the notification target is not yet evidenced: the ledger was not available.',
    );
  });

  it('a breach the engine raised counts even if the page was later recorded live in time', () => {
    const ledger = ledgerOf([
      ...live('2026-11-20T10:16:00+09:00').entries,
      {
        key: keys.breach(incident.id, 'notify'),
        kind: 'breach',
        incident: incident.id,
        at: '2026-11-20T10:32:00+09:00',
        detail: {},
      },
    ]);
    expect(section(renderPostmortem(incident, catalog, NOW, ledger), 'SLA breach reason')).toBe(
      'TODO: why the notification target was missed.',
    );
  });
});
