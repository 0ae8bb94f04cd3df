/** INC050–INC051: maintenance and unplanned incidents each carry their own fields and statuses. */
import type { RawFinding } from '../findings.ts';
import { belongsTo } from '../incident/status-machine.ts';
import { MAINTENANCE_STATUSES, INCIDENT_STATUSES } from '../incident/schema.ts';
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';

export const maintenanceFields: FileRule = ({ incident }) => {
  if (incident.type !== 'maintenance') return [];
  const findings: RawFinding[] = [];
  if (!incident.window) {
    findings.push({ code: 'INC050', path: ['type'], message: 'a maintenance needs window.start and window.end' });
  } else if (toMs(incident.window.start) >= toMs(incident.window.end)) {
    findings.push({ code: 'INC050', path: ['window', 'end'], message: `window.end ${incident.window.end} is not after window.start ${incident.window.start}` });
  }
  if (incident.detection) findings.push({ code: 'INC050', path: ['detection'], message: 'a maintenance is planned, not detected; remove detection' });
  incident.updates.forEach((u, i) => {
    if (!belongsTo('maintenance', u.status)) {
      findings.push({ code: 'INC050', path: ['updates', i, 'status'], message: `"${u.status}" is an incident status; a maintenance uses ${MAINTENANCE_STATUSES.join(', ')}` });
    }
  });
  return findings;
};

export const incidentFields: FileRule = ({ incident }) => {
  if (incident.type === 'maintenance') return [];
  const findings: RawFinding[] = [];
  if (!incident.severity) findings.push({ code: 'INC051', path: ['type'], message: `a ${incident.type} incident needs a severity (sev1–sev4)` });
  if (!incident.detection) findings.push({ code: 'INC051', path: ['type'], message: `a ${incident.type} incident needs detection (source and at): it starts the SLA clock` });
  if (incident.window) findings.push({ code: 'INC051', path: ['window'], message: 'only a maintenance has a window; remove it or set type: maintenance' });
  incident.components.forEach((c, i) => {
    if (c.status === 'under_maintenance') {
      findings.push({ code: 'INC051', path: ['components', i, 'status'], message: 'under_maintenance is for maintenance only; use degraded_performance, partial_outage or major_outage' });
    }
  });
  incident.updates.forEach((u, i) => {
    if (!belongsTo('incident', u.status)) {
      findings.push({ code: 'INC051', path: ['updates', i, 'status'], message: `"${u.status}" is a maintenance status; an incident uses ${INCIDENT_STATUSES.join(', ')}` });
    }
  });
  return findings;
};
