/** INC008–INC010: the id, the file name and the folder agree. */
import { toMs, jstDate } from '../time.ts';
import { incidentIdOf, incidentPath } from '../incident/paths.ts';
import type { FileRule } from './context.ts';

export const idMatchesFileStem: FileRule = ({ incident, file }) => {
  const stem = incidentIdOf(file);
  return incident.id === stem
    ? []
    : [{ code: 'INC008', path: ['id'], message: `id "${incident.id}" differs from the file name "${stem}.md"; rename nothing, make the id "${stem}" or create the file as "${incident.id}.md"` }];
};

export const fileInYearFolder: FileRule = ({ incident, file }) => {
  const year = incident.id.slice(0, 4);
  const expected = incidentPath(incident.id);
  const parts = file.split('/');
  const folder = parts[parts.length - 2];
  return folder === year
    ? []
    : [{ code: 'INC009', path: ['id'], message: `file is in "${parts.slice(0, -1).join('/')}/" but an incident of ${year} belongs at ${expected}` }];
};

export const idDateMatchesStart: FileRule = ({ incident }) => {
  const start = incident.type === 'maintenance' ? incident.window?.start : incident.detection?.at;
  if (!start) return [];
  const date = jstDate(toMs(start));
  return incident.id.startsWith(date)
    ? []
    : [{ code: 'INC010', path: ['id'], message: `id starts with ${incident.id.slice(0, 10)} but the incident started on ${date} (JST)` }];
};
