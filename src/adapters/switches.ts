/**
 * How adapters wait: not configuration from the environment but switches the
 * caller passes in. Entry points run with PRODUCTION; tests pass their own
 * (test/helpers/script-entry.ts). Kept apart from ports-from-env.ts so an entry
 * point that builds no port does not load the provider SDKs.
 */
export interface Switches {
  /** Wait out GitHub's rate limits and retry its 5xx (octokit's plugins). Tests against a fake turn it off. */
  patient: boolean;
  /** How retries and rate limits wait (e-mail, webhooks); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Files the checker gives one thread before it starts another; tests pass 1 to run a few files on worker threads. */
  perThread?: number;
}

export const PRODUCTION: Switches = { patient: true };
