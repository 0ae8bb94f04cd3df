/** INC101: a postmortem under review or approved keeps every section of the template. */
import { POSTMORTEM_SECTIONS } from '../incident/postmortem-document.ts';
import type { FileRule } from './context.ts';
import { postmortemText } from './postmortem-text.ts';
import { defineRule } from './rule.ts';

const sectionsPresent: FileRule = (ctx) => {
  const pm = postmortemText(ctx);
  if (!pm) return [];
  return POSTMORTEM_SECTIONS.filter((name) => !pm.sections.has(name)).map((name) => ({
    path: [],
    ...pm.at(1),
    message: `section "## ${name}" is missing`,
  }));
};

export const INC101 = defineRule({
  code: 'INC101',
  severity: 'error',
  docs: {
    en: {
      title: 'Postmortem section missing',
      why: 'Every postmortem answers the same questions, so reviews and audits compare like with like.',
      // The section names are the template's own (one list, read by the check too).
      right: `Keep every section of the template: ${POSTMORTEM_SECTIONS.join(', ')}.`,
    },
    ja: {
      title: '事後レビューの節がない',
      why: 'どの事後レビューも同じ問いに答えることで、レビューと監査で比べられます。',
      right: `テンプレートの節をすべて残します: ${POSTMORTEM_SECTIONS.join('、')}。`,
    },
  },
  check: { file: sectionsPresent },
});
