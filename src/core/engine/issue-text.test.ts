import { describe, expect, it } from 'vitest';
import { catalog, makeIncident, NOW } from '../../../test/builders.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import { dashboardBody } from './issue-text.ts';

describe('the dashboard', () => {
  it('shows related incidents side by side, each row with its own clocks', () => {
    const a = makeIncident({ id: '2026-11-27-kcps-storage-a', related: ['2026-11-27-kcps-storage-b'] });
    const b = makeIncident({ id: '2026-11-27-kcps-storage-b', related: ['2026-11-27-kcps-storage-a'] });
    const lone = makeIncident({ id: '2026-11-27-kcps-lone' });
    const rows = dashboardBody([a, b, lone], catalog, ledgerOf([]), NOW)
      .split('\n')
      .filter((l) => l.startsWith('| 2026-'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\| 2026-11-27-kcps-storage-a \(related: 2026-11-27-kcps-storage-b\) \| /);
    expect(rows[1]).toMatch(/^\| 2026-11-27-kcps-storage-b \(related: 2026-11-27-kcps-storage-a\) \| /);
    expect(rows[2]).toMatch(/^\| 2026-11-27-kcps-lone \| /);
    // Same clocks as the same incident without the link: a link never moves a deadline.
    const unlinked = dashboardBody([{ ...a, related: undefined }], catalog, ledgerOf([]), NOW)
      .split('\n')
      .find((l) => l.startsWith('| 2026-'))!;
    expect(rows[0]!.replace(' (related: 2026-11-27-kcps-storage-b)', '')).toBe(unlinked);
  });
});
