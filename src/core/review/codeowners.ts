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
export const GUARDED_PATHS = [
  '/config/',
  '/.github/',
  '/.ci/',
  '/src/',
  '/scripts/',
  '/test/',
  '/bench/',
  '/ledger/',
  '/public/',
  '/package.json',
  '/package-lock.json',
  '/.nvmrc',
  '/tsconfig.json',
  '/vitest.config.ts',
  '/astro.config.mjs',
];

export interface CodeownerRule {
  /** "*", "/dir/" or "/file" (the only forms we generate). */
  pattern: string;
  /** Logins, sorted, without "@". */
  owners: string[];
}

/** The CODEOWNERS lines as data, in file order (GitHub: the last matching line wins). */
export function codeownerRules(catalog: Catalog): CodeownerRule[] {
  const sorted = (logins: Iterable<string>) => [...new Set(logins)].sort();
  const managers = catalog.departments.flatMap((d) => d.managers);
  const owners = catalog.services.flatMap((s) => s.owners);
  const guardians = sorted([...owners, ...catalog.security_officers]);
  return [
    { pattern: '*', owners: guardians },
    ...GUARDED_PATHS.map((pattern) => ({ pattern, owners: guardians })),
    { pattern: '/incidents/', owners: sorted(managers) },
    { pattern: '/postmortems/', owners: sorted([...managers, ...owners]) },
  ];
}

/** The code owners of a repository path under these rules (the last matching rule). */
export function ownersOf(rules: readonly CodeownerRule[], path: string): string[] {
  const rooted = `/${path}`;
  return (
    rules
      .filter(
        (r) => r.pattern === '*' || (r.pattern.endsWith('/') ? rooted.startsWith(r.pattern) : rooted === r.pattern),
      )
      .at(-1)?.owners ?? []
  );
}

export function renderCodeowners(catalog: Catalog): string {
  return [
    '# Generated from config/catalog.yaml by `npm run codeowners`; do not edit by hand (CI checks it).',
    '# The last matching line wins: everything not listed after "*" is owned by the service owners and security officers.',
    ...codeownerRules(catalog).map((r) => `${r.pattern} ${r.owners.map((l) => `@${l}`).join(' ')}`),
    '',
  ].join('\n');
}
