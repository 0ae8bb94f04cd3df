/** `maintenance`: schedule a maintenance window. */
import * as ops from '../../../src/core/authoring/operations.ts';
import { askOwners, parseComponents, questions } from '../ask.ts';
import { text, type CreateCommand } from '../command.ts';

export const maintenanceCommand: CreateCommand = {
  kind: 'create',
  name: 'maintenance',
  summary: 'maintenance: schedule a maintenance window',
  required: ['service', 'components', 'title-ja', 'title-en', 'start', 'end', 'department', 'responder'],
  optional: ['manager', 'impact-ja', 'impact-en', 'message-ja', 'message-en', 'slug', 'at'],
  defaultImpact: 'under_maintenance',
  async build({ flags, ask, catalog, now }) {
    const q = questions(ask, flags);
    const service = await q.choice(
      'service',
      'Service',
      catalog.catalog.services.map((s) => s.id),
    );
    const components = parseComponents(
      await q.need('components', `Components under maintenance (${catalog.componentIds(service).join(', ')})`),
      'under_maintenance',
    );
    const title = await q.bilingual('title', 'Title');
    const impact = await q.optionalBilingual('impact', 'Impact on customers');
    const start = await q.neededTime('start', 'Window start (RFC 3339)');
    const end = await q.neededTime('end', 'Window end (RFC 3339)');
    const { department, manager, responder } = await askOwners(q, catalog, service);
    const message = await q.optionalBilingual('message', 'Announcement');
    const slug = await q.maybe('slug', 'Short slug for the id', { optional: true });
    return ops.newMaintenance(
      {
        service,
        components,
        title,
        impact,
        window: { start, end },
        department,
        manager,
        responder,
        message,
        slug,
        at: text(flags, 'at'),
      },
      catalog,
      now,
    );
  },
};
