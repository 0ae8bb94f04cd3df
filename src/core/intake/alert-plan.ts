/**
 * From parsed alerts to intake steps, as data (the script performs them,
 * `--dry-run` prints them). The rules an on-call engineer woken at 3 a.m.
 * wants: one draft per event, never two for one alert; a repeat refreshes the
 * draft's clock; a resolved alert is noted on its draft; alerts of one
 * service in one notification become one draft with several components;
 * a later alert of the same service opens its own draft linked to the
 * earlier one (`related`), and the responder decides in the draft whether to
 * fold them into one.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { newIncident } from '../authoring/operations.ts';
import type { Incident } from '../incident/schema.ts';
import { incidentPath } from '../incident/paths.ts';
import { isFinished } from '../incident/lifecycle.ts';
import { serializeIncident } from '../incident/serialize.ts';
import { MINUTE_MS, toJstIso, toMs } from '../time.ts';
import type { NormalizedAlert } from './alert-payload.ts';
import { branchFor, candidateMarker, withFreeId, type DismissedCandidate, type OpenCandidate } from './candidate.ts';
import { eventTimeProblem } from './event-time.ts';
import { alertNotes, alertPullBody, clockComment, code, draftTexts, untrusted } from './draft-text.ts';
import { alertLabel, routeAlert, type RoutedAlert } from './route.ts';

export type IntakeStep =
  | {
      kind: 'open-draft';
      branch: string;
      path: string;
      content: string;
      title: string;
      body: string;
      clock: string;
      incident: Incident;
      reason: string;
    }
  | { kind: 'refresh-clock'; pr: number; clock: string; reason: string }
  | { kind: 'comment'; pr: number; marker: string; body: string; reason: string }
  | { kind: 'skip'; reason: string };

export interface IntakeContext {
  catalog: CatalogIndex;
  now: number;
  /** Open intake pull requests. */
  candidates: readonly OpenCandidate[];
  /** Merged incidents (main). */
  incidents: readonly Incident[];
  dismissed: readonly DismissedCandidate[];
}

export interface AlertPlan {
  steps: IntakeStep[];
  /** One line each: alerts that could not be routed (unknown labels). */
  problems: string[];
}

