/** INC080: one id, one file — across every incident file, the unchanged ones known by name. */
import { incidentIdOf } from '../incident/paths.ts';
import { atFile, type RunContext } from './context.ts';
import { defineRule, type LocatedReport } from './rule.ts';

function duplicateIds({ files, unchecked }: RunContext): LocatedReport[] {
  const byId = new Map<string, string[]>();
  const add = (id: string, file: string) => byId.set(id, [...(byId.get(id) ?? []), file]);
  for (const f of files) if (f.id) add(f.id, f.file);
  // An unchanged file's id is its name: it passed INC008 when it was merged.
  for (const file of unchecked ?? []) add(incidentIdOf(file), file);
  return [...byId].flatMap(([id, paths]) =>
    paths.length < 2
      ? []
      : paths.map((file) =>
          atFile(file, { path: ['id'], message: `id "${id}" is used by ${paths.length} files: ${paths.join(', ')}` }),
        ),
  );
}

export const INC080 = defineRule({
  code: 'INC080',
  severity: 'error',
  docs: {
    en: {
      title: 'Duplicate id',
      why: 'Ids key the site, the ledger and e-mails; two files with one id collide.',
      right: 'Give every incident its own id.',
    },
    ja: {
      title: 'ID の重複',
      why: 'ID はサイト、台帳、メールのキーです。同じ ID の 2 つのファイルは衝突します。',
      right: 'インシデントごとに別の ID を付けます。',
    },
  },
  check: { run: duplicateIds },
});
