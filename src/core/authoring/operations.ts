/**
 * What the authoring CLI does to an incident, as pure functions: each takes
 * the current incident (or nothing), the user's input and `now`, and returns
 * the next incident. Validation is the checker's job; these only refuse
 * input that cannot even be shaped into an incident, with an AuthoringError
 * (its problem is data; the caller words it).
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { valueAtPath } from '../data-path.ts';
import { parseDataPath } from '../findings.ts';
import type { ComponentImpact, Incident, IncidentType, Severity, Update, UpdateStatus } from '../incident/schema.ts';
import { latestStatus } from '../incident/lifecycle.ts';
import { slugify } from '../text/slugify.ts';
import { jstDate, toJstIso, toMs } from '../time.ts';
import type { Bilingual } from '../schema-parts.ts';
import { AuthoringError } from './problems.ts';

export interface NewIncidentInput {
  service: string;
  type: Exclude<IncidentType, 'maintenance'>;
  severity: Severity;
  scope: 'public' | 'customer';
  customers?: string[];
  components: { id: string; status: ComponentImpact }[];
  title: Bilingual;
  impact?: Bilingual;
  detection: { source: 'monitoring' | 'inquiry' | 'ticket'; at?: string; ref?: string };
  department: string;
  manager?: string;
  responder: string;
  message?: Bilingual;
  slug?: string;
  /** Publication time of the first update; default now. */
  at?: string;
  /** When the next update is promised (told to customers in the notice). */
  nextUpdateAt?: string;
}

export function newIncident(input: NewIncidentInput, catalog: CatalogIndex, now: number): Incident {
  const detectedAt = input.detection.at ?? toJstIso(now);
  const at = input.at ?? toJstIso(now);
  return {
    id: makeId(jstDate(toMs(detectedAt)), input.service, input.slug ?? input.title.en),
    title: input.title,
    service: input.service,
    type: input.type,
    severity: input.severity,
    scope: input.scope,
    ...(input.scope === 'customer' ? { customers: input.customers ?? [] } : {}),
    components: input.components,
    ...(input.impact ? { impact: input.impact } : {}),
    detection: {
      source: input.detection.source,
      at: detectedAt,
      ...(input.detection.ref ? { ref: input.detection.ref } : {}),
    },
    department: input.department,
    manager: input.manager ?? defaultManager(catalog, input.department),
    responder: input.responder,
    updates: [
      {
        at,
        status: 'investigating',
        message: input.message ?? investigatingMessage(input.title),
        ...(input.nextUpdateAt ? { next_update_at: input.nextUpdateAt } : {}),
      },
    ],
  };
}

export interface MaintenanceInput {
  service: string;
  components: { id: string; status: ComponentImpact }[];
  title: Bilingual;
  impact?: Bilingual;
  window: { start: string; end: string };
  department: string;
  manager?: string;
  responder: string;
  message?: Bilingual;
  slug?: string;
  scope?: 'public' | 'customer';
  customers?: string[];
  at?: string;
}

export function newMaintenance(input: MaintenanceInput, catalog: CatalogIndex, now: number): Incident {
  const scope = input.scope ?? 'public';
  return {
    id: makeId(jstDate(toMs(input.window.start)), input.service, input.slug ?? input.title.en),
    title: input.title,
    service: input.service,
    type: 'maintenance',
    scope,
    ...(scope === 'customer' ? { customers: input.customers ?? [] } : {}),
    components: input.components,
    ...(input.impact ? { impact: input.impact } : {}),
    window: input.window,
    department: input.department,
    manager: input.manager ?? defaultManager(catalog, input.department),
    responder: input.responder,
    updates: [
      { at: input.at ?? toJstIso(now), status: 'scheduled', message: input.message ?? scheduledMessage(input.window) },
    ],
  };
}

export interface UpdateInput {
  status?: UpdateStatus;
  message: Bilingual;
  at?: string;
  reopenReason?: string;
  notifyCustomers?: boolean;
  /** When the next update is promised (told to customers in the notice). */
  nextUpdateAt?: string;
  severity?: Severity;
}

