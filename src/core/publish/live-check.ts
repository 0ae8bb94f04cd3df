/**
 * What "posted" means for a public incident: its page is live on the
 * published site, in every language, and shows the latest update. The deploy
 * workflow fetches each changed incident's pages after a deploy; this decides
 * what to fetch, whether a fetched page counts, and what the ledger records.
 */
import { incidentHref } from '../views/incident-card.ts';
import { publicIncidents } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { LANGS } from '../i18n/labels.ts';
import { keys, type Ledger, type LedgerEntry } from '../ledger/ledger.ts';
import { toJstIso, toMs } from '../time.ts';

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
  return publicIncidents(changed).flatMap((i) =>
    LANGS.map((lang) => ({ incident: i.id, url: `${siteUrl}${incidentHref(i.id, lang)}`, updates: i.updates.length })),
  );
}

export function judgeLivePage(
  status: number,
  html: string,
  expected: LiveExpectation,
): { ok: boolean; reason: string } {
  if (status !== 200) return { ok: false, reason: `HTTP ${status}` };
  if (!html.includes(`id="update-${expected.updates}"`))
    return { ok: false, reason: `page is live but does not show update ${expected.updates} yet` };
  return { ok: true, reason: `live with update ${expected.updates}` };
}

/**
 * The ledger entries a verification earns: one `page-live` per incident whose
 * pages were live in every language, at the moment the last of them was seen
 * (the incident was posted only once both were). Already recorded keys are
 * skipped, so re-running a deploy's verification records nothing twice.
 */
export function pageLiveEntries(results: readonly LiveResult[], ledger: Ledger): LedgerEntry[] {
  const byIncident = new Map<string, LiveResult[]>();
  for (const r of results) byIncident.set(r.incident, [...(byIncident.get(r.incident) ?? []), r]);
  return [...byIncident].flatMap(([incident, rs]): LedgerEntry[] => {
    const updates = Math.max(...rs.map((r) => r.updates));
    const key = keys.pageLive(incident, updates);
    if (!rs.every((r) => r.ok) || ledger.has(key)) return [];
    const last = rs.reduce((a, b) => (toMs(b.checkedAt) > toMs(a.checkedAt) ? b : a));
    return [
      {
        key,
        kind: 'page-live',
        incident,
        at: toJstIso(toMs(last.checkedAt)),
        detail: { updates, pages: rs.length, url: rs[0]!.url, attempts: Math.max(...rs.map((r) => r.attempts)) },
      },
    ];
  });
}
