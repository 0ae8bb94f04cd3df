/**
 * The fixture repository plus 60 active public incidents: the home page's
 * compact view (a component summary first, one line per incident), as on a
 * bad night.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFixtureRepo } from './privacy-fixture.ts';

export const MANY_ACTIVE = 60;

export function writeManyActiveRepo(dir: string): void {
  writeFixtureRepo(dir);
  const source = readFileSync(join(dir, 'incidents/2026/2026-11-28-kcps-object-storage-upload-failures.md'), 'utf8');
  for (let n = 0; n < MANY_ACTIVE; n++) {
    const id = `2026-11-28-kcps-many-active-${String(n).padStart(2, '0')}`;
    writeFileSync(
      join(dir, `incidents/2026/${id}.md`),
      source
        .replace(/^id: .*$/m, `id: ${id}`)
        .replace(
          /^title:\n  ja: .*\n  en: .*$/m,
          `title: { ja: "オブジェクトストレージの応答遅延（${n}）", en: "Object storage slow responses (${n})" }`,
        ),
    );
  }
}
