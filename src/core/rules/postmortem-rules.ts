/** INC100–INC103: a postmortem under review or approved has its document, every section, written, with the breach explained. */
import type { RawFinding } from '../findings.ts';
import { postmortemReasons } from '../incident/lifecycle.ts';
import { POSTMORTEM_SECTIONS, postmortemPath, postmortemSections, TODO } from '../review/postmortem-template.ts';
import type { FileRule } from './context.ts';

export const postmortemDocumentComplete: FileRule = ({ incident, documents, catalog, now, ledger }) => {
  const pm = incident.postmortem;
  if (!documents || !pm || pm.status === 'draft') return [];
  const expected = postmortemPath(incident.id);
  const text = pm.document ? documents.get(pm.document) : undefined;
  if (!pm.document || text === undefined) {
    return [{ code: 'INC100', path: pm.document ? ['postmortem', 'document'] : ['postmortem', 'status'], message: `postmortem is ${pm.status} but ${pm.document ? `its document ${pm.document} does not exist` : 'names no document'}; expected ${expected}` }];
  }
  const findings: RawFinding[] = [];
  const sections = postmortemSections(text);
  const at = (line: number) => ({ file: pm.document, position: { line, column: 1 } });
  for (const name of POSTMORTEM_SECTIONS) {
    const section = sections.get(name);
    if (!section) findings.push({ code: 'INC101', path: [], ...at(1), message: `section "## ${name}" is missing` });
    else if (!section.body || section.body.split('\n').some((l) => l.trimStart().startsWith(TODO))) findings.push({ code: 'INC102', path: [], ...at(section.line), message: `section "${name}" is not written yet (it is empty or still has ${TODO})` });
  }
  const reasons = postmortemReasons(incident, catalog.service(incident.service), now, ledger);
  const missed = [reasons.includes('notification-target-missed') ? 'customer-notification' : '', reasons.includes('recovery-target-missed') ? 'recovery' : ''].filter(Boolean);
  const reason = sections.get('SLA breach reason');
  if (missed.length && reason && /^No (recovery )?target was missed\b/.test(reason.body)) {
    findings.push({ code: 'INC103', path: [], ...at(reason.line), message: `the ${missed.join(' and ')} target was missed, but "SLA breach reason" says no target was missed` });
  }
  return findings;
};
