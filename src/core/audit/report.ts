/**
 * The management review (policy: management periodically evaluates incidents
 * and their root causes): one self-contained HTML file, readable offline,
 * charts as inline SVG with their numbers also given as tables.
 */
import type { Incident } from '../incident/schema.ts';
import { jstDate, toMs } from '../time.ts';
import type { SlaRecord } from './figures.ts';

interface ReportInput {
  title: string;
  period: { from: string; to: string };
  generatedAt: string;
  commit: string;
  population: readonly Incident[];
  sla: readonly SlaRecord[];
  asOf: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLORS = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#cf222e', '#6e7781', '#8250df', '#0550ae'];

/** A grouped bar chart: one group per label, one bar per series. */
function bars(title: string, labels: string[], series: { name: string; values: number[] }[], target?: { value: number; label: string }): string {
  const w = 720;
  const h = 240;
  const pad = 36;
  const max = Math.max(1, target?.value ?? 0, ...series.flatMap((s) => s.values));
  const groupW = (w - pad * 2) / Math.max(1, labels.length);
  const barW = Math.max(2, (groupW - 6) / Math.max(1, series.length));
  const y = (v: number) => h - pad - (v / max) * (h - pad * 2);
  const rects = labels.flatMap((_, i) => series.map((s, j) => `<rect x="${(pad + i * groupW + 3 + j * barW).toFixed(1)}" y="${y(s.values[i]!).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(h - pad - y(s.values[i]!)).toFixed(1)}" fill="${COLORS[j % COLORS.length]}"><title>${esc(`${labels[i]} ${s.name}: ${s.values[i]}`)}</title></rect>`));
  const xLabels = labels.map((l, i) => `<text x="${(pad + i * groupW + groupW / 2).toFixed(1)}" y="${h - pad + 14}" font-size="10" text-anchor="middle">${esc(l)}</text>`);
  const targetLine = target ? `<line x1="${pad}" x2="${w - pad}" y1="${y(target.value)}" y2="${y(target.value)}" stroke="#cf222e" stroke-dasharray="4 3"/><text x="${w - pad}" y="${y(target.value) - 4}" font-size="10" text-anchor="end" fill="#cf222e">${esc(target.label)}</text>` : '';
  const legend = series.map((s, j) => `<tspan fill="${COLORS[j % COLORS.length]}">■</tspan> ${esc(s.name)}`).join('  ');
  const table = `<table><thead><tr><th scope="col"></th>${labels.map((l) => `<th scope="col">${esc(l)}</th>`).join('')}</tr></thead><tbody>${series.map((s) => `<tr><th scope="row">${esc(s.name)}</th>${s.values.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="100%"><line x1="${pad}" x2="${w - pad}" y1="${h - pad}" y2="${h - pad}" stroke="#6e7781"/><text x="${pad - 6}" y="${y(max) + 4}" font-size="10" text-anchor="end">${max}</text><text x="${pad - 6}" y="${h - pad}" font-size="10" text-anchor="end">0</text>${rects.join('')}${xLabels.join('')}${targetLine}<text x="${pad}" y="14" font-size="11">${legend}</text></svg><details><summary>Numbers</summary>${table}</details></figure>`;
}

export function managementReport(input: ReportInput): string {
  const months: string[] = [];
  for (let d = new Date(`${input.period.from.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 7) <= input.period.to.slice(0, 7); d.setUTCMonth(d.getUTCMonth() + 1)) months.push(d.toISOString().slice(0, 7));
  const unplanned = input.population.filter((i) => i.type !== 'maintenance');
  const monthOf = (i: Incident) => jstDate(toMs(i.detection?.at ?? i.updates[0]!.at)).slice(0, 7);
  const count = (pred: (i: Incident) => boolean) => months.map((m) => unplanned.filter((i) => monthOf(i) === m && pred(i)).length);
  const services = [...new Set(unplanned.map((i) => i.service))].sort();
  const severities = ['sev1', 'sev2', 'sev3', 'sev4'];
  const rows = input.sla.filter((r) => r.clock_start);
  const breaches = rows.filter((r) => r.notify_result === 'missed' || r.recover_result === 'missed');
  const actions = input.population.flatMap((i) => (i.prevention ?? []).filter((a) => a.status === 'open' || a.status === 'in_progress'));
  const ageBuckets = ['not yet due', 'overdue ≤ 30 days', 'overdue 31–90 days', 'overdue > 90 days'];
  const ageOf = (due: string) => {
    const days = Math.floor((input.asOf - Date.parse(`${due}T23:59:59+09:00`)) / 86_400_000);
    return days < 0 ? 0 : days <= 30 ? 1 : days <= 90 ? 2 : 3;
  };
  const causes = [...new Set(unplanned.map((i) => i.postmortem?.cause_category ?? 'not categorised'))].sort();
  const section = (h: string, body: string) => `<section><h2>${esc(h)}</h2>${body}</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}figure{margin:1rem 0}figcaption{font-weight:600}.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem}.kpi strong{display:block;font-size:1.5rem}</style></head>
<body><h1>${esc(input.title)}</h1>
<p>Period ${esc(input.period.from)} to ${esc(input.period.to)} (JST). Figures as of commit <code>${esc(input.commit.slice(0, 12))}</code>, ${esc(input.generatedAt)}. Every number re-performs from the files in this package (<code>npm run audit -- verify</code>).</p>
<div class="kpi"><div><strong>${unplanned.length}</strong>incidents</div><div><strong>${rows.filter((r) => r.notify_result === 'met').length}/${rows.length}</strong>notified within target</div><div><strong>${rows.filter((r) => r.recover_result === 'met').length}/${rows.length}</strong>recovered within target</div><div><strong>${breaches.length}</strong>with a breach</div><div><strong>${actions.length}</strong>open prevention actions</div></div>
${section('Incidents per month', bars('Incidents per month by service', months, services.map((s) => ({ name: s, values: count((i) => i.service === s) }))) + bars('Incidents per month by severity', months, severities.map((s) => ({ name: s, values: count((i) => i.severity === s) }))))}
${section('Time to notify and to recover', bars('Minutes to notify, per incident', rows.map((r) => r.id.slice(0, 10)), [{ name: 'minutes to notify', values: rows.map((r) => Number(r.minutes_to_notify || 0)) }], { value: 30, label: 'target 30 min' }) + bars('Minutes to recover, per incident', rows.map((r) => r.id.slice(0, 10)), [{ name: 'minutes to recover', values: rows.map((r) => Number(r.minutes_to_recover || 0)) }], { value: 120, label: 'target 120 min' }))}
${section('Breaches', breaches.length ? `<table><thead><tr><th scope="col">incident</th><th scope="col">notification</th><th scope="col">recovery</th><th scope="col">postmortem</th></tr></thead><tbody>${breaches.map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(r.notify_result)} (${r.minutes_to_notify === '' ? 'not notified' : `${r.minutes_to_notify} min`})</td><td>${esc(r.recover_result)} (${r.minutes_to_recover === '' ? 'not recovered' : `${r.minutes_to_recover} min`})</td><td>${esc(r.postmortem_status)}</td></tr>`).join('')}</tbody></table>` : '<p>No target was missed in the period.</p>')}
${section('Open prevention actions by age', bars('Open prevention actions by age', ageBuckets, [{ name: 'actions', values: ageBuckets.map((_, b) => actions.filter((a) => ageOf(a.due) === b).length) }]))}
${section('Root-cause categories', bars('Incidents by root-cause category (from approved postmortems)', causes, [{ name: 'incidents', values: causes.map((c) => unplanned.filter((i) => (i.postmortem?.cause_category ?? 'not categorised') === c).length) }]))}
</body></html>
`;
}
