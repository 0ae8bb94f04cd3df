import { describe, expect, it } from 'vitest';
import { catalog, NOW, REPO_ROOT } from '../../test/builders.ts';
import { checkIncidents } from '../core/check/check-incidents.ts';
import { listIncidentFiles, readPostmortemDocuments, readSources } from './incident-store.ts';
import { checkClaimed, checkRepository } from './parallel-check.ts';

const paths = listIncidentFiles(REPO_ROOT);

/** The claim counter that shares files between threads. */
describe('the parallel check', () => {
  it('threads claiming from one counter check every file exactly once, whoever claims first', () => {
    const next = new SharedArrayBuffer(4);
    // The first claimer drains the counter; a second one (a worker that started late) finds nothing left and checks nothing twice.
    const first = checkClaimed(REPO_ROOT, paths, next, { catalog, now: NOW });
    const second = checkClaimed(REPO_ROOT, paths, next, { catalog, now: NOW });
    expect(second).toEqual([]);
    expect(first.map((f) => f.file)).toEqual(paths);
    // A counter already past some batches (another thread took them): only the rest is checked here.
    const late = new SharedArrayBuffer(4);
    new Int32Array(late)[0] = 5;
    expect(checkClaimed(REPO_ROOT, paths, late, { catalog, now: NOW }).map((f) => f.file)).toEqual(paths.slice(5));
  });

  it('with worker threads the findings are those of the plain check, every file once', async () => {
    const documents = readPostmortemDocuments(REPO_ROOT);
    const threaded = await checkRepository(REPO_ROOT, paths, {
      catalog,
      now: NOW,
      documents,
      threads: 3,
      perThread: 1,
    });
    const plain = checkIncidents(readSources(REPO_ROOT, paths), { catalog, now: NOW, documents });
    expect(threaded.files.map((f) => f.file).sort()).toEqual(paths);
    expect(threaded.findings).toEqual(plain.findings);
  });
});
