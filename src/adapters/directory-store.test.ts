/** The private directory at its boundary: real files in a temporary folder. Problems are reported, never thrown, and never echo an address. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directorySecrets, readDirectory } from './directory-store.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'directory-store-'));
const file = (text: string | Buffer) => {
  const path = join(dir(), 'directory.yaml');
  writeFileSync(path, text);
  return path;
};

describe('readDirectory', () => {
  it('unset or empty: an empty directory and one problem saying no e-mail can be sent', () => {
    for (const path of [undefined, '']) {
      const r = readDirectory(path);
      expect(r.directory).toEqual({ customers: {}, staff: {} });
      expect(r.problems).toEqual([
        'STATUS_DIRECTORY is not set: it must name the private directory file (customer contacts and staff addresses); no e-mail can be sent',
      ]);
    }
  });

  it('a missing file and a folder in its place are reported with the error code, not thrown', () => {
    expect(readDirectory(join(dir(), 'missing.yaml')).problems).toEqual([
      'STATUS_DIRECTORY: cannot read the private directory (ENOENT); no e-mail can be sent',
    ]);
    const folder = join(dir(), 'folder.yaml');
    mkdirSync(folder);
    expect(readDirectory(folder).problems).toEqual([
      'STATUS_DIRECTORY: cannot read the private directory (EISDIR); no e-mail can be sent',
    ]);
  });

  it('invalid YAML is reported as such and its text (which may hold addresses) is not echoed', () => {
    const r = readDirectory(file('staff:\n  k-tanaka: secret.person@provider.example\n  : [\n'));
    expect(r.problems).toEqual([
      'STATUS_DIRECTORY: cannot read the private directory (invalid YAML); no e-mail can be sent',
    ]);
    expect(JSON.stringify(r)).not.toContain('secret.person');
  });

  it('a valid file is read entry by entry; a bad entry is a problem that names no address', () => {
    const r = readDirectory(
      file(
        'customers:\n  cust-4f2a91:\n    contacts: [ops@acme.example]\n  cust-9b7c03:\n    contacts: [not-an-address-hidden@@x]\nstaff:\n  k-tanaka: k-tanaka@provider.example\n',
      ),
    );
    expect(r.directory.customers['cust-4f2a91']?.contacts).toEqual(['ops@acme.example']);
    expect(r.directory.staff['k-tanaka']).toBe('k-tanaka@provider.example');
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.join('\n')).not.toContain('not-an-address-hidden');
  });

  it('an address with non-UTF-8 bytes is no address: that person gets no e-mail, the rest is read', () => {
    const r = readDirectory(
      file(
        Buffer.concat([
          Buffer.from('staff:\n  t-sato: t-sato@provider.example\n  k-tanaka: '),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('@provider.example\n'),
        ]),
      ),
    );
    expect(r.directory.staff).toEqual({ 't-sato': 't-sato@provider.example' });
    expect(r.problems).toEqual(['staff.k-tanaka: not a valid e-mail address; @k-tanaka gets no e-mail until fixed']);
  });

  it('directorySecrets lists every address, webhook URL and webhook secret, for masking', () => {
    const secrets = directorySecrets({
      customers: { acme: { contacts: ['a@acme.example'] } },
      staff: { k: 'k@p.example' },
      webhooks: [{ id: 'h', kind: 'statuspage', url: 'https://hook.example/x', secret: 's3cret' }],
    } as never);
    expect(secrets.sort()).toEqual(['a@acme.example', 'https://hook.example/x', 'k@p.example', 's3cret']);
  });
});