export function appendUpdate(incident: Incident, input: UpdateInput, now: number): Incident {
  const update: Update = {
    at: input.at ?? toJstIso(now),
    status: input.status ?? latestStatus(incident),
    message: input.message,
    ...(input.notifyCustomers === false ? { notify_customers: false } : {}),
    ...(input.reopenReason ? { reopen_reason: input.reopenReason } : {}),
    ...(input.nextUpdateAt ? { next_update_at: input.nextUpdateAt } : {}),
  };
  const reopened = update.status === 'investigating' && latestStatus(incident) === 'resolved';
  return {
    ...incident,
    ...(input.severity ? { severity: input.severity } : {}),
    // A reopen's recovery is measured to the final recovery, so the old one goes.
    ...(reopened ? { recovered_at: undefined } : {}),
    updates: [...incident.updates, update],
  };
}

export interface ResolveInput {
  recoveredAt?: string;
  message?: Bilingual;
  at?: string;
  customerActions?: Bilingual;
}

export function resolveIncident(incident: Incident, input: ResolveInput, now: number): Incident {
  const at = input.at ?? toJstIso(now);
  const isMaintenance = incident.type === 'maintenance';
  const next = appendUpdate(
    incident,
    { status: isMaintenance ? 'completed' : 'resolved', message: input.message ?? resolvedMessage(isMaintenance), at },
    now,
  );
  return {
    ...next,
    ...(isMaintenance ? {} : { recovered_at: input.recoveredAt ?? at }),
    ...(input.customerActions ? { customer_actions: input.customerActions } : {}),
  };
}

export interface CorrectionInput {
  field: string;
  /** The new value, already parsed (a YAML scalar or structure). */
  value: unknown;
  reason: string;
  by: string;
}

export function correctField(incident: Incident, input: CorrectionInput, now: number): Incident {
  const path = parseDataPath(input.field);
  if (!path) throw new AuthoringError({ kind: 'field-path-invalid', field: input.field });
  const old = valueAtPath(incident, path);
  if (old === undefined) throw new AuthoringError({ kind: 'field-missing', field: input.field, id: incident.id });
  const copy = structuredClone(incident) as unknown as Record<string | number, unknown>;
  const parent = valueAtPath(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = input.value;
  const corrected = copy as unknown as Incident;
  return {
    ...corrected,
    corrections: [
      ...(incident.corrections ?? []),
      { at: toJstIso(now), field: input.field, old, new: input.value, reason: input.reason, by: input.by },
    ],
  };
}

export function closeIncident(incident: Incident, at: string | undefined, now: number): Incident {
  return { ...incident, closed_at: at ?? toJstIso(now) };
}

function makeId(date: string, service: string, slugSource: string): string {
  const slug = slugify(slugSource);
  if (!slug) throw new AuthoringError({ kind: 'slug-empty', source: slugSource });
  return `${date}-${slug.startsWith(`${service}-`) ? slug : `${service}-${slug}`}`;
}

function defaultManager(catalog: CatalogIndex, departmentId: string): string {
  const manager = catalog.department(departmentId)?.managers[0];
  if (!manager) throw new AuthoringError({ kind: 'department-unknown', department: departmentId });
  return manager;
}

const investigatingMessage = (title: Bilingual): Bilingual => ({
  ja: `${title.ja}が発生しています。現在、原因を調査しています。`,
  en: `We are investigating: ${title.en}.`,
});
const scheduledMessage = (w: { start: string; end: string }): Bilingual => ({
  ja: `${toJstIso(toMs(w.start)).slice(0, 16).replace('T', ' ')} から ${toJstIso(toMs(w.end)).slice(0, 16).replace('T', ' ')}（日本時間）にメンテナンスを実施します。`,
  en: `Maintenance is scheduled from ${toJstIso(toMs(w.start)).slice(0, 16).replace('T', ' ')} to ${toJstIso(toMs(w.end)).slice(0, 16).replace('T', ' ')} JST.`,
});
const resolvedMessage = (maintenance: boolean): Bilingual =>
  maintenance
    ? { ja: 'メンテナンスは完了しました。', en: 'The maintenance is complete.' }
    : {
        ja: 'サービスは復旧しました。ご不便をおかけし申し訳ありませんでした。',
        en: 'Service has recovered. We apologise for the disruption.',
      };

/** Starts the postmortem: status draft, pointing at its document (existing approval fields are kept). */
export function startPostmortem(incident: Incident, documentPath: string): Incident {
  return { ...incident, postmortem: { status: 'draft', ...incident.postmortem, document: documentPath } };
}
