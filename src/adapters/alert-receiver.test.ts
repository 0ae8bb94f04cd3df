/**
 * The alert receiver at its boundary: a real HTTP server on a loopback port,
 * posted to as Alertmanager posts (Authorization: Bearer), forwarding through
 * the real dispatch adapter to the GitHub fake, or to a forward that fails
 * the way GitHub can.
 */
import { readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/fakes/fake-github.ts';
import { listenLocal } from '../../test/fakes/http.ts';
import { MAX_ALERT_PAYLOAD_BYTES } from '../core/intake/alert-payload.ts';
import { bearerMatches, createAlertReceiver, type ReceiverOptions } from './alert-receiver.ts';
import { githubAlertDispatch } from './github-intake.ts';

const SECRET = 'a-shared-secret-of-32-characters';
const FIRING = readFileSync(new URL('../../test/fixtures/alerts/alertmanager-firing.json', import.meta.url));
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function receiver(forward: ReceiverOptions['forward'], over: Partial<ReceiverOptions> = {}) {
  const log: string[] = [];
  const server: Server = createAlertReceiver({ secret: SECRET, forward, log: (l) => log.push(l), ...over });
  const url = await listenLocal(server);
  open.push({ close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())) });
  return { url, log };
}
async function github(): Promise<FakeGitHub> {
  const g = await startFakeGitHub();
  open.push(g);
  return g;
}
const dispatchTo = (g: FakeGitHub) =>
  githubAlertDispatch({ token: 'ghs_test', repository: 'example/status', baseUrl: g.url, patient: false });

/** A raw request (fetch would refuse some of these, e.g. a lying content-length). */
function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
  method = 'POST',
  path = '/alert',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('authentication and routing', () => {
  it('bearerMatches: exact token, scheme case-insensitive, nothing else', () => {
    expect(bearerMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(bearerMatches(`bearer ${SECRET}`, SECRET)).toBe(true);
    for (const h of [
      undefined,
      '',
      SECRET,
      `Bearer ${SECRET} `,
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.toUpperCase()}`,
      `Basic ${SECRET}`,
      'Bearer ',
    ])
      expect(bearerMatches(h, SECRET)).toBe(false);
  });

  it('a short secret is refused when the receiver is made', () => {
    expect(() => createAlertReceiver({ secret: 'short', forward: async () => {} })).toThrow('at least 16 characters');
  });

  it('a wrong or missing token: 401 with WWW-Authenticate, nothing forwarded, the attempt logged without the token', async () => {
    const g = await github();
    const { url, log } = await receiver(dispatchTo(g));
    expect((await post(url, FIRING, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await post(url, FIRING, { authorization: '' })).status).toBe(401);
    expect(g.dispatches).toEqual([]);
    expect(log.join('\n')).toContain('refused: bad or missing bearer token');
    expect(log.join('\n')).not.toContain('wrong-token');
  });

  it('health, unknown paths and methods', async () => {
    const { url } = await receiver(async () => {});
    expect(await post(url, '', {}, 'GET', '/healthz')).toEqual({ status: 200, text: 'ok\n' });
    expect((await post(url, FIRING, {}, 'POST', '/other')).status).toBe(404);
    expect((await post(url, '', {}, 'GET', '/alert')).status).toBe(405);
  });
});

describe('payloads', () => {
  it('a valid Alertmanager notification is forwarded to repository_dispatch as it came, and 202', async () => {
    const g = await github();
    const { url, log } = await receiver(dispatchTo(g));
    expect(await post(url, FIRING)).toEqual({ status: 202, text: 'accepted\n' });
    expect(g.dispatches).toEqual([
      { event_type: 'alert', client_payload: { alert: JSON.parse(FIRING.toString('utf8')) } },
    ]);
    expect(log.at(-1)).toMatch(/^forwarded \d+ alertmanager alert\(s\)/);
  });

  it('not JSON, not an alert, or not UTF-8: 400 with the reason, nothing forwarded', async () => {
    const g = await github();
    const { url } = await receiver(dispatchTo(g));
    for (const body of ['{not json', '{"hello":"world"}', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
      const r = await post(url, body);
      expect(r.status).toBe(400);
      expect(r.text.trim().length).toBeGreaterThan(0);
    }
    expect(g.dispatches).toEqual([]);
  });

  it('too large, declared or streamed without a length: 413 at once, nothing forwarded', async () => {
    const g = await github();
    const { url } = await receiver(dispatchTo(g));
    const big = Buffer.alloc(MAX_ALERT_PAYLOAD_BYTES + 1, 0x20);
    expect((await post(url, big)).status).toBe(413);
    expect((await post(url, big, { 'transfer-encoding': 'chunked' })).status).toBe(413);
    expect(g.dispatches).toEqual([]);
  });
});

describe('GitHub failing', () => {
  it('an outage (503) or a spent rate limit: 502, so the sender retries', async () => {
    const g = await github();
    const { url, log } = await receiver(dispatchTo(g));
    g.down = true;
    expect((await post(url, FIRING)).status).toBe(502);
    g.down = false;
    g.rateLimited = true;
    expect((await post(url, FIRING)).status).toBe(502);
    expect(log.filter((l) => l.startsWith('forward failed: '))).toHaveLength(2);
    expect(g.dispatches).toEqual([]);
  });

  it('GitHub refusing the payload (422): 400, since a retry cannot help', async () => {
    const { url } = await receiver(async () => {
      throw Object.assign(new Error('Invalid request: client_payload'), { status: 422 });
    });
    expect(await post(url, FIRING)).toEqual({
      status: 400,
      text: 'GitHub refused this payload as invalid (422); it will not be accepted on retry\n',
    });
  });

  it('GitHub not answering: 504 after the forward timeout, the forward told to stop', async () => {
    let aborted = false;
    const { url } = await receiver(
      (_alert, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(signal.reason);
          }),
        ),
      { forwardTimeoutMs: 50 },
    );
    expect(await post(url, FIRING)).toEqual({
      status: 504,
      text: 'GitHub did not answer within 50 ms; the sender will retry\n',
    });
    expect(aborted).toBe(true);
  });
});
