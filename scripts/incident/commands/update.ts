/** `update <id>`: post a status update (the fast lane may carry it). */
import * as ops from '../../../src/core/authoring/operations.ts';
import {
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  SEVERITIES,
  type UpdateStatus,
} from '../../../src/core/incident/schema.ts';
import { questions } from '../ask.ts';
import { text, type ChangeCommand } from '../command.ts';

export const updateCommand: ChangeCommand = {
  kind: 'change',
  name: 'update',
  summary: 'update <id>: post a status update',
  required: ['status', 'message-ja', 'message-en'],
  optional: ['reopen-reason', 'severity', 'no-notify', 'next-update', 'at', 'push', 'remote', 'branch'],
  async build(incident, { flags, ask, now }) {
    const q = questions(ask, flags);
    const latest = incident.updates.at(-1)?.status;
    const statuses: readonly UpdateStatus[] =
      incident.type === 'maintenance' ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
    const status = await q.choice('status', 'New status', statuses, latest === undefined ? {} : { default: latest });
    const message = await q.bilingual('message', 'Public message');
    const reopenReason = await q.maybe('reopen-reason', 'Reason for reopening', {
      optional: latest !== 'resolved' || status !== 'investigating',
    });
    const severity = await q.optionalChoice('severity', 'Severity', SEVERITIES);
    return ops.appendUpdate(
      incident,
      {
        status,
        message,
        reopenReason,
        severity,
        at: text(flags, 'at'),
        notifyCustomers: flags['no-notify'] ? false : undefined,
        nextUpdateAt: text(flags, 'next-update'),
      },
      now,
    );
  },
};
