/**
 * Pushed updates for public incidents: every public update is an event,
 * delivered to each endpoint of the private directory that follows its
 * service, as Statuspage's webhook JSON (signed by the adapter) or as a Slack
 * or Microsoft Teams message in the endpoint's language(s).
 *
 * Planned like every other side effect: one action per (event, endpoint),
 * keyed for the ledger, so a delivered event is never planned again, and an
 * undelivered one is planned again on the next run with the same event id
 * (receivers de-duplicate on it). Endpoints are delivered to independently:
 * one that fails or hangs stops only its own queue (its events stay in order
 * for the next run) and is reported.
 *
 * Customer-scope incidents are never pushed here: they are e-mailed to the
 * affected customers only.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { localePath } from '../i18n/format.ts';
import { formatJst } from '../i18n/format.ts';
import { COMPONENT_STATUS_LABEL, UPDATE_STATUS_LABEL, type Lang } from '../i18n/labels.ts';
import { publicIncidents, type PublicIncident } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import type { ComponentStatus } from '../status/component-status.ts';
import { HOUR_MS, toJstIso, toMs } from '../time.ts';
import { escapeSlackText } from '../text/escape-slack.ts';
import { statuspageComponentId, statuspageIncident } from '../views/statuspage-api.ts';
import type { WebhookEndpoint } from './directory.ts';
import type { Ledger, LedgerEntry } from '../ledger/ledger.ts';
import type { LedgerPort } from './ports.ts';

/** Events older than this are not pushed: a first run, or one after a long outage, must not flood customers with history. */
export const WEBHOOK_FRESH_HOURS = 24;

export interface WebhookAction {
  kind: 'webhook';
  /** Ledger key: one per event and endpoint. */
  key: string;
  incident: string;
  at: string;
  reason: string;
  endpoint: string;
  /** The same for every endpoint: what receivers de-duplicate on. */
  eventId: string;
  updateIndex: number;
}

export const webhookKeys = {
  event: (incident: string, updateIndex: number) => `${incident}/update-${updateIndex + 1}`,
  delivery: (incident: string, updateIndex: number, endpoint: string) =>
    `${incident}/webhook/${endpoint}/${updateIndex}`,
};

/** Endpoints as the plan sees them: ids and filters, never URLs or secrets. */
export type EndpointFilter = Pick<WebhookEndpoint, 'id' | 'services'>;

export function planWebhooks(
  incidents: readonly Incident[],
  endpoints: readonly EndpointFilter[],
  ledger: Ledger,
  now: number,
): WebhookAction[] {
  const freshFrom = now - WEBHOOK_FRESH_HOURS * HOUR_MS;
  const actions: WebhookAction[] = [];
  for (const incident of publicIncidents(incidents)) {
    incident.updates.forEach((u, i) => {
      const at = toMs(u.at);
      if (at > now || at < freshFrom) return;
      for (const e of endpoints) {
        if (e.services && !e.services.includes(incident.service)) continue;
        const key = webhookKeys.delivery(incident.id, i, e.id);
        if (ledger.has(key)) continue;
        actions.push({
          kind: 'webhook',
          key,
          incident: incident.id,
          at: u.at,
          reason: `update ${i + 1} (${u.status}) not yet delivered to ${e.id}`,
          endpoint: e.id,
          eventId: webhookKeys.event(incident.id, i),
          updateIndex: i,
        });
      }
    });
  }
  // Each endpoint receives its events in publication order.
  return actions.sort(
    (a, b) => toMs(a.at) - toMs(b.at) || a.incident.localeCompare(b.incident) || a.updateIndex - b.updateIndex,
  );
}