export function planAlertIntake(alerts: readonly NormalizedAlert[], ctx: IntakeContext): AlertPlan {
  const steps: IntakeStep[] = [];
  const problems: string[] = [];
  const byFingerprint = (fp: string) => ctx.candidates.find((c) => c.marker.fingerprints.includes(fp));
  const refreshed = new Set<number>();
  const fresh: RoutedAlert[] = [];
  // Firing and resolved of one fingerprint in one notification (a short blip): the draft opens and says it resolved.
  const firingHere = new Set(alerts.filter((a) => a.status === 'firing').map((a) => a.fingerprint));
  const resolvedHere = new Map(
    alerts
      .filter((a) => a.status === 'resolved' && firingHere.has(a.fingerprint))
      .map((a) => [a.fingerprint, a.endsAt ?? ctx.now]),
  );

  for (const alert of alerts) {
    const open = byFingerprint(alert.fingerprint);
    if (alert.status === 'resolved') {
      if (!open) {
        if (resolvedHere.has(alert.fingerprint)) continue;
        steps.push({ kind: 'skip', reason: `${alertLabel(alert)} resolved; no open draft for it` });
        continue;
      }
      const ended = alert.endsAt ?? ctx.now;
      steps.push({
        kind: 'comment',
        pr: open.pr,
        marker: `<!-- status-portal:intake-resolved:${alert.fingerprint}:${ended} -->`,
        reason: `${alertLabel(alert)} resolved; noting it on draft #${open.pr}`,
        body: `<!-- status-portal:intake-resolved:${alert.fingerprint}:${ended} -->\n✅ Monitoring reports alert ${code(alert.name, 80)} (\`${alert.fingerprint}\`) **resolved** at ${toJstIso(ended)}. If service is restored, add \`recovered_at\` and a \`resolved\` update to the file; if it never was an incident, comment \`/not-an-incident <reason>\` and close this pull request.`,
      });
      continue;
    }
    if (open) {
      if (!open.incident) {
        steps.push({
          kind: 'skip',
          reason: `${alertLabel(alert)} fired again; draft #${open.pr} stands for it, but its file does not pass the checker, so its clock cannot be shown (fix the file)`,
        });
      } else if (!refreshed.has(open.pr)) {
        refreshed.add(open.pr);
        steps.push({
          kind: 'refresh-clock',
          pr: open.pr,
          clock: clockComment(open.incident, ctx.catalog, ctx.now),
          reason: `${alertLabel(alert)} fired again; draft #${open.pr} already stands for it`,
        });
      }
      continue;
    }
    const badStart = eventTimeProblem(alert.startsAt, ctx.now);
    if (badStart) {
      problems.push(
        `${alertLabel(alert)}: its start ${badStart}; no draft opened, since the SLA clock cannot start from it (fix the time the monitoring system sends)`,
      );
      continue;
    }
    // Repeats of a dismissed firing are not reopened; the same alert starting again later is a new event.
    const dismissed = ctx.dismissed.find(
      (d) => d.fingerprints.includes(alert.fingerprint) && alert.startsAt <= toMs(d.at),
    );
    if (dismissed) {
      steps.push({
        kind: 'skip',
        reason: `${alertLabel(alert)} was dismissed as not an incident by @${dismissed.by} (${dismissed.reason}); not reopened`,
      });
      continue;
    }
    const merged = ctx.incidents.find((i) => i.detection?.ref === alert.fingerprint && !isFinished(i));
    if (merged) {
      steps.push({ kind: 'skip', reason: `${alertLabel(alert)} is incident ${merged.id}, already acknowledged` });
      continue;
    }
    const routed = routeAlert(alert, ctx.catalog);
    if (!routed.ok) problems.push(routed.problem);
    else fresh.push(routed.routed);
  }

  // One draft per service for the alerts of one notification: one event, several components.
  const services = [...new Set(fresh.map((r) => r.service))];
  const takenIds = new Set([...ctx.incidents.map((i) => i.id), ...ctx.candidates.map((c) => c.marker.id)]);
  for (const service of services) {
    const group = fresh
      .filter((r) => r.service === service)
      .sort((a, b) => a.alert.startsAt - b.alert.startsAt || a.alert.fingerprint.localeCompare(b.alert.fingerprint));
    steps.push(...openDraft(group, ctx, takenIds, resolvedHere));
  }
  return { steps, problems };
}

