/**
 * The management review (policy: management periodically evaluates incidents
 * and their root causes): one self-contained HTML file, readable offline,
 * charts as inline SVG with their numbers also given as tables.
 */
import type { Incident } from '../incident/schema.ts';
import { escapeHtml } from '../text/escape-html.ts';
import { DAY_MS, jstDate, jstTimeMs, minutesBetween, toMs } from '../time.ts';
import type { SlaRecord } from './figures.ts';
import type { LatePostmortem } from './package.ts';
import type { InvalidRecord } from './records.ts';
import { PREVENTION_AGE_DAYS, type Threshold } from './thresholds.ts';

export interface ReportInput {
  title: string;
  period: { from: string; to: string };
  generatedAt: string;
  commit: string;
  /** The valid records of the period (maintenance included; the review says what it leaves out). */
  population: readonly Incident[];
  /** Their rows, in the same order. */
  sla: readonly SlaRecord[];
  invalid: readonly InvalidRecord[];
  late: readonly LatePostmortem[];
  thresholds: readonly Threshold[];
  asOf: number;
}

/** A bar's value, or why there is no number (a clock that never stopped is not a short bar). */
type BarValue = number | { missing: string };

const COLORS = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#cf222e', '#6e7781', '#8250df', '#0550ae'];

/** A grouped bar chart: one group per label, one bar per series. */
function bars(
  title: string,
  labels: string[],
  series: { name: string; values: BarValue[] }[],
  target?: { value: number; label: string },
): string {
  const w = 720;
  const h = 240;
  const pad = 36;
  const num = (v: BarValue) => (typeof v === 'number' ? v : undefined);
  const max = Math.max(1, target?.value ?? 0, ...series.flatMap((s) => s.values.flatMap((v) => num(v) ?? [])));
  const groupW = (w - pad * 2) / Math.max(1, labels.length);
  const barW = Math.max(2, (groupW - 6) / Math.max(1, series.length));
  const y = (v: number) => h - pad - (v / max) * (h - pad * 2);
  const rects = labels.flatMap((_, i) =>
    series.map((s, j) => {
      const v = s.values[i]!;
      const x = (pad + i * groupW + 3 + j * barW).toFixed(1);
      // No number: a full-height hatched bar marked with a cross, never a zero-height bar that reads as "instant".
      if (typeof v !== 'number')
        return `<rect x="${x}" y="${pad}" width="${(barW - 1).toFixed(1)}" height="${h - pad * 2}" fill="url(#missing)" stroke="#cf222e"><title>${escapeHtml(`${labels[i]} ${s.name}: ${v.missing}`)}</title></rect><text x="${(Number(x) + (barW - 1) / 2).toFixed(1)}" y="${pad - 4}" font-size="10" text-anchor="middle" fill="#cf222e">✖</text>`;
      return `<rect x="${x}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(h - pad - y(v)).toFixed(1)}" fill="${COLORS[j % COLORS.length]}"><title>${escapeHtml(`${labels[i]} ${s.name}: ${v}`)}</title></rect>`;
    }),
  );
  const xLabels = labels.map(
    (l, i) =>
      `<text x="${(pad + i * groupW + groupW / 2).toFixed(1)}" y="${h - pad + 14}" font-size="10" text-anchor="middle">${escapeHtml(l)}</text>`,
  );
  const targetLine = target
    ? `<line x1="${pad}" x2="${w - pad}" y1="${y(target.value)}" y2="${y(target.value)}" stroke="#cf222e" stroke-dasharray="4 3"/><text x="${w - pad}" y="${y(target.value) - 4}" font-size="10" text-anchor="end" fill="#cf222e">${escapeHtml(target.label)}</text>`
    : '';
  const legend = series
    .map((s, j) => `<tspan fill="${COLORS[j % COLORS.length]}">■</tspan> ${escapeHtml(s.name)}`)
    .join('  ');
  const table = `<table><thead><tr><th scope="col"></th>${labels.map((l) => `<th scope="col">${escapeHtml(l)}</th>`).join('')}</tr></thead><tbody>${series.map((s) => `<tr><th scope="row">${escapeHtml(s.name)}</th>${s.values.map((v) => `<td>${typeof v === 'number' ? v : escapeHtml(v.missing)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${w} ${h}" width="100%"><defs><pattern id="missing" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffebe9"/><line x1="0" y1="0" x2="0" y2="6" stroke="#cf222e" stroke-width="2"/></pattern></defs><line x1="${pad}" x2="${w - pad}" y1="${h - pad}" y2="${h - pad}" stroke="#6e7781"/><text x="${pad - 6}" y="${y(max) + 4}" font-size="10" text-anchor="end">${max}</text><text x="${pad - 6}" y="${h - pad}" font-size="10" text-anchor="end">0</text>${rects.join('')}${xLabels.join('')}${targetLine}<text x="${pad}" y="14" font-size="11">${legend}</text></svg><details><summary>Numbers</summary>${table}</details></figure>`;
}

export function managementReport(input: ReportInput): string {
  const months: string[] = [];
  for (
    let d = new Date(`${input.period.from.slice(0, 7)}-01T00:00:00Z`);
    d.toISOString().slice(0, 7) <= input.period.to.slice(0, 7);
    d.setUTCMonth(d.getUTCMonth() + 1)
  )
    months.push(d.toISOString().slice(0, 7));
  const unplanned = input.population.filter((i) => i.type !== 'maintenance');
  const maintenance = input.population.length - unplanned.length;
  const monthOf = (i: Incident) => jstDate(toMs(i.detection?.at ?? i.updates[0]!.at)).slice(0, 7);
  const count = (pred: (i: Incident) => boolean) =>
    months.map((m) => unplanned.filter((i) => monthOf(i) === m && pred(i)).length);
  const services = [...new Set(unplanned.map((i) => i.service))].sort();
  const severities = ['sev1', 'sev2', 'sev3', 'sev4'];
  const rows = input.sla.filter((r) => r.clock_start);
  const breaches = rows.filter((r) => r.notify_result === 'missed' || r.recover_result === 'missed');
  const actions = input.population.flatMap((i) =>
    (i.prevention ?? []).filter((a) => a.status === 'open' || a.status === 'in_progress'),
  );
  const [b1, b2] = PREVENTION_AGE_DAYS;
  const ageBuckets = ['not yet due', `overdue ≤ ${b1} days`, `overdue ${b1 + 1}–${b2} days`, `overdue > ${b2} days`];
  const ageOf = (due: string) => {
    const days = Math.floor((input.asOf - jstTimeMs(due, '23:59:59')) / DAY_MS);
    return days < 0 ? 0 : days <= b1 ? 1 : days <= b2 ? 2 : 3;
  };
  // Root causes count only once a postmortem is approved: a draft's category is an opinion, not a finding.
  const approved = unplanned.filter((i) => i.postmortem?.status === 'approved');
  const categoryOf = (i: Incident) => i.postmortem?.cause_category ?? 'not categorised';
  const causes = [...new Set(approved.map(categoryOf))].sort();
  const sinceStart = (r: SlaRecord) => Math.max(0, minutesBetween(toMs(r.clock_start), input.asOf));
  const stopped = (minutes: number | '', result: string, never: string, r: SlaRecord): BarValue =>
    minutes !== ''
      ? minutes
      : {
          missing:
            result === 'missed'
              ? `${never}: breach, ${sinceStart(r)} min since clock start`
              : `${never} yet: open, ${sinceStart(r)} min so far`,
        };
  const single = (key: 'notify_target_minutes' | 'recover_target_minutes') => {
    const values = [...new Set(rows.map((r) => r[key]))];
    return values.length === 1 && typeof values[0] === 'number'
      ? { value: values[0], label: `target ${values[0]} min` }
      : undefined;
  };
  const targetsNote =
    single('notify_target_minutes') && single('recover_target_minutes')
      ? ''
      : '<p>The targets differ by service, so no single target line is drawn; each service\'s target is under "Thresholds".</p>';
  const section = (h: string, body: string) => `<section><h2>${escapeHtml(h)}</h2>${body}</section>`;
  const tableOf = (head: string[], body: string[][]) =>
    `<table><thead><tr>${head.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const scopeNote = `<p>Figures cover the period's ${unplanned.length} unplanned incidents. Excluded: ${maintenance} planned maintenance window${maintenance === 1 ? '' : 's'} (no SLA clock)${input.invalid.length ? `, and ${input.invalid.length} record${input.invalid.length === 1 ? '' : 's'} that fail the incident schema and cannot be measured (listed under "Records that could not be read")` : ''}.</p>`;
  const breachCell = (result: string, minutes: number | '', never: string, r: SlaRecord) =>
    `${result} (${minutes === '' ? (result === 'missed' ? `${never}, ${sinceStart(r)} min since clock start` : `${never} yet`) : `${minutes} min`})`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}figure{margin:1rem 0}figcaption{font-weight:600}.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem}.kpi strong{display:block;font-size:1.5rem}</style></head>
<body><h1>${escapeHtml(input.title)}</h1>
<p>Period ${escapeHtml(input.period.from)} to ${escapeHtml(input.period.to)} (JST). Figures as of commit <code>${escapeHtml(input.commit)}</code>, ${escapeHtml(input.generatedAt)}. Every number re-performs from the files in this package (<code>npm run audit -- verify</code>).</p>
${scopeNote}
<div class="kpi"><div><strong>${unplanned.length}</strong>incidents</div><div><strong>${rows.filter((r) => r.notify_result === 'met').length}/${rows.length}</strong>notified within target</div><div><strong>${rows.filter((r) => r.recover_result === 'met').length}/${rows.length}</strong>recovered within target</div><div><strong>${breaches.length}</strong>with a breach</div><div><strong>${input.late.length}</strong>late postmortems</div><div><strong>${actions.length}</strong>open prevention actions</div></div>
${section(
  'Incidents per month',
  bars(
    'Incidents per month by service (planned maintenance excluded)',
    months,
    services.map((s) => ({ name: s, values: count((i) => i.service === s) })),
  ) +
    bars(
      'Incidents per month by severity (planned maintenance excluded)',
      months,
      severities.map((s) => ({ name: s, values: count((i) => i.severity === s) })),
    ),
)}
${section(
  'Time to notify and to recover',
  `<p>A hatched bar marked ✖ is a clock that has not stopped: never notified or not recovered as of the commit. It is not a short time.</p>${targetsNote}` +
    bars(
      'Minutes to notify, per incident',
      rows.map((r) => r.id.slice(0, 10)),
      [
        {
          name: 'minutes to notify',
          values: rows.map((r) => stopped(r.minutes_to_notify, r.notify_result, 'not notified', r)),
        },
      ],
      single('notify_target_minutes'),
    ) +
    bars(
      'Minutes to recover, per incident',
      rows.map((r) => r.id.slice(0, 10)),
      [
        {
          name: 'minutes to recover',
          values: rows.map((r) => stopped(r.minutes_to_recover, r.recover_result, 'not recovered', r)),
        },
      ],
      single('recover_target_minutes'),
    ),
)}
${section(
  'Breaches',
  breaches.length
    ? tableOf(
        ['incident', 'notification', 'recovery', 'postmortem'],
        breaches.map((r) => [
          r.id,
          breachCell(r.notify_result, r.minutes_to_notify, 'not notified', r),
          breachCell(r.recover_result, r.minutes_to_recover, 'not recovered', r),
          r.postmortem_status,
        ]),
      )
    : '<p>No target was missed in the period.</p>',
)}
${section(
  'Late postmortems',
  input.late.length
    ? tableOf(
        ['incident', 'state', 'required because', 'postmortem', 'resolved', 'days after resolution'],
        input.late.map((l) => [l.incident, l.state, l.required, l.postmortemStatus, l.resolvedAt, String(l.days)]),
      )
    : '<p>No required postmortem was late.</p>',
)}
${section('Open prevention actions by age', bars('Open prevention actions by age', ageBuckets, [{ name: 'actions', values: ageBuckets.map((_, b) => actions.filter((a) => ageOf(a.due) === b).length) }]))}
${section('Root-cause categories', `<p>Counted from approved postmortems only: ${approved.length} of ${unplanned.length} incidents; ${unplanned.length - approved.length} without an approved postmortem are not counted.</p>` + bars('Incidents by root-cause category (approved postmortems only)', causes, [{ name: 'incidents', values: causes.map((c) => approved.filter((i) => categoryOf(i) === c).length) }]))}
${
  input.invalid.length
    ? section(
        'Records that could not be read',
        tableOf(
          ['record', 'file', 'findings'],
          input.invalid.map((r) => [r.id, r.file, r.findings.join('; ')]),
        ),
      )
    : ''
}
${section(
  'Thresholds',
  `<p>Every threshold this review judges by, and where it is set.</p>${tableOf(
    ['threshold', 'value', 'configured in'],
    input.thresholds.map((t) => [t.threshold, t.value, t.configured]),
  )}`,
)}
</body></html>
`;
}
