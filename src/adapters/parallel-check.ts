/**
 * Reads and checks incident files on every core: this thread and worker
 * threads take batches of files from one shared counter until none are left
 * (a worker that starts late, or a core another process holds, simply takes
 * fewer), each running the pure per-file check; the rules across files then
 * run once here. Small runs stay on one thread (starting a worker costs more
 * than it saves).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  checkFile,
  finishCheck,
  type BaseSnapshot,
  type CheckedFile,
  type CheckOptions,
} from '../core/check/check-incidents.ts';
import type { CatalogIndex } from '../core/catalog/index.ts';
import type { Ledger } from '../core/ledger/ledger.ts';
import type { Finding } from '../core/findings.ts';
import { readSources } from './incident-store.ts';

/** Files per thread before another is started: below this, a worker's start-up costs more than it saves. */
const PARALLEL_THRESHOLD = 1500;
/** Files per claim: small enough to balance the threads' ends, large enough that claiming costs nothing. */
const BATCH = 64;

export interface WorkerInput {
  root: string;
  paths: string[];
  /** One Int32 shared by every thread: the index of the next unclaimed file. */
  next: SharedArrayBuffer;
  now: number;
  base?: Map<string, Uint8Array | string>;
  /** Base content of changed postmortem documents (few; approved ones are frozen). */
  baseDocuments?: Map<string, Uint8Array | string>;
  /** The worker reads the postmortem documents its files name itself: cloning them across threads cost more than reading. */
  withDocuments: boolean;
  /** Likewise the ledger (for the notification-breach rules). */
  withLedger: boolean;
}

export async function checkRepository(
  root: string,
  paths: readonly string[],
  options: Omit<CheckOptions, 'base'> & {
    base?: BaseSnapshot;
    threads?: number;
    /** Files per thread before another is started (tests use 1 to split a few files). */ perThread?: number;
  },
): Promise<{ findings: Finding[]; files: CheckedFile[] }> {
  // Files checked in a worker come back without their parsed incident (see check-worker.ts).
  const threads = Math.max(
    1,
    Math.min(
      options.threads ?? availableParallelism(),
      8,
      Math.ceil(paths.length / (options.perThread ?? PARALLEL_THRESHOLD)),
    ),
  );
  const next = new SharedArrayBuffer(4);
  const all = [...paths];
  const pending = Array.from({ length: threads - 1 }, () =>
    runWorker({
      root,
      paths: all,
      next,
      now: options.now,
      base: options.base ? new Map(options.base.files) : undefined,
      baseDocuments: options.base?.documents ? new Map(options.base.documents) : undefined,
      withDocuments: options.documents !== undefined,
      withLedger: options.ledger !== undefined,
    }),
  );
  const mine = checkClaimed(root, all, next, options);
  const files = [mine, ...(await Promise.all(pending))].flat();
  return { findings: finishCheck(files, options), files };
}

/** Checks batches of `paths` claimed from the shared counter until every file is taken. */
export function checkClaimed(
  root: string,
  paths: readonly string[],
  next: SharedArrayBuffer,
  options: {
    catalog: CatalogIndex;
    now: number;
    base?: BaseSnapshot;
    documents?: ReadonlyMap<string, string>;
    ledger?: Ledger;
  },
): CheckedFile[] {
  const counter = new Int32Array(next);
  const out: CheckedFile[] = [];
  for (let start = Atomics.add(counter, 0, BATCH); start < paths.length; start = Atomics.add(counter, 0, BATCH)) {
    for (const s of readSources(root, paths.slice(start, start + BATCH)))
      out.push(checkFile(s, options, options.base?.files.get(s.file)));
  }
  return out;
}

function runWorker(input: WorkerInput): Promise<CheckedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: input });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`check worker exited with code ${code}`)));
  });
}
