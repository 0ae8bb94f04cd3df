/**
 * Monitoring alerts, from untrusted bytes to one normalized shape. Three
 * shapes are accepted: the Prometheus Alertmanager webhook payload
 * (version "4"), the Grafana alerting webhook payload (which extends it with
 * orgId, state, title, per-alert values and URLs), and a small generic JSON
 * for anything else (README, "Intake"). Pure; sizes are capped before and
 * after parsing so a hostile payload cannot make the run slow or the draft huge.
 */
import { z } from 'zod';
import { datetimeProblem } from '../time.ts';

/**
 * Whole payload. Alertmanager and Grafana send one notification per alert
 * group, rarely more than a few KiB. The bound is GitHub's: a
 * repository_dispatch client_payload must be under 64 KB in total (REST
 * "Create a repository dispatch event"), and the alert travels inside one.
 */
export const MAX_ALERT_PAYLOAD_BYTES = 60 * 1024;
export const MAX_ALERTS = 100;

const Text = z.string().max(4000);
const Labels = z
  .record(z.string().max(100), z.string().max(1000))
  .refine((l) => Object.keys(l).length <= 64, 'at most 64 labels');
/** Fingerprints become branch names (intake/<fingerprint>): nothing but a short safe token. */
// git check-ref-format: no "..", no component ending in "." or ".lock" (GitHub answers 422 to such a ref).
export const FingerprintSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a short token of letters, digits, ".", "_" or "-"')
  .refine(
    (s) => !s.includes('..') && !s.endsWith('.') && !s.endsWith('.lock'),
    'must be usable as a git branch name: no "..", and no "." or ".lock" at the end',
  );
/** Alertmanager's and Grafana's times are RFC 3339 with nanoseconds; "0001-01-01T00:00:00Z" means "not ended". The one reader of stored times decides. */
const Instant = z
  .string()
  .max(40)
  .refine(
    (s) => datetimeProblem(s) === undefined,
    'expected an RFC 3339 time with offset, e.g. 2026-11-28T09:05:00+09:00',
  );
const Status = z.enum(['firing', 'resolved']);

/** One alert as Alertmanager sends it (webhook_config, payload version 4). */
const AlertmanagerAlert = z.object({
  status: Status,
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: Instant,
  endsAt: Instant.optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: FingerprintSchema,
});

export const AlertmanagerPayloadSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string().max(2000),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: Status,
  receiver: z.string().max(200),
  groupLabels: Labels.default({}),
  commonLabels: Labels.default({}),
  commonAnnotations: Labels.default({}),
  externalURL: z.string().max(2000).optional(),
  alerts: z.array(AlertmanagerAlert).min(1),
});

/** Grafana's contact-point webhook: Alertmanager's shape plus these fields (version "1"). */
export const GrafanaPayloadSchema = z.object({
  orgId: z.number().int(),
  receiver: z.string().max(200),
  status: Status,
  state: z.string().max(40).optional(),
  title: Text.optional(),
  message: z.string().max(20000).optional(),
  groupKey: z.string().max(2000).optional(),
  version: z.string().max(10).optional(),
  externalURL: z.string().max(2000).optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  alerts: z
    .array(
      AlertmanagerAlert.extend({
        silenceURL: z.string().max(2000).optional(),
        dashboardURL: z.string().max(2000).optional(),
        panelURL: z.string().max(2000).optional(),
        values: z.record(z.string().max(100), z.number().nullable()).nullable().optional(),
      }),
    )
    .min(1),
});

/** The generic shape, for monitoring systems that can post any JSON. */
export const GenericAlertSchema = z.strictObject({
  /** Marks the shape; lets a reader tell it from the others at a glance. */
  kind: z.literal('status-portal.alert/v1'),
  /** Stable id of this alert in the sending system: the same alert again updates the same draft. */
  fingerprint: FingerprintSchema,
  status: Status,
  /** Short name of the alert rule, e.g. "BlockStorageLatencyHigh". */
  name: z.string().min(1).max(200),
  /** Routing labels, matched against the catalog's intake routes. */
  labels: Labels,
  /** When the condition began (starts the SLA clock), RFC 3339 with offset. */
  starts_at: Instant,
  ends_at: Instant.optional(),
  summary: Text.optional(),
  url: z.string().max(2000).optional(),
});

