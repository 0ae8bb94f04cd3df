/**
 * The Statuspage v2 contract, field by field, for all eight endpoints, against
 * the field list kept in test/fixtures; and the status words in the cases that
 * went wrong: maintenance only, many active incidents, published postmortems.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listIncidentFiles, readSources } from '../../adapters/incident-store.ts';
import { catalog, REPO_ROOT } from '../../../test/builders.ts';
import { checkIncidents } from '../check/check-incidents.ts';
import { publicIncidents, type PublicIncident } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { badgeSvg } from './badge.ts';
import { homeView } from './home.ts';
import type { SiteData } from './site-data.ts';
import { RECENT, statuspageApi } from './statuspage-api.ts';
import { currentPageStatus } from '../status/component-status.ts';

const FIELDS = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/statuspage-v2-fields.json', import.meta.url), 'utf8'),
) as Record<string, string[]> & { endpoints: Record<string, string[]> };
const now = Date.parse('2026-11-28T09:00:00+09:00');
const SITE = 'https://status.example.jp';
const sample = publicIncidents(
  checkIncidents(readSources(REPO_ROOT, listIncidentFiles(REPO_ROOT)), { catalog, now }).files.map(
    (f) => f.incident!,
  ) as Incident[],
);
const byId = (id: string) => sample.find((i) => i.id === id)!;
const data: SiteData = { incidents: sample, catalog, now };
type Obj = Record<string, unknown>;
const keys = (o: unknown) => Object.keys(o as Obj).sort();
const sorted = (k: string) => [...FIELDS[k]!].sort();

function expectIncident(i: Obj, kind: 'incident' | 'scheduled_maintenance') {
  expect(keys(i), String(i.id)).toEqual(sorted(kind));
  expect(FIELDS[`${kind}.status`]).toContain(i.status);
  if (kind === 'incident') expect(FIELDS['incident.impact']).toContain(i.impact);
  for (const c of i.components as Obj[]) expectComponent(c);
  for (const u of i.incident_updates as Obj[]) {
    expect(keys(u)).toEqual(sorted('incident_update'));
    expect(u.custom_tweet).toBeNull();
    expect(u.tweet_id).toBeNull();
    for (const a of (u.affected_components as Obj[] | null) ?? [])
      expect(keys(a)).toEqual(sorted('affected_component'));
  }
}
function expectComponent(c: Obj) {
  expect(keys(c)).toEqual(
    c.group ? [...FIELDS.component!, ...FIELDS['component.group_only']!].sort() : sorted('component'),
  );
  expect(FIELDS['component.status']).toContain(c.status);
}

function expectContract(api: Record<string, unknown>) {
  expect(Object.keys(api).sort()).toEqual(Object.keys(FIELDS.endpoints).sort());
  for (const [endpoint, top] of Object.entries(FIELDS.endpoints)) {
    const body = api[endpoint] as Obj;
    expect(keys(body), endpoint).toEqual([...top].sort());
    expect(keys(body.page)).toEqual(sorted('page'));
    if (body.status) {
      expect(keys(body.status)).toEqual(sorted('status'));
      expect(FIELDS['status.indicator']).toContain((body.status as Obj).indicator);
    }
    for (const c of (body.components as Obj[] | undefined) ?? []) expectComponent(c);
    for (const i of (body.incidents as Obj[] | undefined) ?? []) expectIncident(i, 'incident');
    for (const i of (body.scheduled_maintenances as Obj[] | undefined) ?? [])
      expectIncident(i, 'scheduled_maintenance');
  }
}

const maintenance = byId('2026-11-28-kcps-network-upgrade-maintenance');
const active = byId('2026-11-28-kcps-object-storage-upload-failures');
const copies = (n: number, base: PublicIncident, prefix: string) =>
  Array.from({ length: n }, (_, k) => ({ ...base, id: `${prefix}-${String(k).padStart(3, '0')}` }));

describe('Statuspage v2 contract (field list in test/fixtures)', () => {
  it('all eight endpoints, field by field, on the sample data', () => {
    const api = statuspageApi(data, SITE) as unknown as Record<string, unknown>;
    expectContract(api);
    expect((api['incidents.json'] as { incidents: Obj[] }).incidents.length).toBeGreaterThan(0);
    expect(
      (api['scheduled-maintenances.json'] as { scheduled_maintenances: Obj[] }).scheduled_maintenances.length,
    ).toBeGreaterThan(0);
  });

  it('an incident with a published (approved) postmortem has the status postmortem; a draft one stays resolved', () => {
    const api = statuspageApi(data, SITE);
    const incidents = (api['incidents.json'] as { incidents: Obj[] }).incidents;
    const pm = incidents.find((i) => i.id === '2025-08-19-kcps-network-packet-loss')!;
    expect(pm.status).toBe('postmortem');
    expect(pm.resolved_at).toBe(byId('2025-08-19-kcps-network-packet-loss').updates.at(-1)!.at);
    expect(incidents.find((i) => i.id === '2026-11-20-kcps-block-storage-latency')!.status).toBe('resolved');
  });

  it('62 active incidents among 200 resolved: incidents.json keeps every unresolved one, unresolved.json lists all 62', () => {
    const resolved = copies(200, byId('2025-06-12-kcps-object-storage-errors'), '2026-11-27-kcps-old');
    const open = copies(
      62,
      { ...active, detection: { ...active.detection!, at: '2025-01-01T00:00:00+09:00' } },
      '2025-01-01-kcps-open',
    );
    const api = statuspageApi({ ...data, incidents: [...resolved, ...open] }, SITE);
    const ids = (api['incidents.json'] as { incidents: Obj[] }).incidents.map((i) => i.id);
    for (const o of open) expect(ids).toContain(o.id);
    expect(ids.length).toBe(RECENT + 62);
    expect((api['incidents/unresolved.json'] as { incidents: Obj[] }).incidents).toHaveLength(62);
    expect((api['summary.json'] as { incidents: Obj[] }).incidents).toHaveLength(62);
    expectContract(api as unknown as Record<string, unknown>);
  });
});

describe('maintenance only: every surface says maintenance', () => {
  const only: SiteData = { ...data, incidents: [maintenance, byId('2025-08-19-kcps-network-packet-loss')] };

  it('API indicator, badge, banner and home', () => {
    const api = statuspageApi(only, SITE);
    expect((api['status.json'] as { status: Obj }).status).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
    expect(currentPageStatus(only.incidents, catalog, now).indicator).toBe('maintenance');
    expect(badgeSvg('maintenance', 'en')).toContain('aria-label="status: Service Under Maintenance"');
    expect(badgeSvg('maintenance', 'ja', 'ステータス')).toContain('メンテナンス中');
    for (const lang of ['ja', 'en'] as const) {
      const home = homeView(only, lang);
      expect(home.overall.indicator).toBe('maintenance');
      expect(home.overall.label).toBe(lang === 'en' ? 'Service Under Maintenance' : 'メンテナンスを実施しています');
      expect(home.activeMaintenance.map((c) => c.id)).toEqual([maintenance.id]);
    }
  });

  it('with many incidents on the maintained component, the active-maintenance line stays', () => {
    const onSame = copies(
      60,
      { ...active, components: maintenance.components.map((c) => ({ ...c, status: 'major_outage' as const })) },
      '2026-11-28-kcps-many',
    );
    const home = homeView({ ...data, incidents: [maintenance, ...onSame] }, 'en');
    expect(home.overall.indicator).toBe('critical');
    expect(home.overall.maintenance).toBe(true);
    expect(home.activeMaintenance).toHaveLength(1);
  });

  it('nothing active: none, and no maintenance line', () => {
    const quiet = homeView({ ...data, incidents: [byId('2025-08-19-kcps-network-packet-loss')] }, 'en');
    expect(quiet.overall).toEqual({ indicator: 'none', label: 'All Systems Operational', maintenance: false });
  });
});
