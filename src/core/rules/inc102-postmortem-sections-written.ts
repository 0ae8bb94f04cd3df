/** INC102: a postmortem under review or approved has every section written (no TODO left). */
import { POSTMORTEM_SECTIONS, TODO } from '../incident/postmortem-document.ts';
import type { FileRule } from './context.ts';
import { postmortemText } from './postmortem-text.ts';
import { defineRule, type Report } from './rule.ts';

const sectionsWritten: FileRule = (ctx) => {
  const pm = postmortemText(ctx);
  if (!pm) return [];
  return POSTMORTEM_SECTIONS.flatMap((name): Report[] => {
    const section = pm.sections.get(name);
    return section && (!section.body || section.body.split('\n').some((l) => l.trimStart().startsWith(TODO)))
      ? [
          {
            path: [],
            ...pm.at(section.line),
            message: `section "${name}" is not written yet (it is empty or still has ${TODO})`,
          },
        ]
      : [];
  });
};

export const INC102 = defineRule({
  code: 'INC102',
  severity: 'error',
  docs: {
    en: {
      title: 'Postmortem section not written',
      why: 'A template placeholder is not an analysis.',
      right: 'Replace every TODO before the postmortem goes to review (status in_review or approved).',
    },
    ja: {
      title: '事後レビューの節が未記入',
      why: 'テンプレートの仮の文は分析ではありません。',
      right: 'レビューに出す前（status が in_review または approved）に、TODO をすべて書き換えます。',
    },
  },
  check: { file: sectionsWritten },
});
