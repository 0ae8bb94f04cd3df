import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { incidentPageView } from './incident-page.ts';
import { publicIncidents } from '../incident/public-incident.ts';
import type { SiteData } from './site-data.ts';

const a = makeIncident({ id: '2026-11-20-kcps-block-storage-latency' });
const b = makeIncident({ id: '2026-11-20-kcps-object-storage-errors', title: { ja: 'オブジェクトストレージのエラー', en: 'Object storage errors' }, components: [{ id: 'object-storage', status: 'partial_outage' }], related: ['2026-11-20-kcps-block-storage-latency', '2026-11-20-kcps-secret-customer'] });
const hidden = makeIncident({ id: '2026-11-20-kcps-secret-customer', scope: 'customer', customers: ['cust-4f2a91'], related: ['2026-11-20-kcps-block-storage-latency'] });
// The customer-scope incident lists a public one and is listed by one: the public filter leaves it out of the site data.
const [pa, pb] = publicIncidents([a, b]);
const data: SiteData = { incidents: publicIncidents([a, b, hidden]), catalog, now: Date.parse('2026-11-28T09:00:00+09:00') };

describe('related incidents, shown together', () => {
  it('both ways on the incident page; a customer-scope incident never appears', () => {
    expect(incidentPageView(pa!, data, 'en').related).toEqual([{ href: '/en/incidents/2026-11-20-kcps-object-storage-errors/', title: 'Object storage errors' }]);
    expect(incidentPageView(pb!, data, 'ja').related).toEqual([{ href: '/incidents/2026-11-20-kcps-block-storage-latency/', title: a.title.ja }]);
  });
});
