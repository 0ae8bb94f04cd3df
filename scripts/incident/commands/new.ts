/** `new`: declare an incident. */
import * as ops from '../../../src/core/authoring/operations.ts';
import { UserError } from '../../../src/core/errors.ts';
import { DETECTION_SOURCES, INCIDENT_TYPES, SEVERITIES } from '../../../src/core/incident/schema.ts';
import { askOwners, list, parseComponents, questions } from '../ask.ts';
import { text, type CreateCommand } from '../command.ts';

/** Every type but maintenance, which has its own command (a window, not a detection). */
const TYPES = INCIDENT_TYPES.filter((t): t is Exclude<typeof t, 'maintenance'> => t !== 'maintenance');
const SCOPES = ['public', 'customer'] as const;

export const newCommand: CreateCommand = {
  kind: 'create',
  name: 'new',
  summary: 'new: declare an incident',
  required: ['service', 'severity', 'components', 'title-ja', 'title-en', 'department', 'responder'],
  optional: [
    'type',
    'scope',
    'customers',
    'source',
    'detected-at',
    'ref',
    'manager',
    'impact-ja',
    'impact-en',
    'message-ja',
    'message-en',
    'slug',
    'next-update',
    'at',
  ],
  defaultImpact: 'degraded_performance',
  refuseUpFront(flags) {
    if (flags.customers !== undefined && flags.scope !== 'customer') {
      throw new UserError(
        `--customers names customers, but the scope is ${text(flags, 'scope') ?? 'public (the default)'}: a public incident is published and never names customers; add --scope customer`,
        2,
      );
    }
  },
  async build({ flags, ask, catalog, now }) {
    const q = questions(ask, flags);
    // The order of the questions is the order a responder thinks in; tests pipe answers in it.
    const service = await q.choice(
      'service',
      'Service',
      catalog.catalog.services.map((s) => s.id),
    );
    const components = parseComponents(
      await q.need(
        'components',
        `Affected components (${catalog.componentIds(service).join(', ')}; id[:status], comma-separated)`,
      ),
      'degraded_performance',
    );
    const scope = await q.choice('scope', 'Scope', SCOPES, { default: 'public' });
    const type = await q.choice('type', 'Type', TYPES, { default: 'failure' });
    const severity = await q.choice('severity', 'Severity', SEVERITIES);
    const customers =
      scope === 'customer' ? list(await q.need('customers', 'Affected customer ids (comma-separated)')) : undefined;
    const title = await q.bilingual('title', 'Title');
    const impact = await q.optionalBilingual('impact', 'Impact on customers');
    const source = await q.choice('source', 'Detected by', DETECTION_SOURCES, { default: 'monitoring' });
    const detectedAt = await q.time('detected-at', 'Detected at (RFC 3339; empty for now)', true);
    const ref = await q.maybe('ref', 'Alarm, case or ticket reference', { optional: true });
    const { department, manager, responder } = await askOwners(q, catalog, service);
    const message = await q.optionalBilingual('message', 'First public message');
    const slug = await q.maybe('slug', 'Short slug for the id', { optional: true });
    return ops.newIncident(
      {
        service,
        type,
        severity,
        scope,
        customers,
        components,
        title,
        impact,
        detection: { source, at: detectedAt, ref },
        department,
        manager,
        responder,
        message,
        slug,
        at: text(flags, 'at'),
        nextUpdateAt: text(flags, 'next-update'),
      },
      catalog,
      now,
    );
  },
};
