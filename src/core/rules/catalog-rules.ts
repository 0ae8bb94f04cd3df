/** INC020–INC023: the incident names what the catalog knows. */
import type { RawFinding } from '../findings.ts';
import type { FileRule } from './context.ts';

export const knownService: FileRule = ({ incident, catalog }) =>
  catalog.service(incident.service)
    ? []
    : [{ code: 'INC020', path: ['service'], message: `unknown service "${incident.service}"; known services: ${catalog.catalog.services.map((s) => s.id).join(', ')}` }];

export const knownComponents: FileRule = ({ incident, catalog }) => {
  if (!catalog.service(incident.service)) return [];
  const known = catalog.componentIds(incident.service);
  const seen = new Set<string>();
  const findings: RawFinding[] = [];
  incident.components.forEach((c, i) => {
    if (!known.includes(c.id)) {
      findings.push({ code: 'INC021', path: ['components', i, 'id'], message: `unknown component "${c.id}" for service ${incident.service}; known: ${known.join(', ')}` });
    } else if (seen.has(c.id)) {
      findings.push({ code: 'INC021', path: ['components', i, 'id'], message: `component "${c.id}" is listed twice; list each affected component once with its worst status` });
    }
    seen.add(c.id);
  });
  return findings;
};

export const knownDepartment: FileRule = ({ incident, catalog }) => {
  const dept = catalog.department(incident.department);
  if (!dept) {
    const known = catalog.catalog.departments.filter((d) => d.services.includes(incident.service)).map((d) => d.id);
    return [{ code: 'INC022', path: ['department'], message: `unknown department "${incident.department}"; departments for ${incident.service}: ${known.join(', ') || 'none'}` }];
  }
  if (catalog.service(incident.service) && !dept.services.includes(incident.service)) {
    return [{ code: 'INC022', path: ['department'], message: `department "${dept.id}" is not responsible for ${incident.service} (it covers ${dept.services.join(', ')})` }];
  }
  return [];
};

export const managerOfDepartment: FileRule = ({ incident, catalog }) => {
  const dept = catalog.department(incident.department);
  if (!dept || dept.managers.includes(incident.manager)) return [];
  return [{ code: 'INC023', path: ['manager'], message: `"${incident.manager}" is not a manager of ${dept.id}; its managers are ${dept.managers.join(', ')}` }];
};
