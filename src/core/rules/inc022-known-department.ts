/** INC022: the department is in the catalog and responsible for the service. */
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const knownDepartment: FileRule = ({ incident, catalog }) => {
  const dept = catalog.department(incident.department);
  if (!dept) {
    const known = catalog.catalog.departments.filter((d) => d.services.includes(incident.service)).map((d) => d.id);
    return [
      {
        path: ['department'],
        message: `unknown department "${incident.department}"; departments for ${incident.service}: ${known.join(', ') || 'none'}`,
      },
    ];
  }
  if (catalog.service(incident.service) && !dept.services.includes(incident.service)) {
    return [
      {
        path: ['department'],
        message: `department "${dept.id}" is not responsible for ${incident.service} (it covers ${dept.services.join(', ')})`,
      },
    ];
  }
  return [];
};

export const INC022 = defineRule({
  code: 'INC022',
  severity: 'error',
  docs: {
    en: {
      title: 'Unknown department',
      why: "The responsible department's manager owns the response (see the incident-management policy in the knowledge base).",
      right: 'Use a department id from config/catalog.yaml that is responsible for the service.',
    },
    ja: {
      title: '未知の部署',
      why: '対応の責任は、担当部署の管理者が負います（インシデント管理の方針）。',
      right: 'config/catalog.yaml にある、そのサービスを担当する部署の ID を使います。',
    },
  },
  check: { file: knownDepartment },
});
