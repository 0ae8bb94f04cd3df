/** INC023: the manager is one of the department's managers. */
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const managerOfDepartment: FileRule = ({ incident, catalog }) => {
  const dept = catalog.department(incident.department);
  if (!dept || dept.managers.includes(incident.manager)) return [];
  return [
    {
      path: ['manager'],
      message: `"${incident.manager}" is not a manager of ${dept.id}; its managers are ${dept.managers.join(', ')}`,
    },
  ];
};

export const INC023 = defineRule({
  code: 'INC023',
  severity: 'error',
  docs: {
    en: {
      title: 'Manager not of the department',
      why: 'The manager of the responsible department assigns the responder and is notified on every update.',
      right: "Name one of the department's managers listed in config/catalog.yaml.",
    },
    ja: {
      title: '管理者が部署に属していない',
      why: '担当部署の管理者が対応者を指名し、すべての更新の通知を受けます。',
      right: 'config/catalog.yaml に載っている、その部署の管理者の一人を指定します。',
    },
  },
  check: { file: managerOfDepartment },
});
