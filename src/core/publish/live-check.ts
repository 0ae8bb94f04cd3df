/**
 * What "posted" means for a public incident (DESIGN §3): its page is live on
 * the published site and shows the latest update. The deploy workflow fetches
 * each changed incident's pages after a deploy; this decides what to fetch and
 * whether a fetched page counts.
 */
import { incidentHref } from '../views/incident-card.ts';
import type { Incident } from '../incident/schema.ts';
import { LANGS } from '../i18n/labels.ts';

export interface LiveExpectation {
  incident: string;
  url: string;
  /** The page must show update number `updates` (updates are numbered from 1). */
  updates: number;
}

export interface LiveResult extends LiveExpectation {
  ok: boolean;
  status: number | null;
  reason: string;
  /** When the deciding fetch was made (RFC 3339). */
  checkedAt: string;
  attempts: number;
}

export function liveExpectations(changed: readonly Incident[], siteUrl: string): LiveExpectation[] {
  return changed
    .filter((i) => i.scope === 'public')
    .flatMap((i) => LANGS.map((lang) => ({ incident: i.id, url: `${siteUrl}${incidentHref(i.id, lang)}`, updates: i.updates.length })));
}

export function judgeLivePage(status: number, html: string, expected: LiveExpectation): { ok: boolean; reason: string } {
  if (status !== 200) return { ok: false, reason: `HTTP ${status}` };
  if (!html.includes(`id="update-${expected.updates}"`)) return { ok: false, reason: `page is live but does not show update ${expected.updates} yet` };
  return { ok: true, reason: `live with update ${expected.updates}` };
}
