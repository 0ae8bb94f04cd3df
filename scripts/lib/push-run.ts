/**
 * Pushed updates in the engine's run: the endpoints come from the private
 * directory, the plan from core (webhooks.ts), delivery through the webhook
 * adapter, each delivery recorded in the same run ledger as every other side
 * effect. Kept apart from engine-run.ts so the hook there is a few lines.
 */
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import type { WebhookEndpoint } from '../../src/core/engine/directory.ts';
import type { Ledger } from '../../src/core/ledger/ledger.ts';
import type { LedgerPort } from '../../src/core/engine/ports.ts';
import {
  executeWebhooks,
  planWebhooks,
  type WebhookAction,
  type WebhookOutcome,
} from '../../src/core/engine/webhooks.ts';
import { publicIncidents } from '../../src/core/incident/public-incident.ts';
import type { Incident } from '../../src/core/incident/schema.ts';

export interface PushPlan {
  plan: WebhookAction[];
  endpoints: WebhookEndpoint[];
}

/** Without a directory (a dry run on a laptop) there are no endpoints, so nothing is planned. */
export function planPushes(incidents: readonly Incident[], ledger: Ledger, now: number, ports: PortsFromEnv): PushPlan {
  const endpoints = ports.hasDirectory() ? (ports.directory().directory.webhooks ?? []) : [];
  return { endpoints, plan: planWebhooks(incidents, endpoints, ledger, now) };
}

export function deliverPushes(
  pushes: PushPlan,
  ctx: {
    incidents: readonly Incident[];
    catalog: CatalogIndex;
    ledger: Ledger;
    store: LedgerPort;
    clock: () => number;
    ports: PortsFromEnv;
    siteUrl?: string;
  },
): Promise<WebhookOutcome[]> {
  if (!pushes.plan.length) return Promise.resolve([]);
  const port = ctx.ports.webhooks();
  const siteUrl = ctx.siteUrl ?? ctx.catalog.catalog.site.url;
  return executeWebhooks(pushes.plan, pushes.endpoints, {
    incidents: publicIncidents(ctx.incidents),
    catalog: ctx.catalog,
    siteUrl,
    port,
    store: ctx.store,
    ledger: ctx.ledger,
    clock: ctx.clock,
  });
}
