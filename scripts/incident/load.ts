/** The incident a command changes, found by id among the incident files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listIncidentFiles } from '../../src/adapters/incident-store.ts';
import { parseIncident } from '../../src/core/check/parse-incident.ts';
import { UserError } from '../../src/core/errors.ts';
import { findIncidentFile } from '../../src/core/incident/paths.ts';
import type { Incident } from '../../src/core/incident/schema.ts';

export interface Loaded {
  file: string;
  text: string;
  body: string;
  incident: Incident;
}

export function readIncident(root: string, id: string): Loaded {
  const file = findIncidentFile(listIncidentFiles(root), id);
  if (!file) throw new UserError(`no incident "${id}" under incidents/ (ids are file names without .md)`, 2);
  const text = readFileSync(join(root, file), 'utf8');
  const parsed = parseIncident(file, text);
  if (!parsed.ok) throw new UserError(`${file} is not valid; fix it first (npm run check -- ${file})`);
  return { file, text, body: parsed.source.body, incident: parsed.incident };
}
