/** INC070: a correction names a real field and matches the value it left there. */
import { deepEqual, valueAtPath } from '../data-path.ts';
import { parseDataPath } from '../findings.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const correctionsApply: FileRule = ({ incident }) => {
  const findings: Report[] = [];
  const corrections = incident.corrections ?? [];
  corrections.forEach((c, i) => {
    const path = parseDataPath(c.field);
    if (!path || path[0] === 'corrections') {
      findings.push({
        path: ['corrections', i, 'field'],
        message: `correction field "${c.field}" is not a field path like "detection.at" or "updates[1].message.en"`,
      });
      return;
    }
    const current = valueAtPath(incident, path);
    if (current === undefined) {
      findings.push({
        path: ['corrections', i, 'field'],
        message: `correction field "${c.field}" does not exist in this incident`,
      });
      return;
    }
    const later = corrections.slice(i + 1).some((d) => d.field === c.field);
    if (!later && !deepEqual(c.new, current)) {
      findings.push({
        path: ['corrections', i, 'new'],
        message: `correction of ${c.field} says the new value is ${JSON.stringify(c.new)} but the field holds ${JSON.stringify(current)}`,
      });
    }
    if (deepEqual(c.old, c.new)) {
      findings.push({
        path: ['corrections', i, 'new'],
        message: `correction of ${c.field} changes nothing (old equals new)`,
      });
    }
  });
  return findings;
};

export const INC070 = defineRule({
  code: 'INC070',
  severity: 'error',
  docs: {
    en: {
      title: 'Correction does not apply',
      why: 'A correction is the audited record of a changed fact; it must name a real field and the values it changed.',
      right:
        'field is a path in this file such as "detection.at" or "updates[1].message.en"; ' +
        'old and new are the values before and after.',
    },
    ja: {
      title: '適用できない訂正',
      why: '訂正は、変更した事実の監査記録です。実在する項目と、変更前後の値を示さなければなりません。',
      right:
        'field はこのファイル内のパス（例: "detection.at"、"updates[1].message.en"）、' +
        'old と new は変更前と変更後の値にします。',
    },
  },
  check: { file: correctionsApply },
});
