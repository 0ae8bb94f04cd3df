import { describe, expect, it } from 'vitest';
import { kbi, kcps, makeIncident } from '../../../test/builders.ts';
import { clockStart, evaluateSla } from './clock.ts';

const at = (s: string) => Date.parse(s);

describe('SLA clock', () => {
  const incident = makeIncident();
  it('starts at detection and sets 30/120-minute deadlines', () => {
    const sla = evaluateSla(incident, kcps, at('2026-11-27T12:00:00+09:00'))!;
    expect(sla.clockStart).toBe(at('2026-11-20T10:02:00+09:00'));
    expect(sla.notify.by).toBe(at('2026-11-20T10:32:00+09:00'));
    expect(sla.recover).toMatchObject({ by: at('2026-11-20T12:02:00+09:00'), state: 'met', elapsedMinutes: 62 });
  });

  it('notification: met with the ledger time, missed without it after the deadline, running before', () => {
    expect(
      evaluateSla(incident, kcps, at('2026-11-27T12:00:00+09:00'), at('2026-11-20T10:20:00+09:00'))!.notify.state,
    ).toBe('met');
    expect(
      evaluateSla(incident, kcps, at('2026-11-27T12:00:00+09:00'), at('2026-11-20T10:40:00+09:00'))!.notify.state,
    ).toBe('missed');
    expect(evaluateSla(incident, kcps, at('2026-11-20T10:12:00+09:00'))!.notify).toMatchObject({
      state: 'running',
      leftMinutes: 20,
    });
    expect(evaluateSla(incident, kcps, at('2026-11-20T10:40:00+09:00'))!.notify.state).toBe('missed');
  });

  it('recovery runs until recovered_at and is missed past two hours', () => {
    const open = makeIncident({ updates: makeIncident().updates.slice(0, 2), recovered_at: undefined });
    expect(evaluateSla(open, kcps, at('2026-11-20T11:00:00+09:00'))!.recover).toMatchObject({
      state: 'running',
      leftMinutes: 62,
    });
    expect(evaluateSla(open, kcps, at('2026-11-20T12:03:00+09:00'))!.recover.state).toBe('missed');
  });

  it('a KBI inquiry on Saturday night starts at the next desk opening; monitoring does not wait', () => {
    const inquiry = makeIncident({ service: 'kbi', detection: { source: 'inquiry', at: '2025-09-13T23:10:00+09:00' } });
    expect(clockStart(inquiry, kbi)).toEqual({ at: at('2025-09-16T09:00:00+09:00'), rule: 'desk-opening' });
    const alarm = makeIncident({
      service: 'kbi',
      detection: { source: 'monitoring', at: '2025-09-13T23:10:00+09:00' },
    });
    expect(clockStart(alarm, kbi)).toEqual({ at: at('2025-09-13T23:10:00+09:00'), rule: 'detection' });
    const kcpsInquiry = makeIncident({ detection: { source: 'inquiry', at: '2025-09-13T23:10:00+09:00' } });
    expect(clockStart(kcpsInquiry, kcps)?.rule).toBe('detection');
  });

  it('maintenance has no SLA clock', () => {
    expect(
      evaluateSla(makeIncident({ type: 'maintenance', detection: undefined }), kcps, at('2026-11-27T12:00:00+09:00')),
    ).toBeUndefined();
  });
});
