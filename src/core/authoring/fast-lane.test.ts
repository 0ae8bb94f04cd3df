import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../../test/builders.ts';
import { appendUpdate } from './operations.ts';
import { alreadyCarried, notALiveUpdate } from './fast-lane.ts';

const base = makeIncident();
const NOW = Date.parse('2026-11-21T10:00:00+09:00');
const next = appendUpdate(
  base,
  { status: 'investigating', message: { ja: '再発', en: 'Back' }, reopenReason: 'Latency returned' },
  NOW,
);

describe('what the fast lane may carry', () => {
  it('appended updates, recovery time and customer actions are a live update', () => {
    expect(notALiveUpdate(base, next)).toBeUndefined();
    expect(notALiveUpdate(base, { ...next, customer_actions: { ja: '再起動', en: 'Restart' } })).toBeUndefined();
    expect(notALiveUpdate(base, base)).toBeUndefined();
  });

  it.each([
    [
      'a fixed fact',
      { ...next, detection: { ...next.detection!, at: '2026-11-20T09:00:00+09:00' } },
      'detection.at changed',
    ],
    ['the severity', { ...next, severity: 'sev1' as const }, 'severity changed'],
    [
      'the postmortem',
      {
        ...next,
        postmortem: { status: 'approved' as const, approvers: ['t-sato'], approved_at: '2026-11-21T09:00:00+09:00' },
      },
      'postmortem.status, postmortem.approvers, postmortem.approved_at changed',
    ],
    [
      'a published update',
      { ...next, updates: [{ ...next.updates[0]!, message: { ja: 'x', en: 'y' } }, ...next.updates.slice(1)] },
      'published update 1 edited',
    ],
    ['a removed update', { ...base, updates: base.updates.slice(1) }, '1 published update(s) removed'],
  ])('%s is not', (_label, head, why) => {
    expect(notALiveUpdate(base, head)).toBe(why);
  });

  it('a retry of the update the remote already ends with is recognised; a different one is not', () => {
    expect(
      alreadyCarried(
        next,
        appendUpdate(
          next,
          { status: 'investigating', message: { ja: '再発', en: 'Back' }, reopenReason: 'Latency returned' },
          NOW + 60_000,
        ),
      ),
    ).toBe(true);
    expect(
      alreadyCarried(next, appendUpdate(next, { status: 'identified', message: { ja: '再発', en: 'Back' } }, NOW)),
    ).toBe(false);
    expect(alreadyCarried(base, next)).toBe(false);
  });

  it("a retry is recognised anywhere after the local copy's last update, not only at the end (a colleague pushed after the lost answer)", () => {
    const colleague = appendUpdate(
      next,
      { status: 'identified', message: { ja: '同僚', en: 'Colleague' } },
      NOW + 60_000,
    );
    const retry = appendUpdate(
      colleague,
      { status: 'investigating', message: { ja: '再発', en: 'Back' }, reopenReason: 'Latency returned' },
      NOW + 120_000,
    );
    expect(alreadyCarried(colleague, retry, base.updates.length)).toBe(true);
    expect(alreadyCarried(colleague, retry)).toBe(false);
    // From an up-to-date local copy the same words are a new update.
    expect(alreadyCarried(colleague, retry, colleague.updates.length)).toBe(false);
  });
});
