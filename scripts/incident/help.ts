/** The CLI's usage and each command's --help: its flags and, from the catalog, the choices for each. */
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import {
  COMPONENT_IMPACTS,
  DETECTION_SOURCES,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  SEVERITIES,
} from '../../src/core/incident/schema.ts';
import { isSwitch, type IncidentCommand } from './command.ts';

export const USAGE = `usage: npm run incident -- <command> [id] [flags]
(npm run incident -- <command> --help lists a command's required flags and the choices for each)

commands:
  new           declare an incident
  update <id>   post a status update
  resolve <id>  service recovered
  maintenance   schedule maintenance
  correct <id>  fix a published fact
  close <id>    close a complete incident
  postmortem <id>  write postmortems/<id>.md from the blameless template (facts filled in) and link it

common: [--at ISO] [--now ISO] [--interactive] [--dry-run]
fast lane (update, resolve): --push builds the update on the remote default branch and pushes a commit changing only
                            that file [--remote origin] [--branch main]; nothing is written locally unless it was pushed`;

/** What each valued flag takes, as the help shows it. */
const FLAG_TEXT: Record<string, string> = {
  'title-ja': 'TEXT',
  'title-en': 'TEXT',
  'message-ja': 'TEXT',
  'message-en': 'TEXT',
  'impact-ja': 'TEXT',
  'impact-en': 'TEXT',
  'customer-actions-ja': 'TEXT',
  'customer-actions-en': 'TEXT',
  'detected-at': 'ISO',
  'recovered-at': 'ISO',
  start: 'ISO',
  end: 'ISO',
  'closed-at': 'ISO',
  at: 'ISO',
  'next-update': 'ISO',
  responder: 'LOGIN',
  manager: 'LOGIN',
  by: 'LOGIN',
  customers: 'IDS',
  ref: 'REF',
  slug: 'WORDS',
  field: 'PATH',
  value: 'YAML',
  reason: 'TEXT',
  'reopen-reason': 'TEXT',
  remote: 'NAME',
  branch: 'NAME',
  components: 'LIST',
};

export function commandHelp(command: IncidentCommand, catalog: CatalogIndex | undefined): string {
  const flag = (f: string) => (FLAG_TEXT[f] ? `--${f} ${FLAG_TEXT[f]}` : isSwitch(f) ? `--${f}` : `--${f} VALUE`);
  const c = catalog?.catalog;
  const choices: [string, string][] = [
    ['service', c ? c.services.map((x) => x.id).join(', ') : 'see config/catalog.yaml'],
    [
      'department',
      c ? c.departments.map((d) => `${d.id} (${d.services.join(', ')})`).join(', ') : 'see config/catalog.yaml',
    ],
    [
      'components',
      catalog && c
        ? c.services.map((x) => `${x.id}: ${catalog.componentIds(x.id).join(', ')}`).join('; ')
        : 'see config/catalog.yaml',
    ],
    ['severity', SEVERITIES.join(', ')],
    ['type', 'failure (default), vulnerability, security'],
    ['scope', 'public (default), customer (then --customers is required)'],
    ['source', `${DETECTION_SOURCES.join(', ')} (default monitoring)`],
    ['status', `incidents: ${INCIDENT_STATUSES.join(', ')}; maintenance: ${MAINTENANCE_STATUSES.join(', ')}`],
  ];
  const used = new Set([...command.required, ...command.optional]);
  const lines = [
    `usage: npm run incident -- ${command.summary}`,
    '',
    `required: ${command.required.length ? command.required.map(flag).join(' ') : '(none)'}`,
    `optional: ${[...command.optional.map(flag), '--now ISO', '--interactive', '--dry-run'].join(' ')}`,
    '',
    'choices:',
    ...choices.filter(([f]) => used.has(f)).map(([f, text]) => `  --${f}: ${text}`),
  ];
  if (command.defaultImpact) {
    lines.push(
      `  component impact: id[:status], comma-separated; status is one of ${COMPONENT_IMPACTS.filter((x) => x !== 'under_maintenance').join(', ')} (default ${command.defaultImpact}), e.g. --components block-storage:partial_outage,virtual-servers`,
    );
  }
  lines.push('  times (ISO): RFC 3339 with an offset, e.g. 2026-11-27T10:00:00+09:00');
  return lines.join('\n');
}
