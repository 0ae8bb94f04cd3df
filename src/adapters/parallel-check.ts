/**
 * Reads and checks incident files on every core: the files are split between
 * this thread and worker threads, each running the pure per-file check; the
 * rules across files then run once here. Small runs stay on one thread
 * (starting a worker costs more than it saves).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkFile, finishCheck, type BaseSnapshot, type CheckedFile, type CheckOptions } from '../core/check/check-incidents.ts';
import type { CatalogIndex } from '../core/catalog/index.ts';
import type { Ledger } from '../core/engine/ledger.ts';
import type { Finding } from '../core/findings.ts';
import { readSources } from './incident-store.ts';

const PARALLEL_THRESHOLD = Number(process.env.CHECK_PARALLEL_THRESHOLD ?? 1500);

export interface WorkerInput {
  root: string;
  paths: string[];
  now: number;
  base?: Map<string, Uint8Array | string>;
  /** Base content of changed postmortem documents (few; approved ones are frozen). */
  baseDocuments?: Map<string, Uint8Array | string>;
  /** The worker reads the postmortem documents itself: cloning them across threads cost more than reading. */
  withDocuments: boolean;
  /** Likewise the ledger (for the notification-breach rules). */
  withLedger: boolean;
}

export async function checkRepository(
  root: string,
  paths: readonly string[],
  options: Omit<CheckOptions, 'base'> & { base?: BaseSnapshot; threads?: number },
): Promise<{ findings: Finding[]; files: CheckedFile[] }> {
  // Files checked in a worker come back without their parsed incident (see check-worker.ts).
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 8, Math.ceil(paths.length / PARALLEL_THRESHOLD)));
  const chunks = Array.from({ length: threads }, (_, i) => paths.filter((_, j) => j % threads === i));
  const [own = [], ...others] = chunks;
  const baseFiles = options.base ? new Map(options.base.files) : undefined;
  const pending = others.map((chunk) => runWorker({ root, paths: chunk, now: options.now, base: baseFiles && pick(baseFiles, chunk), baseDocuments: options.base?.documents ? new Map(options.base.documents) : undefined, withDocuments: options.documents !== undefined, withLedger: options.ledger !== undefined }));
  const mine = checkChunk(root, own, options);
  const files = [mine, ...(await Promise.all(pending))].flat();
  return { findings: finishCheck(files, options), files };
}

export function checkChunk(root: string, paths: readonly string[], options: { catalog: CatalogIndex; now: number; base?: BaseSnapshot; documents?: ReadonlyMap<string, string>; ledger?: Ledger }): CheckedFile[] {
  return readSources(root, paths).map((s) => checkFile(s, options, options.base?.files.get(s.file)));
}

function pick(map: Map<string, Uint8Array | string>, keys: readonly string[]): Map<string, Uint8Array | string> {
  return new Map(keys.flatMap((k) => (map.has(k) ? [[k, map.get(k)!] as const] : [])));
}

function runWorker(input: WorkerInput): Promise<CheckedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: input });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`check worker exited with code ${code}`)));
  });
}
