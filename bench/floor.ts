/**
 * The floor the checker is measured against: one gray-matter + zod pass
 * over every incident file, with no rules, no locations and no report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { IncidentSchema } from '../src/core/incident/schema.ts';

let valid = 0;
const dir = join(process.cwd(), 'incidents');
for (const year of readdirSync(dir, { withFileTypes: true })) {
  if (!year.isDirectory()) continue;
  for (const name of readdirSync(join(dir, year.name))) {
    if (IncidentSchema.safeParse(matter(readFileSync(join(dir, year.name, name), 'utf8')).data).success) valid++;
  }
}
process.stdout.write(`${valid}\n`);
