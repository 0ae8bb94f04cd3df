/** npm run codeowners [-- --check]: write .github/CODEOWNERS from the catalog, or fail when it is out of date. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { CODEOWNERS_PATH, renderCodeowners } from '../src/core/review/codeowners.ts';
import { readArgs, usageError } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE = `usage: npm run codeowners [-- --check]

  (no flag)   write ${CODEOWNERS_PATH} from config/catalog.yaml
  --check     write nothing; exit 1 when ${CODEOWNERS_PATH} is out of date`;

export function main(): number {
  // Flags are read before anything is written: a typo of --check must fail, not rewrite the file and pass.
  const { values, positionals } = readArgs({ check: { type: 'boolean' } }, USAGE);
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const root = process.cwd();
  const expected = renderCodeowners(readCatalog(root).catalog);
  const path = join(root, CODEOWNERS_PATH);
  if (!values.check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, expected);
    process.stdout.write(`Wrote ${CODEOWNERS_PATH}\n`);
    return 0;
  }
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // A missing file is out of date too.
  }
  if (current === expected) {
    process.stdout.write(`${CODEOWNERS_PATH} matches config/catalog.yaml\n`);
    return 0;
  }
  process.stderr.write(
    `${CODEOWNERS_PATH} is out of date with config/catalog.yaml; run npm run codeowners and commit it.\nExpected:\n${expected}`,
  );
  return 1;
}

if (import.meta.main) await runMain(main);
