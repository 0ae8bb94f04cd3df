/** `postmortem <id>`: write postmortems/<id>.md from the blameless template (facts filled in) and link it. */
import * as ops from '../../../src/core/authoring/operations.ts';
import { postmortemPath, renderPostmortem } from '../../../src/core/review/postmortem-template.ts';
import type { ChangeCommand } from '../command.ts';

export const postmortemCommand: ChangeCommand = {
  kind: 'change',
  name: 'postmortem',
  summary: 'postmortem <id>: write postmortems/<id>.md and link it',
  required: [],
  optional: [],
  async build(incident) {
    return ops.startPostmortem(incident, postmortemPath(incident.id));
  },
  // A document already written is never overwritten: running the command again only re-links it.
  companions(next, { catalog, now, ledger, documents }) {
    const path = postmortemPath(next.id);
    if (documents.has(path)) return [];
    return [
      {
        path,
        text: renderPostmortem(next, catalog, now, ledger),
        note: 'replace every TODO, then set postmortem.status to in_review and open a pull request.',
      },
    ];
  },
};
