/** INC009: the file lives in the folder of its id's year. */
import { incidentPath } from '../incident/paths.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const fileInYearFolder: FileRule = ({ incident, file }) => {
  const year = incident.id.slice(0, 4);
  const expected = incidentPath(incident.id);
  const parts = file.split('/');
  const folder = parts[parts.length - 2];
  return folder === year
    ? []
    : [
        {
          path: ['id'],
          message: `file is in "${parts.slice(0, -1).join('/')}/" but an incident of ${year} belongs at ${expected}`,
        },
      ];
};

export const INC009 = defineRule({
  code: 'INC009',
  severity: 'error',
  docs: {
    en: {
      title: 'File in the wrong folder',
      why: 'Incidents are filed by year so the site and the audit export find them.',
      right: 'Keep the file at incidents/<YYYY>/<id>.md, where YYYY is the year in the id.',
    },
    ja: {
      title: 'ファイルの置き場所が違う',
      why: 'サイトと監査エクスポートが見つけられるよう、インシデントは年ごとのフォルダーに置きます。',
      right: 'incidents/<YYYY>/<id>.md に置きます。YYYY は ID に含まれる年です。',
    },
  },
  check: { file: fileInYearFolder },
});
