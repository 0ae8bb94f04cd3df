/**
 * Every threshold the evidence package judges by, with where it is set, so
 * the management review can state them and an auditor can trace each one.
 * Targets and desk hours live in the catalog (and travel in the package as
 * catalog.yaml); the audit's own review thresholds are the constants below.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Incident } from '../incident/schema.ts';

/** A required postmortem not approved this many days after resolution is late. */
export const LATE_POSTMORTEM_DAYS = 14;
/** Age buckets (days past due) of open prevention actions in the management review. */
export const PREVENTION_AGE_DAYS = [30, 90] as const;

const HERE = 'src/core/audit/thresholds.ts';

export interface Threshold {
  threshold: string;
  value: string;
  configured: string;
}

export function thresholdsUsed(catalog: CatalogIndex, population: readonly Incident[]): Threshold[] {
  const services = [...new Set(population.map((i) => i.service))].sort();
  const rows: Threshold[] = [];
  for (const id of services) {
    const s = catalog.service(id);
    if (!s) continue;
    rows.push({
      threshold: `${id}: notify customers within`,
      value: `${s.sla.notify_minutes} min from clock start`,
      configured: `config/catalog.yaml services[${id}].sla.notify_minutes`,
    });
    rows.push({
      threshold: `${id}: recover within`,
      value: `${s.sla.recover_minutes} min from clock start`,
      configured: `config/catalog.yaml services[${id}].sla.recover_minutes`,
    });
    const desk =
      s.desk.kind === 'business-hours'
        ? `${s.desk.open}–${s.desk.close} ${s.desk.timezone}, ${s.desk.weekdays.join(' ')}${s.desk.public_holidays === 'jp' ? ', closed on Japanese public holidays' : ''}${s.desk.closures?.length ? `, closures ${s.desk.closures.map((c) => `${c.from}–${c.to}`).join(', ')}` : ''}`
        : 'always open';
    rows.push({
      threshold: `${id}: clock start for a desk inquiry`,
      value: s.desk.kind === 'business-hours' ? `next desk opening (${desk})` : 'detection time (desk always open)',
      configured: `config/catalog.yaml services[${id}].desk`,
    });
  }
  rows.push(
    {
      threshold: 'postmortem required',
      value: 'sev1 or sev2, security incident, reopened, recovery target missed, or requested',
      configured: 'src/core/incident/lifecycle.ts (postmortemReasons)',
    },
    {
      threshold: 'late postmortem',
      value: `required and not approved ${LATE_POSTMORTEM_DAYS} days after the last resolution, or approved later than that`,
      configured: `${HERE} (LATE_POSTMORTEM_DAYS)`,
    },
    {
      threshold: 'overdue prevention action',
      value: 'open or in progress after the end of its due date (JST)',
      configured: "each record's prevention[].due",
    },
    {
      threshold: 'prevention action age buckets',
      value: `${PREVENTION_AGE_DAYS[0]} and ${PREVENTION_AGE_DAYS[1]} days past due`,
      configured: `${HERE} (PREVENTION_AGE_DAYS)`,
    },
    {
      threshold: 'period',
      value: 'detection (maintenance: window start) from 00:00 JST on the first day to 24:00 JST on the last',
      configured: "the export's --from and --to",
    },
  );
  return rows;
}