/** A component whose status this update changed. */
export interface ComponentChange {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

/**
 * What an update did to components: the first update of an incident (or the
 * start of a maintenance) sets them, the resolution (or completion) returns
 * them to operational.
 */
export function componentChanges(incident: Incident, updateIndex: number, catalog: CatalogIndex): ComponentChange[] {
  const u = incident.updates[updateIndex]!;
  const prev = incident.updates[updateIndex - 1]?.status;
  const name = (id: string) => catalog.componentName(incident.service, id)?.en ?? id;
  const to = (
    status: (c: Incident['components'][number]) => ComponentStatus,
    from: (c: Incident['components'][number]) => ComponentStatus,
  ) =>
    incident.components.map((c) => ({
      code: statuspageComponentId(incident.service, c.id),
      name: name(c.id),
      old_status: from(c),
      new_status: status(c),
    }));
  const ended = (s: string | undefined) => s === 'resolved' || s === 'completed';
  if (incident.type === 'maintenance') {
    if (u.status === 'in_progress' && prev !== 'in_progress' && prev !== 'verifying')
      return to(
        (c) => c.status,
        () => 'operational',
      );
    if (u.status === 'completed' && !ended(prev))
      return to(
        () => 'operational',
        (c) => c.status,
      );
    return [];
  }
  if (updateIndex === 0 || (ended(prev) && !ended(u.status)))
    return to(
      (c) => c.status,
      () => 'operational',
    );
  if (ended(u.status) && !ended(prev))
    return to(
      () => 'operational',
      (c) => c.status,
    );
  return [];
}

export interface WebhookContext {
  /** Every public incident (component statuses are computed from all of them). */
  incidents: readonly Incident[];
  catalog: CatalogIndex;
  siteUrl: string;
}

export interface WebhookMessage {
  /** The JSON body, exactly as sent (and signed). */
  body: string;
  eventId: string;
}

/** The Statuspage webhook body: the incident as of this update, plus one body per component it changed. */
export function statuspageMessages(action: WebhookAction, ctx: WebhookContext): WebhookMessage[] {
  const incident = asOf(ctx, action);
  const at = toMs(incident.updates[action.updateIndex]!.at);
  // The page as it stood then: every incident cut to the updates posted by that moment.
  const then = publicIncidents(ctx.incidents).flatMap((i) => {
    const updates = i.updates.filter((u) => toMs(u.at) <= at);
    return i.id === incident.id ? [incident] : updates.length ? [{ ...i, updates }] : [];
  });
  const shape = statuspageIncident(incident, { incidents: then, catalog: ctx.catalog, now: at }, ctx.siteUrl);
  const meta = {
    unsubscribe: null,
    documentation: `${ctx.siteUrl}${localePath('en', '/kb/follow/')}`,
    generated_at: toJstIso(at),
    event_id: action.eventId,
  };
  const messages: WebhookMessage[] = [
    { eventId: action.eventId, body: JSON.stringify({ meta, page: shape.page, incident: shape.incident }) },
  ];
  for (const change of componentChanges(incident, action.updateIndex, ctx.catalog)) {
    const eventId = `${action.eventId}/${change.code}`;
    const component = shape.components.find((c) => c.id === change.code)!;
    messages.push({
      eventId,
      body: JSON.stringify({
        meta: { ...meta, event_id: eventId },
        page: shape.page,
        component_update: {
          created_at: toJstIso(at),
          new_status: change.new_status,
          old_status: change.old_status,
          id: eventId,
          component_id: change.code,
        },
        component: {
          created_at: component.created_at,
          id: component.id,
          name: component.name,
          status: change.new_status,
        },
      }),
    });
  }
  return messages;
}

function chatParts(action: WebhookAction, ctx: WebhookContext, lang: Lang) {
  const incident = asOf(ctx, action);
  const u = incident.updates[action.updateIndex]!;
  const service = ctx.catalog.service(incident.service)?.name[lang] ?? incident.service;
  const changes = componentChanges(incident, action.updateIndex, ctx.catalog).map(
    (c) =>
      `${ctx.catalog.componentName(incident.service, c.code.slice(incident.service.length + 1))?.[lang] ?? c.name}: ${COMPONENT_STATUS_LABEL[c.new_status][lang]}`,
  );
  return {
    status: UPDATE_STATUS_LABEL[u.status]?.[lang] ?? u.status,
    title: incident.title[lang],
    service,
    message: u.message[lang],
    when: formatJst(u.at, lang),
    url: `${ctx.siteUrl}${localePath(lang, `/incidents/${incident.id}/`)}`,
    changes,
    more: lang === 'ja' ? '詳細' : 'Details',
  };
}

const langsOf = (lang: WebhookEndpoint['lang']): Lang[] => (lang === 'both' ? ['ja', 'en'] : [lang]);

/** A Slack incoming-webhook message: `text` (the notification) plus blocks, one section per language. */
export function slackMessage(
  action: WebhookAction,
  ctx: WebhookContext,
  lang: WebhookEndpoint['lang'],
): WebhookMessage {
  const parts = langsOf(lang).map((l) => chatParts(action, ctx, l));
  const section = (p: ReturnType<typeof chatParts>) =>
    `*[${escapeSlackText(p.status)}] ${escapeSlackText(p.title)}*\n${escapeSlackText(p.service)} · ${escapeSlackText(p.when)}\n${escapeSlackText(p.message)}${p.changes.length ? `\n${p.changes.map((c) => `• ${escapeSlackText(c)}`).join('\n')}` : ''}\n<${p.url}|${escapeSlackText(p.more)}>`;
  const body = {
    text: parts.map((p) => `[${escapeSlackText(p.status)}] ${escapeSlackText(p.title)}`).join(' / '),
    blocks: parts.flatMap((p, n) => [
      ...(n ? [{ type: 'divider' }] : []),
      { type: 'section', text: { type: 'mrkdwn', text: section(p) } },
    ]),
  };
  return { eventId: action.eventId, body: JSON.stringify(body) };
}

/** A Microsoft Teams message (an Adaptive Card, which Teams' Workflows incoming webhooks accept), one block per language. */
export function teamsMessage(
  action: WebhookAction,
  ctx: WebhookContext,
  lang: WebhookEndpoint['lang'],
): WebhookMessage {
  const parts = langsOf(lang).map((l) => chatParts(action, ctx, l));
  // Adaptive Card TextBlocks render a Markdown subset; the message is plain text, so Markdown's specials are escaped.
  const plain = (s: string) => s.replace(/([\\`*_{}[\]()#+\-.!<>|~])/g, '\\$1');
  const body = {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: parts.flatMap((p, n) => [
            {
              type: 'TextBlock',
              text: plain(`[${p.status}] ${p.title}`),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              ...(n ? { separator: true, spacing: 'Large' } : {}),
            },
            { type: 'TextBlock', text: plain(`${p.service} · ${p.when}`), isSubtle: true, spacing: 'None', wrap: true },
            // A TextBlock turns a single line break into a space; a blank line keeps the message's lines apart.
            { type: 'TextBlock', text: plain(p.message).replace(/\n+/g, '\n\n'), wrap: true },
            ...(p.changes.length
              ? [{ type: 'TextBlock', text: p.changes.map((c) => `- ${plain(c)}`).join('\n'), wrap: true }]
              : []),
          ]),
          actions: parts.map((p) => ({ type: 'Action.OpenUrl', title: p.more, url: p.url })),
        },
      },
    ],
  };
  return { eventId: action.eventId, body: JSON.stringify(body) };
}

export function webhookMessages(
  action: WebhookAction,
  endpoint: WebhookEndpoint,
  ctx: WebhookContext,
): WebhookMessage[] {
  if (endpoint.kind === 'statuspage') return statuspageMessages(action, ctx);
  return [
    endpoint.kind === 'slack' ? slackMessage(action, ctx, endpoint.lang) : teamsMessage(action, ctx, endpoint.lang),
  ];
}

/** The incident as it stood when this update was posted. */
function asOf(ctx: WebhookContext, action: WebhookAction): PublicIncident {
  const [incident] = publicIncidents(ctx.incidents.filter((i) => i.id === action.incident));
  if (!incident) throw new Error(`incident ${action.incident} is not a public incident; nothing is pushed for it`);
  return { ...incident, updates: incident.updates.slice(0, action.updateIndex + 1) };
}

export interface WebhookPort {
  /** Delivers one message (signing, timeouts and retries are the adapter's); resolves to the HTTP status and attempts made. */
  deliver(endpoint: WebhookEndpoint, message: WebhookMessage): Promise<{ status: number; attempts: number }>;
}

export interface WebhookOutcome {
  key: string;
  kind: 'webhook';
  ok: boolean;
  detail: string;
}

/**
 * Delivers a plan: endpoints in parallel, each endpoint's events in order.
 * After an endpoint's first failure its later events wait for the next run
 * (so a receiver never sees update 3 before update 2), and the others go on.
 */
export async function executeWebhooks(
  plan: readonly WebhookAction[],
  endpoints: readonly WebhookEndpoint[],
  ctx: WebhookContext & { port: WebhookPort; store: LedgerPort; ledger: Ledger; clock: () => number },
): Promise<WebhookOutcome[]> {
  const byEndpoint = new Map<string, WebhookAction[]>();
  for (const a of plan) byEndpoint.set(a.endpoint, [...(byEndpoint.get(a.endpoint) ?? []), a]);
  const results = await Promise.all(
    [...byEndpoint].map(async ([id, actions]): Promise<WebhookOutcome[]> => {
      const endpoint = endpoints.find((e) => e.id === id);
      if (!endpoint)
        return actions.map((a) => ({
          key: a.key,
          kind: 'webhook',
          ok: false,
          detail: `endpoint ${id} is not in the private directory`,
        }));
      const out: WebhookOutcome[] = [];
      for (const [n, action] of actions.entries()) {
        if (ctx.ledger.has(action.key)) continue;
        try {
          let attempts = 0;
          let status = 0;
          for (const m of webhookMessages(action, endpoint, ctx)) {
            const r = await ctx.port.deliver(endpoint, m);
            attempts += r.attempts;
            status = r.status;
          }
          const entry: LedgerEntry = {
            key: action.key,
            kind: 'webhook',
            incident: action.incident,
            at: toJstIso(ctx.clock()),
            detail: {
              endpoint: id,
              type: endpoint.kind,
              event: action.eventId,
              update: action.updateIndex + 1,
              status,
              attempts,
            },
          };
          await ctx.store.append(entry);
          out.push({
            key: action.key,
            kind: 'webhook',
            ok: true,
            detail: `${action.eventId} delivered to ${id} (HTTP ${status}, ${attempts} attempt(s))`,
          });
        } catch (err) {
          const waiting = actions.length - n - 1;
          out.push({
            key: action.key,
            kind: 'webhook',
            ok: false,
            detail: `${id}: ${(err as Error).message}; ${waiting ? `${waiting} later event(s) wait for ` : 'retried in '}the next run`,
          });
          break;
        }
      }
      return out;
    }),
  );
  return results.flat();
}
