/**
 * The postmortem document (postmortems/<id>.md): a blameless template whose
 * facts (timeline, SLA figures, actions) are filled in from the incident, so
 * authors write only the analysis. Sections are checked by INC100–INC103.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { formatDuration, formatJst } from '../i18n/format.ts';
import type { Incident } from '../incident/schema.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { postmortemReasons } from '../incident/lifecycle.ts';
import { evaluateSla } from '../sla/clock.ts';
import { notifiedOf } from '../sla/notified.ts';
import { toMs } from '../time.ts';
import { TODO } from '../incident/postmortem-document.ts';

// The document's shape (path, sections, placeholder) is shared with the checker's rules; re-exported for the CLI.
export { POSTMORTEM_SECTIONS, postmortemPath, postmortemSections, TODO } from '../incident/postmortem-document.ts';

/** The notification figures come from the ledger (one definition of "notified"); without evidence the document says so. */
export function renderPostmortem(
  incident: Incident,
  catalog: CatalogIndex,
  now: number,
  ledger: Ledger | undefined,
): string {
  const service = catalog.service(incident.service);
  const notified = notifiedOf(incident, ledger);
  const sla = service ? evaluateSla(incident, service, now, notified.at) : undefined;
  const utc = (iso: string) => `${new Date(toMs(iso)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const events: [string, string][] = [
    ...(incident.detection
      ? [
          [
            incident.detection.at,
            `Detected by ${incident.detection.source}${incident.detection.ref ? ` (${incident.detection.ref})` : ''}`,
          ] as [string, string],
        ]
      : []),
    ...incident.updates.map((u, i): [string, string] => [u.at, `Update ${i + 1}: ${u.status}: ${u.message.en}`]),
    ...(incident.recovered_at ? [[incident.recovered_at, 'Service recovered'] as [string, string]] : []),
  ];
  // In time order: recovery usually comes before the update that announces it.
  const timeline = events
    .sort((a, b) => toMs(a[0]) - toMs(b[0]))
    .map(([iso, event]) => `| ${formatJst(iso, 'en')} | ${utc(iso)} | ${event} |`);
  const target = (name: string, t: NonNullable<typeof sla>['notify']) =>
    `- ${name}: **${t.state}**, ${formatDuration(t.elapsedMinutes, 'en')} against a deadline of ${formatJst(t.by, 'en')}`;
  const notifyLine = (t: NonNullable<typeof sla>['notify']) =>
    notified.at !== undefined
      ? `${target('Customer notification', t)}; notified ${formatJst(notified.at, 'en')}, ${notified.text}`
      : `- Customer notification: **${t.state}**, ${notified.text} (deadline ${formatJst(t.by, 'en')})`;
  const reasons = postmortemReasons(incident, service, now, ledger);
  const missed = [
    reasons.includes('notification-target-missed') ? 'notification' : '',
    reasons.includes('recovery-target-missed') ? 'recovery' : '',
  ].filter(Boolean);
  return `# Postmortem: ${incident.title.en} (${incident.id})

<!-- Blameless: describe systems, signals and decisions, not people. Replace every ${TODO} before asking for review. -->

## Summary

${TODO}: two or three sentences: what happened, for how long, who was affected.

## Impact

- Service: ${service?.name.en ?? incident.service}; components: ${incident.components.map((c) => `${c.id} (${c.status})`).join(', ')}
- Severity: ${incident.severity ?? '-'}; scope: ${incident.scope}${incident.scope === 'customer' ? ` (${incident.customers?.length ?? 0} customers)` : ''}
${sla ? `- SLA clock started ${formatJst(sla.clockStart, 'en')}${sla.startRule === 'desk-opening' ? ' (the next desk opening)' : ''}\n${notifyLine(sla.notify)}\n${target('Recovery', sla.recover)}` : '- No SLA clock (maintenance)'}
- Customers affected, requests failed, data lost: ${TODO}

## Detection

${TODO}: how we found out, how long that took, whether monitoring caught it first, how to halve the time to detect.

## Timeline

| JST | UTC | event |
|---|---|---|
${timeline.join('\n')}

## Root causes and contributing factors

${TODO}: the trigger, the latent causes, why the safeguards did not stop it (ask "why" until the answers are about systems).

## Resolution and recovery

${TODO}: what restored service; workaround or permanent fix.

## Shared-responsibility note

${service?.customer_responsibility.en ?? ''}

${TODO}: what customers had to do on their side, and what we could not observe.

## Communication review

${TODO}: channels used, the notification time against the 30-minute target, update cadence, accuracy of what we said.

## Lessons learned

### What went well

${TODO}

### What went wrong

${TODO}

### Where we got lucky

${TODO}

## Action items

| id | action | owner | due | status |
|---|---|---|---|---|
${(incident.prevention ?? []).map((a) => `| ${a.id} | ${a.title} | @${a.owner} | ${a.due} | ${a.status} |`).join('\n') || `| ${TODO} | | | | |`}

## SLA breach reason

${missed.length ? `${TODO}: why the ${missed.join(' and ')} target was missed.` : sla && notified.at === undefined ? `No recovery target was missed; the notification target is ${notified.text}.` : 'No target was missed.'}

## Public summary

The reviewed text for the incident page; copy it into \`postmortem.summary\` (ja and en) when approved.

${TODO}

## Reviewer checklist

- [ ] Blameless: systems and decisions, not people
- [ ] Every action item has an owner, a due date and a tracking link
- [ ] The timeline matches the incident file and the SLA figures above
- [ ] The public summary contains no internal names, hosts or customer data
`;
}
