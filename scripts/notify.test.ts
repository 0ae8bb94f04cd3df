import { afterEach, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { runScript } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

it('npm run notify plans only what the push changed', () => {
  repo = createTempRepo();
  const other = 'incidents/2026/2026-11-22-kcps-other.md';
  repo.write(
    other,
    baseText
      .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-22-kcps-other')
      .replace(/2026-11-20T/g, '2026-11-22T'),
  );
  const before = repo.commit('older incident');
  repo.write(BASE_FILE, baseText);
  const after = repo.commit('new incident');
  const r = runScript(
    'notify.ts',
    ['--before', before, '--after', after, '--now', '2026-11-22T12:00:00+09:00', '--dry-run', '--format', 'json'],
    { cwd: repo.dir },
  );
  expect(r.code).toBe(0);
  const incidents = new Set((JSON.parse(r.stdout) as { incident: string }[]).map((a) => a.incident));
  expect([...incidents]).toEqual(['2026-11-20-kcps-block-storage-latency']);
});
