/** What the SLA engine may do, as data: planned by plan.ts, performed by the executor, recorded in the ledger. */

import type { MaintenanceMoment, Target } from '../ledger/ledger.ts';

interface Base {
  /** Idempotency key: the ledger key written when the action succeeds, and the provider's idempotency key. */
  key: string;
  incident: string;
  /** RFC 3339: when the action became due. */
  at: string;
  /** Why it is due, for people reading the plan. */
  reason: string;
}

export type Action =
  /**
   * `event` for customers who had an earlier notice; `firstNotice` lists those who had none (they get the first notice instead).
   * `notice` is the notice's own key when this action only adds customers who joined the incident after the notice was complete.
   */
  | (Base & {
      kind: 'customer-email';
      event: 'initial' | 'update' | 'resolution';
      updateIndex: number;
      customers: string[];
      firstNotice?: string[];
      notice?: string;
    })
  | (Base & { kind: 'manager-notification'; updateIndex: number; status: string; manager: string })
  | (Base & { kind: 'warning'; target: Target; deadline: string; minutesLeft: number; recipients: string[] })
  | (Base & { kind: 'breach'; target: Target; deadline: string; stoppedAt?: string; recipients: string[] })
  | (Base & { kind: 'tracking-issue'; title: string; manager: string })
  /** A breach already raised, not yet shown on the tracking issue (it did not exist then, or GitHub failed): comment and `sla-breach` label. */
  | (Base & { kind: 'breach-on-issue'; target: Target; deadline: string; recipients: string[] })
  | (Base & { kind: 'tracking-comment'; updateIndex: number; manager: string; body: string })
  | (Base & { kind: 'close-tracking-issue'; closedAt: string })
  | (Base & {
      kind: 'maintenance-reminder';
      moment: MaintenanceMoment;
      window: { start: string; end: string };
      recipients: string[];
    });

export type ActionKind = Action['kind'];
