/** INC008: the id equals the file name. */
import { incidentIdOf } from '../incident/paths.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const idMatchesFileStem: FileRule = ({ incident, file }) => {
  const stem = incidentIdOf(file);
  return incident.id === stem
    ? []
    : [
        {
          path: ['id'],
          message: `id "${incident.id}" differs from the file name "${stem}.md"; rename nothing, make the id "${stem}" or create the file as "${incident.id}.md"`,
        },
      ];
};

export const INC008 = defineRule({
  code: 'INC008',
  severity: 'error',
  docs: {
    en: {
      title: 'Id differs from file name',
      why: 'The id is the key used by links, e-mails, the ledger and the audit export; one name everywhere.',
      right: 'The id equals the file name without ".md".',
    },
    ja: {
      title: 'ID がファイル名と異なる',
      why: 'ID はリンク、メール、台帳、監査エクスポートで使うキーです。どこでも同じ名前にします。',
      right: 'ID は、ファイル名から「.md」を除いたものと同じにします。',
    },
  },
  check: { file: idMatchesFileStem },
});
