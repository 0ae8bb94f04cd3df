/**
 * The issue port on octokit (its bundled retry and throttling plugins handle
 * rate limits and 5xx); every request has a timeout, so a hanging GitHub
 * cannot stall a run. Tracking issues and the dashboard are found by a
 * hidden marker in their body, so reruns update instead of duplicating.
 */
import { Octokit } from 'octokit';
import type { IssuePort } from '../core/engine/ports.ts';
import { DASHBOARD_MARKER, trackingMarker } from '../core/engine/issue-text.ts';

export interface GitHubOptions {
  token: string;
  /** "owner/name". */
  repository: string;
  /** A local fake in tests; GITHUB_API_URL in Actions Enterprise. */
  baseUrl?: string;
  /** Tests turn octokit's waiting off. */
  patient?: boolean;
  /** Per request: a hanging GitHub costs at most this (30 s); the executor stops starting actions once the run's budget is spent. */
  timeoutMs?: number;
}

export const TRACKING_LABEL = 'incident';
export const DASHBOARD_LABEL = 'sla-dashboard';

export function githubIssuePort(options: GitHubOptions): IssuePort {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const timeout = () => options.timeoutMs ?? 30_000;
  const octokit = new Octokit({
    auth: options.token,
    request: {
      fetch: (url: string | URL | Request, init: RequestInit = {}) =>
        fetch(url, {
          ...init,
          signal: init.signal
            ? AbortSignal.any([init.signal, AbortSignal.timeout(timeout())])
            : AbortSignal.timeout(timeout()),
        }),
    },
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.patient === false ? { throttle: { enabled: false }, retry: { enabled: false } } : {}),
  });
  const find = async (label: string, marker: string) => {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      labels: label,
      state: 'all',
      per_page: 100,
    });
    return issues.find((i) => i.body?.includes(marker));
  };
  return {
    async ensureTrackingIssue(incident, title, body) {
      const found = await find(TRACKING_LABEL, trackingMarker(incident));
      if (found) return { number: found.number, url: found.html_url };
      const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels: [TRACKING_LABEL] });
      return { number: data.number, url: data.html_url };
    },
    async comment(issue_number, body) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
      return { url: data.html_url };
    },
    async closeIssue(issue_number, comment) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number, body: comment });
      await octokit.rest.issues.update({ owner, repo, issue_number, state: 'closed' });
    },
    async addLabel(issue_number, label) {
      await octokit.rest.issues.addLabels({ owner, repo, issue_number, labels: [label] });
    },
    async readDashboard() {
      return (await find(DASHBOARD_LABEL, DASHBOARD_MARKER))?.body ?? undefined;
    },
    async upsertDashboard(body) {
      const found = await find(DASHBOARD_LABEL, DASHBOARD_MARKER);
      if (found) {
        if (found.body !== body)
          await octokit.rest.issues.update({ owner, repo, issue_number: found.number, body, state: 'open' });
        return { number: found.number, url: found.html_url };
      }
      const { data } = await octokit.rest.issues.create({
        owner,
        repo,
        title: 'SLA dashboard: open incidents',
        body,
        labels: [DASHBOARD_LABEL],
      });
      return { number: data.number, url: data.html_url };
    },
  };
}
