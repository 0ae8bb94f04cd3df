/** INC040–INC042: customer-specific incidents name customers by opaque id; public ones name none; no addresses anywhere. */
import type { RawFinding } from '../findings.ts';
import type { FileRule, FileRuleContext } from './context.ts';

export const customerScopeNamesCustomers: FileRule = ({ incident }) =>
  incident.scope === 'customer' && !incident.customers?.length
    ? [{ code: 'INC040', path: incident.customers ? ['customers'] : ['scope'], message: 'scope is customer but no customers are listed; list the opaque ids of the affected customers' }]
    : [];

export const publicScopeNamesNoCustomers: FileRule = ({ incident }) =>
  incident.scope === 'public' && incident.customers?.length
    ? [{ code: 'INC041', path: ['customers'], message: `a public incident is published, so it must not name customers (${incident.customers.length} listed); remove them or use scope: customer` }]
    : [];

// Deliberately broad: a false positive costs a rewording, a miss leaks personal data.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Runs on every parsed file, valid or not: a leak is a leak. */
export const noEmailAddresses = ({ text }: Pick<FileRuleContext, 'text'>): RawFinding[] => {
  const findings: RawFinding[] = [];
  if (!text.includes('@')) return findings;
  text.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(EMAIL)) {
      findings.push({ code: 'INC042', path: [], position: { line: i + 1, column: (m.index ?? 0) + 1 }, message: 'an e-mail address is written in the file; contact addresses belong in the private directory only' });
    }
  });
  return findings;
};