function openDraft(
  group: readonly RoutedAlert[],
  ctx: IntakeContext,
  takenIds: Set<string>,
  resolvedHere: ReadonlyMap<string, number>,
): IntakeStep[] {
  const first = group[0]!;
  const { catalog, now } = ctx;
  const service = first.service;
  const components = [...new Set(group.flatMap((r) => r.components))];
  // A clock skewed into the future must not date the detection after the first update.
  const detectedAt = Math.min(first.alert.startsAt, now);
  const texts = draftTexts(catalog, service, components);
  const impactRank = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
  const impactOf = (c: string) =>
    group
      .filter((r) => r.components.includes(c))
      .map((r) => r.route.impact)
      .sort((a, b) => impactRank.indexOf(b) - impactRank.indexOf(a))[0]!;
  const severity = group.map((r) => r.route.severity).sort()[0]!;
  const fp =
    first.alert.fingerprint
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 8) || 'alert';
  let incident = withFreeId(
    newIncident(
      {
        service,
        type: 'failure',
        severity,
        scope: 'public',
        components: components.map((id) => ({ id, status: impactOf(id) })),
        title: texts.title,
        detection: { source: 'monitoring', at: toJstIso(detectedAt), ref: first.alert.fingerprint },
        department: first.route.department,
        responder: first.route.responder,
        message: texts.message,
        // The slug becomes the public id: only the scrubbed name may reach it.
        slug: `${splitWords(untrusted(first.alert.name, 80))} ${fp}`,
        at: toJstIso(now),
      },
      catalog,
      now,
    ),
    takenIds,
  );
  takenIds.add(incident.id);

  // Concurrent failures: open drafts and unfinished incidents of this service that started close by.
  const windowMs = (catalog.catalog.intake?.group_minutes ?? 15) * MINUTE_MS;
  const near = (at: string | undefined) => at !== undefined && Math.abs(toMs(at) - detectedAt) <= windowMs;
  const relatedDrafts = ctx.candidates.filter((c) => c.marker.service === service && near(c.incident?.detection?.at));
  const relatedMerged = ctx.incidents.filter((i) => i.service === service && !isFinished(i) && near(i.detection?.at));
  const related = [
    ...relatedMerged.map((i) => ({ id: i.id })),
    ...relatedDrafts.map((c) => ({ id: c.marker.id, pr: c.pr })),
  ];
  if (related.length) incident = { ...incident, related: related.map((r) => r.id) };

  const lines = group.map((r) => ({
    name: r.alert.name,
    fingerprint: r.alert.fingerprint,
    source: r.alert.source,
    startsAt: r.alert.startsAt,
    labels: r.alert.labels,
    ...(r.alert.summary ? { summary: r.alert.summary } : {}),
    ...(r.alert.url ? { url: r.alert.url } : {}),
  }));
  const fingerprints = group.map((r) => r.alert.fingerprint);
  const marker = candidateMarker({ id: incident.id, service, source: 'monitoring', fingerprints });
  const steps: IntakeStep[] = [
    {
      kind: 'open-draft',
      branch: branchFor(branchKey(first.alert, ctx)),
      path: incidentPath(incident.id),
      content: serializeIncident(incident, alertNotes(lines)),
      title: `[intake] ${incident.title.en} (${service})`,
      body: [
        alertPullBody(marker, incident, lines, related),
        ...group
          .filter((r) => resolvedHere.has(r.alert.fingerprint))
          .map(
            (r) =>
              `\n✅ The same notification reports alert ${code(r.alert.name, 80)} (\`${r.alert.fingerprint}\`) **resolved** at ${toJstIso(resolvedHere.get(r.alert.fingerprint)!)}. If it never was an incident, comment \`/not-an-incident <reason>\` and close this pull request.`,
          ),
      ].join('\n'),
      clock: clockComment(incident, catalog, now),
      incident,
      reason: `${group.length} firing alert(s) of ${service} with no draft yet: ${fingerprints.join(', ')}`,
    },
  ];
  for (const c of relatedDrafts) {
    const m = `<!-- status-portal:intake-related:${incident.id} -->`;
    steps.push({
      kind: 'comment',
      pr: c.pr,
      marker: m,
      reason: `link draft #${c.pr} to the new draft ${incident.id}`,
      body: `${m}\n🔗 Another alert of ${service} fired within ${catalog.catalog.intake?.group_minutes ?? 15} minutes of this one: a separate draft for \`${incident.id}\` (branch \`${branchFor(branchKey(first.alert, ctx))}\`) lists this one as \`related\`. Keep both (each keeps its own clock), or fold it into this draft and close the other as \`/not-an-incident duplicate\`.`,
    });
  }
  return steps;
}

/**
 * intake/<fingerprint>; when that fingerprint already had a draft (merged or
 * dismissed, its branch may still exist with the old file), the start time
 * is added so the new draft carries only the new file.
 */
function branchKey(alert: NormalizedAlert, ctx: IntakeContext): string {
  const seen =
    ctx.dismissed.some((d) => d.fingerprints.includes(alert.fingerprint)) ||
    ctx.incidents.some((i) => i.detection?.ref === alert.fingerprint);
  return seen
    ? `${alert.fingerprint}-${toJstIso(alert.startsAt).slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`
    : alert.fingerprint;
}

/** "BlockStorageLatencyHigh" → "Block Storage Latency High", for an id slug. */
function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.:]+/g, ' ');
}
