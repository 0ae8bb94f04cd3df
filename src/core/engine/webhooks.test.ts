import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listIncidentFiles, readSources } from '../../adapters/incident-store.ts';
import { catalog, REPO_ROOT } from '../../../test/builders.ts';
import { HOSTILE_MESSAGES } from '../../../test/fixtures/hostile-messages.ts';
import { checkIncidents } from '../check/check-incidents.ts';
import type { Incident } from '../incident/schema.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import {
  componentChanges,
  planWebhooks,
  slackMessage,
  statuspageMessages,
  teamsMessage,
  WEBHOOK_FRESH_HOURS,
  type WebhookContext,
} from './webhooks.ts';

const now = Date.parse('2026-11-28T09:00:00+09:00');
const sample = checkIncidents(readSources(REPO_ROOT, listIncidentFiles(REPO_ROOT)), { catalog, now }).files.map(
  (f) => f.incident!,
) as Incident[];
const byId = (id: string) => sample.find((i) => i.id === id)!;
const active = byId('2026-11-28-kcps-object-storage-upload-failures');
const secret: Incident = {
  ...active,
  id: '2026-11-28-kcps-customer-only',
  scope: 'customer',
  customers: ['cust-4f2a91'],
  title: { ja: 'CUSTOMER-ONLY', en: 'CUSTOMER-ONLY' },
};
const endpoints = [{ id: 'acme' }, { id: 'beta-kbi', services: ['kbi'] }];
const FIELDS = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/statuspage-v2-fields.json', import.meta.url), 'utf8'),
) as Record<string, string[]>;

describe('planning pushed updates', () => {
  it('one action per fresh public update and endpoint, in publication order; customer-scope incidents never', () => {
    const plan = planWebhooks([...sample, secret], endpoints, ledgerOf([]), now);
    expect(plan.every((a) => a.incident !== secret.id)).toBe(true);
    const acme = plan.filter((a) => a.endpoint === 'acme');
    expect(acme.map((a) => a.eventId)).toContain('2026-11-28-kcps-object-storage-upload-failures/update-1');
    expect(acme.map((a) => a.at)).toEqual([...acme.map((a) => a.at)].sort((x, y) => Date.parse(x) - Date.parse(y)));
    // The KBI-only endpoint gets only KBI events.
    for (const a of plan.filter((a) => a.endpoint === 'beta-kbi')) expect(byId(a.incident).service).toBe('kbi');
    // Nothing older than the freshness window (a first run does not replay the archive), nothing in the future.
    for (const a of plan) {
      expect(Date.parse(a.at)).toBeGreaterThanOrEqual(now - WEBHOOK_FRESH_HOURS * 3_600_000);
      expect(Date.parse(a.at)).toBeLessThanOrEqual(now);
    }
  });

  it('a delivery in the ledger is never planned again; the event id is the same for every endpoint', () => {
    const plan = planWebhooks([active], endpoints, ledgerOf([]), now);
    const first = plan[0]!;
    const again = planWebhooks(
      [active],
      endpoints,
      ledgerOf([{ key: first.key, kind: 'webhook', at: '2026-11-28T08:00:00+09:00', detail: {} }]),
      now,
    );
    expect(again.map((a) => a.key)).not.toContain(first.key);
    expect(again).toHaveLength(plan.length - 1);
    expect(new Set(plan.filter((a) => a.updateIndex === 0).map((a) => a.eventId)).size).toBe(1);
  });
});

describe('payloads', () => {
  const hostile: Incident = {
    ...active,
    updates: [...active.updates, { at: '2026-11-28T08:30:00+09:00', status: 'resolved', message: HOSTILE_MESSAGES }],
    recovered_at: '2026-11-28T08:29:00+09:00',
  };
  const ctx: WebhookContext = { incidents: [hostile], catalog, siteUrl: 'https://status.example.jp' };
  const action = (updateIndex: number) =>
    planWebhooks([hostile], [{ id: 'x' }], ledgerOf([]), now).find((a) => a.updateIndex === updateIndex)!;

  it('Statuspage shape: the incident as of that update (v2 field list), component updates at the first update and at resolution', () => {
    const [incident, ...components] = statuspageMessages(action(0), ctx).map((m) => JSON.parse(m.body));
    expect(Object.keys(incident.incident).sort()).toEqual([...FIELDS.incident!].sort());
    expect(incident.incident.incident_updates).toHaveLength(1);
    expect(incident.incident.status).toBe('investigating');
    expect(Object.keys(incident.page).sort()).toEqual(['id', 'status_description', 'status_indicator']);
    expect(
      components.map((c) => [c.component.id, c.component_update.old_status, c.component_update.new_status]),
    ).toEqual(active.components.map((c) => [`kcps-${c.id}`, 'operational', c.status]));
    expect(statuspageMessages(action(1), ctx)).toHaveLength(1);
    const resolved = statuspageMessages(action(2), ctx).map((m) => JSON.parse(m.body));
    expect(resolved[0].incident.incident_updates[0].body).toBe(HOSTILE_MESSAGES.en);
    expect(resolved.slice(1).every((c) => c.component_update.new_status === 'operational')).toBe(true);
    expect(componentChanges(hostile, 1, catalog)).toEqual([]);
    // The page indicator is the page's as of that update: at the resolution nothing else is active in this context.
    expect(incident.page.status_indicator).toBe('major');
    expect(resolved[0].page.status_indicator).toBe('none');
  });

  it('Slack: bilingual, markup in messages escaped as Slack asks, the link to the incident page', () => {
    const body = JSON.parse(slackMessage(action(2), ctx, 'both').body);
    const text = body.blocks
      .filter((b: { type: string }) => b.type === 'section')
      .map((b: { text: { text: string } }) => b.text.text);
    expect(text).toHaveLength(2);
    expect(text[0]).toContain('&lt;b&gt;太字ではありません&lt;/b&gt; &amp;amp;');
    expect(text[1]).toContain('Not &lt;b&gt;bold&lt;/b&gt; &amp; not an entity: &amp;amp;');
    expect(text[1]).toContain(
      '<https://status.example.jp/en/incidents/2026-11-28-kcps-object-storage-upload-failures/|Details>',
    );
    expect(text.join('')).not.toMatch(/<(?!https:)/);
    expect(JSON.parse(slackMessage(action(2), ctx, 'en').body).blocks).toHaveLength(1);
  });

  it('Teams: an Adaptive Card per language with an Open URL action; Markdown specials escaped', () => {
    const card = JSON.parse(teamsMessage(action(2), ctx, 'ja').body).attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: '詳細',
        url: 'https://status.example.jp/incidents/2026-11-28-kcps-object-storage-upload-failures/',
      },
    ]);
    expect(card.content.body[2].text).toContain('\\<b\\>');
    expect(JSON.parse(teamsMessage(action(2), ctx, 'both').body).attachments[0].content.actions).toHaveLength(2);
  });

  it('refuses to build a message for a customer-scope incident, even if asked', () => {
    const a = { ...action(0), incident: secret.id };
    expect(() => slackMessage(a, { ...ctx, incidents: [secret] }, 'en')).toThrow(/not a public incident/);
  });
});
