import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import { publicIncidents } from '../incident/public-incident.ts';
import { embedJson } from './embed.ts';
import { incidentPageView } from './incident-page.ts';
import { relatedJson } from './related.ts';
import type { SiteData } from './site-data.ts';

const SITE = 'https://status.example.jp';
const a = makeIncident({ id: '2026-11-20-kcps-block-storage-latency' });
const b = makeIncident({
  id: '2026-11-20-kcps-object-storage-errors',
  title: { ja: 'オブジェクトストレージのエラー', en: 'Object storage errors' },
  components: [{ id: 'object-storage', status: 'partial_outage' }],
  related: ['2026-11-20-kcps-block-storage-latency', '2026-11-20-kcps-secret-customer'],
});
const hidden = makeIncident({
  id: '2026-11-20-kcps-secret-customer',
  title: { ja: 'CANARY-RELATED-TITLE', en: 'CANARY-RELATED-TITLE' },
  scope: 'customer',
  customers: ['cust-4f2a91'],
  related: ['2026-11-20-kcps-block-storage-latency', '2026-11-20-kcps-dns-alone'],
});
// Linked only to the customer-scope incident (both ways): publicly it has no related incident at all.
const alone = makeIncident({
  id: '2026-11-20-kcps-dns-alone',
  components: [{ id: 'dns', status: 'degraded_performance' }],
  related: ['2026-11-20-kcps-secret-customer', '2026-11-20-kcps-never-existed'],
});
// Still open, so the embed lists it; linked to b.
const open = makeIncident({
  id: '2026-11-21-kcps-open-linked',
  detection: { source: 'monitoring', at: '2026-11-21T10:00:00+09:00' },
  updates: [{ ...a.updates[0]!, at: '2026-11-21T10:10:00+09:00' }],
  recovered_at: undefined,
  postmortem: undefined,
  prevention: undefined,
  related: ['2026-11-20-kcps-object-storage-errors', '2026-11-20-kcps-secret-customer'],
});
const now = Date.parse('2026-11-21T10:30:00+09:00');
const data: SiteData = { incidents: publicIncidents([a, b, hidden, alone, open]), catalog, now };
const [pa, pb] = publicIncidents([a, b]);

describe('related incidents, shown together', () => {
  it('both ways on the incident page, each with its own status and clocks, in each language; a customer-scope incident never appears', () => {
    const notify = { en: 'Customer notification (within 30 minutes)', ja: 'お客さまへの通知（30 分以内）' };
    const recover = { en: 'Recovery (within 2 hours)', ja: '復旧（2 時間以内）' };
    expect(incidentPageView(pa!, data, 'en').related).toEqual([
      {
        href: '/en/incidents/2026-11-20-kcps-object-storage-errors/',
        title: 'Object storage errors',
        statusLabel: 'Resolved',
        statusTone: 'operational',
        targets: [
          { label: notify.en, state: 'missed', stateLabel: 'Missed' },
          { label: recover.en, state: 'met', stateLabel: 'Met' },
        ],
      },
    ]);
    // The open one runs to its own deadlines while the resolved one beside it met recovery at its own time.
    expect(incidentPageView(pb!, data, 'ja').related).toEqual([
      {
        href: '/incidents/2026-11-20-kcps-block-storage-latency/',
        title: a.title.ja,
        statusLabel: '復旧',
        statusTone: 'operational',
        targets: [
          { label: notify.ja, state: 'missed', stateLabel: '未達' },
          { label: recover.ja, state: 'met', stateLabel: '達成' },
        ],
      },
      {
        href: '/incidents/2026-11-21-kcps-open-linked/',
        title: open.title.ja,
        statusLabel: '調査中',
        statusTone: 'degraded_performance',
        targets: [
          { label: notify.ja, state: 'running', stateLabel: '計測中' },
          { label: recover.ja, state: 'running', stateLabel: '計測中' },
        ],
      },
    ]);
    const text = JSON.stringify(
      [pa, pb, open].map((i) => publicIncidents([i!])[0]!).map((i) => incidentPageView(i, data, 'en').related),
    );
    expect(text).not.toMatch(/secret-customer|CANARY-RELATED-TITLE|never-existed/);
  });

  it("a related incident's notification is judged from its own page verified live (the ledger), as on its own page", () => {
    const ledger = ledgerOf([
      {
        key: `${a.id}/page-live/1`,
        kind: 'page-live',
        incident: a.id,
        at: '2026-11-20T10:20:00+09:00',
        detail: { updates: 1 },
      },
    ]);
    const [listed] = incidentPageView(pb!, { ...data, ledger }, 'en').related;
    expect(listed!.targets![0]).toEqual({
      label: 'Customer notification (within 30 minutes)',
      state: 'met',
      stateLabel: 'Met',
    });
    expect(incidentPageView(publicIncidents([a])[0]!, { ...data, ledger }, 'en').targets!.rows[0]!.state).toBe('met');
  });

  it('a related maintenance shows its state and no targets', () => {
    const m = makeIncident({
      id: '2026-11-22-kcps-maintenance-linked',
      type: 'maintenance',
      severity: undefined,
      window: { start: '2026-11-22T01:00:00+09:00', end: '2026-11-22T03:00:00+09:00' },
      components: [{ id: 'dns', status: 'under_maintenance' }],
      updates: [{ ...a.updates[0]!, at: '2026-11-20T09:00:00+09:00', status: 'scheduled' }],
      detection: undefined,
      recovered_at: undefined,
      postmortem: undefined,
      prevention: undefined,
      related: [a.id],
    });
    const withM = { ...data, incidents: publicIncidents([a, m]) };
    const [listed] = incidentPageView(publicIncidents([a])[0]!, withM, 'en').related;
    expect(listed).toMatchObject({ href: `/en/incidents/${m.id}/`, statusTone: 'under_maintenance' });
    expect(listed!.statusLabel).toBe(incidentPageView(publicIncidents([m])[0]!, withM, 'en').card.statusLabel);
    expect(listed).not.toHaveProperty('targets');
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
    expect(first).toMatchObject({
      status: 'investigating',
      url: { ja: `${SITE}/incidents/${open.id}/`, en: `${SITE}/en/incidents/${open.id}/` },
    });
    expect(first!.clocks).toEqual({
      started_at: '2026-11-21T10:00:00+09:00',
      start_rule: 'detection',
      notify: { state: 'running', due_at: '2026-11-21T10:30:00+09:00', at: null },
      recover: { state: 'running', due_at: '2026-11-21T12:00:00+09:00', at: null },
    });
    expect(second).toMatchObject({
      status: 'resolved',
      clocks: { recover: { state: 'met', at: '2026-11-20T11:04:00+09:00' } },
    });
  });

  it('notification counts from the page verified live (the ledger), as on the incident page', () => {
    const ledger = ledgerOf([
      {
        key: `${a.id}/page-live/1`,
        kind: 'page-live',
        incident: a.id,
        at: '2026-11-20T10:20:00+09:00',
        detail: { updates: 1 },
      },
    ]);
    const json = relatedJson({ ...data, ledger }, SITE);
    expect(json.incidents.find((i) => i.id === a.id)!.clocks!.notify).toEqual({
      state: 'met',
      due_at: '2026-11-20T10:32:00+09:00',
      at: '2026-11-20T10:20:00+09:00',
    });
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