export type AlertSource = 'alertmanager' | 'grafana' | 'generic';

export interface NormalizedAlert {
  source: AlertSource;
  fingerprint: string;
  status: 'firing' | 'resolved';
  name: string;
  labels: Record<string, string>;
  /** Epoch ms. */
  startsAt: number;
  endsAt?: number;
  summary?: string;
  url?: string;
}

export type AlertParse =
  { ok: true; source: AlertSource; alerts: NormalizedAlert[]; truncated: number } | { ok: false; problem: string };

/** Parses a webhook body. Problems are one line, for the person reading the dispatch run. */
export function parseAlertPayload(body: string | Uint8Array): AlertParse {
  const size = typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength;
  if (size > MAX_ALERT_PAYLOAD_BYTES)
    return {
      ok: false,
      problem: `alert payload is ${size} bytes; the limit is ${MAX_ALERT_PAYLOAD_BYTES} (lower group_by fan-out or max_alerts in Alertmanager)`,
    };
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: false }).decode(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `alert payload is not JSON (${(err as Error).message.split('\n')[0]})` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, problem: 'alert payload must be a JSON object' };
  const o = json as Record<string, unknown>;
  const shape: AlertSource =
    'orgId' in o
      ? 'grafana'
      : o.kind === 'status-portal.alert/v1'
        ? 'generic'
        : 'version' in o || 'groupKey' in o
          ? 'alertmanager'
          : 'generic';
  if (shape === 'generic') {
    const g = GenericAlertSchema.safeParse(o);
    if (!g.success) return { ok: false, problem: describe('generic alert', g.error) };
    const a = g.data;
    return {
      ok: true,
      source: 'generic',
      truncated: 0,
      alerts: [
        {
          source: 'generic',
          fingerprint: a.fingerprint,
          status: a.status,
          name: a.name,
          labels: a.labels,
          startsAt: Date.parse(a.starts_at),
          ...(a.ends_at ? { endsAt: Date.parse(a.ends_at) } : {}),
          ...(a.summary ? { summary: a.summary } : {}),
          ...(a.url ? { url: a.url } : {}),
        },
      ],
    };
  }
  const schema = shape === 'grafana' ? GrafanaPayloadSchema : AlertmanagerPayloadSchema;
  // Grafana has no max_alerts: a 400 for the whole body would not be retried and nothing would open in the
  // largest outage. The first MAX_ALERTS are taken (and validated); the rest are counted as truncated.
  const sent = Array.isArray(o.alerts) ? o.alerts.length : 0;
  const cut = Math.max(0, sent - MAX_ALERTS);
  const p = schema.safeParse(cut ? { ...o, alerts: (o.alerts as unknown[]).slice(0, MAX_ALERTS) } : o);
  if (!p.success)
    return {
      ok: false,
      problem: describe(shape === 'grafana' ? 'Grafana payload' : 'Alertmanager payload (version "4")', p.error),
    };
  const alerts = dedupe(p.data.alerts).map((a): NormalizedAlert => {
    const ended = a.endsAt ? Date.parse(a.endsAt) : NaN;
    return {
      source: shape,
      fingerprint: a.fingerprint,
      status: a.status,
      name: a.labels.alertname ?? a.labels.__alert_rule_uid__ ?? 'alert',
      labels: a.labels,
      startsAt: Date.parse(a.startsAt),
      // Year 1 is Go's zero time: "no end yet".
      ...(ended > 0 ? { endsAt: ended } : {}),
      ...((a.annotations.summary ?? a.annotations.description)
        ? { summary: a.annotations.summary ?? a.annotations.description }
        : {}),
      ...(a.generatorURL ? { url: a.generatorURL } : {}),
    };
  });
  return { ok: true, source: shape, alerts, truncated: (p.data.truncatedAlerts ?? 0) + cut };
}

/** The same alert (fingerprint and status) twice in one notification is one alert; the first is kept. */
function dedupe<A extends { fingerprint: string; status: string }>(alerts: readonly A[]): A[] {
  const seen = new Set<string>();
  return alerts.filter((a) => {
    const key = `${a.status} ${a.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(what: string, error: z.ZodError): string {
  const first = error.issues[0]!;
  const path = first.path
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`))
    .join('')
    .replace(/^\./, '');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return `${what}: ${path || '(top level)'}: ${first.message}${more}`;
}
