/**
 * The one place adapters are built from the environment: GitHub
 * (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL), Resend (RESEND_API_KEY,
 * STATUS_MAIL_FROM, RESEND_BASE_URL, STATUS_MAIL_TIMEOUT_MS), webhooks
 * (STATUS_WEBHOOK_TIMEOUT_MS) and the private directory (STATUS_DIRECTORY).
 * How the adapters wait is not configuration but switches the caller passes
 * in (switches.ts): no production code reads a test switch from the environment.
 * A missing variable is a one-line error naming it.
 */
import { UserError } from '../core/errors.ts';
import type { ParsedDirectory } from '../core/engine/directory.ts';
import type { EmailPort, IssuePort } from '../core/engine/ports.ts';
import type { WebhookPort } from '../core/engine/webhooks.ts';
import { DIRECTORY_ENV, readDirectory } from './directory-store.ts';
import { githubAlertDispatch, githubIntakePort, type IntakePort } from './github-intake.ts';
import { githubIssuePort } from './github-issues.ts';
import { githubPullRequestPort, type PullRequestPort } from './github-pulls.ts';
import { resendEmailPort } from './resend-email.ts';
import type { Switches } from './switches.ts';
import { webhookPort } from './webhook.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const GITHUB_MISSING = 'GITHUB_TOKEN and GITHUB_REPOSITORY must be set';

export interface GitHubPorts {
  /** The token, for masking in logs. */
  token: string;
  issues(): IssuePort;
  pulls(): PullRequestPort;
  intake(): IntakePort;
  /** repository_dispatch of an alert (the alert receiver's `forward`). */
  alertDispatch(): (alert: unknown, signal: AbortSignal) => Promise<void>;
}

export interface PortsFromEnv {
  /** GitHub when both GITHUB_TOKEN and GITHUB_REPOSITORY are set, else undefined (optional uses: the audit's pull requests, the engine's drafts). */
  github(): GitHubPorts | undefined;
  /** GitHub, or a one-line UserError `missing` (default GITHUB_MISSING) when either variable is unset. */
  requireGitHub(missing?: string): GitHubPorts;
  /**
   * The SLA engine's senders: e-mail and GitHub issues. Each secret is required, in this order, and the first missing
   * one is named: RESEND_API_KEY, GITHUB_TOKEN, GITHUB_REPOSITORY, STATUS_MAIL_FROM.
   */
  engineSenders(remainingMs: () => number): { email: EmailPort; issues: IssuePort; secrets: string[] };
  webhooks(): WebhookPort;
  /** The private directory: problems are reported, never thrown (see directory-store.ts). */
  directory(): ParsedDirectory;
  /** Whether STATUS_DIRECTORY names a directory at all (a dry run on a laptop has none). */
  hasDirectory(): boolean;
}

export function portsFromEnv(env: Env, switches: Switches): PortsFromEnv {
  const patient = switches.patient;
  const sleep = switches.sleep ? { sleep: switches.sleep } : {};
  const githubWith = (token: string, repository: string): GitHubPorts => {
    const options = { token, repository, baseUrl: env.GITHUB_API_URL, patient };
    return {
      token,
      issues: () => githubIssuePort(options),
      pulls: () => githubPullRequestPort(options),
      intake: () => githubIntakePort(options),
      alertDispatch: () => githubAlertDispatch(options),
    };
  };
  return {
    github: () =>
      env.GITHUB_TOKEN && env.GITHUB_REPOSITORY ? githubWith(env.GITHUB_TOKEN, env.GITHUB_REPOSITORY) : undefined,
    requireGitHub(missing = GITHUB_MISSING) {
      if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) throw new UserError(missing);
      return githubWith(env.GITHUB_TOKEN, env.GITHUB_REPOSITORY);
    },
    engineSenders(remainingMs) {
      const apiKey = engineSecret(env, 'RESEND_API_KEY');
      const token = engineSecret(env, 'GITHUB_TOKEN');
      const issues = githubWith(token, engineSecret(env, 'GITHUB_REPOSITORY')).issues();
      const from = engineSecret(env, 'STATUS_MAIL_FROM');
      const email = resendEmailPort({
        apiKey,
        from,
        baseUrl: env.RESEND_BASE_URL,
        timeoutMs: Number(env.STATUS_MAIL_TIMEOUT_MS ?? 30_000),
        remainingMs,
        ...sleep,
      });
      return { email, issues, secrets: [apiKey, token] };
    },
    webhooks: () => webhookPort({ timeoutMs: Number(env.STATUS_WEBHOOK_TIMEOUT_MS ?? 10_000), ...sleep }),
    directory: () => readDirectory(env[DIRECTORY_ENV]),
    hasDirectory: () => Boolean(env[DIRECTORY_ENV]),
  };
}

function engineSecret(env: Env, name: string): string {
  const value = env[name];
  if (!value)
    throw new UserError(`${name} is not set; nothing was sent (a secret in Actions; see README, "The SLA engine")`);
  return value;
}
