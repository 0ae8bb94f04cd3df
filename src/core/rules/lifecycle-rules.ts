/**
 * INC124, INC125, INC127, INC129, INC130: lifecycle facts one file can contradict —
 * maintenance statuses against the window, fields that belong to unplanned
 * incidents only, a reopen reason where nothing reopens, and characters the
 * reader cannot see.
 */
import type { DataPath, RawFinding } from '../findings.ts';
import { windowProblem } from '../incident/maintenance-window.ts';
import { INVISIBLE, visible } from '../text/visible.ts';
import type { FileRule } from './context.ts';

export const maintenanceStatusesInWindow: FileRule = ({ incident }) => {
  if (incident.type !== 'maintenance' || !incident.window) return [];
  const window = incident.window;
  return incident.updates.flatMap((u, i): RawFinding[] => {
    const problem = windowProblem(window, u.status, u.at);
    return problem ? [{ code: 'INC124', path: ['updates', i, 'status'], message: `update ${i + 1}: ${problem}` }] : [];
  });
};

export const noIncidentFieldsOnMaintenance: FileRule = ({ incident }) => {
  if (incident.type !== 'maintenance') return [];
  const findings: RawFinding[] = [];
  if (incident.severity) findings.push({ code: 'INC125', path: ['severity'], message: 'a maintenance has no severity (it is planned, not an outage); remove severity' });
  if (incident.recovered_at) findings.push({ code: 'INC125', path: ['recovered_at'], message: 'a maintenance does not recover; it ends with a "completed" update; remove recovered_at' });
  incident.updates.forEach((u, i) => {
    if (u.reopen_reason !== undefined) findings.push({ code: 'INC125', path: ['updates', i, 'reopen_reason'], message: `update ${i + 1}: a maintenance is not reopened; remove reopen_reason` });
  });
  return findings;
};

export const reopenReasonOnlyOnReopen: FileRule = ({ incident }) => {
  if (incident.type === 'maintenance') return [];
  return incident.updates.flatMap((u, i): RawFinding[] => {
    if (u.reopen_reason === undefined) return [];
    if (i > 0 && incident.updates[i - 1]!.status === 'resolved' && u.status === 'investigating') return [];
    return [{ code: 'INC127', path: ['updates', i, 'reopen_reason'], message: `update ${i + 1} (${u.status}) does not reopen the incident (only investigating right after resolved does); remove reopen_reason` }];
  });
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const visibleSurrogates = (v: string) => visible(v).replace(new RegExp(LONE_SURROGATE.source, 'g'), (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);

export const noInvisibleCharacters: FileRule = ({ incident, text }) => {
  const findings: RawFinding[] = [];
  // Only the characters themselves or a YAML escape can put one into a value.
  if (!INVISIBLE.test(text) && !text.includes('\\')) return findings;
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      // Only a YAML escape can make one: the file itself is checked to be valid UTF-8.
      if (LONE_SURROGATE.test(v)) findings.push({ code: 'INC130', path, message: `${path.join('.').replace(/\.(\d+)/g, '[$1]')} contains a lone surrogate, which is no character: "${visibleSurrogates(v.length > 80 ? `${v.slice(0, 80)}…` : v)}"` });
      if (INVISIBLE.test(v)) findings.push({ code: 'INC129', path, message: `${path.join('.').replace(/\.(\d+)/g, '[$1]')} contains an invisible character: "${visible(v.length > 80 ? `${v.slice(0, 80)}…` : v)}"` });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(incident, []);
  return findings as (RawFinding & { path: DataPath })[];
};
