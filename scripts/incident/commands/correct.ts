/** `correct <id>`: fix a published fact, recorded on the audit trail. */
import * as ops from '../../../src/core/authoring/operations.ts';
import { UserError } from '../../../src/core/errors.ts';
import { loadGuardedYaml } from '../../../src/core/frontmatter/yaml-guard.ts';
import { questions } from '../ask.ts';
import type { ChangeCommand } from '../command.ts';

export const correctCommand: ChangeCommand = {
  kind: 'change',
  name: 'correct',
  summary: 'correct <id>: fix a published fact on the audit trail',
  required: ['field', 'value', 'reason', 'by'],
  optional: [],
  async build(incident, { flags, ask, now }) {
    const q = questions(ask, flags);
    // User input: the same guarded reader as incident files (no anchors, aliases, tags; depth limited).
    const parsed = loadGuardedYaml(await q.need('value', 'Corrected value (YAML)'));
    if (!parsed.ok) throw new UserError(`--value: ${parsed.message}`, 2);
    const field = await q.need('field', 'Field path');
    const reason = await q.need('reason', 'Reason');
    const by = await q.need('by', 'Your GitHub login');
    return ops.correctField(incident, { field, value: parsed.value, reason, by }, now);
  },
};
