/** `close <id>`: close a resolved incident whose postmortem and prevention are done (the checker judges that). */
import * as ops from '../../../src/core/authoring/operations.ts';
import { text, type ChangeCommand } from '../command.ts';

export const closeCommand: ChangeCommand = {
  kind: 'change',
  name: 'close',
  summary: 'close <id>: close a resolved incident whose postmortem and prevention are done',
  required: [],
  optional: ['closed-at', 'at'],
  async build(incident, { flags, now }) {
    return ops.closeIncident(incident, text(flags, 'closed-at') ?? text(flags, 'at'), now);
  },
};
