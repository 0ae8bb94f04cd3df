import { describe, expect, it } from 'vitest';
import { parseDirectory } from './directory.ts';

describe('the private directory, entry by entry', () => {
  it('keeps every usable entry and names each problem by its path, never by the address', () => {
    const { directory, problems } = parseDirectory({
      customers: {
        'cust-000001': { contacts: ['ok@a.example', 'not-an-address', 'OK@a.example'] },
        'cust-000002': { contacts: ['bad@@b'] },
        'cust-000003': { contacts: [] },
        'cust-000004': 'ops@d.example',
        'acme-corp': { contacts: ['x@e.example'] },
        'ops@g.example': { contacts: ['ops@g.example'] },
        'cust-000005': { contacts: ['fine@f.example'] },
      },
      staff: {
        't-sato': 't.sato@provider.example',
        'k-tanaka': 'k.tanaka-at-provider',
        'z@provider.example': 'z@provider.example',
      },
      'y@provider.example': {},
    });
    expect(directory).toEqual({
      customers: { 'cust-000001': { contacts: ['ok@a.example'] }, 'cust-000005': { contacts: ['fine@f.example'] } },
      staff: { 't-sato': 't.sato@provider.example' },
    });
    expect(problems).toEqual([
      '1 unknown section(s) left out (expected only "customers", "staff" and "webhooks")',
      'customers.cust-000001.contacts.1: not a valid e-mail address; this contact gets no e-mail until fixed',
      'customers.cust-000001.contacts.2: listed twice; sent once',
      'customers.cust-000002.contacts.0: not a valid e-mail address; this contact gets no e-mail until fixed',
      'customers.cust-000002: no valid contact; this customer gets no e-mail until fixed',
      'customers.cust-000003: no contacts; this customer gets no e-mail until one is added',
      'customers.cust-000004: expected { contacts: [address, …] }; this customer gets no e-mail until fixed',
      'customers (entry 5): the key is not a customer id (cust-…); left out',
      'customers (entry 6): the key is not a customer id (cust-…); left out',
      'staff.k-tanaka: not a valid e-mail address; @k-tanaka gets no e-mail until fixed',
      'staff (entry 3): the key is not a GitHub login; left out',
    ]);
    // Hostile: addresses typed as keys or values are never echoed.
    expect(problems.join('\n')).not.toMatch(/[\w.-]@[\w-]|example|not-an-address|tanaka-at/);
  });

  it('not a mapping at all, or a section of the wrong shape: reported, and nothing usable from it', () => {
    expect(parseDirectory('customers: oops')).toEqual({
      directory: { customers: {}, staff: {} },
      problems: ['directory: expected a mapping with "customers" and "staff"'],
    });
    expect(parseDirectory({ customers: ['a'], staff: 'b' }).problems).toEqual([
      'customers: expected a mapping of customer id to { contacts: [...] }',
      'staff: expected a mapping of GitHub login to address',
    ]);
  });
});

describe('webhook endpoints in the private directory', () => {
  it('a broken endpoint is left out by its position and field, never echoing its URL or secret; the others stay usable', () => {
    const { directory, problems } = parseDirectory({
      customers: {},
      staff: {},
      webhooks: [
        { id: 'ok-hook', kind: 'slack', url: 'https://hooks.example.net/services/AAA' },
        { id: 'signed', kind: 'statuspage', url: 'https://recv.example.net/hook' },
        { id: 'ok-hook', kind: 'teams', url: 'https://teams.example.net/x' },
        { id: 'bad-url', kind: 'slack', url: 'not a url with-secret-token-123' },
      ],
    });
    expect(directory.webhooks?.map((w) => w.id)).toEqual(['ok-hook']);
    expect(problems).toEqual([
      'webhooks.1: secret not valid; this endpoint gets nothing until fixed',
      'webhooks.2: id "ok-hook" is used twice; left out',
      'webhooks.3: url not valid; this endpoint gets nothing until fixed',
    ]);
    expect(problems.join('\n')).not.toContain('with-secret-token-123');
  });
});
