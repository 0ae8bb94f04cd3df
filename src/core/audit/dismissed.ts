/**
 * Candidates closed as "not an incident" belong in the audit too: the
 * population shows each as a "dismissed" row saying who decided and why, so
 * an auditor sampling alerts and inquiries can trace every one to an
 * incident or to a recorded decision. The evidence is the ledger entry.
 */
import type { Ledger } from '../ledger/ledger.ts';
import { dismissedFrom, intakeKeys } from '../intake/candidate.ts';
import { jstDateRangeMs, toMs } from '../time.ts';
import { clocklessRecord, NO_TARGETS, type SlaRecord } from './figures.ts';

export const DISMISSED_STAGE = 'dismissed';

export function dismissedRows(ledger: Ledger, from: string, to: string): SlaRecord[] {
  const period = jstDateRangeMs(from, to);
  return dismissedFrom(ledger.entries)
    .filter((d) => toMs(d.at) >= period.from && toMs(d.at) < period.to)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((d) => {
      const entry = ledger.get(intakeKeys.dismissed(d.id))!;
      const opened = ledger.get(intakeKeys.draft(d.id));
      return clocklessRecord({
        ...NO_TARGETS,
        id: d.id,
        service: String(entry.detail.service ?? d.id.split('-')[3] ?? ''),
        stage: DISMISSED_STAGE,
        detection_source: String(entry.detail.source ?? ''),
        detected_at: opened?.at ?? '',
        clock_start_rule: `not an incident: dismissed by @${d.by} at ${d.at} (draft #${d.pr}): ${d.reason}`,
        postmortem_status: 'none',
        closed_at: d.at,
      });
    });
}
