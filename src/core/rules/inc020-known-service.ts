/** INC020: the service is one of the catalog's. */
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const knownService: FileRule = ({ incident, catalog }) =>
  catalog.service(incident.service)
    ? []
    : [
        {
          path: ['service'],
          message: `unknown service "${incident.service}"; known services: ${catalog.catalog.services.map((s) => s.id).join(', ')}`,
        },
      ];

export const INC020 = defineRule({
  code: 'INC020',
  severity: 'error',
  docs: {
    en: {
      title: 'Unknown service',
      why: 'The service decides the desk calendar, SLA targets, public channel and approvers.',
      right: 'Use a service id from config/catalog.yaml.',
    },
    ja: {
      title: '未知のサービス',
      why: 'サービスによって、窓口の営業日、SLA の目標、公開の告知先、承認者が決まります。',
      right: 'config/catalog.yaml にあるサービス ID を使います。',
    },
  },
  check: { file: knownService },
});
