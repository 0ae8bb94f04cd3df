/**
 * What the intake bot writes: the first update's bilingual template, the
 * engineers' notes in the draft file, the pull request body and its sticky
 * clock comment. Alert and form text is untrusted: it is shortened, stripped
 * of addresses and shown only inside code spans (no mentions, no markup),
 * and it never reaches a public field.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { formatJst } from '../i18n/format.ts';
import type { Incident } from '../incident/schema.ts';
import type { Bilingual } from '../schema-parts.ts';
import { redactPersonalData } from '../privacy/personal-data.ts';
import { evaluateSla, type TargetFigures } from '../sla/clock.ts';
import { CLOCK_MARKER } from './candidate.ts';

/** Untrusted text made safe to show: one line, bounded, no e-mail addresses or telephone numbers. */
export function untrusted(text: string, max = 300): string {
  const flat = redactPersonalData(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')).trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Inside a code span GitHub renders no markup and sends no @-mention. */
export function code(text: string, max = 300): string {
  return `\`${untrusted(text, max).replace(/`/g, "'")}\``;
}

export function componentNames(catalog: CatalogIndex, service: string, components: readonly string[]): Bilingual {
  const names = components.map((c) => catalog.componentName(service, c) ?? { ja: c, en: c });
  return { ja: names.map((n) => n.ja).join('・'), en: names.map((n) => n.en).join(', ') };
}

/** Title and first update, prefilled for the responder to edit before merging. */
export function draftTexts(
  catalog: CatalogIndex,
  service: string,
  components: readonly string[],
): { title: Bilingual; message: Bilingual } {
  const c = componentNames(catalog, service, components);
  const s = catalog.service(service)?.name ?? { ja: service, en: service };
  return {
    title: { ja: `${c.ja}の障害`, en: `${c.en} disruption` },
    message: {
      ja: `${s.ja}の${c.ja}で障害が発生している可能性があり、現在調査しています。詳しい状況がわかり次第お知らせします。`,
      en: `We are investigating a possible disruption of ${c.en} on ${s.en}. We will post an update as soon as we know more.`,
    },
  };
}

/** The sticky comment on the draft: the clock, in front of whoever opens the pull request. */
export function clockComment(incident: Incident, catalog: CatalogIndex, now: number): string {
  const service = catalog.service(incident.service);
  const sla = service ? evaluateSla(incident, service, now) : undefined;
  const row = (label: string, t: TargetFigures | undefined) =>
    t
      ? `| ${label} | ${formatJst(t.by, 'en')} | ${t.state === 'running' ? `**${t.leftMinutes} min left**` : t.state === 'missed' ? '**deadline passed**' : 'met'} |`
      : `| ${label} | - | - |`;
  const start = sla
    ? `${formatJst(sla.clockStart, 'en')}${sla.startRule === 'desk-opening' ? " (the desk's next opening: the inquiry came in while it was closed)" : ` (${incident.detection?.source} at detection)`}`
    : '-';
  return [
    CLOCK_MARKER,
    `### ⏱ SLA clock for \`${incident.id}\` (as of ${formatJst(now, 'en')})`,
    '',
    `Clock started ${start}. It runs whether or not this pull request is merged.`,
    '',
    '| target | deadline | state |',
    '|---|---|---|',
    row('customers notified', sla?.notify),
    row('service recovered', sla?.recover),
    '',
    `Manager @${incident.manager} · responder @${incident.responder}`,
    '',
    '**It is an incident:** edit the title, impact, components and first update in the file, mark the pull request ready and merge: merging is the acknowledgement, and the site and the notifications follow.',
    '**It is not:** comment `/not-an-incident <reason>` and close the pull request unmerged; the clock stops and the dismissal is recorded for the audit.',
  ].join('\n');
}

export interface AlertLine {
  name: string;
  fingerprint: string;
  source: string;
  startsAt: number;
  labels: Record<string, string>;
  summary?: string;
  url?: string;
}

/** Engineers' notes in the draft file (never published). */
export function alertNotes(alerts: readonly AlertLine[]): string {
  return [
    'Opened by the intake bot from a monitoring alert. Everything above is a proposal:',
    'edit it, then merge (the acknowledgement) or close unmerged with a reason.',
    '',
    ...alerts.flatMap((a) => [
      `- Alert ${untrusted(a.name, 120)} (${a.source}, fingerprint ${a.fingerprint}) since ${formatJst(a.startsAt, 'en')}`,
      ...(a.summary ? [`  - Summary: ${untrusted(a.summary)}`] : []),
      `  - Labels: ${untrusted(
        Object.entries(a.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
        500,
      )}`,
      ...(a.url ? [`  - Source: ${untrusted(a.url, 500)}`] : []),
    ]),
  ].join('\n');
}

export function alertPullBody(
  marker: string,
  incident: Incident,
  alerts: readonly AlertLine[],
  related: readonly { id: string; pr?: number }[],
): string {
  return [
    marker,
    `Candidate incident **${incident.id}** opened from ${alerts.length === 1 ? 'a monitoring alert' : `${alerts.length} monitoring alerts of one service`}. The SLA clock runs from the alert's start; see the clock comment.`,
    '',
    '| alert | fingerprint | since | summary |',
    '|---|---|---|---|',
    ...alerts.map(
      (a) =>
        `| ${code(a.name, 80)} | \`${a.fingerprint}\` | ${formatJst(a.startsAt, 'en')} | ${a.summary ? code(a.summary, 160) : '-'} |`,
    ),
    ...(related.length
      ? [
          '',
          `Other alerts of this service fired close by: ${related.map((r) => (r.pr ? `#${r.pr} (\`${r.id}\`)` : `\`${r.id}\``)).join(', ')}. This draft lists them under \`related\` (kept apart, linked). To handle them as **one incident** instead, add their components here, drop \`related\`, and close the other draft with \`/not-an-incident duplicate of #<this PR>\`.`,
        ]
      : []),
  ].join('\n');
}
