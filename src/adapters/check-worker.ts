/** Worker thread body for parallel-check.ts: check batches of files until none are left and post the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { readCatalog } from './catalog-store.ts';
import { postmortemDocumentsOnDemand } from './incident-store.ts';
import { readLedgerEntries } from './ledger-store.ts';
import { ledgerOf } from '../core/ledger/ledger.ts';
import { checkClaimed, type WorkerInput } from './parallel-check.ts';

const input = workerData as WorkerInput;
const catalog = readCatalog(input.root);
const checked = checkClaimed(input.root, input.paths, input.next, {
  catalog,
  now: input.now,
  base: input.base ? { files: input.base, deleted: [], renamed: [], documents: input.baseDocuments } : undefined,
  documents: input.withDocuments ? postmortemDocumentsOnDemand(input.root) : undefined,
  ledger: input.withLedger ? ledgerOf(readLedgerEntries(input.root)) : undefined,
});
// Only what the cross-file rules need travels back: cloning 5,000 incidents costs more than checking them.
parentPort!.postMessage(
  checked.map(({ file, incident, findings, related }) => ({ file, id: incident?.id, findings, related })),
);
