/**
 * CODEOWNERS from the catalog, so review requests follow the organisation:
 * managers own incidents, managers and service owners own postmortems,
 * service owners and security officers own the catalog and the workflows.
 */
import type { Catalog } from '../catalog/schema.ts';

export const CODEOWNERS_PATH = '.github/CODEOWNERS';

export function renderCodeowners(catalog: Catalog): string {
  const at = (logins: Iterable<string>) => [...new Set(logins)].sort().map((l) => `@${l}`).join(' ');
  const managers = catalog.departments.flatMap((d) => d.managers);
  const owners = catalog.services.flatMap((s) => s.owners);
  return [
    '# Generated from config/catalog.yaml by `npm run codeowners`; do not edit by hand (CI checks it).',
    `/incidents/ ${at(managers)}`,
    `/postmortems/ ${at([...managers, ...owners])}`,
    `/config/ ${at([...owners, ...catalog.security_officers])}`,
    `/.github/ ${at([...owners, ...catalog.security_officers])}`,
    '',
  ].join('\n');
}
