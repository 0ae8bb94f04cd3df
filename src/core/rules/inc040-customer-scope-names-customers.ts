/** INC040: a customer-scope incident names its customers. */
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const customerScopeNamesCustomers: FileRule = ({ incident }) =>
  incident.scope === 'customer' && !incident.customers?.length
    ? [
        {
          path: incident.customers ? ['customers'] : ['scope'],
          message: 'scope is customer but no customers are listed; list the opaque ids of the affected customers',
        },
      ]
    : [];

export const INC040 = defineRule({
  code: 'INC040',
  severity: 'error',
  docs: {
    en: {
      title: 'Customer scope without customers',
      why: 'Customer-specific incidents are e-mailed to the affected customers; with none listed nobody is told.',
      right: 'List the opaque ids of the affected customers under customers.',
    },
    ja: {
      title: '顧客が指定されていない個別インシデント',
      why:
        '個別のお客さま向けのインシデントは、影響を受けたお客さまにメールで知らせます。' +
        '顧客の指定がなければ誰にも届きません。',
      right: 'customers に、影響を受けたお客さまの識別子（cust-…）を列挙します。',
    },
  },
  check: { file: customerScopeNamesCustomers },
});
