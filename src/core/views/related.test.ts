import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { ledgerOf } from '../engine/ledger.ts';
import { publicIncidents } from '../incident/public-incident.ts';
import { embedJson } from './embed.ts';
import { incidentPageView } from './incident-page.ts';
import { relatedJson } from './related.ts';
import type { SiteData } from './site-data.ts';

const SITE = 'https://status.example.jp';
const a = makeIncident({ id: '2026-11-20-kcps-block-storage-latency' });
const b = makeIncident({ id: '2026-11-20-kcps-object-storage-errors', title: { ja: 'オブジェクトストレージのエラー', en: 'Object storage errors' }, components: [{ id: 'object-storage', status: 'partial_outage' }], related: ['2026-11-20-kcps-block-storage-latency', '2026-11-20-kcps-secret-customer'] });
const hidden = makeIncident({ id: '2026-11-20-kcps-secret-customer', title: { ja: 'CANARY-RELATED-TITLE', en: 'CANARY-RELATED-TITLE' }, scope: 'customer', customers: ['cust-4f2a91'], related: ['2026-11-20-kcps-block-storage-latency', '2026-11-20-kcps-dns-alone'] });
// Linked only to the customer-scope incident (both ways): publicly it has no related incident at all.
const alone = makeIncident({ id: '2026-11-20-kcps-dns-alone', components: [{ id: 'dns', status: 'degraded_performance' }], related: ['2026-11-20-kcps-secret-customer', '2026-11-20-kcps-never-existed'] });
// Still open, so the embed lists it; linked to b.
const open = makeIncident({ id: '2026-11-21-kcps-open-linked', detection: { source: 'monitoring', at: '2026-11-21T10:00:00+09:00' }, updates: [{ ...a.updates[0]!, at: '2026-11-21T10:10:00+09:00' }], recovered_at: undefined, postmortem: undefined, prevention: undefined, related: ['2026-11-20-kcps-object-storage-errors', '2026-11-20-kcps-secret-customer'] });
const now = Date.parse('2026-11-21T10:30:00+09:00');
const data: SiteData = { incidents: publicIncidents([a, b, hidden, alone, open]), catalog, now };
const [pa, pb] = publicIncidents([a, b]);

describe('related incidents, shown together', () => {
  it('both ways on the incident page; a customer-scope incident never appears', () => {
    expect(incidentPageView(pa!, data, 'en').related).toEqual([{ href: '/en/incidents/2026-11-20-kcps-object-storage-errors/', title: 'Object storage errors' }]);
    expect(incidentPageView(pb!, data, 'ja').related).toEqual([{ href: '/incidents/2026-11-20-kcps-block-storage-latency/', title: a.title.ja }, { href: '/incidents/2026-11-21-kcps-open-linked/', title: open.title.ja }]);
  });

  it('/api/related.json: each linked public incident with the public ids on both sides and its own clocks; nothing of the customer-scope one', () => {
    const json = relatedJson(data, SITE);
    expect(json.generated_at).toBe('2026-11-21T10:30:00+09:00');
    expect(json.incidents.map((i) => [i.id, i.related])).toEqual([
      [open.id, [b.id]],
      [a.id, [b.id]],
      [b.id, [a.id, open.id]],
    ]);
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/secret-customer|CANARY-RELATED-TITLE|cust-|never-existed|dns-alone/);
    const [first, second] = json.incidents;
    // Each keeps its own clocks: the open one runs to its own deadlines, the resolved one met recovery at its own time.
    expect(first).toMatchObject({ status: 'investigating', url: { ja: `${SITE}/incidents/${open.id}/`, en: `${SITE}/en/incidents/${open.id}/` } });
    expect(first!.clocks).toEqual({
      started_at: '2026-11-21T10:00:00+09:00', start_rule: 'detection',
      notify: { state: 'running', due_at: '2026-11-21T10:30:00+09:00', at: null },
      recover: { state: 'running', due_at: '2026-11-21T12:00:00+09:00', at: null },
    });
    expect(second).toMatchObject({ status: 'resolved', clocks: { recover: { state: 'met', at: '2026-11-20T11:04:00+09:00' } } });
  });

  it('notification counts from the page verified live (the ledger), as on the incident page', () => {
    const ledger = ledgerOf([{ key: `${a.id}/page-live/1`, kind: 'page-live', incident: a.id, at: '2026-11-20T10:20:00+09:00', detail: { updates: 1 } }]);
    const json = relatedJson({ ...data, ledger }, SITE);
    expect(json.incidents.find((i) => i.id === a.id)!.clocks!.notify).toEqual({ state: 'met', due_at: '2026-11-20T10:32:00+09:00', at: '2026-11-20T10:20:00+09:00' });
  });

  it('nothing linked, or only to incidents that are not public: an empty list, not an error', () => {
    expect(relatedJson({ ...data, incidents: publicIncidents([alone, hidden]) }, SITE).incidents).toEqual([]);
    expect(relatedJson({ ...data, incidents: [] }, SITE).incidents).toEqual([]);
  });

  it('the embed JSON lists the related public ids of what is going on now', () => {
    const current = embedJson(data, SITE).current;
    expect(current.map((c) => [c.id, c.related])).toEqual([[open.id, [b.id]]]);
    expect(JSON.stringify(current)).not.toContain('secret-customer');
  });
});
