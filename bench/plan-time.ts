/** Planning time for the incidents under the current directory (parsing excluded): prints JSON. */
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { listIncidentFiles, readSources } from '../src/adapters/incident-store.ts';
import { checkIncidents } from '../src/core/check/check-incidents.ts';
import { ledgerOf } from '../src/core/ledger/ledger.ts';
import { planActions } from '../src/core/engine/plan.ts';

const root = process.cwd();
const catalog = readCatalog(root);
const now = Date.parse(process.argv[2] ?? '2026-11-27T12:00:00+09:00');
const incidents = checkIncidents(readSources(root, listIncidentFiles(root)), { catalog, now }).files.flatMap((f) =>
  f.incident ? [f.incident] : [],
);
const runs = [0, 1, 2].map(() => {
  const start = performance.now();
  const plan = planActions(incidents, catalog, ledgerOf([]), now);
  return { ms: performance.now() - start, actions: plan.length };
});
process.stdout.write(
  `${JSON.stringify({ incidents: incidents.length, ms: Math.round(Math.min(...runs.map((r) => r.ms))), actions: runs[0]!.actions })}\n`,
);
