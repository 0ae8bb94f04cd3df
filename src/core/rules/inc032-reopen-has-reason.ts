/** INC032: a reopen (resolved → investigating) gives its reason. */
import { move } from '../incident/status-machine.ts';
import { trackOf, type FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const reopenHasReason: FileRule = ({ incident }) =>
  incident.updates.flatMap((u, i): Report[] =>
    move(trackOf(incident.type), incident.updates[i - 1]?.status, u.status, u.reopen_reason !== undefined) ===
    'needs-reopen-reason'
      ? [
          {
            path: ['updates', i, 'status'],
            message: `update ${i + 1} reopens a resolved incident (resolved → investigating) without reopen_reason`,
          },
        ]
      : [],
  );

export const INC032 = defineRule({
  code: 'INC032',
  severity: 'error',
  docs: {
    en: {
      title: 'Reopen without a reason',
      why: 'A reopen changes the SLA figures and forces a postmortem; the reason is evidence.',
      right: 'Give the reopening update a reopen_reason.',
    },
    ja: {
      title: '理由のない再開',
      why: '再開は SLA の数値を変え、事後レビューを必須にします。その理由は証跡です。',
      right: '再開する更新に reopen_reason を書きます。',
    },
    example:
      '- at: "2026-11-20T12:40:00+09:00"\n  status: investigating\n' +
      '  reopen_reason: Latency returned after the failover\n  message: { ja: ..., en: ... }',
  },
  check: { file: reopenHasReason },
});
