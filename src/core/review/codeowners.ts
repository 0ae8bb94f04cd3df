/**
 * CODEOWNERS from the catalog, so review requests follow the organisation:
 * managers own incidents, managers and service owners own postmortems, and
 * service owners and security officers own everything else: the catalog, the
 * workflows, and the code that judges approvals (src/, scripts/, test/),
 * the ledger and the packages. With "require review from code owners", no
 * change to how a change is judged merges on one arbitrary approval.
 */
import type { Catalog } from '../catalog/schema.ts';

export const CODEOWNERS_PATH = '.github/CODEOWNERS';

/** Named explicitly (the catch-all covers them too) so a reader sees who guards the judging code. */
export const GUARDED_PATHS = ['/config/', '/.github/', '/.ci/', '/src/', '/scripts/', '/test/', '/bench/', '/ledger/', '/public/', '/package.json', '/package-lock.json', '/.nvmrc', '/tsconfig.json', '/vitest.config.ts', '/astro.config.mjs'];

export function renderCodeowners(catalog: Catalog): string {
  const at = (logins: Iterable<string>) => [...new Set(logins)].sort().map((l) => `@${l}`).join(' ');
  const managers = catalog.departments.flatMap((d) => d.managers);
  const owners = catalog.services.flatMap((s) => s.owners);
  const guardians = at([...owners, ...catalog.security_officers]);
  return [
    '# Generated from config/catalog.yaml by `npm run codeowners`; do not edit by hand (CI checks it).',
    '# The last matching line wins: everything not listed after "*" is owned by the service owners and security officers.',
    `* ${guardians}`,
    ...GUARDED_PATHS.map((p) => `${p} ${guardians}`),
    `/incidents/ ${at(managers)}`,
    `/postmortems/ ${at([...managers, ...owners])}`,
    '',
  ].join('\n');
}
