/** INC092: published facts change only through a correction; the id never changes. */
import { changedLeaves, valueAtPath } from '../data-path.ts';
import { formatDataPath, type DataPath } from '../findings.ts';
import type { Incident } from '../incident/schema.ts';
import { correctedSinceBase, existing } from './against-base.ts';
import { defineRule, type Report } from './rule.ts';

/** Fields that never change once the incident exists, except through a correction. */
const FIXED_FIELDS: readonly DataPath[] = [
  ['service'],
  ['type'],
  ['scope'],
  ['detection', 'at'],
  ['detection', 'source'],
];

/** A closed incident is INC095's: every change to it is reported there. */
function fixedFieldsUnchanged(base: Incident, head: Incident): Report[] {
  const findings: Report[] = [];
  if (base.id !== head.id) {
    findings.push({
      path: ['id'],
      message: `id changed from "${base.id}" to "${head.id}"; an id never changes (not even by correction)`,
    });
  }
  if (base.closed_at) return findings;
  const covered = correctedSinceBase(base, head);
  const watched: DataPath[] = [
    ...FIXED_FIELDS,
    ...base.updates.slice(0, head.updates.length).map((_, i) => ['updates', i] as DataPath),
  ];
  for (const root of watched) {
    for (const path of changedLeaves(valueAtPath(base, root), valueAtPath(head, root), root)) {
      if (covered(path)) continue;
      const before = valueAtPath(base, path);
      const after = valueAtPath(head, path);
      const what =
        root[0] === 'updates'
          ? `published update ${Number(root[1]) + 1}: ${formatDataPath(path)}`
          : formatDataPath(path);
      findings.push({
        path: existing(head, path),
        message: `${what} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)} without a correction; keep the value or append a corrections entry (field: ${formatDataPath(path)})`,
      });
    }
  }
  return findings;
}

export const INC092 = defineRule({
  code: 'INC092',
  severity: 'error',
  docs: {
    en: {
      title: 'Immutable field changed',
      why: 'Published facts are evidence; changing them silently rewrites history.',
      right: 'Leave the field as it was and append a corrections entry with field, old, new, reason and by.',
    },
    ja: {
      title: '変更できない項目の変更',
      why: '公開した事実は証跡です。黙って変えることは履歴の書き換えです。',
      right: '項目は元のままにし、corrections に field、old、new、reason、by を書いた訂正を追記します。',
    },
    example:
      'corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: detection.at\n' +
      '    old: "2026-11-20T10:12:00+09:00"\n    new: "2026-11-20T10:02:00+09:00"\n' +
      '    reason: Alarm log shows the first alert ten minutes earlier\n    by: your-login',
  },
  check: { base: fixedFieldsUnchanged },
});
