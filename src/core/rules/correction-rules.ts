/** INC070: a correction names a real field and matches the value it left there. */
import { deepEqual, valueAtPath } from '../data-path.ts';
import { parseDataPath, type RawFinding } from '../findings.ts';
import type { FileRule } from './context.ts';

export const correctionsApply: FileRule = ({ incident }) => {
  const findings: RawFinding[] = [];
  const corrections = incident.corrections ?? [];
  corrections.forEach((c, i) => {
    const path = parseDataPath(c.field);
    if (!path || path[0] === 'corrections') {
      findings.push({ code: 'INC070', path: ['corrections', i, 'field'], message: `correction field "${c.field}" is not a field path like "detection.at" or "updates[1].message.en"` });
      return;
    }
    const current = valueAtPath(incident, path);
    if (current === undefined) {
      findings.push({ code: 'INC070', path: ['corrections', i, 'field'], message: `correction field "${c.field}" does not exist in this incident` });
      return;
    }
    const later = corrections.slice(i + 1).some((d) => d.field === c.field);
    if (!later && !deepEqual(c.new, current)) {
      findings.push({ code: 'INC070', path: ['corrections', i, 'new'], message: `correction of ${c.field} says the new value is ${JSON.stringify(c.new)} but the field holds ${JSON.stringify(current)}` });
    }
    if (deepEqual(c.old, c.new)) {
      findings.push({ code: 'INC070', path: ['corrections', i, 'new'], message: `correction of ${c.field} changes nothing (old equals new)` });
    }
  });
  return findings;
};
