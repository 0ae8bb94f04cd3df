/** Shared bits of the local fake servers. */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class BodyNotUtf8 extends Error {}

/**
 * The whole request body, decoded as UTF-8 once at the end: decoding chunk
 * by chunk would split multi-byte characters at chunk borders (~64 KB) and
 * corrupt Japanese text. Invalid UTF-8 rejects with BodyNotUtf8.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new BodyNotUtf8('request body is not valid UTF-8'));
      }
    });
    req.on('error', reject);
  });
}

/** Listens on a free loopback port; resolves to the base URL. */
export async function listenLocal(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
