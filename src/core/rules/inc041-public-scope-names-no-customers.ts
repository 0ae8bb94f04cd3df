/** INC041: a public incident names no customers. */
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const publicScopeNamesNoCustomers: FileRule = ({ incident }) =>
  incident.scope === 'public' && incident.customers?.length
    ? [
        {
          path: ['customers'],
          message: `a public incident is published, so it must not name customers (${incident.customers.length} listed); remove them or use scope: customer`,
        },
      ]
    : [];

export const INC041 = defineRule({
  code: 'INC041',
  severity: 'error',
  docs: {
    en: {
      title: 'Public incident names customers',
      why: 'Public incidents are published; customer ids must never reach the public site.',
      right: 'Remove customers from a public incident, or make it scope: customer.',
    },
    ja: {
      title: '公開インシデントに顧客が書かれている',
      why: '公開インシデントはサイトに掲載されます。顧客の識別子が公開サイトに出てはなりません。',
      right: '公開インシデントから customers を削除するか、scope: customer にします。',
    },
  },
  check: { file: publicScopeNamesNoCustomers },
});
