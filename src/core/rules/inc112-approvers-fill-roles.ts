/** INC112: approvers fill the required roles, one distinct person each. */
import { assignRoles, requiredRoles } from '../review/approval.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const approversFillRoles: FileRule = ({ incident, catalog }) => {
  const pm = incident.postmortem;
  if (pm?.status !== 'approved' || !pm.approvers?.length) return [];
  const roles = requiredRoles(incident, catalog.catalog);
  const findings: Report[] = [];
  const eligible = new Set(roles.flatMap((r) => r.candidates.map((c) => c.toLowerCase())));
  const who =
    incident.type === 'security'
      ? `a manager of ${incident.department}, a service owner of ${incident.service} or a security officer`
      : `a manager of ${incident.department} or a service owner of ${incident.service}`;
  pm.approvers.forEach((a, i) => {
    if (!eligible.has(a.toLowerCase()))
      findings.push({
        path: ['postmortem', 'approvers', i],
        message: `approver ${a} is not ${who} in config/catalog.yaml; only those roles approve this postmortem`,
      });
  });
  const unfilled = roles.filter(
    (r) => !r.candidates.some((c) => pm.approvers!.some((a) => a.toLowerCase() === c.toLowerCase())),
  );
  for (const r of unfilled) {
    findings.push({
      path: ['postmortem', 'approvers'],
      message: `no approver fills the ${r.role} role (one of ${r.candidates.join(', ') || 'none in the catalog'})`,
    });
  }
  const seen = new Set<string>();
  pm.approvers.forEach((a, i) => {
    if (seen.has(a.toLowerCase()))
      findings.push({
        path: ['postmortem', 'approvers', i],
        message: `approver ${a} is listed twice (logins are case-insensitive); each approver is one distinct person, listed once`,
      });
    seen.add(a.toLowerCase());
  });
  if (!unfilled.length && !assignRoles(roles, pm.approvers)) {
    findings.push({
      path: ['postmortem', 'approvers'],
      message: `[${pm.approvers.join(', ')}] cannot fill the ${roles.map((r) => r.role).join(', ')} roles with distinct people; one person never fills two roles`,
    });
  }
  return findings;
};

export const INC112 = defineRule({
  code: 'INC112',
  severity: 'error',
  docs: {
    en: {
      title: 'Approver not in a required role',
      why:
        "A postmortem is approved by the responsible department's manager, a service owner and, " +
        'for security incidents, a security officer: one distinct person per role, as the catalog names them.',
      right:
        "postmortem.approvers names one distinct person per required role from config/catalog.yaml (the department's manager, " +
        'a service owner of the service, and for security incidents a security officer); ' +
        'one person never fills two roles.',
    },
    ja: {
      title: '必要な役割にない承認者',
      why:
        '事後レビューは、担当部署の管理者、サービスオーナー、' +
        '（セキュリティインシデントでは）セキュリティ責任者が承認します。' +
        '役割ごとに別の人で、カタログに載っている人です。',
      right:
        'postmortem.approvers には、' +
        'config/catalog.yaml にある必要な役割ごとに別々の人を一人ずつ書きます（部署の管理者、' +
        'そのサービスのオーナー、セキュリティインシデントではセキュリティ責任者）。' +
        '一人が二つの役割を兼ねることはできず、同じ人を（大文字小文字を問わず）二度書くこともできません。',
    },
    example:
      'postmortem:\n  status: approved\n  approvers: [manager-login, service-owner-login]\n' +
      '  approved_at: "2026-11-25T10:00:00+09:00"',
  },
  check: { file: approversFillRoles },
});
