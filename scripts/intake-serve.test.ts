/** The alert receiver over real HTTP on 127.0.0.1, forwarding through octokit to the fake GitHub. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { bearerMatches, createAlertReceiver } from '../src/adapters/alert-receiver.ts';
import type { AddressInfo } from 'node:net';
import { MAX_ALERT_PAYLOAD_BYTES } from '../src/core/intake/alert-payload.ts';
import { scriptEntry } from '../test/helpers/run-script.ts';

const SECRET = 'test-secret-0123456789abcdef';
let child: ChildProcess | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  child?.kill('SIGTERM');
  await github?.close();
  child = github = undefined;
});

async function serve(env: Record<string, string> = {}): Promise<string> {
  github = await startFakeGitHub();
  child = spawn(process.execPath, scriptEntry('intake.ts', ['serve', '--port', '0']), {
    env: {
      ...process.env,
      STATUS_INTAKE_SECRET: SECRET,
      GITHUB_TOKEN: 'ghs_test',
      GITHUB_REPOSITORY: 'example/status',
      GITHUB_API_URL: github.url,
      ...env,
    },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/alert/.exec(out);
      if (m) resolve(m[1]!);
    });
    child!.on('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const firing = readFileSync(join(REPO_ROOT, 'test/fixtures/alerts/alertmanager-firing.json'), 'utf8');
const auth = { Authorization: `Bearer ${SECRET}` };

describe('npm run intake -- serve', () => {
  it('forwards an authenticated Alertmanager payload as repository_dispatch "alert" with the alert in client_payload', async () => {
    const base = await serve();
    const r = await post(`${base}/alert`, firing, auth);
    expect(r).toEqual({ status: 202, text: 'accepted\n' });
    expect(github!.dispatches).toEqual([{ event_type: 'alert', client_payload: { alert: JSON.parse(firing) } }]);
  });

  it('refuses a missing, wrong, prefixed or differently cased secret, and forwards nothing', async () => {
    const base = await serve();
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${SECRET}x` },
      { Authorization: `Bearer ${SECRET.slice(0, -1)}` },
      { Authorization: `Basic ${SECRET}` },
      { Authorization: `Bearer ${SECRET.toUpperCase()}` },
    ]) {
      expect((await post(`${base}/alert`, firing, headers)).status).toBe(401);
    }
    expect(github!.dispatches).toEqual([]);
  });

  it('refuses an oversized body (declared or streamed), a malformed payload with its one-line reason, other methods and paths', async () => {
    const base = await serve();
    const huge = Buffer.alloc(MAX_ALERT_PAYLOAD_BYTES + 10, 0x20);
    expect((await post(`${base}/alert`, huge, auth)).status).toBe(413);
    expect((await post(`${base}/alert`, huge, { ...auth, 'Transfer-Encoding': 'chunked' })).status).toBe(413);
    const bad = await post(`${base}/alert`, '{"version":"4","alerts":[]}', auth);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^Alertmanager payload \(version "4"\): .+\n$/);
    expect((await post(`${base}/alert`, '', auth, 'GET')).status).toBe(405);
    expect((await post(`${base}/other`, firing, auth)).status).toBe(404);
    expect((await post(`${base}/healthz`, '', {}, 'GET')).status).toBe(200);
    expect(github!.dispatches).toEqual([]);
  });

  it('GitHub refusing the dispatch is a 502 the sender retries, not a crash', async () => {
    const base = await serve({ GITHUB_REPOSITORY: 'example/missing', GITHUB_API_URL: 'http://127.0.0.1:9' });
    expect((await post(`${base}/alert`, firing, auth)).status).toBe(502);
    expect((await post(`${base}/healthz`, '', {}, 'GET')).status).toBe(200);
  });

  it('refuses to start without a long enough secret (one line, exit 1)', async () => {
    github = await startFakeGitHub();
    const p = spawn(process.execPath, [join(REPO_ROOT, 'scripts/intake.ts'), 'serve', '--port', '0'], {
      env: { ...process.env, STATUS_INTAKE_SECRET: 'short', GITHUB_TOKEN: 'x', GITHUB_REPOSITORY: 'o/r' },
    });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => p.on('exit', r));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

it('bearerMatches: exact token only', () => {
  expect(bearerMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
  // The scheme is case-insensitive (RFC 9110); the token is not.
  expect(bearerMatches(`bearer ${SECRET}`, SECRET)).toBe(true);
  expect(bearerMatches(`BEARER ${SECRET}`, SECRET)).toBe(true);
  expect(bearerMatches(`Bearer ${SECRET.toUpperCase()}`, SECRET)).toBe(false);
  expect(bearerMatches(undefined, SECRET)).toBe(false);
  expect(bearerMatches('Bearer ', SECRET)).toBe(false);
  expect(bearerMatches(`Bearer ${SECRET} extra`, SECRET)).toBe(false);
});

it('a GitHub that does not answer is cut off after the timeout: 504 for the sender to retry, and the request is aborted', async () => {
  let aborted = false;
  const server = createAlertReceiver({
    secret: SECRET,
    forwardTimeoutMs: 50,
    forward: (_alert, signal) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason))),
      ),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const r = await post(`http://127.0.0.1:${(server.address() as AddressInfo).port}/alert`, firing, auth);
    expect(r).toMatchObject({ status: 504, text: expect.stringContaining('did not answer') });
    expect(aborted).toBe(true);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
