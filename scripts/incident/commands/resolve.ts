/** `resolve <id>`: the service recovered (the fast lane may carry it). */
import * as ops from '../../../src/core/authoring/operations.ts';
import { questions } from '../ask.ts';
import { text, type ChangeCommand } from '../command.ts';

export const resolveCommand: ChangeCommand = {
  kind: 'change',
  name: 'resolve',
  summary: 'resolve <id>: the service recovered (incidents only; a maintenance ends with update --status completed)',
  required: [],
  optional: [
    'recovered-at',
    'message-ja',
    'message-en',
    'customer-actions-ja',
    'customer-actions-en',
    'at',
    'push',
    'remote',
    'branch',
  ],
  async build(incident, { flags, ask, now }) {
    const q = questions(ask, flags);
    const recoveredAt = await q.time('recovered-at', 'Service recovered at (RFC 3339; empty for now)', true);
    const message = await q.optionalBilingual('message', 'Public message');
    const customerActions = await q.optionalBilingual('customer-actions', 'What customers must do on their side');
    return ops.resolveIncident(incident, { recoveredAt, message, customerActions, at: text(flags, 'at') }, now);
  },
};
