/** INC021: components are the service's own, each listed once. */
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const knownComponents: FileRule = ({ incident, catalog }) => {
  if (!catalog.service(incident.service)) return [];
  const known = catalog.componentIds(incident.service);
  const seen = new Set<string>();
  const findings: Report[] = [];
  incident.components.forEach((c, i) => {
    if (!known.includes(c.id)) {
      findings.push({
        path: ['components', i, 'id'],
        message: `unknown component "${c.id}" for service ${incident.service}; known: ${known.join(', ')}`,
      });
    } else if (seen.has(c.id)) {
      findings.push({
        path: ['components', i, 'id'],
        message: `component "${c.id}" is listed twice; list each affected component once with its worst status`,
      });
    }
    seen.add(c.id);
  });
  return findings;
};

export const INC021 = defineRule({
  code: 'INC021',
  severity: 'error',
  docs: {
    en: {
      title: 'Unknown component',
      why: 'Component status on the site is computed from incidents; an unknown id would be lost.',
      right: "Use component ids of the incident's service from config/catalog.yaml, each once.",
    },
    ja: {
      title: '未知のコンポーネント',
      why: 'サイトのコンポーネントの状態はインシデントから算出します。未知の ID は反映されずに失われます。',
      right: 'config/catalog.yaml にある、そのサービスのコンポーネント ID を、それぞれ一度だけ使います。',
    },
  },
  check: { file: knownComponents },
});
