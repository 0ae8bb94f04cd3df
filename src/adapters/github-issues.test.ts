import { createServer } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { listenLocal } from '../../test/fakes/http.ts';
import { githubIssuePort } from './github-issues.ts';

const servers: import('node:http').Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) (s.closeAllConnections(), s.close());
});

it('a GitHub that never answers costs one timeout per request, not a stalled run', async () => {
  const server = createServer(() => {}); // accepts, never answers
  servers.push(server);
  const url = await listenLocal(server);
  const port = githubIssuePort({
    token: 'ghs_test',
    repository: 'example/status',
    baseUrl: url,
    patient: false,
    timeoutMs: 200,
  });
  // The server never answers: only the request timeout can end this (without it, the test itself would time out).
  await expect(port.comment(1, 'x')).rejects.toThrow(/abort|timeout/i);
});
